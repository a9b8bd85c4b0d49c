"""Reexporta lo de cada dominio de la participación ciudadana."""

from .seguimiento import (
    Confirmacion,
    EnlaceCaducado,
    EnlaceNoValido,
    ResultadoResumen,
    baja_de_un_clic,
    enlace_baja,
    enlace_suscripciones,
    enlace_suscripciones_solicitar,
    huella_de,
    pendientes_caducadas_borrar,
    resumen_diario_enviar,
    suscripcion_confirmar,
    suscripcion_solicitar,
    suscripciones_quitar,
    suscriptor_de_baja,
    suscriptor_de_suscripciones,
)

__all__ = [
    "Confirmacion",
    "EnlaceCaducado",
    "EnlaceNoValido",
    "ResultadoResumen",
    "baja_de_un_clic",
    "enlace_baja",
    "enlace_suscripciones",
    "enlace_suscripciones_solicitar",
    "huella_de",
    "pendientes_caducadas_borrar",
    "resumen_diario_enviar",
    "suscripcion_confirmar",
    "suscripcion_solicitar",
    "suscripciones_quitar",
    "suscriptor_de_baja",
    "suscriptor_de_suscripciones",
]
