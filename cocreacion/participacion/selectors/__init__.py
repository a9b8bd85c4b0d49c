"""Reexporta lo de cada dominio de la participación ciudadana."""

from .consultas import (
    anotar_apoyos,
    consulta_publica,
    consultas_por_momento,
    consultas_publicas,
    conteo_por_estado,
    lo_que_la_atendio,
    prefetch_propuestas_de_origen,
    propuesta_publica,
    propuestas_publicadas,
)
from .seguimiento import Seguido, seccion_mis_avisos, suscripciones_de, suscriptor_de_cuenta

__all__ = [
    "anotar_apoyos",
    "Seguido",
    "consulta_publica",
    "consultas_por_momento",
    "consultas_publicas",
    "conteo_por_estado",
    "lo_que_la_atendio",
    "prefetch_propuestas_de_origen",
    "propuesta_publica",
    "propuestas_publicadas",
    "seccion_mis_avisos",
    "suscripciones_de",
    "suscriptor_de_cuenta",
]
