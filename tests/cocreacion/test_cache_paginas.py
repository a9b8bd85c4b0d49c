"""Caché de páginas públicas: aciertos sin consultas, invalidación al escribir, y lo que nunca
se guarda (sesiones, admin, /salud/, POST, errores, borradores).

Con ``transaction=True``: cada escritura se confirma de verdad y el cambio de generación corre
en ``on_commit`` como en producción (dentro de la transacción de una prueba con ``db`` la
caché se aparta sola, ver ``cocreacion/operacion/cache_paginas.py``).
"""

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse

from cocreacion.operacion import cache_paginas
from cocreacion.operacion.cache_paginas import generacion_vigente, invalidar
from oela.importacion import importar_matriz
from oela.models import EstadoPrograma, LineaAccion, Programa
from oela.services import programa_publicar
from tests.oela.conftest import generar_programa
from tests.oela.test_matriz import csv_bytes, fila

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def publicado(institucion):
    programa = generar_programa(2070)
    # generar_programa escribe por lotes (sin señales), como una importación.
    invalidar()
    return programa


@pytest.fixture
def borrador(institucion):
    programa = generar_programa(2071, estado=EstadoPrograma.BORRADOR)
    invalidar()
    return programa


@pytest.fixture
def guardadas(monkeypatch):
    """Las claves de páginas que la caché guarda durante la prueba."""
    from django.core.cache import cache

    claves = []
    original = cache.set

    def espiar(clave, *args, **kwargs):
        if ".pagina." in clave:
            claves.append(clave)
        return original(clave, *args, **kwargs)

    monkeypatch.setattr(cache, "set", espiar)
    return claves


