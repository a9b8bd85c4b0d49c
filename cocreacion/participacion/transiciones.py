"""La tabla de pasos de una propuesta publicada: se declara una sola vez.

La leen el servicio (``services.propuestas.propuesta_avanzar``), el admin (qué botones ofrece)
y las pruebas (cada paso válido e inválido). Un paso lleva siempre una respuesta pública
razonada; el de «incorporada» pide además a qué se incorporó.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .models import EstadoPropuesta
from .permissions import PERMISO_MODERAR


@dataclass(frozen=True)
class Transicion:
    codigo: str
    etiqueta: str
    origenes: tuple[str, ...]
    destino: str
    permiso: str
    pide_vinculo: bool = False


TRANSICIONES: tuple[Transicion, ...] = (
    Transicion(
        "analizar",
        _("Pasar a análisis"),
        (EstadoPropuesta.RECIBIDA,),
        EstadoPropuesta.EN_ANALISIS,
        PERMISO_MODERAR,
    ),
    Transicion(
        "incorporar",
        _("Incorporada"),
        (EstadoPropuesta.EN_ANALISIS,),
        EstadoPropuesta.INCORPORADA,
        PERMISO_MODERAR,
        pide_vinculo=True,
    ),
    Transicion(
        "no_incorporar",
        _("No incorporada"),
        (EstadoPropuesta.EN_ANALISIS,),
        EstadoPropuesta.NO_INCORPORADA,
        PERMISO_MODERAR,
    ),
)

POR_CODIGO = {t.codigo: t for t in TRANSICIONES}


def transicion(codigo: str) -> Transicion | None:
    return POR_CODIGO.get(codigo)


def disponibles(estado: str) -> list[Transicion]:
    """Los pasos que parten de ``estado`` (sin mirar quién los pide)."""
    return [t for t in TRANSICIONES if estado in t.origenes]
