# ruff: noqa: F811
"""Política única de los PDF (``cocreacion.comun.pdf``): clave de todo lo que entra en el documento,
uno a la vez por clave (en LocMem y en Redis), atajo por generación y pregeneración al publicar.
"""

import shutil
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from unittest import mock

import pytest
from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from cocreacion.comun import pdf
from cocreacion.listados.pdf import DICTAMEN
from oela.pdf import PROGRAMA
from stgao.models import PuntoOrden, Sesion
from stgao.pdf import ACTA
from tests.stgao.conftest import crear_sesion  # noqa: F401

RENDER_REAL = pdf.renderizar_pdf


class ContadorDeRenders:
    """Envuelve ``renderizar_pdf``: cuenta los renders y los hace lentos, como uno grande."""

    def __init__(self, demora=0.0):
        self.demora = demora
        self.llamadas = 0
        self._guardia = threading.Lock()

    def __call__(self, *args, **kwargs):
        with self._guardia:
            self.llamadas += 1
        time.sleep(self.demora)
        return RENDER_REAL(*args, **kwargs)


@pytest.fixture
def contador(monkeypatch):
    cuenta = ContadorDeRenders()
    monkeypatch.setattr(pdf, "renderizar_pdf", cuenta)
    return cuenta


@pytest.fixture(params=["locmem", "redis"])
def cache_de_prueba(request, settings):
    """La misma prueba con la caché en memoria del proceso y con Redis (127.0.0.1:6379)."""
    if request.param == "redis":
        settings.CACHES = {
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": "redis://127.0.0.1:6379/0",
                "KEY_PREFIX": f"pruebas-{uuid.uuid4().hex}",
            }
        }
    yield request.param
    cache.clear()


def test_varias_peticiones_a_la_vez_generan_una_sola_vez(cache_de_prueba):
    llamadas = []

    def generar():
        llamadas.append(threading.get_ident())
        time.sleep(0.4)
        return b"%PDF-1.7 documento"

    with ThreadPoolExecutor(max_workers=6) as hilos:
        resultados = list(
            hilos.map(lambda _: pdf.obtener_o_generar("pdf:prueba:uno", generar, 60), range(6))
        )
    assert len(llamadas) == 1
    assert resultados == [b"%PDF-1.7 documento"] * 6
    assert cache.get("pdf:prueba:uno:turno") is None  # el turno se suelta


def test_un_turno_abandonado_no_bloquea_para_siempre(cache_de_prueba, monkeypatch):
    """Si quien generaba murió sin soltar el turno, los demás generan al agotar la espera."""
    monkeypatch.setattr(pdf, "ESPERA_MAXIMA", 0.3)
    cache.add("pdf:prueba:dos:turno", "de un proceso que murió", 60)
    inicio = time.monotonic()
    assert pdf.obtener_o_generar("pdf:prueba:dos", lambda: b"%PDF", 60) == b"%PDF"
    assert time.monotonic() - inicio < 3


def test_un_error_al_generar_suelta_el_turno(cache_de_prueba):
    def fallar():
        raise pdf.ErrorAlGenerarPDF("WeasyPrint falló")

    with pytest.raises(pdf.ErrorAlGenerarPDF):
        pdf.obtener_o_generar("pdf:prueba:tres", fallar, 60)
    assert cache.get("pdf:prueba:tres:turno") is None
    assert pdf.obtener_o_generar("pdf:prueba:tres", lambda: b"%PDF", 60) == b"%PDF"


