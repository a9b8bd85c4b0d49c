"""Reexporta lo de cada dominio de la participación ciudadana."""

from . import seguimiento
from .consultas import consulta, participa, privacidad, propuesta
from .propuestas import (
    apoyar,
    apoyo_confirmar,
    apoyo_enviado,
    borrar,
    borrar_confirmar,
    borrar_enviado,
    proponer,
    propuesta_confirmar,
    propuesta_enviada,
)

__all__ = [
    "apoyar",
    "apoyo_confirmar",
    "apoyo_enviado",
    "borrar",
    "borrar_confirmar",
    "borrar_enviado",
    "consulta",
    "participa",
    "privacidad",
    "proponer",
    "propuesta",
    "propuesta_confirmar",
    "propuesta_enviada",
    "seguimiento",
]
