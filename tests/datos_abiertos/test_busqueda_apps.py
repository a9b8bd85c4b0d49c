"""Búsqueda en todas las apps: acentos y errores de dedo en PostgreSQL, coincidencia simple en
SQLite (se afirma lo que corresponde a cada motor, como tests/cocreacion/test_busqueda.py)."""

import pytest
from django.db import connection

from oela.models import Accion, LineaAccion
from stgao import services
from tests.oela.conftest import generar_programa
from tests.stgao.conftest import momento

from .ayudas import titulos_de_busqueda

en_postgresql = connection.vendor == "postgresql"


@pytest.fixture
def datos(db, institucion, crear_compromiso, crear_sesion, usuario_coordinacion):
    programa = generar_programa(2030, objetivos=1, estrategias=1, lineas=1, acciones=1)
    LineaAccion.objects.filter(estrategia__objetivo__programa=programa).update(
        texto="Construcción de capacidades institucionales"
    )
    Accion.objects.filter(linea__estrategia__objetivo__programa=programa).update(
        descripcion="Talleres con niñas y niños de comunidades indígenas"
    )
    compromiso = crear_compromiso(
        titulo="Presupuesto participativo municipal", hitos=1,
        problema="La ciudadanía no conoce la construcción del presupuesto.",
    )  # fmt: skip
    hito = compromiso.hitos.get()
    hito.descripcion = "Publicación del tablero de información financiera"
    services.hito_guardar(hito=hito, actor=usuario_coordinacion)
    sesion = crear_sesion(fecha=momento(2021, 4, 5), resumen="Revisión de la participación")
    services.acuerdo_crear(
        sesion=sesion, texto="Se aprueba la metodología de cocreación", actor=usuario_coordinacion
    )
    return compromiso


def _por_tipo(client, consulta):
    respuesta = client.get("/buscar/", {"q": consulta})
    assert respuesta.status_code == 200
    return {g.buscable.clave: [r.titulo for r in g.resultados] for g in respuesta.context["grupos"]}


def test_con_acentos_se_encuentra_en_todas_las_apps(client, datos):
    grupos = _por_tipo(client, "construcción")
    assert "lineas" in grupos and "compromisos" in grupos
    assert "hitos" in _por_tipo(client, "información financiera")
    assert "acuerdos" in _por_tipo(client, "metodología")
    assert "sesiones" in _por_tipo(client, "participación")


def test_sin_acentos_encuentra_con_acentos(client, datos):
    construccion = _por_tipo(client, "construccion")
    nino = _por_tipo(client, "nino")
    metodologia = _por_tipo(client, "metodologia")
    if en_postgresql:
        assert "lineas" in construccion and "compromisos" in construccion
        assert "acciones" in nino
        assert "acuerdos" in metodologia
    else:  # SQLite: coincidencia simple, distingue acentos
        assert construccion == {} and metodologia == {}
        assert "acciones" not in nino


def test_errores_de_dedo_en_titulos(client, datos):
    titulos = titulos_de_busqueda(client, "presupuesto partisipativo")
    hitos = _por_tipo(client, "tablerro")
    if en_postgresql:
        assert "1. Presupuesto participativo municipal" in titulos
        assert "hitos" in hitos
    else:
        assert titulos == [] and hitos == {}


@pytest.mark.parametrize("consulta", ["x" * 1000, "' OR 1=1 --", "<script>alert(1)</script>"])
def test_entradas_hostiles_en_todas_las_apps(client, datos, consulta):
    respuesta = client.get("/buscar/", {"q": consulta})
    assert respuesta.status_code == 200
    assert "<script>alert(1)</script>" not in respuesta.content.decode()
