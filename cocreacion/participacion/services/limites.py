"""Límites contra el abuso: cuántas veces por hora puede escribir una dirección IP o un correo.

Viven en la caché de Django (Redis compartido en producción, así que valen entre procesos y
servidores): una ventana fija por límite, con ``cache.add`` e ``incr`` atómicos. Se cuentan los
intentos, no sólo los que se guardan. Los límites se ajustan en ``PARTICIPACION_LIMITES``.
La dirección IP no se guarda en la base: sólo su resumen, en la caché, mientras dura la ventana.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# (máximo de intentos, segundos de la ventana)
LIMITES_POR_OMISION = {
    "propuesta_ip": (10, 3600),
    "propuesta_correo": (5, 3600),
    "apoyo_ip": (60, 3600),
    "apoyo_correo": (30, 3600),
    "borrado_ip": (10, 3600),
    "borrado_correo": (3, 3600),
}


class LimiteExcedido(ValidationError):
    """Demasiados intentos seguidos desde la misma dirección o con el mismo correo."""


def _limites() -> dict:
    return {**LIMITES_POR_OMISION, **getattr(settings, "PARTICIPACION_LIMITES", {})}


def _cache():
    return caches[getattr(settings, "PARTICIPACION_CACHE", "default")]


def contar_intento(tipo: str, quien: str | None, ventana: int) -> int:
    """Cuenta un intento de ``quien`` (IP o huella) en la ventana fija de ``ventana`` segundos y
    devuelve cuántos lleva. La única cuenta de intentos de la participación y el seguimiento."""
    resumen = hashlib.sha256((quien or "desconocido").encode()).hexdigest()[:32]
    clave = f"participacion:limite:{tipo}:{resumen}:{int(time.time() // ventana)}"
    cache = _cache()
    cache.add(clave, 0, ventana)
    try:
        return cache.incr(clave)
    except ValueError:  # la clave expiró entre add e incr
        cache.set(clave, 1, ventana)
        return 1


def exigir(tipo: str, quien: str | None) -> None:
    """Cuenta un intento de ``quien`` (IP o huella); si pasa del límite, ``LimiteExcedido``."""
    maximo, ventana = _limites()[tipo]
    intentos = contar_intento(tipo, quien, ventana)
    if intentos > maximo:
        minutos = max(1, ventana // 60)
        raise LimiteExcedido(
            _(
                "Recibimos demasiados envíos seguidos. Espere un rato (hasta %(m)s minutos) y "
                "vuelva a intentarlo."
            )
            % {"m": minutos},
            code="limite",
        )
