"""Reexporta lo de cada dominio de la participación ciudadana."""

from .consultas import (
    CAMPO_DEL_DESTINO,
    Consulta,
    ConsultaQuerySet,
    Destino,
)
from .propuestas import (
    ANONIMO,
    CAMPOS_VINCULO,
    Apoyo,
    BorradoDeDatos,
    EstadoPropuesta,
    Moderacion,
    MotivoRechazo,
    PasoPropuesta,
    Propuesta,
    PropuestaQuerySet,
    TemaPropuesta,
)
from .seguimiento import Suscripcion, Suscriptor

__all__ = [
    "ANONIMO",
    "Apoyo",
    "BorradoDeDatos",
    "CAMPOS_VINCULO",
    "CAMPO_DEL_DESTINO",
    "Consulta",
    "ConsultaQuerySet",
    "Destino",
    "EstadoPropuesta",
    "Moderacion",
    "MotivoRechazo",
    "PasoPropuesta",
    "Propuesta",
    "PropuestaQuerySet",
    "Suscripcion",
    "Suscriptor",
    "TemaPropuesta",
]
