# ruff: noqa: F811
"""Peticiones que antes terminaban en un 500: base perdida fuera de la vista, disco lleno en la
subida, NUL en la dirección de un archivo.

La base se «pierde» en PostgreSQL terminando de verdad la conexión del portal
(``pg_terminate_backend``); en SQLite, con un ``OperationalError`` en la consulta elegida. Las
peticiones pasan por el ``WSGIHandler`` real (``pedir``), como en gunicorn.
"""

import errno
import random
import threading
import time
from unittest import mock

import psycopg
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.files.uploadhandler import TemporaryFileUploadHandler
from django.db import OperationalError, connection
from django.test import Client

from stgao.models import Evidencia
from tests.cocreacion.test_caida_de_la_base import AVISO, conexion_aparte, pedir
from tests.stgao.conftest import crear_compromiso, plan  # noqa: F401

pytestmark = pytest.mark.django_db(transaction=True)


def _falla_en(tabla):
    """Un ``execute_wrapper`` que corta la conexión en la primera consulta a ``tabla``."""
    cortes = []

    def cortar(ejecutar, sql, parametros, muchos, contexto):
        if tabla in sql and not cortes:
            cortes.append(sql)
            raise OperationalError("server closed the connection unexpectedly")
        return ejecutar(sql, parametros, muchos, contexto)

    return cortar, cortes


def test_psycopg_sin_envolver_tambien_da_503(sujeto_obligado):
    """psycopg lanza su propio error (sin envolver por Django) al cerrar un cursor del servidor
    de una conexión muerta: era la causa del 500 ocasional en ``/sujetos-obligados/``."""
    with mock.patch(
        "cocreacion.views.sujetos_obligados_para_catalogo",
        side_effect=psycopg.OperationalError("consuming input failed: server closed"),
    ):
        estado, cuerpo, encabezados = pedir("/sujetos-obligados/")
    assert estado == 503 and AVISO in cuerpo and encabezados["Retry-After"] == "30"


def test_base_perdida_al_dibujar_la_pagina_404_da_503(sujeto_obligado):
    """La página 404 lleva el encabezado del portal (consulta la institución): si la base se
    pierde justo ahí, el error ocurre fuera de la vista y antes salía un 500."""
    cortar, cortes = _falla_en("cocreacion_institucion")
    with connection.execute_wrapper(cortar):
        estado, cuerpo, _ = pedir("/sujetos-obligados/no-existe/")
    assert cortes, "la página 404 no llegó a consultar la institución"
    assert estado == 503 and AVISO in cuerpo
    assert pedir("/sujetos-obligados/no-existe/")[0] == 404


def test_descarga_que_fluye_da_503_si_la_base_falla_al_empezar(sujeto_obligado):
    cortar, cortes = _falla_en("cocreacion_sujetoobligado")
    with connection.execute_wrapper(cortar):
        estado, cuerpo, _ = pedir("/datos/sujetos-obligados.csv")
    assert cortes and estado == 503 and AVISO in cuerpo
    estado, cuerpo, _ = pedir("/datos/sujetos-obligados.csv")
    assert estado == 200 and "Secretaría de Prueba" in cuerpo


def test_cortes_al_azar_nunca_dan_500(sujeto_obligado, settings):
    """Muchas peticiones mientras otra conexión corta la del portal a intervalos al azar: cada
    respuesta es la página buena o el 503, nunca un 500 (antes, ~1 de cada 1,000)."""
    settings.CACHE_PAGINAS_SEGUNDOS = 0
    rutas = [
        "/",
        "/sujetos-obligados/",
        f"/sujetos-obligados/{sujeto_obligado.slug}/",
        "/sujetos-obligados/no-existe/",
        "/stgao/",
        "/buscar/?q=prueba",
    ]
    azar = random.Random(12)  # noqa: S311 (no es criptografía)
    alto = threading.Event()
    hilo = None
    if connection.vendor == "postgresql":

        def apagar():
            with conexion_aparte() as otra:
                while not alto.is_set():
                    time.sleep(azar.uniform(0, 0.03))
                    otra.execute(
                        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                        "WHERE datname = current_database() AND pid <> pg_backend_pid()"
                    )

        hilo = threading.Thread(target=apagar)
        hilo.start()
        envoltura = mock.MagicMock()
    else:

        def cortar(ejecutar, sql, parametros, muchos, contexto):
            if azar.random() < 0.15:
                raise OperationalError("server closed the connection unexpectedly")
            return ejecutar(sql, parametros, muchos, contexto)

        envoltura = connection.execute_wrapper(cortar)
    estados = {}
    try:
        with envoltura:
            for i in range(240):
                ruta = rutas[i % len(rutas)]
                estado = pedir(ruta)[0]
                estados[estado] = estados.get(estado, 0) + 1
    finally:
        alto.set()
        if hilo:
            hilo.join(timeout=10)
    assert 500 not in estados, estados
    assert estados.get(503), f"ningún corte cayó en una petición: {estados}"


def test_nul_en_la_direccion_de_un_archivo_da_404(client):
    assert client.get("/media/evidencias/%00.pdf").status_code == 404
    assert client.get("/media/evidencias/a%00b/informe.pdf").status_code == 404


@pytest.fixture
def hito(crear_compromiso):
    return crear_compromiso(hitos=1).hitos.get()


def test_temporal_lleno_durante_la_subida_da_507_en_espanol(
    hito, usuario_coordinacion, settings, tmp_path
):
    """Una subida grande se escribe en ``FILE_UPLOAD_TEMP_DIR`` al leer ``request.POST`` (en el
    middleware de CSRF, antes de la vista). Si ese disco se llena, antes salía un 500."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 1024  # obliga al archivo temporal
    cliente = Client(raise_request_exception=False)
    cliente.force_login(usuario_coordinacion)

    def sin_espacio(self, raw_data, start):
        raise OSError(errno.ENOSPC, "No space left on device")

    with mock.patch.object(TemporaryFileUploadHandler, "receive_data_chunk", sin_espacio):
        respuesta = cliente.post(
            "/admin/stgao/evidencia/add/",
            {
                "hito": str(hito.pk),
                "descripcion": "Minuta",
                "archivo": SimpleUploadedFile("minuta.pdf", b"%PDF-1.4\n" + b"0" * 4096),
                "fecha": "2024-01-11",
            },
        )
    assert respuesta.status_code == 507
    html = respuesta.content.decode()
    assert "No se pudo guardar el archivo" in html and 'lang="es-MX"' in html
    assert not Evidencia.objects.exists()
