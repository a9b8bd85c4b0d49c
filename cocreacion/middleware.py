"""Middleware propio: excepciones estrechas de CSP y páginas claras si la base o el disco fallan."""

import errno
import logging
import re

from django.db import OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)

# Páginas de terceros en el admin que traen estilos o manejadores en línea
# (django-import-export: exportar; django-simple-history: historial). Sólo ellas los admiten.
EXCEPCIONES_CSP = [
    (re.compile(r"^/admin/.+/history/"), {"style-src-attr": ["'unsafe-inline'"]}),
    (
        re.compile(r"^/admin/.+/(export|import)/"),
        {
            "style-src-attr": ["'unsafe-inline'"],
            "script-src-attr": ["'unsafe-inline'"],
        },
    ),
]


class ExcepcionesCSPAdmin:
    """Va después de CSPMiddleware en MIDDLEWARE: su respuesta pasa por aquí antes."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        respuesta = self.get_response(request)
        for patron, ampliacion in EXCEPCIONES_CSP:
            if patron.match(request.path):
                respuesta._csp_update = ampliacion
                break
        return respuesta


class BaseDeDatosNoDisponible:
    """Si la base de datos no responde, una página 503 en español en vez de un error 500.

    No cierra la conexión aquí: Django la revisa al empezar la siguiente petición
    (``CONN_HEALTH_CHECKS``) y abre una nueva si está rota, así el portal se recupera solo
    cuando la base vuelve.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, OperationalError):
            return None
        logger.error("Base de datos no disponible: %s", exception)
        contenido = render_to_string("503.html")
        respuesta = HttpResponse(contenido, status=503)
        respuesta["Retry-After"] = "30"
        return respuesta


# Disco lleno o cuota agotada al guardar un archivo subido.
ERRORES_DE_ESPACIO = {errno.ENOSPC, errno.EDQUOT}


class SinEspacioEnDisco:
    """Si el disco se llena al guardar un archivo, una página 507 que lo explica.

    No queda nada a medias: el almacenamiento borra el archivo parcial
    (``cocreacion.almacenamiento``) y la transacción de la vista (el admin guarda dentro de una)
    o del servicio deshace el registro.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, OSError) or exception.errno not in ERRORES_DE_ESPACIO:
            return None
        logger.critical("Sin espacio para guardar un archivo subido: %s", exception)
        return HttpResponse(render_to_string("507.html", request=request), status=507)
