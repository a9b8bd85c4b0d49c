"""Modelos del núcleo: institución, catálogos compartidos y listados de interés público.

Se reexportan aquí para que el resto del proyecto importe desde ``cocreacion.models``.
"""

from .catalogos import (
    Disposicion,
    Enlace,
    EntidadFederativa,
    EstadoLey,
    Institucion,
    MetaODS,
    Municipio,
    ObjetivoDesarrolloSostenible,
    OrdenGobierno,
    Organizacion,
    Origen,
    SujetoObligado,
    TipoSujetoObligado,
    campo_fuente,
    campo_origen,
    normalizar_nombre,
)

__all__ = [
    "Disposicion",
    "EstadoLey",
    "Enlace",
    "EntidadFederativa",
    "Institucion",
    "MetaODS",
    "Municipio",
    "ObjetivoDesarrolloSostenible",
    "OrdenGobierno",
    "Organizacion",
    "Origen",
    "SujetoObligado",
    "TipoSujetoObligado",
    "campo_fuente",
    "campo_origen",
    "normalizar_nombre",
]

from .listados import (  # noqa: E402
    Dictamen,
    ElementoListado,
    EstadoListado,
    Listado,
    Periodicidad,
    PeriodoListado,
    Resolucion,
)

__all__ += [
    "Dictamen",
    "ElementoListado",
    "EstadoListado",
    "Listado",
    "Periodicidad",
    "PeriodoListado",
    "Resolucion",
]

from .generacion import GeneracionDeDatos  # noqa: E402

__all__ += ["GeneracionDeDatos"]

from .notificaciones import (  # noqa: E402
    NotificacionEnviada,
    PreferenciaNotificacion,
    TipoNotificacion,
)

__all__ += ["NotificacionEnviada", "PreferenciaNotificacion", "TipoNotificacion"]

from .cambios import CambioPublico  # noqa: E402

__all__ += ["CambioPublico"]
