"""Reexporta lo de cada dominio de la participación ciudadana."""

from . import seguimiento

__all__ = ["seguimiento"]
