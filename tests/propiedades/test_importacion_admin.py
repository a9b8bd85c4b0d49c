"""Las pantallas de importación del admin (matriz, hitos, Métrica) ante archivos hostiles:
responden con la página y los errores en español, o con el resultado; nunca un 500, y si
rechazan, la base queda igual."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import given
from hypothesis import strategies as st

from cocreacion.models import SujetoObligado
from metricas.models import Resultado
from oela.models import Accion, Estrategia, LineaAccion, Objetivo

from .conftest import CONTADOS, archivo_hostil, archivos_fijos
from .test_formularios_enlace import en_espanol, sin_inyeccion
from .test_importadores import (
    _evento,
    base_hitos,
    base_matriz,
    base_metrica,
    estado_stgao,
    foto,
)

pytestmark = pytest.mark.django_db


def subir(client, url, nombre, datos, estado, **campos):
    antes = estado()
    respuesta = client.post(url, {"archivo": SimpleUploadedFile(nombre, datos), **campos})
    assert respuesta.status_code in {200, 302}, respuesta.status_code
    _evento(f"estado {respuesta.status_code}")
    html = respuesta.content.decode("utf-8", errors="replace")
    en_espanol(html)
    sin_inyeccion(html)
    contexto = respuesta.context or {}
    rechazado = bool(contexto.get("errores")) or bool(
        getattr(contexto.get("form") or contexto.get("formulario"), "errors", None)
    )
    if rechazado:
        _evento("rechazado")
        assert estado() == antes, "la pantalla rechazó el archivo pero la base cambió"
    return respuesta


def estado_oela():
    return foto(Objetivo, Estrategia, LineaAccion, Accion)


def estado_metrica():
    return foto(SujetoObligado, Resultado)


@pytest.fixture
def admin_matriz(client, superusuario):
    from tests.oela.conftest import generar_programa

    programa = generar_programa(2032, objetivos=1, estrategias=1, lineas=1, acciones=1)
    client.force_login(superusuario)
    return f"/admin/oela/programa/{programa.pk}/importar-matriz/"


@pytest.fixture
def admin_hitos(client, superusuario, plan, crear_compromiso):
    crear_compromiso("Compromiso importable", hitos=3)
    client.force_login(superusuario)
    return f"/admin/stgao/planaccionlocal/{plan.pk}/importar-hitos/"


@pytest.fixture
def admin_metrica(client, superusuario):
    from django.core.management import call_command

    call_command("loaddata", "metricas_ediciones.json", verbosity=0)
    client.force_login(superusuario)
    return "/admin/metricas/resultado/importar-archivo/"


def _hitos():
    from stgao.models import Hito

    return list(Hito.objects.order_by("numero"))


FIJOS = list(archivos_fijos(base_matriz()))


@pytest.mark.parametrize("caso", FIJOS, ids=lambda c: c[0])
def test_matriz_admin_casos_fijos(client, admin_matriz, caso):
    _id, nombre, datos = caso
    subir(client, admin_matriz, nombre, datos, estado_oela)


@CONTADOS
@given(archivo=archivo_hostil(base_matriz()), simular=st.booleans())
def test_matriz_admin(client, admin_matriz, archivo, simular):
    extra = {"simular": "on"} if simular else {}
    subir(client, admin_matriz, *archivo, estado_oela, **extra)


@CONTADOS
@given(datos=st.data())
def test_hitos_admin(client, admin_hitos, datos):
    nombre, contenido = datos.draw(archivo_hostil(base_hitos(_hitos())))
    subir(client, admin_hitos, nombre, contenido, estado_stgao)


def test_hitos_admin_casos_fijos(client, admin_hitos):
    for _id, nombre, contenido in archivos_fijos(base_hitos(_hitos())):
        subir(client, admin_hitos, nombre, contenido, estado_stgao)


@CONTADOS
@given(archivo=archivo_hostil(base_metrica()), simular=st.booleans())
def test_metrica_admin(client, admin_metrica, archivo, simular):

    campos = {"edicion": 2017}
    if simular:
        campos["simular"] = "on"
    subir(client, admin_metrica, *archivo, estado_metrica, **campos)


@pytest.mark.parametrize("caso", archivos_fijos(base_metrica()), ids=lambda c: c[0])
def test_metrica_admin_casos_fijos(client, admin_metrica, caso):

    _id, nombre, datos = caso
    campos = {"edicion": 2017}
    subir(client, admin_metrica, nombre, datos, estado_metrica, **campos)


def test_metrica_admin_base_valida(client, admin_metrica):

    from .conftest import a_csv

    respuesta = subir(
        client,
        admin_metrica,
        "m.csv",
        a_csv(base_metrica()),
        estado_metrica,
        edicion=2017,
    )
    assert not respuesta.context["errores"], respuesta.context["errores"]
    assert Resultado.objects.count() == 2
