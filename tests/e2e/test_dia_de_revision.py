# ruff: noqa: F811
"""El día de revisión de la DGA en el navegador: abre un listado enviado, escribe las
resoluciones sin guardarlas, pulsa «Generar dictamen» y nada de lo escrito se pierde (se guarda
primero y luego se pide la confirmación). Capturas a 390 y 1,366 px (``tests/e2e/capturas.py``)."""

import re

import pytest
from playwright.sync_api import expect

from cocreacion.listados import services as servicios
from cocreacion.models import Dictamen, EstadoListado
from tests.cocreacion.test_listados_apoyo import (  # noqa: F401
    RUTAS,
    abierto,
    elementos,
    enlace,
    listado,
    periodo,
)
from tests.e2e.capturas import CAPTURAS, capturar

pytestmark = [pytest.mark.urls(RUTAS), pytest.mark.django_db(transaction=True)]

CONTRASENA = "contraseña-de-prueba-larga"


def test_generar_dictamen_no_tira_las_resoluciones_escritas(
    page, url, listado, enlace, usuario_personal
):
    elementos(listado, 5)
    servicios.listado_enviar(listado=listado, actor=enlace)
    page.goto(url("/admin/login/"))
    page.get_by_label(re.compile("usuario", re.I)).fill(usuario_personal.username)
    page.get_by_label(re.compile("contraseña", re.I)).fill(CONTRASENA)
    page.locator("#login-form [type=submit]").click()

    page.goto(url(f"/admin/cocreacion/listado/{listado.pk}/change/"))
    page.get_by_role("button", name="Iniciar revisión").click()
    expect(page.get_by_text("En revisión").first).to_be_visible()

    # Cinco resoluciones escritas y sin guardar.
    for i in range(5):
        page.locator(f"#id_elementos-{i}-resolucion").select_option("procedente")
        page.locator(f"#id_elementos-{i}-fundamentacion").fill(f"Fundamento escrito a mano {i}")
    # La tabla de revisión aún es más ancha que la pantalla: por ahora sólo se fotografía.
    for ancho in (390, 1366):
        page.set_viewport_size({"width": ancho, "height": 900})
        page.screenshot(
            path=CAPTURAS / f"revision-resoluciones-escritas-{ancho}.png", full_page=True
        )
    page.set_viewport_size({"width": 1366, "height": 900})
    page.get_by_role("button", name="Generar dictamen…").click()

    # Lo escrito quedó guardado antes de pedir la confirmación.
    expect(page.get_by_text("Se guardaron 5 resoluciones.")).to_be_visible()
    expect(page.get_by_text("Este paso no se puede deshacer.")).to_be_visible()
    capturar(page, "revision-confirmar-dictamen")
    guardadas = list(
        listado.elementos.order_by("numero").values_list("resolucion", "fundamentacion")
    )
    assert guardadas == [("procedente", f"Fundamento escrito a mano {i}") for i in range(5)]

    page.get_by_role("button", name=re.compile("^Sí, generar dictamen")).click()
    expect(page.get_by_text(re.compile("Proyecto de dictamen generado"))).to_be_visible()
    listado.refresh_from_db()
    assert listado.estado == EstadoListado.DICTAMINADO and Dictamen.objects.count() == 1


def test_si_falta_una_fundamentacion_la_ficha_vuelve_con_lo_escrito(
    page, url, listado, enlace, usuario_personal
):
    elementos(listado, 2)
    servicios.listado_enviar(listado=listado, actor=enlace)
    servicios.listado_iniciar_revision(listado=listado, actor=usuario_personal)
    page.goto(url("/admin/login/"))
    page.get_by_label(re.compile("usuario", re.I)).fill(usuario_personal.username)
    page.get_by_label(re.compile("contraseña", re.I)).fill(CONTRASENA)
    page.locator("#login-form [type=submit]").click()
    page.goto(url(f"/admin/cocreacion/listado/{listado.pk}/change/"))
    page.locator("#id_elementos-0-resolucion").select_option("procedente")
    page.locator("#id_elementos-0-fundamentacion").fill("Esto no debe perderse")
    page.locator("#id_elementos-1-resolucion").select_option("no_procedente")
    page.get_by_role("button", name="Generar dictamen…").click()
    expect(page.get_by_text("Escriba la fundamentación y motivación.")).to_be_visible()
    expect(page.locator("#id_elementos-0-fundamentacion")).to_have_value("Esto no debe perderse")
    assert not Dictamen.objects.exists()
