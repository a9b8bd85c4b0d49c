"""Búsqueda en todas las apps: sin distinguir acentos ni mayúsculas en los dos motores, errores
de dedo sólo en PostgreSQL (trigramas) y fragmentos cortados en límites de palabra."""

import pytest

from oela.models import Accion, LineaAccion
from stgao import services
from tests.oela.conftest import generar_programa
from tests.stgao.conftest import momento

from .ayudas import titulos_de_busqueda


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
    assert "lineas" in construccion and "compromisos" in construccion
    assert "acciones" in _por_tipo(client, "nino")
    assert "acuerdos" in _por_tipo(client, "METODOLOGIA")
    assert _por_tipo(client, "participacion") == _por_tipo(client, "participación")
    assert "sesiones" in _por_tipo(client, "participacion")


@pytest.mark.postgresql
def test_errores_de_dedo_en_titulos(client, datos):
    assert "1. Presupuesto participativo municipal" in titulos_de_busqueda(
        client, "presupuesto partisipativo"
    )
    assert "hitos" in _por_tipo(client, "tablerro")


@pytest.mark.sqlite
def test_en_sqlite_sin_errores_de_dedo(client, datos):
    """Sin trigramas: la palabra mal escrita no encuentra nada; bien escrita, sí."""
    assert titulos_de_busqueda(client, "presupuesto partisipativo") == []
    assert _por_tipo(client, "tablerro") == {}
    assert "hitos" in _por_tipo(client, "TABLERO")


def test_fragmentos_en_limites_de_palabra(client, crear_compromiso):
    """En los dos motores (``ts_headline`` en PostgreSQL, Python en SQLite): el fragmento
    empieza y termina donde empieza o termina una palabra, con «…» si hay más texto."""
    problema = (
        "En los municipios de la Sierra Norte las asambleas comunitarias deciden las obras "
        "prioritarias sin información presupuestal suficiente, y las autoridades municipales "
        "tampoco publican su avance físico-financiero: los vecinos preguntan y esperan meses "
        "por una respuesta incompleta; por eso se propone un tablero abierto de obras con "
        "fotografías, montos contratados, empresas, fechas y el teléfono de quien responde, "
        "actualizado cada trimestre por la tesorería y revisado por el comité ciudadano."
    )
    crear_compromiso(titulo="Obras abiertas", problema=problema)
    respuesta = client.get("/buscar/", {"q": "tablero", "tipo": "compromisos"})
    (grupo,) = respuesta.context["grupos"]
    (resultado,) = grupo.resultados
    fragmento = str(resultado.fragmento)
    assert "<mark>tablero</mark>" in fragmento
    plano = fragmento.replace("<mark>", "").replace("</mark>", "")
    assert plano.startswith("… ") and plano.endswith(" …")
    plano = plano.removeprefix("… ").removesuffix(" …")
    inicio = problema.find(plano)
    assert inicio > 0, plano
    fin = inicio + len(plano)
    assert problema[inicio - 1].isspace() and problema[fin].isspace(), plano


@pytest.mark.parametrize("consulta", ["x" * 1000, "' OR 1=1 --", "<script>alert(1)</script>"])
def test_entradas_hostiles_en_todas_las_apps(client, datos, consulta):
    respuesta = client.get("/buscar/", {"q": consulta})
    assert respuesta.status_code == 200
    assert "<script>alert(1)</script>" not in respuesta.content.decode()
