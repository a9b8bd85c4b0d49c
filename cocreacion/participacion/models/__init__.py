"""Reexporta lo de cada dominio de la participación ciudadana."""

from .seguimiento import Suscripcion, Suscriptor

__all__ = ["Suscripcion", "Suscriptor"]
