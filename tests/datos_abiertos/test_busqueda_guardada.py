# ruff: noqa: F811
"""Búsqueda con la columna guardada y conteo con tope.

- La columna ``busqueda`` de cada modelo buscable se actualiza al editar (su declaración frente
  a la base se revisa en ``tests/cocreacion/test_columnas_de_busqueda.py``).
- Los totales se cuentan hasta ``TOPE_CONTEO``: arriba se dice «más de 1,000» y se pagina hasta
  el tope, sin repetir ni perder resultados.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cocreacion.models import ElementoListado, SujetoObligado
from cocreacion.models.catalogos import normalizar_nombre
from cocreacion.portal import busqueda
from cocreacion.portal.busqueda import TOPE_CONTEO, buscables, buscar
from stgao import services
from tests.cocreacion.test_listados_apoyo import (  # noqa: F401 - fixtures de pytest
    RUTAS,
    abierto,
    enlace,
    listado,
    llevar_a,
    periodo,
)

from .test_busqueda_apps import datos  # noqa: F401 - fixture de pytest

pytestmark = [pytest.mark.django_db, pytest.mark.urls(RUTAS)]

en_postgresql = connection.vendor == "postgresql"
GUARDADOS = {"compromisos", "hitos", "acciones", "elementos", "dictamenes", "sujetos"}
# Los índices de expresión que las columnas reemplazan: no deben quedar dos índices.
INDICES_REEMPLAZADOS = {
    "stgao_compromiso_busqueda",
    "stgao_hito_busqueda",
    "oela_accion_busqueda",
    "cocreacion_elemento_busqueda",
    "cocreacion_dictamen_busqueda",
}


@pytest.fixture
def todo(catalogos, datos, listado, enlace, usuario_personal, usuario_coordinacion):
    """Un registro público de cada tipo buscable (con un dictamen aprobado y sus elementos).

    Los catálogos primero: traen ids fijos y, cargados después, pisarían al sujeto obligado de
    prueba que creó ``datos`` con el mismo id (en SQLite los ids vuelven a empezar en 1)."""
    llevar_a(
        listado,
        "aprobado",
        enlace=enlace,
        analista=usuario_personal,
        aprobador=usuario_coordinacion,
    )
    return datos


def _guardado(modelo, pk) -> str:
    """Lo guardado en la columna de búsqueda: el vector en PostgreSQL, el texto sin acentos en
    SQLite (las mismas afirmaciones valen sobre los dos)."""
    return str(modelo.objects.values_list("busqueda", flat=True).get(pk=pk))


def _titulos(clave, texto):
    return [r.titulo for g in buscar(texto, solo=clave, por_grupo=20) for r in g.resultados]


def test_la_columna_se_actualiza_al_editar(todo, usuario_coordinacion):
    sujeto = SujetoObligado.objects.get(nombre="Secretaría de Prueba")
    assert "zapotec" not in _guardado(SujetoObligado, sujeto.pk)
    sujeto.nombre = "Secretaría Zapoteca de Prueba"
    sujeto.save()
    assert "zapotec" in _guardado(SujetoObligado, sujeto.pk)
    assert "Secretaría Zapoteca de Prueba" in _titulos("sujetos", "zapoteca")

    # Por el servicio, con su versión en el historial (simple-history no conoce la columna).
    hito = todo.hitos.get()
    versiones = hito.history.count()
    hito.descripcion = "Cartografía de mercados comunitarios"
    services.hito_guardar(hito=hito, actor=usuario_coordinacion)
    assert hito.history.count() == versiones + 1
    assert "cartograf" in _guardado(type(hito), hito.pk)
    assert "tablero" not in _guardado(type(hito), hito.pk)
    assert _titulos("hitos", "cartografía") and not _titulos("hitos", "tablero")

    elemento = ElementoListado.objects.order_by("pk").first()
    elemento.unidad_responsable = "Dirección de Archivos Históricos"
    elemento.save(update_fields=["unidad_responsable"])
    assert "archiv" in _guardado(ElementoListado, elemento.pk)
    assert any(elemento.titulo in t for t in _titulos("elementos", "archivos"))


def _sujetos(cuantos, *, desde=0):
    SujetoObligado.objects.bulk_create(
        SujetoObligado(
            nombre=f"Comité Zapoteco de Prueba {i:04d}",
            nombre_normalizado=normalizar_nombre(f"Comité Zapoteco de Prueba {i:04d}"),
            slug=f"comite-zapoteco-{i:04d}",
            tipo="descentralizado",
            orden="municipal",
        )
        for i in range(desde, desde + cuantos)
    )


def _grupo(respuesta):
    (grupo,) = [g for g in respuesta.context["grupos"] if g.buscable.clave == "sujetos"]
    return grupo


def test_total_con_tope_y_su_texto(client):
    _sujetos(TOPE_CONTEO)
    respuesta = client.get("/buscar/", {"q": "zapoteco"})
    grupo = _grupo(respuesta)
    assert (grupo.total, grupo.hay_mas) == (1000, False)
    html = respuesta.content.decode()
    assert "(1,000)" in html and "más de 1,000" not in html
    assert "Ver los 1,000 resultados de «Sujetos obligados»" in html

    _sujetos(1, desde=TOPE_CONTEO)
    with CaptureQueriesContext(connection) as consultas:
        respuesta = client.get("/buscar/", {"q": "zapoteco", "v": "2"})
    # La cuenta no recorre todas las coincidencias: se detiene en una de más (en PostgreSQL,
    # las coincidencias acotadas que se ordenan son también la cuenta).
    marca = "AS COINCIDENCIAS_" if en_postgresql else "COUNT("
    cuentas = [c["sql"] for c in consultas.captured_queries if marca in c["sql"].upper()]
    assert cuentas and all(f"LIMIT {TOPE_CONTEO + 1}" in sql for sql in cuentas)
    grupo = _grupo(respuesta)
    assert (grupo.total, grupo.hay_mas) == (1000, True)
    html = respuesta.content.decode()
    assert "(más de 1,000)" in html
    assert (
        "Ver los 1,000 resultados más relevantes de «Sujetos obligados» (hay más de 1,000)" in html
    )


def test_paginacion_hasta_el_tope(client):
    _sujetos(TOPE_CONTEO + 30)
    primera = client.get("/buscar/", {"q": "zapoteco", "tipo": "sujetos"})
    assert primera.context["total_paginas"] == 50
    html = primera.content.decode()
    assert "Página 1 de 50" in html
    assert "Hay más de 1,000 resultados; aquí puede recorrer los 1,000 más relevantes." in html

    ultima = client.get("/buscar/", {"q": "zapoteco", "tipo": "sujetos", "pagina": "50"})
    assert len(_grupo(ultima).resultados) == 20
    assert ultima.context["pagina_siguiente"] is None
    assert 'rel="next"' not in ultima.content.decode()
    assert "Página 50 de 50" in ultima.content.decode()
    # Más allá del tope no hay páginas: se muestra la última, sin inventar un total.
    for pagina in ("51", "9999"):
        lejos = client.get("/buscar/", {"q": "zapoteco", "tipo": "sujetos", "pagina": pagina})
        assert lejos.context["pagina_actual"] == 50
        assert [r.titulo for r in _grupo(lejos).resultados] == [
            r.titulo for r in _grupo(ultima).resultados
        ]

    # Las 50 páginas recorren 1,000 resultados distintos, en el orden de la consulta completa.
    vistos = []
    for pagina in range(1, 51):
        (grupo,) = buscar("zapoteco", solo="sujetos", por_grupo=20, pagina=pagina)
        assert (grupo.total, grupo.hay_mas) == (1000, True)
        vistos += [r.titulo for r in grupo.resultados]
    assert len(vistos) == len(set(vistos)) == 1000
    (sujetos,) = [b for b in buscables() if b.clave == "sujetos"]
    if en_postgresql:
        consulta = busqueda._consulta_de_texto("zapoteco")
        candidatos = busqueda._candidatos_pg(sujetos, "zapoteco", consulta)
        completa = busqueda._consulta_pg(sujetos, "zapoteco", candidatos, consulta)
    else:
        completa = busqueda._consulta_simple(sujetos, ["zapoteco"])
    assert vistos == list(completa.values_list("nombre", flat=True)[:1000])