def _consultas_de(_sin_uso, cliente, url):
    """Pide ``url`` y devuelve (respuesta, número de consultas)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as capturadas:
        respuesta = cliente.get(url)
    return respuesta, len(capturadas)


def _cacheada(cliente, url) -> str:
    """Pide ``url`` hasta que sale de la caché (sólo la consulta de generación) y da el HTML.

    Así cada prueba de invalidación parte de una página guardada de verdad.
    """
    cliente.get(url)
    respuesta, consultas = _consultas_de(None, cliente, url)
    assert consultas == 1, f"{url} no quedó en la caché"
    return respuesta.content.decode()


class TestAciertos:
    @pytest.mark.parametrize("url", ["/", "/programa/", "/programa/2070/", "/sujetos-obligados/"])
    def test_la_segunda_vez_solo_consulta_la_generacion(
        self, client, publicado, django_assert_num_queries, url
    ):
        primera = client.get(url)
        assert primera.status_code == 200
        with django_assert_num_queries(1) as capturadas:
            segunda = client.get(url)
        assert "generaciondedatos" in capturadas.captured_queries[0]["sql"]
        assert segunda.status_code == 200
        assert segunda.content == primera.content
        assert "public" in segunda["Cache-Control"]
        assert "max-age=0" in segunda["Cache-Control"]
        # El navegador revalida con la ETag y recibe 304 sin cuerpo, también desde la caché.
        with django_assert_num_queries(1):
            revalidada = client.get(url, HTTP_IF_NONE_MATCH=segunda["ETag"])
        assert revalidada.status_code == 304 and revalidada.content == b""

    def test_la_query_string_es_parte_de_la_clave(self, client, publicado):
        client.get("/buscar/?q=primera")
        respuesta, consultas = _consultas_de(None, client, "/buscar/?q=segunda")
        assert consultas > 1
        assert "segunda" in respuesta.content.decode()

    def test_pedida_a_la_vez_se_genera_una_sola_vez(self, publicado):
        """Varios hilos piden la misma página sin guardar: la genera uno, los demás esperan."""
        import threading
        import time

        from django.db import connection as conexion
        from django.http import HttpResponse
        from django.test import RequestFactory

        generadas = []

        def vista_lenta(request):
            generadas.append(request.path)
            time.sleep(0.3)
            return HttpResponse("hecha", content_type="text/html; charset=utf-8")

        middleware = cache_paginas.CacheDePaginasPublicas(vista_lenta)
        fabrica = RequestFactory()
        respuestas = []

        def pedir():
            try:
                respuestas.append(middleware(fabrica.get("/lenta/")).content)
            finally:
                conexion.close()

        hilos = [threading.Thread(target=pedir) for _ in range(4)]
        for hilo in hilos:
            hilo.start()
        for hilo in hilos:
            hilo.join()
        assert respuestas == [b"hecha"] * 4
        assert generadas == ["/lenta/"]
        assert cache_paginas._candados == {}

    def test_head_usa_la_misma_pagina(self, client, publicado, django_assert_num_queries):
        client.get("/programa/")
        with django_assert_num_queries(1):
            assert client.head("/programa/").status_code == 200


class TestInvalidacion:
    def test_a_medianoche_se_generan_de_nuevo(self, client, publicado, monkeypatch):
        """Hay páginas que dependen de «hoy» (plazos vencidos): la fecha va en la clave."""
        from datetime import date

        _cacheada(client, "/stgao/")
        monkeypatch.setattr(cache_paginas.timezone, "localdate", lambda *a, **k: date(2099, 1, 1))
        _respuesta, consultas = _consultas_de(None, client, "/stgao/")
        assert consultas > 1

    def test_publicar_por_el_servicio_se_ve_en_la_siguiente_peticion(
        self, client, publicado, borrador, usuario_coordinacion
    ):
        assert "Programa de prueba 2071" not in _cacheada(client, "/programa/")
        assert client.get("/programa/2071/").status_code == 404
        antes = generacion_vigente()
        programa_publicar(programa=borrador, actor=usuario_coordinacion)
        assert generacion_vigente() != antes
        assert "Programa de prueba 2071" in client.get("/programa/").content.decode()
        assert client.get("/programa/2071/").status_code == 200

    def test_publicar_y_editar_en_el_admin(self, client, publicado, borrador, usuario_coordinacion):
        assert "Programa de prueba 2071" not in _cacheada(client, "/programa/")
        assert "Línea corregida en el admin" not in _cacheada(client, "/programa/2070/")
        admin = Client()
        admin.force_login(usuario_coordinacion)
        lista = reverse("admin:oela_programa_changelist")
        admin.post(lista, {"action": "publicar", "_selected_action": [borrador.pk]})
        assert "Programa de prueba 2071" in client.get("/programa/").content.decode()
        assert "Línea corregida en el admin" not in _cacheada(client, "/programa/2070/")

        linea = LineaAccion.objects.filter(estrategia__objetivo__programa=publicado).first()
        url = reverse("admin:oela_lineaaccion_change", args=[linea.pk])
        pagina = admin.get(url)
        datos = {
            "estrategia": linea.estrategia_id,
            "numero": linea.numero,
            "texto": "Línea corregida en el admin",
            "peso": 2,
            "disposiciones": [],
            "metas_ods": [],
            "origen_alineacion": "documento",
        }
        for prefijo in [f.formset.prefix for f in pagina.context["inline_admin_formsets"]]:
            datos.update({f"{prefijo}-TOTAL_FORMS": 0, f"{prefijo}-INITIAL_FORMS": 0})
        assert admin.post(url, datos).status_code == 302
        assert "Línea corregida en el admin" in client.get("/programa/2070/").content.decode()

    def test_importacion_masiva_de_la_matriz(self, client, publicado):
        assert "Línea importada en lote" not in _cacheada(client, "/programa/2070/")
        archivo = csv_bytes(
            [fila(1, lin="1.1.9. Línea importada en lote", accion="Hacer algo", meta=3, unidad="x")]
        )
        importar_matriz(programa=publicado, archivo=archivo, nombre="matriz.csv", actor=None)
        assert "Línea importada en lote" in client.get("/programa/2070/").content.decode()

    def test_la_importacion_simulada_no_invalida(self, client, publicado):
        _cacheada(client, "/programa/2070/")
        antes = generacion_vigente()
        archivo = csv_bytes([fila(1, lin="1.1.9. Sólo simulada", accion="A", meta=3, unidad="x")])
        importar_matriz(
            programa=publicado, archivo=archivo, nombre="matriz.csv", actor=None, ensayo=True
        )
        assert generacion_vigente() == antes

    def test_update_sin_senales_con_invalidacion_explicita(self, client, publicado):
        assert "Título cambiado por debajo" not in _cacheada(client, "/programa/")
        Programa.objects.filter(pk=publicado.pk).update(titulo="Título cambiado por debajo")
        invalidar()
        assert "Título cambiado por debajo" in client.get("/programa/").content.decode()

    def test_una_transaccion_invalida_una_sola_vez_al_confirmar(self, publicado):
        antes = generacion_vigente()
        with transaction.atomic():
            for _ in range(50):
                invalidar()
            # Aún no confirmada: los demás procesos siguen viendo la generación anterior.
            assert generacion_vigente() == antes
            assert cache_paginas.hay_escrituras_pendientes()
        assert generacion_vigente() != antes

    def test_revertir_no_invalida(self, publicado):
        antes = generacion_vigente()
        with transaction.atomic():
            Programa.objects.filter(pk=publicado.pk).update(titulo="Revertido")
            invalidar()
            transaction.set_rollback(True)
        assert generacion_vigente() == antes

    def test_la_generacion_se_recrea_si_la_base_se_vacio(self, client, publicado):
        from cocreacion.models import GeneracionDeDatos

        GeneracionDeDatos.objects.all().delete()
        _respuesta, consultas = _consultas_de(None, client, "/programa/")
        _respuesta, otra_vez = _consultas_de(None, client, "/programa/")
        assert consultas > 1 and otra_vez > 1  # sin generación no se guarda nada
        invalidar()
        assert generacion_vigente() is not None


class TestNuncaSeGuarda:
    def test_con_escrituras_sin_confirmar_no_se_lee_ni_se_guarda(self, client, publicado):
        _cacheada(client, "/programa/")
        with transaction.atomic():
            programa = Programa.objects.get(pk=publicado.pk)
            programa.titulo = "Aún sin confirmar"
            programa.save()
            assert "Aún sin confirmar" in client.get("/programa/").content.decode()
            transaction.set_rollback(True)
        assert "Aún sin confirmar" not in client.get("/programa/").content.decode()

    def test_usuario_con_sesion_ni_recibe_ni_deja_la_cacheada(
        self, client, publicado, usuario_coordinacion
    ):
        con_sesion = Client()
        con_sesion.force_login(usuario_coordinacion)
        # Lo suyo no se guarda: el anónimo de después la genera de nuevo.
        propia = con_sesion.get("/programa/")
        assert "private" in propia["Cache-Control"] and "no-store" in propia["Cache-Control"]
        _respuesta, consultas = _consultas_de(None, client, "/programa/")
        assert consultas > 1
        # Y no recibe la del anónimo, ya guardada.
        _respuesta, consultas = _consultas_de(None, con_sesion, "/programa/")
        assert consultas > 1
        _respuesta, consultas = _consultas_de(None, con_sesion, "/programa/")
        assert consultas > 1

    @pytest.mark.parametrize(
        "url",
        ["/salud/", "/robots.txt", "/admin/login/", "/admin/", "/programa/1999/", "/buscar"],
    )
    def test_salud_admin_errores_y_redirecciones(self, client, publicado, guardadas, url):
        for _ in range(2):
            respuesta = client.get(url)
            assert "public" not in respuesta.get("Cache-Control", "")
        assert guardadas == []

    def test_post_no_usa_la_cache(self, client, publicado, guardadas):
        respuesta = client.post("/programa/")
        assert respuesta.status_code == 405
        assert guardadas == []
        client.get("/programa/")
        assert len(guardadas) == 1
        assert client.post("/programa/").status_code == 405

    def test_descargas_que_fluyen_y_csv_no_se_guardan(self, client, publicado, guardadas):
        from cocreacion.portal.datos_abiertos import conjuntos

        nombre = sorted(conjuntos())[0]
        for url in ["/programa/2070/matriz.csv", f"/datos/{nombre}.csv"]:
            respuesta = client.get(url)
            assert respuesta.status_code == 200, url
            assert "public" not in respuesta.get("Cache-Control", "")
        assert guardadas == []

    def test_cache_apagada_con_cero_segundos(self, client, publicado, settings):
        settings.CACHE_PAGINAS_SEGUNDOS = 0
        client.get("/programa/")
        _respuesta, consultas = _consultas_de(None, client, "/programa/")
        assert consultas > 1
