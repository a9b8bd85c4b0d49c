# ruff: noqa: F811
"""Cada página pública de cada app pasa axe-core (WCAG 2.1 AA) sin violaciones graves o
críticas, y un formulario de filtros se usa sólo con el teclado.

Una sola prueba recorre todas las páginas con los mismos datos (cargar catálogos, programa y
Métrica para cada página multiplicaría el tiempo) y reporta las violaciones de todas juntas.
"""

import pytest

from tests.cocreacion.test_listados_apoyo import (  # noqa: F401
    abierto,
    enlace,
    listado,
    llevar_a,
    periodo,
)
from tests.e2e.test_stgao_accesibilidad import datos  # noqa: F401
from tests.metricas.conftest import edicion, ediciones, importado  # noqa: F401
from tests.oela.conftest import programa_2021  # noqa: F401

from .accesibilidad import violaciones_graves


@pytest.fixture
def todo_publicado(
    catalogos,
    datos,
    programa_2021,
    importado,
    listado,
    enlace,
    usuario_personal,
    usuario_coordinacion,
):
    """Los catálogos primero: con ids fijos, cargados después de ``datos`` pisarían a sus
    sujetos obligados de prueba."""
    dictamen = llevar_a(
        listado, "aprobado", enlace=enlace, analista=usuario_personal,
        aprobador=usuario_coordinacion,
    )  # fmt: skip
    return {**datos, "dictamen": dictamen}


def paginas(d) -> list[str]:
    compromiso, sesion = d["compromiso"], d["sesion"]
    return [
        # Programa anual (OELA)
        "/programa/",
        "/programa/2021/",
        "/programa/2021/matriz/",
        "/programa/2021/lineas/1.1.1/",
        # Secretariado y compromisos
        "/stgao/",
        "/stgao/sesiones/",
        f"/stgao/sesiones/{sesion.pk}/",
        "/stgao/acuerdos/",
        "/compromisos/",
        "/compromisos/?tema=presupuesto",
        f"/compromisos/{compromiso.slug}/",
        f"/compromisos/{compromiso.slug}/historial/",
        # Información de interés público
        "/interes-publico/",
        d["dictamen"].get_absolute_url(),
        # Métrica
        "/metricas/",
        "/metricas/2017/",
        "/metricas/indicadores-de-referencia/",
        # Portal
        "/buscar/?q=Compromiso",
        "/buscar/?q=Compromiso&tipo=compromisos",
        "/buscar/?q=zzzz-sin-resultados",
        "/cambios/",
        "/cambios/?tipo=compromisos",
        "/datos/",
    ]


def test_todas_las_paginas_publicas_sin_violaciones_graves(page, url, todo_publicado):
    encontradas = {}
    for ruta in paginas(todo_publicado):
        respuesta = page.goto(url(ruta))
        assert respuesta.status == 200, ruta
        violaciones = violaciones_graves(page)
        if violaciones:
            encontradas[ruta] = violaciones
    assert encontradas == {}


def test_busqueda_con_resultados_marca_y_enlaza(page, url, todo_publicado):
    page.goto(url("/buscar/?q=Problema"))
    assert page.locator("mark", has_text="Problema").count() >= 1
    page.get_by_role("link", name="1. Compromiso accesible").click()
    page.wait_for_url(f"**/compromisos/{todo_publicado['compromiso'].slug}/")


def test_filtro_de_cambios_solo_con_teclado(page, url, todo_publicado):
    page.goto(url("/cambios/"))
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "tipo":
            break
    else:
        pytest.fail("El selector «Tipo de registro» no se alcanza con Tab.")
    opciones = page.locator("#tipo option").evaluate_all("os => os.map(o => o.value)")
    destino = "compromisos" if "compromisos" in opciones else opciones[1]
    while page.evaluate("document.activeElement.value") != destino:
        page.keyboard.press("ArrowDown")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Filtrar"
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/cambios/?tipo={destino}")
    assert page.locator("#tipo").input_value() == destino
    # El foco es visible: el navegador dibuja un contorno en el elemento enfocado.
    page.keyboard.press("Tab")
    contorno = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert contorno != "none"
