"""Modelos del programa anual de trabajo (OELA).

``programa``: Programa → Objetivo → Estrategia → LineaAccion → Accion.
``seguimiento``: Avance, Actividad y Requerimiento.
"""

from .programa import (
    MESES,
    Accion,
    EstadoPrograma,
    Estrategia,
    LineaAccion,
    LugarSeccion,
    Objetivo,
    Programa,
    ProgramaQuerySet,
    SeccionPrograma,
    TipoBloque,
)
from .seguimiento import (
    Actividad,
    Avance,
    EstadoRequerimiento,
    Modalidad,
    Requerimiento,
    TipoActividad,
    TipoRequerimiento,
)

__all__ = [
    "MESES",
    "LugarSeccion",
    "SeccionPrograma",
    "TipoBloque",
    "Accion",
    "Actividad",
    "Avance",
    "EstadoPrograma",
    "EstadoRequerimiento",
    "Estrategia",
    "LineaAccion",
    "Modalidad",
    "Objetivo",
    "Programa",
    "ProgramaQuerySet",
    "Requerimiento",
    "TipoActividad",
    "TipoRequerimiento",
]
