"""Reexporta lo de cada dominio de la participación ciudadana."""

from .seguimiento import PedirEnlaceForm, SeguirForm

__all__ = ["PedirEnlaceForm", "SeguirForm"]
