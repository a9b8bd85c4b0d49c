"""La semana del enlace en el navegador: entra desde el pie del portal sin marca de staff, llega
a «Mis pendientes», abre su listado, lo envía tras confirmar y ve el estado; y la caché pública
no le muestra su sesión a otra persona. Capturas a 390 y 1,366 px (``tests/e2e/capturas.py``)."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from cocreacion.listados import services as servicios
from cocreacion.models import Enlace, EstadoListado
from cocreacion.operacion.cache_paginas import invalidar
from cocreacion.permissions import GRUPO_ENLACES
from tests.cocreacion.test_listados_apoyo import RUTAS, crear_periodo, elementos
from tests.e2e.accesibilidad import violaciones_graves
from tests.e2e.capturas import capturar

pytestmark = [pytest.mark.urls(RUTAS), pytest.mark.django_db(transaction=True)]

CONTRASENA = "contraseña-de-prueba-larga"


@pytest.fixture
def rosa(institucion, sujeto_obligado, usuario_coordinacion):
    """Enlace sólo con su grupo (sin marca de staff), con su listado requerido y 2 elementos."""
    usuario = get_user_model().objects.create_user(
        username="rosa.perez",
        password=CONTRASENA,
        first_name="Rosa",
        last_name="Pérez",
        email="rosa@sujeto.gob.mx",
    )
    usuario.groups.add(Group.objects.get(name=GRUPO_ENLACES))
    Enlace.objects.create(usuario=usuario, sujeto_obligado=sujeto_obligado)
    periodo = crear_periodo()
    servicios.periodo_abrir(periodo=periodo, actor=usuario_coordinacion, sujetos=[sujeto_obligado])
    elementos(periodo.listados.get(), 2)
    invalidar()
    return usuario


def test_el_enlace_entra_ve_sus_pendientes_y_envia_con_confirmacion(page, url, rosa):
    page.goto(url("/"))
    page.get_by_role("link", name="Acceso para personal y enlaces").click()
    page.get_by_label(re.compile("usuario", re.I)).fill("rosa.perez")
    page.get_by_label(re.compile("contraseña", re.I)).fill(CONTRASENA)
    page.locator("#login-form [type=submit]").click()

    # Llega a sus pendientes: el listado por enviar, con su plazo.
    expect(page).to_have_url(re.compile("/admin/mis-pendientes/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Mis pendientes")
    expect(page.get_by_text("Listado por enviar")).to_be_visible()
    expect(page.get_by_text("30 de junio de 2100")).to_be_visible()
    assert violaciones_graves(page) == []
    capturar(page, "mis-pendientes")

    # Abre el listado; el sitio público muestra su sesión con «Mis pendientes» y «Salir».
    page.get_by_role("link", name=re.compile("^Listado 2021-S1 de Secretaría de Prueba")).click()
    sesion = page.get_by_role("region", name="Su sesión")
    expect(sesion).to_contain_text("Sesión de Rosa Pérez")
    expect(sesion.get_by_role("link", name="Mis pendientes")).to_be_visible()
    expect(sesion.get_by_role("button", name="Salir")).to_be_visible()
    capturar(page, "mi-listado")

    # Enviar pide confirmación y dice lo que va a pasar.
    page.get_by_role("link", name="Enviar listado a la DGA…").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "¿Enviar el listado 2021-S1 a la DGA?"
    )
    expect(page.get_by_text("El envío no se puede deshacer.")).to_be_visible()
    expect(page.get_by_text("La DGA recibe un aviso por correo")).to_be_visible()
    assert violaciones_graves(page) == []
    capturar(page, "confirmar-envio")
    page.get_by_role("link", name="No, volver al listado").click()
    assert rosa.enlace.sujeto_obligado.listados_interes_publico.get().estado == "borrador"
    page.get_by_role("link", name="Enviar listado a la DGA…").click()
    page.get_by_role("button", name="Sí, enviar el listado a la DGA").click()

    # Ve el estado nuevo y su pendiente desaparece.
    expect(page.get_by_role("status")).to_contain_text("Listado enviado")
    expect(page.locator(".ficha")).to_contain_text("Enviado")
    listado = rosa.enlace.sujeto_obligado.listados_interes_publico.get()
    assert listado.estado == EstadoListado.ENVIADO
    page.get_by_role("region", name="Su sesión").get_by_role("link", name="Mis pendientes").click()
    expect(page.get_by_text("No tiene pendientes")).to_be_visible()

    # Sale con POST y vuelve a la portada sin sesión.
    page.goto(url("/interes-publico/"))
    page.get_by_role("button", name="Salir").click()
    expect(page).to_have_url(url("/"))
    expect(page.get_by_role("region", name="Su sesión")).to_have_count(0)


def test_la_cache_publica_no_muestra_la_sesion_de_otra_persona(browser, url, rosa):
    con_sesion = browser.new_context(locale="es-MX")
    anonima = browser.new_context(locale="es-MX")
    try:
        pagina = con_sesion.new_page()
        pagina.goto(url("/admin/login/"))
        pagina.get_by_label(re.compile("usuario", re.I)).fill("rosa.perez")
        pagina.get_by_label(re.compile("contraseña", re.I)).fill(CONTRASENA)
        pagina.locator("#login-form [type=submit]").click()
        expect(pagina).to_have_url(re.compile("mis-pendientes"))
        for _ in range(2):
            pagina.goto(url("/interes-publico/"))
            expect(pagina.get_by_role("region", name="Su sesión")).to_contain_text("Rosa Pérez")
        otra = anonima.new_page()
        for _ in range(2):  # la segunda sale de la caché de páginas
            respuesta = otra.goto(url("/interes-publico/"))
            assert "public" in respuesta.headers.get("cache-control", "")
            expect(otra.get_by_role("region", name="Su sesión")).to_have_count(0)
            assert "Rosa" not in otra.content()
        pagina.goto(url("/interes-publico/"))
        expect(pagina.get_by_role("region", name="Su sesión")).to_contain_text("Rosa Pérez")
    finally:
        con_sesion.close()
        anonima.close()
