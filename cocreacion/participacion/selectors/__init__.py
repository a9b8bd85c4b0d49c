"""Reexporta lo de cada dominio de la participación ciudadana."""

from .seguimiento import Seguido, seccion_mis_avisos, suscripciones_de, suscriptor_de_cuenta

__all__ = ["Seguido", "seccion_mis_avisos", "suscripciones_de", "suscriptor_de_cuenta"]
