"""Recorridos en el navegador del programa anual: ciudadanía y personal de la DGA."""

import csv
import io
import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from oela.models import LineaAccion


@pytest.fixture
def programa_2021(catalogos):
    call_command("loaddata", "oela_programa_2021.json", verbosity=0)


def test_ciudadania_recorre_el_programa_y_descarga_la_matriz(page, url, programa_2021):
    page.goto(url("/programa/"))
    page.get_by_role("link", name="Programa 2021").click()
    expect(page).to_have_title(re.compile("Programa anual de trabajo 2021"))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Hacia Gobiernos Abiertos con Innovación Pública"
    )
    expect(page.get_by_text("Aún no se han programado acciones").first).to_be_visible()
    page.get_by_role("link", name=re.compile(r"^4\.1\.1 Coordinar las acciones")).click()
    expect(page).to_have_url(re.compile(r"/programa/2021/lineas/4\.1\.1/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Línea de acción 4.1.1")
    expect(page.get_by_text("Aún no se han programado acciones para esta línea.")).to_be_visible()
    expect(page.get_by_text("Ley de Transparencia y Acceso a la Información")).to_be_visible()
    page.get_by_role("link", name="Volver al programa 2021").click()
    with page.expect_download() as descarga:
        page.get_by_role("link", name="Matriz en CSV").click()
    archivo = descarga.value
    assert archivo.suggested_filename == "matriz-programacion-2021.csv"
    with open(archivo.path(), encoding="utf-8-sig") as f:
        filas = list(csv.reader(io.StringIO(f.read())))
    assert filas[0][:4] == ["Nº", "Objetivo", "Estrategia", "Línea de Acción"]
    assert len(filas) == 23


def test_personal_edita_una_linea_y_la_ve_en_el_historial(
    page, url, programa_2021, usuario_personal, client
):
    client.force_login(usuario_personal)
    sesion = client.cookies["sessionid"].value
    page.context.add_cookies([{"name": "sessionid", "value": sesion, "url": url("/")}])
    linea = LineaAccion.objects.get(estrategia__objetivo__numero=4, estrategia__numero=1, numero=5)
    page.goto(url(f"/admin/oela/lineaaccion/{linea.pk}/change/"))
    expect(page.get_by_text("4.1.5").first).to_be_visible()
    campo = page.get_by_label("Línea de acción:", exact=True)
    campo.fill(linea.texto + " (revisado)")
    page.get_by_role("button", name=re.compile("Guardar y continuar")).click()
    expect(page.locator(".messagelist")).to_contain_text("se cambió correctamente")
    page.locator("a.historylink").click()
    expect(page.locator("#change-history")).to_contain_text("analista")
    linea.refresh_from_db()
    assert linea.texto.endswith("(revisado)")
    assert linea.history.latest().history_user == usuario_personal