def test_la_clave_cambia_con_los_datos_y_con_la_hoja_de_estilo(tmp_path, monkeypatch):
    html = "<h1>Acta de la sesión</h1>"
    base = pdf.huella_del_documento(html, ())
    assert pdf.huella_del_documento(html, ()) == base
    assert pdf.huella_del_documento(html + "<p>otro punto</p>", ()) != base
    # La misma ruta de la hoja con otro contenido: otra clave.
    copia = tmp_path / "pdf.css"
    shutil.copy(finders.find("css/pdf.css"), copia)
    original = finders.find
    monkeypatch.setattr(
        finders, "find", lambda ruta, **kw: str(copia) if ruta == "css/pdf.css" else original(ruta)
    )
    assert pdf.huella_del_documento(html, ()) == base
    copia.write_text(copia.read_text() + "\nh1 { color: #000; }\n")
    assert pdf.huella_del_documento(html, ()) != base
    # Y una hoja extra también cuenta.
    assert pdf.huella_del_documento(html, ("css/listados.css",)) != base


def test_los_cuatro_documentos_siguen_la_misma_politica():
    from cocreacion.participacion.pdf import INFORME

    nombres = {d.nombre: d for d in pdf.documentos_pdf()}
    assert set(nombres) == {"programa", "acta", "dictamen", "informe_consulta"}
    assert (nombres["programa"], nombres["acta"], nombres["dictamen"]) == (PROGRAMA, ACTA, DICTAMEN)
    assert nombres["informe_consulta"] == INFORME
    for documento in nombres.values():
        assert documento.generar and documento.publicos and documento.es_publico


@pytest.mark.django_db
def test_acta_cambia_cuando_cambian_sus_datos(client, crear_sesion, institucion, contador):
    sesion = crear_sesion()
    punto = PuntoOrden.objects.create(sesion=sesion, numero=1, asunto="Lista de asistencia")
    url = f"/stgao/sesiones/{sesion.pk}/acta.pdf"
    primero = client.get(url).content
    assert client.get(url).content == primero
    assert contador.llamadas == 1
    punto.asunto = "Aprobación del orden del día corregido"
    punto.save()
    segundo = client.get(url).content
    assert contador.llamadas == 2 and segundo != primero


def _pedir_en_hilo(url):
    try:
        respuesta = Client().get(url)
        return respuesta.status_code, respuesta.content
    finally:
        connection.close()


@pytest.mark.django_db(transaction=True)
def test_dos_peticiones_simultaneas_del_acta_hacen_un_solo_render(
    crear_sesion, institucion, contador
):
    contador.demora = 0.5  # el segundo llega mientras el primero genera
    sesion = crear_sesion()
    PuntoOrden.objects.create(sesion=sesion, numero=1, asunto="Lista de asistencia")
    url = f"/stgao/sesiones/{sesion.pk}/acta.pdf"
    with ThreadPoolExecutor(max_workers=4) as hilos:
        respuestas = list(hilos.map(_pedir_en_hilo, [url] * 4))
    assert [estado for estado, _ in respuestas] == [200] * 4
    assert len({contenido for _, contenido in respuestas}) == 1
    assert contador.llamadas == 1


@pytest.mark.django_db(transaction=True)
def test_acta_ya_generada_sale_del_atajo_sin_dibujar_nada(crear_sesion, institucion, contador):
    sesion = crear_sesion()
    url = f"/stgao/sesiones/{sesion.pk}/acta.pdf"
    cliente = Client()
    primero = cliente.get(url).content
    with (
        CaptureQueriesContext(connection) as consultas,
        mock.patch("stgao.pdf.contexto_acta") as contexto,
    ):
        respuesta = cliente.get(url)
    assert respuesta.content == primero and contador.llamadas == 1
    contexto.assert_not_called()
    # La generación (la lee el atajo; los PDF no pasan por la caché de páginas) y la sesión
    # publicada.
    assert len(consultas) == 2


@pytest.mark.django_db(transaction=True)
def test_publicar_una_sesion_pregenera_su_acta(crear_sesion, institucion, contador, settings):
    settings.PDF_PREGENERAR = True
    sesion = crear_sesion(publicada=False)
    assert contador.llamadas == 0  # un borrador no se pregenera
    sesion.publicada = True
    sesion.save()
    assert contador.llamadas == 1
    assert Client().get(f"/stgao/sesiones/{sesion.pk}/acta.pdf").status_code == 200
    assert contador.llamadas == 1  # la primera descarga ya no lo genera


