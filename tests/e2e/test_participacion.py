"""Recorridos de navegador de Participa: proponer, confirmar por correo, moderar y ver publicado;
accesibilidad de cada página (axe-core) y formularios que funcionan sin JavaScript."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from cocreacion.participacion.models import Consulta, Moderacion, Propuesta
from tests.participacion.conftest import enlace_de

from .accesibilidad import violaciones_graves
from .capturas import capturar

CONTRASENA = "contraseña-de-prueba-larga"  # noqa: S105


@pytest.fixture
def consulta(transactional_db, institucion):
    return Consulta.objects.create(
        titulo="¿Qué datos de obra pública quiere ver?",
        slug="obra-publica",
        pregunta="¿Qué información le ayudaría a vigilar las obras de su municipio?",
        reglas="Propuestas respetuosas y sobre obra pública.",
        inicio=timezone.now() - timedelta(days=1),
        cierre=timezone.now() + timedelta(days=10),
        destino="plan_accion_local",
        publicada=True,
    )


def _proponer(page, url, consulta, titulo):
    page.goto(url(consulta.get_absolute_url()))
    page.get_by_role("link", name="Enviar una propuesta").click()
    page.get_by_label("Título de su propuesta").fill(titulo)
    page.get_by_label("¿Cuál es el problema?").fill("No sabemos cuánto cuesta cada obra.")
    page.get_by_label("¿Qué propone?").fill("Publicar cada contrato con su monto y avance.")
    page.get_by_label("Municipio (opcional)").select_option(label="Oaxaca de Juárez")
    page.get_by_label("Su correo").fill("ciudadana@ejemplo.mx")
    page.get_by_role("button", name="Enviar propuesta").click()
    expect(page.get_by_role("heading", name="Revise su correo")).to_be_visible()


def test_proponer_confirmar_moderar_y_ver_publicada(
    page, url, consulta, catalogos, mailoutbox, usuario_personal, browser
):
    _proponer(page, url, consulta, "Contratos de obra en línea")
    assert mailoutbox[-1].to == ["ciudadana@ejemplo.mx"]
    # La persona abre la liga del correo y confirma con el botón.
    page.goto(url(f"/participa/confirmar/propuesta/{enlace_de(mailoutbox)}/"))
    capturar(page, "participa-confirmar")
    page.get_by_role("button", name="Confirmar").click()
    expect(page.get_by_role("heading", name="Propuesta confirmada")).to_be_visible()
    propuesta = Propuesta.objects.get()
    assert propuesta.confirmada_en is not None
    # Aún no se ve: falta moderar.
    page.goto(url(consulta.get_absolute_url()))
    expect(page.get_by_text("Contratos de obra en línea")).to_have_count(0)

    # El personal de la DGA la publica desde el admin.
    personal = browser.new_context(locale="es-MX", timezone_id="America/Mexico_City")
    admin = personal.new_page()
    admin.goto(url("/admin/login/"))
    admin.get_by_label(re.compile("usuario", re.I)).fill(usuario_personal.username)
    admin.get_by_label(re.compile("contraseña", re.I)).fill(CONTRASENA)
    admin.locator("#login-form [type=submit]").click()
    admin.goto(url(f"/admin/participacion/propuesta/{propuesta.pk}/change/"))
    expect(admin.get_by_text("ciudadana@ejemplo.mx")).to_have_count(0)
    admin.locator("#id_paso").select_option("publicar")
    admin.locator("[name=_save]").click()
    expect(admin.locator(".messagelist")).to_be_visible()
    personal.close()
    assert Propuesta.objects.get().moderacion == Moderacion.PUBLICADA

    # Cualquiera la ve publicada, con su estado y sin el correo.
    page.goto(url(consulta.get_absolute_url()))
    page.get_by_role("link", name="Contratos de obra en línea").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Contratos de obra en línea")
    expect(page.get_by_text("Recibida").first).to_be_visible()
    expect(page.get_by_text("Anónimo")).to_be_visible()
    assert "ciudadana@ejemplo.mx" not in page.content()
    capturar(page, "participa-propuesta")


def test_el_error_queda_junto_al_campo_y_recibe_el_foco(page, url, consulta, catalogos):
    page.context.set_extra_http_headers({})
    page.goto(url(f"{consulta.get_absolute_url()}proponer/"))
    page.get_by_label("Título de su propuesta").fill("Sin correo")
    page.get_by_role("button", name="Enviar propuesta").click()
    # La aserción espera a que cargue la respuesta: leer el foco justo tras el
    # clic puede caer todavía en la página anterior.
    expect(page.locator("#id_problema")).to_be_focused()  # el primer campo con error
    descrito = page.locator("#id_problema").get_attribute("aria-describedby")
    assert "error_problema" in descrito
    expect(page.locator("#error_problema")).to_contain_text("obligatorio")
    capturar(page, "participa-errores")


@pytest.fixture
def con_propuesta(consulta, usuario_personal):
    propuesta = Propuesta.objects.create(
        consulta=consulta,
        titulo="Presupuesto de cada escuela",
        problema="No se publica cuánto recibe cada escuela.",
        texto="Publicar el presupuesto por escuela cada trimestre.",
        nombre="Rosa Martínez",
        confirmada_en=timezone.now(),
        moderacion=Moderacion.PUBLICADA,
    )
    return propuesta


def test_paginas_de_participa_sin_violaciones_graves(page, url, con_propuesta):
    consulta = con_propuesta.consulta
    rutas = [
        "/participa/",
        consulta.get_absolute_url(),
        f"{consulta.get_absolute_url()}proponer/",
        f"{consulta.get_absolute_url()}proponer/enviada/",
        con_propuesta.get_absolute_url(),
        f"{con_propuesta.get_absolute_url()}apoyar/",
        "/participa/aviso-de-privacidad/",
        "/participa/mis-datos/borrar/",
        "/participa/mis-datos/borrar/enviado/",
        "/participa/confirmar/propuesta/enlace-alterado/",
    ]
    encontradas = {}
    for ruta in rutas:
        page.goto(url(ruta))
        violaciones = violaciones_graves(page)
        if violaciones:
            encontradas[ruta] = violaciones
        capturar(page, "participa" + re.sub(r"[^a-z0-9]+", "-", ruta))
    # El formulario con errores también.
    page.goto(url(f"{consulta.get_absolute_url()}proponer/"))
    page.get_by_role("button", name="Enviar propuesta").click()
    if violaciones := violaciones_graves(page):
        encontradas["proponer con errores"] = violaciones
    assert encontradas == {}


def test_la_trampa_no_se_ve_ni_se_alcanza_con_el_teclado(page, url, consulta):
    page.goto(url(f"{consulta.get_absolute_url()}proponer/"))
    assert not page.locator("#id_sitio_web").is_visible() or page.evaluate(
        "document.querySelector('#id_sitio_web').getBoundingClientRect().right < 0"
    )
    for _ in range(40):
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.id") != "id_sitio_web"
