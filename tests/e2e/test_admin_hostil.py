# ruff: noqa: F811
"""Un enlace hostil, con su sesión en Chromium, prueba las rutas del historial y de importación
del admin: historial de otro sujeto obligado, una versión enviada por POST con un formulario
armado a mano e importadores de la DGA. Cada intento termina en una página en español y nada
cambia en la base."""

import re

import pytest
from playwright.sync_api import expect

from cocreacion.models import EstadoListado
from tests.cocreacion.test_listados_apoyo import RUTAS
from tests.cocreacion.test_matriz_de_permisos import mundo  # noqa: F401
from tests.e2e.accesibilidad import violaciones_graves

pytestmark = [pytest.mark.urls(RUTAS), pytest.mark.django_db(transaction=True)]

CONTRASENA = "contraseña-de-prueba-larga"  # noqa: S105

# Lo que haría alguien con la consola del navegador: un formulario con el token CSRF de la
# página que tiene abierta, enviado a la vista de una versión.
ENVIAR_FORMULARIO = """([accion, campos]) => {
    const token = document.querySelector('[name=csrfmiddlewaretoken]');
    const formulario = document.createElement('form');
    formulario.method = 'post';
    formulario.action = accion;
    const datos = {...campos, csrfmiddlewaretoken: token ? token.value : ''};
    for (const [nombre, valor] of Object.entries(datos)) {
        const campo = document.createElement('input');
        campo.type = 'hidden';
        campo.name = nombre;
        campo.value = valor;
        formulario.appendChild(campo);
    }
    document.body.appendChild(formulario);
    formulario.submit();
}"""


def entrar(page, url, usuario):
    page.context.clear_cookies()
    page.goto(url("/admin/login/"))
    page.get_by_label(re.compile("usuario", re.I)).fill(usuario)
    page.get_by_label(re.compile("contraseña", re.I)).fill(CONTRASENA)
    page.locator("#login-form [type=submit]").click()
    expect(page).not_to_have_url(re.compile("login"))


def test_enlace_hostil_en_historial_e_importacion(page, url, mundo, tmp_path):
    entrar(page, url, "enlace")
    ajeno = mundo["listado_ajeno"]
    propio = mundo["listado_aprobado"]

    # 1. El historial y las versiones de otro sujeto obligado no existen para él.
    for ruta in (
        f"/admin/cocreacion/listado/{ajeno.pk}/history/",
        f"/admin/cocreacion/listado/{ajeno.pk}/history/"
        f"{ajeno.history.order_by('history_id').first().history_id}/",
        f"/admin/cocreacion/dictamen/{mundo['dictamen_borrador'].pk}/history/",
    ):
        respuesta = page.goto(url(ruta))
        assert respuesta.status == 404, ruta
        expect(page.get_by_role("heading", level=1)).to_have_text("No encontramos esta página")

    # 2. Su propio listado aprobado: la versión en borrador se consulta, sin botón de guardar…
    borrador = propio.history.order_by("history_id").first()
    version = f"/admin/cocreacion/listado/{propio.pk}/history/{borrador.history_id}/"
    assert page.goto(url(version)).status == 200
    expect(page.locator("input[name=_save]")).to_have_count(0)
    # … y un POST armado a mano para «revertirlo» se rechaza con una página en español.
    with page.expect_navigation():
        page.evaluate(ENVIAR_FORMULARIO, [version, {"observaciones": "Revertido"}])
    expect(page.get_by_role("heading", level=1)).to_have_text("No tiene permiso para hacer esto")
    expect(page.locator("main")).to_contain_text("sólo se consulta")
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=str(tmp_path / "403-390.png"), full_page=True)
    page.set_viewport_size({"width": 1366, "height": 900})
    page.screenshot(path=str(tmp_path / "403-1366.png"), full_page=True)
    assert violaciones_graves(page) == []
    propio.refresh_from_db()
    assert propio.estado == EstadoListado.APROBADO and propio.observaciones != "Revertido"

    # 3. Los importadores del admin son de la DGA.
    for ruta in (
        f"/admin/stgao/planaccionlocal/{mundo['plan'].pk}/importar-hitos/",
        f"/admin/oela/programa/{mundo['programa_borrador'].pk}/importar-matriz/",
        "/admin/metricas/resultado/importar-archivo/",
        "/admin/oela/programa/export/",
    ):
        respuesta = page.goto(url(ruta))
        assert respuesta.status == 403, ruta
        expect(page.get_by_role("heading", level=1)).to_have_text(
            "No tiene permiso para hacer esto"
        )
        expect(page).to_have_title(re.compile("Acceso no permitido"))