@pytest.mark.django_db(transaction=True)
def test_aprobar_un_dictamen_pregenera_su_pdf(
    institucion, sujeto_obligado, crear_enlace, usuario_personal, usuario_coordinacion, settings
):
    from cocreacion.listados import services as servicios
    from tests.cocreacion.test_listados_apoyo import crear_periodo, llevar_a

    settings.PDF_PREGENERAR = True
    periodo = crear_periodo()
    servicios.periodo_abrir(periodo=periodo, actor=usuario_coordinacion, sujetos=[sujeto_obligado])
    contador = ContadorDeRenders()
    with mock.patch.object(pdf, "renderizar_pdf", contador):
        dictamen = llevar_a(
            periodo.listados.get(),
            "aprobado",
            enlace=crear_enlace(sujeto_obligado),
            analista=usuario_personal,
            aprobador=usuario_coordinacion,
        )
        assert contador.llamadas == 1
        respuesta = Client().get(dictamen.get_pdf_url())
    assert respuesta.status_code == 200 and respuesta.content.startswith(b"%PDF")
    assert contador.llamadas == 1


@pytest.mark.django_db(transaction=True)
def test_publicar_un_programa_pregenera_su_documento(usuario_coordinacion, settings):
    from oela import services
    from oela.models import EstadoPrograma
    from tests.oela.conftest import generar_programa

    settings.PDF_PREGENERAR = True
    programa = generar_programa(2031, estado=EstadoPrograma.BORRADOR)
    contador = ContadorDeRenders()
    with mock.patch.object(pdf, "renderizar_pdf", contador):
        services.programa_publicar(programa=programa, actor=usuario_coordinacion)
        assert contador.llamadas == 1
        assert Client().get("/programa/2031/documento.pdf").status_code == 200
    assert contador.llamadas == 1


@pytest.mark.django_db(transaction=True)
def test_comando_pregenerar_pdfs(crear_sesion, institucion, contador, capsys):
    crear_sesion()
    crear_sesion(fecha=None, publicada=False)
    call_command("pregenerar_pdfs", "--solo", "acta")
    assert "acta: 1 de 1 listos" in capsys.readouterr().out
    assert contador.llamadas == 1
    call_command("pregenerar_pdfs", "--solo", "acta")  # ya estaba: no se vuelve a generar
    assert contador.llamadas == 1
    assert Sesion.objects.count() == 2


def test_fecha_en_la_clave_del_atajo():
    """El acta dice «generado el …»: el atajo cambia con el día aunque nadie escriba."""
    with mock.patch("cocreacion.operacion.cache_paginas.generacion_vigente", return_value="g1"):
        with mock.patch("django.utils.timezone.localdate", return_value=date(2026, 1, 1)):
            uno = pdf._clave_de_atajo(ACTA, "7")
        with mock.patch("django.utils.timezone.localdate", return_value=date(2026, 1, 2)):
            dos = pdf._clave_de_atajo(ACTA, "7")
    assert uno and dos and uno != dos


@pytest.mark.parametrize(
    ("ruta", "pasa_por_la_cache"),
    [
        ("/stgao/sesiones/3/acta.pdf", False),
        ("/programa/2021/documento.pdf", False),
        ("/media/evidencias/a.pdf", False),
        ("/participa/consulta/informe.pdf", False),
        ("/stgao/sesiones/3/", True),
    ],
)
def test_los_pdf_no_hacen_fila_en_la_cache_de_paginas(rf, ruta, pasa_por_la_cache):
    """La caché de páginas atiende de una en una las peticiones a la misma dirección que aún no
    tiene guardada; los PDF nunca se guardan ahí, así que esa fila sólo los hacía esperar."""
    from cocreacion.operacion.cache_paginas import _ruta_cacheable

    assert _ruta_cacheable(rf.get(ruta)) is pasa_por_la_cache
