"""Reexporta lo de cada dominio de la participación ciudadana."""

from .propuestas import ApoyoForm, BorradoForm, ConTrampa, PropuestaForm
from .seguimiento import PedirEnlaceForm, SeguirForm

__all__ = [
    "ApoyoForm",
    "BorradoForm",
    "ConTrampa",
    "PedirEnlaceForm",
    "PropuestaForm",
    "SeguirForm",
]
