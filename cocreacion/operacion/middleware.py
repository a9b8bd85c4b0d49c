"""Middleware propio: excepciones estrechas de CSP y páginas claras si la base o el disco fallan."""

import errno
import logging
import re
import sys

import psycopg
from django.db import DatabaseError, InterfaceError, OperationalError, connections
from django.http import HttpResponse
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)

# Disco lleno o cuota agotada al guardar un archivo subido (o su temporal).
ERRORES_DE_ESPACIO = {errno.ENOSPC, errno.EDQUOT}

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


# Errores que significan «se perdió la conexión», envueltos por Django o no: psycopg los lanza
# tal cual desde lugares que Django no envuelve, como el cierre de un cursor del servidor
# (``QuerySet.iterator()`` en PostgreSQL) cuando la conexión ya murió.
ERRORES_DE_CONEXION = (
    OperationalError,
    InterfaceError,
    psycopg.OperationalError,
    psycopg.InterfaceError,
)


def _conexion_rota() -> bool:
    for conexion in connections.all(initialized_only=True):
        cruda = conexion.connection
        if cruda is not None and (getattr(cruda, "broken", False) or cruda.closed):
            return True
    return False


def _cadena(excepcion):
    """La excepción y las que la causaron (p. ej. un error de PDF que envuelve uno de la base)."""
    vistas = set()
    while excepcion is not None and id(excepcion) not in vistas and len(vistas) < 10:
        vistas.add(id(excepcion))
        yield excepcion
        excepcion = excepcion.__cause__ or excepcion.__context__


def es_base_perdida(excepcion) -> bool:
    """Si ``excepcion`` viene de una base de datos que no responde (y no de un error de datos)."""
    for error in _cadena(excepcion):
        if isinstance(error, ERRORES_DE_CONEXION):
            return True
        if isinstance(error, DatabaseError | psycopg.Error) and _conexion_rota():
            return True
    return False


def es_disco_lleno(excepcion) -> bool:
    return any(
        isinstance(error, OSError) and error.errno in ERRORES_DE_ESPACIO
        for error in _cadena(excepcion)
    )


def respuesta_503() -> HttpResponse:
    # Sin ``request``: los procesadores de contexto consultan la base, que no responde.
    respuesta = HttpResponse(render_to_string("503.html"), status=503)
    respuesta["Retry-After"] = "30"
    return respuesta


def respuesta_507() -> HttpResponse:
    return HttpResponse(render_to_string("507.html"), status=507)


def error_del_servidor(request):
    """``handler500``: lo que se escapó de las vistas también recibe su 503 o 507.

    ``process_exception`` sólo ve lo que lanza la vista. Esto atiende lo demás: un error
    al dibujar la página 404 (su encabezado consulta la institución), un middleware que
    consulta la base, o un disco lleno mientras Django guarda en ``FILE_UPLOAD_TEMP_DIR`` una
    subida grande (eso ocurre al leer ``request.POST`` en CSRF, antes de la vista). Django
    llama a este manejador dentro de su ``except``: ``sys.exception()`` es el error.
    """
    excepcion = sys.exc_info()[1]
    if es_base_perdida(excepcion):
        logger.error("Base de datos no disponible: %s", excepcion)
        return respuesta_503()
    if es_disco_lleno(excepcion):
        logger.critical("Sin espacio en disco: %s", excepcion)
        return respuesta_507()
    return HttpResponse(render_to_string("500.html"), status=500)


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
        if not es_base_perdida(exception):
            return None
        logger.error("Base de datos no disponible: %s", exception)
        return respuesta_503()


class SinEspacioEnDisco:
    """Si el disco se llena al guardar un archivo, una página 507 que lo explica.

    No queda nada a medias: el almacenamiento borra el archivo parcial
    (``cocreacion.operacion.almacenamiento``) y la transacción de la vista (el admin guarda dentro
    de una) o del servicio deshace el registro.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not es_disco_lleno(exception):
            return None
        logger.critical("Sin espacio para guardar un archivo subido: %s", exception)
        return respuesta_507()
