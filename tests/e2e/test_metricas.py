"""Una persona consulta la Métrica 2017 en Chromium: filtra municipios y abre una ficha."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from playwright.sync_api import expect

from metricas.importacion import importar_resultados
from tests.e2e.accesibilidad import violaciones_graves

BSO = Path(settings.BASE_DIR) / "fixtures" / "metrica-2017" / "BSO.csv"


@pytest.fixture
def metrica_2017(catalogos):
    call_command("loaddata", "metricas_ediciones.json", "metricas_indicadores.json", verbosity=0)
    return importar_resultados(archivo=BSO, edicion=2017, actor=None)


def test_ciudadana_abre_2017_filtra_municipios_y_abre_una_ficha(page, url, metrica_2017):
    page.goto(url("/metricas/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Métrica de Gobierno Abierto")
    page.get_by_role("link", name="Métrica de Gobierno Abierto 2017").click()
    expect(page).to_have_url(re.compile(r"/metricas/2017/$"))
    tabla = page.locator("#tabla-clasificacion")
    primera = tabla.locator("tbody tr").first
    expect(primera).to_contain_text("Secretaría de Seguridad")
    expect(primera).to_contain_text("0.74")
    expect(
        page.get_by_role("img", name=re.compile("IGA 2017 de los sujetos obligados"))
    ).to_be_visible()

    page.get_by_label("Tipo de sujeto obligado", exact=True).select_option("municipio")
    page.get_by_role("button", name="Filtrar").click()
    expect(page).to_have_url(re.compile(r"tipo=municipio"))
    expect(page.get_by_role("status")).to_contain_text("5 sujetos obligados")
    expect(tabla.locator("tbody tr")).to_have_count(5)
    expect(tabla).not_to_contain_text("Secretaría de Seguridad")

    tabla.get_by_role("link", name="Oaxaca de Juárez").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Oaxaca de Juárez")
    seccion = page.locator("section.metricas-seccion")
    expect(seccion.get_by_role("heading", name="Métrica de Gobierno Abierto")).to_be_visible()
    expect(seccion.locator("tbody tr").first).to_contain_text("2017")
    expect(seccion.locator("tbody tr").first).to_contain_text("0.52")


def test_descarga_csv_junto_a_la_edicion(page, url, metrica_2017):
    page.goto(url("/metricas/2017/"))
    with page.expect_download() as descarga:
        page.get_by_role("link", name="CSV").click()
    ruta = descarga.value.path()
    lineas = Path(ruta).read_text(encoding="utf-8").strip().splitlines()
    assert len(lineas) == 909
    assert descarga.value.suggested_filename == "metrica-gobierno-abierto-2017-resultados.csv"


@pytest.mark.parametrize(
    "ruta", ["/metricas/", "/metricas/2017/", "/metricas/indicadores-de-referencia/"]
)
def test_paginas_de_la_metrica_sin_violaciones_graves(page, url, metrica_2017, ruta):
    page.goto(url(ruta))
    assert violaciones_graves(page) == []
