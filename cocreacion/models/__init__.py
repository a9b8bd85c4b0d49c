"""Modelos de la app ``cocreacion``: institución, catálogos y los de sus sub-paquetes.

Se reexportan aquí para que el resto del proyecto importe desde ``cocreacion.models``.
"""

from cocreacion.models.catalogos import (
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

from cocreacion.listados.models import (  # noqa: E402
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

from cocreacion.operacion.models import GeneracionDeDatos  # noqa: E402

__all__ += ["GeneracionDeDatos"]

from cocreacion.portal.models import (  # noqa: E402
    NotificacionEnviada,
    PreferenciaNotificacion,
    TipoNotificacion,
)

__all__ += ["NotificacionEnviada", "PreferenciaNotificacion", "TipoNotificacion"]

from cocreacion.portal.models import CambioPublico  # noqa: E402

__all__ += ["CambioPublico"]
