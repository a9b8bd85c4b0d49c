"""Valores que terminan en una dirección del portal, y enlaces que nunca tumban una página.

Un folio de dictamen (``DGA/DIP/2021-S1/0007``) se arma con las siglas del área de la
institución; si éstas llevan un punto o un espacio, el folio no cabe en la dirección
``/interes-publico/dictamenes/<folio>/`` y ``reverse`` lanza ``NoReverseMatch`` en cada página
que lo enlaza (la portada, la ficha del sujeto obligado, el mapa del sitio). Por eso:

1. Los valores se validan donde se capturan (``validar_siglas_del_area`` en el modelo, y el
   servicio que aprueba comprueba el folio antes de asignarlo).
2. Construir un enlace público nunca lanza (``enlace_seguro``): si un dato viejo no es
   enlazable, la página se muestra sin esa liga y queda en la bitácora para corregirlo.
"""

import logging
import re

from django.core.exceptions import ValidationError
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

# Lo que admite el convertidor de folios de ``cocreacion.listados.urls``: segmentos de letras,
# números, guion bajo y guion, separados por diagonales.
PATRON_FOLIO = r"[\w-]+(?:/[\w-]+)*"
_FOLIO = re.compile(PATRON_FOLIO)
_SIGLAS = re.compile(r"[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*")


def folio_enlazable(folio: str | None) -> bool:
    return bool(folio) and _FOLIO.fullmatch(folio) is not None


def validar_siglas_del_area(valor: str) -> None:
    """Las siglas del área son el primer segmento del folio de cada dictamen y de su dirección."""
    if not _SIGLAS.fullmatch(valor or ""):
        raise ValidationError(
            _(
                "Siglas del área «%(valor)s» no válidas: forman el folio de cada dictamen y su "
                "dirección en el portal (p. ej. «DGA/DIP/2021-S1/0007»). Use sólo letras sin "
                "acentos, números y guiones, sin puntos, diagonales ni espacios (p. ej. «DGA» "
                "en vez de «D.G.A.»)."
            ),
            code="siglas_no_enlazables",
            params={"valor": valor},
        )


def enlace_seguro(nombre: str, **kwargs) -> str:
    """``reverse(nombre, kwargs=kwargs)``, o ``""`` (y una línea en la bitácora) si no se puede."""
    try:
        return reverse(nombre, kwargs=kwargs)
    except NoReverseMatch:
        logger.error(
            "No se pudo construir el enlace %s con %r: la página se muestra sin esa liga; "
            "corrija el dato.",
            nombre,
            kwargs,
        )
        return ""
