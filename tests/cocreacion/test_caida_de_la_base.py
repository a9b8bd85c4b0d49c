"""Caída real de la base de datos: 503 en español a mitad de la petición y recuperación sola.

En PostgreSQL se corta de verdad la conexión del portal con ``pg_terminate_backend`` desde otra
conexión, mientras la petición espera un candado sobre la tabla que consulta (así el corte cae
a mitad de camino, no antes ni después). En SQLite, que no tiene procesos que terminar, la misma
prueba corta la conexión con un ``OperationalError`` en la consulta de esa tabla: lo que se
comprueba (la página 503 y la recuperación) es lo mismo.

Las peticiones pasan por el ``WSGIHandler`` real (no por el cliente de pruebas, que desconecta
``close_old_connections``): así la conexión persiste entre peticiones como en gunicorn
(``CONN_MAX_AGE``) y la revisión de ``CONN_HEALTH_CHECKS`` al empezar cada petición es la real.
"""

import contextlib
import io
import itertools
import threading
import time
import urllib.error
import urllib.request
from unittest import mock

import pytest
from django.conf import settings
from django.core.handlers.wsgi import WSGIHandler
from django.db import OperationalError, connection, connections

pytestmark = pytest.mark.django_db(transaction=True)

PAGINA = "/sujetos-obligados/"
TABLA = "cocreacion_sujetoobligado"
AVISO = "no está disponible por el momento"


_peticiones = itertools.count()


def pedir(ruta=PAGINA):
    """Una petición por el manejador WSGI de producción; devuelve (estado, cuerpo, encabezados).

    Cada una lleva su propia query string: la caché de páginas no debe responder por la vista,
    que es la que tiene que toparse con la base cortada.
    """
    resultado = {}

    def iniciar(estado, encabezados, exc_info=None):
        resultado["estado"] = int(estado.split()[0])
        resultado["encabezados"] = dict(encabezados)

    entorno = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": ruta,
        "QUERY_STRING": f"intento={next(_peticiones)}",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": io.StringIO(),
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
        "wsgi.version": (1, 0),
    }
    respuesta = WSGIHandler()(entorno, iniciar)
    try:
        cuerpo = b"".join(respuesta).decode()
    finally:
        respuesta.close()
    return resultado["estado"], cuerpo, resultado["encabezados"]


def pid_del_portal():
    return connection.connection.info.backend_pid


def conexion_aparte():
    """Otra conexión a la misma base de pruebas (la de quien «apaga» la base)."""
    nueva = connection.get_new_connection(connection.get_connection_params())
    nueva.autocommit = True
    return nueva


@contextlib.contextmanager
def corte_a_mitad_de_peticion():
    """Corta la conexión del portal mientras atiende la siguiente petición."""
    if connection.vendor != "postgresql":
        yield from _corte_simulado()
        return
    candado = conexion_aparte()
    candado.autocommit = False
    candado.execute(f"LOCK TABLE {TABLA} IN ACCESS EXCLUSIVE MODE")
    terminados = []

    def apagar():
        with conexion_aparte() as otra:
            for _ in range(400):
                fila = otra.execute(
                    "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
                    "AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()"
                ).fetchone()
                if fila:
                    otra.execute("SELECT pg_terminate_backend(%s)", [fila[0]])
                    terminados.append(fila[0])
                    return
                time.sleep(0.025)

    hilo = threading.Thread(target=apagar)
    hilo.start()
    try:
        yield terminados
    finally:
        hilo.join(timeout=15)
        candado.rollback()
        candado.close()


def _corte_simulado():
    terminados = []

    def cortar(ejecutar, sql, parametros, muchos, contexto):
        if TABLA in sql and not terminados:
            terminados.append("simulado")
            raise OperationalError("server closed the connection unexpectedly")
        return ejecutar(sql, parametros, muchos, contexto)

    with connection.execute_wrapper(cortar):
        yield terminados


def test_la_configuracion_reconecta_sola():
    base = settings.DATABASES["default"]
    assert base["CONN_HEALTH_CHECKS"] is True
    assert base["CONN_MAX_AGE"] > 0  # conexiones persistentes: la revisión sí hace falta


def test_corte_a_mitad_de_peticion_da_503_y_la_siguiente_funciona(sujeto_obligado):
    estado, cuerpo, _ = pedir()
    assert estado == 200 and "Secretaría de Prueba" in cuerpo
    with corte_a_mitad_de_peticion() as terminados:
        estado, cuerpo, encabezados = pedir()
    assert terminados, "la conexión del portal no llegó a cortarse"
    assert estado == 503
    assert AVISO in cuerpo and 'lang="es-MX"' in cuerpo
    assert encabezados["Retry-After"] == "30"
    # La siguiente petición se atiende sola, sin reiniciar nada.
    estado, cuerpo, _ = pedir()
    assert estado == 200 and "Secretaría de Prueba" in cuerpo
    if connection.vendor == "postgresql":
        assert pid_del_portal() != terminados[0]


def test_corte_entre_peticiones_lo_repara_la_revision_de_salud(sujeto_obligado):
    """Con la conexión persistente muerta entre peticiones, nadie ve un 503."""
    assert pedir()[0] == 200
    if connection.vendor == "postgresql":
        anterior = pid_del_portal()
        assert pedir()[0] == 200 and pid_del_portal() == anterior  # persiste (CONN_MAX_AGE)
        with conexion_aparte() as otra:
            otra.execute("SELECT pg_terminate_backend(%s)", [anterior])
        revision = contextlib.nullcontext()
    else:
        # SQLite en memoria no se puede cerrar sin perder la base: la revisión de salud
        # encuentra la conexión inservible, que es lo que ve tras un corte.
        revision = mock.patch.object(
            type(connections["default"]), "is_usable", autospec=True, side_effect=[False]
        )
    with revision as revisada:
        estado, cuerpo, _ = pedir()
    if revisada is not None:
        assert revisada.call_count == 1
    assert estado == 200 and "Secretaría de Prueba" in cuerpo
    if connection.vendor == "postgresql":
        assert pid_del_portal() != anterior


def test_corte_real_con_live_server(live_server, sujeto_obligado):
    """Lo mismo por HTTP contra un servidor de verdad (cada petición en su hilo)."""

    def pedir_http():
        try:
            url = f"{live_server.url}{PAGINA}?intento={next(_peticiones)}"
            with urllib.request.urlopen(url, timeout=30) as r:  # noqa: S310
                return r.status, r.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    assert pedir_http()[0] == 200
    if connection.vendor == "postgresql":
        with corte_a_mitad_de_peticion() as terminados:
            estado, cuerpo = pedir_http()
        assert terminados
    else:
        # El servidor de pruebas comparte la conexión de SQLite en memoria con esta prueba.
        with mock.patch(
            "cocreacion.views.sujetos_obligados_para_catalogo",
            side_effect=OperationalError("server closed the connection unexpectedly"),
        ):
            estado, cuerpo = pedir_http()
    assert estado == 503 and AVISO in cuerpo
    estado, cuerpo = pedir_http()
    assert estado == 200 and "Secretaría de Prueba" in cuerpo
