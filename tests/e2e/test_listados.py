# ruff: noqa: F811
"""De punta a punta: el enlace envía 3 elementos, la analista los revisa, la coordinadora
aprueba el dictamen y una persona descarga el PDF desde la página pública."""

import io
import re
from pathlib import Path

import pypdf
import pytest
from playwright.sync_api import expect

from cocreacion.listados import services as servicios
from cocreacion.models import Dictamen
from tests.cocreacion.test_listados_apoyo import RUTAS, crear_periodo
from tests.e2e.accesibilidad import violaciones_graves
from tests.e2e.capturas import capturar

pytestmark = pytest.mark.urls(RUTAS)

CONTRASENA = "contraseña-de-prueba-larga"
ELEMENTOS = [
    ("Padrón de beneficiarios de programas sociales", "Trimestral"),
    ("Contratos de obra pública y señalética", "Mensual"),
    ("Informe anual de niñas y niños atendidos", "Anual"),
]


def entrar(page, url, usuario):
    page.context.clear_cookies()
    page.goto(url("/admin/login/"))
    page.get_by_label(re.compile("usuario", re.I)).fill(usuario)
    page.get_by_label(re.compile("contraseña", re.I)).fill(CONTRASENA)
    page.locator("#login-form [type=submit]").click()
    expect(page).not_to_have_url(re.compile("login"))


def test_ciclo_completo_del_listado_al_pdf_publico(
    page, url, institucion, sujeto_obligado, crear_enlace, usuario_personal, usuario_coordinacion
):
    periodo = crear_periodo()
    servicios.periodo_abrir(periodo=periodo, actor=usuario_coordinacion, sujetos=[sujeto_obligado])
    listado = periodo.listados.get()
    crear_enlace(sujeto_obligado, "enlace.secretaria")

    # 1. El enlace captura tres elementos y envía su listado.
    entrar(page, url, "enlace.secretaria")
    page.goto(url("/interes-publico/mis-listados/"))
    page.get_by_role("link", name="2021-S1").click()
    for titulo, periodicidad in ELEMENTOS:
        page.get_by_label("Título").fill(titulo)
        page.get_by_label("Descripción").fill(f"Descripción de «{titulo}».")
        page.get_by_label("Justificación del interés público").fill("Rendición de cuentas.")
        page.get_by_label("Unidad administrativa responsable").fill("Unidad de Transparencia")
        page.get_by_label("Periodicidad de actualización").select_option(label=periodicidad)
        page.get_by_label("Formato o medio").fill("XLSX")
        page.get_by_role("button", name="Agregar elemento").click()
        expect(page.get_by_role("status")).to_contain_text("Elemento agregado")
    expect(page.get_by_role("heading", name="Elementos (3)")).to_be_visible()
    assert violaciones_graves(page) == []
    page.get_by_role("link", name="Enviar listado a la DGA…").click()
    page.get_by_role("button", name="Sí, enviar el listado a la DGA").click()
    expect(page.get_by_role("status")).to_contain_text("Listado enviado")
    expect(page.get_by_role("button", name="Agregar elemento")).to_have_count(0)

    # 2. La analista inicia la revisión y resuelve cada elemento en el admin.
    entrar(page, url, usuario_personal.username)
    page.goto(url(f"/admin/cocreacion/listado/{listado.pk}/change/"))
    page.get_by_role("button", name="Iniciar revisión").click()
    expect(page.locator(".messagelist")).to_contain_text("En revisión")
    resoluciones = ["procedente", "con_modificaciones", "no_procedente"]
    for i, resolucion in enumerate(resoluciones):
        page.locator(f"select[name='elementos-{i}-resolucion']").select_option(resolucion)
        page.locator(f"textarea[name='elementos-{i}-fundamentacion']").fill(
            f"Artículo 37 de la ley local; motivación {i + 1}."
        )
    page.locator("textarea[name='elementos-1-modificaciones']").fill("Publicar en datos abiertos.")
    page.locator("input[name=_continue]").click()
    page.get_by_role("button", name="Generar dictamen…").click()  # guarda la ficha y confirma
    expect(page.get_by_text("Este paso no se puede deshacer.")).to_be_visible()
    capturar(page, "admin-confirmar-dictamen")
    page.get_by_role("button", name="Sí, generar dictamen").click()
    expect(page.locator(".messagelist")).to_contain_text("Proyecto de dictamen generado")
    assert Dictamen.objects.get().folio is None

    # 3. La coordinadora registra la aprobación del Consejo General.
    entrar(page, url, usuario_coordinacion.username)
    page.goto(url(f"/admin/cocreacion/dictamen/{Dictamen.objects.get().pk}/change/"))
    page.get_by_role("link", name="Registrar aprobación").click()
    page.get_by_label("Sesión", exact=True).fill("Décima Sesión Ordinaria de 2021")
    page.get_by_label("Fecha de la sesión").fill("2021-09-15")
    page.get_by_label("Número de acuerdo").fill("CG/SO-10/2021/05")
    page.get_by_role("button", name="Aprobar y asignar folio").click()
    expect(page.locator(".messagelist")).to_contain_text("DGA/DIP/2021-S1/0001")

    # 4. Una persona sin cuenta encuentra el dictamen y descarga el PDF.
    page.context.clear_cookies()
    page.goto(url("/interes-publico/"))
    expect(page.get_by_role("row", name=re.compile("Secretaría de Prueba"))).to_contain_text(
        "Aprobado"
    )
    assert violaciones_graves(page) == []
    page.get_by_role("link", name="DGA/DIP/2021-S1/0001").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dictamen DGA/DIP/2021-S1/0001")
    expect(page.get_by_text("Publicar en datos abiertos.")).to_be_visible()
    assert violaciones_graves(page) == []
    with page.expect_download() as descarga:
        page.get_by_role("link", name="Descargar el dictamen en PDF").click()
    datos = Path(descarga.value.path()).read_bytes()
    texto = " ".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(datos)).pages)
    texto = " ".join(texto.split())
    assert "DGA/DIP/2021-S1/0001" in texto and "Consejo General" in texto
    for titulo, _ in ELEMENTOS:
        assert titulo in texto
