"""Recorridos de navegador: una ciudadana sigue un compromiso; un enlace reporta avance."""

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from stgao import services
from stgao.models import Compromiso, Hito, PlanAccionLocal

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def compromisos(db, sujeto_obligado, otro_sujeto_obligado, usuario_coordinacion):
    plan = PlanAccionLocal.objects.create(
        nombre="Plan de Acción Local 2021",
        slug="pal-2021",
        anio_inicio=2021,
        anio_fin=2022,
        publicado=True,
    )

    def crear(titulo, lider, tema, hitos):
        compromiso = services.compromiso_guardar(
            compromiso=Compromiso(
                plan=plan,
                titulo=titulo,
                problema=f"Problema de {titulo}.",
                solucion=f"Solución de {titulo}.",
                tema=tema,
                lider=lider,
                publicado=True,
            ),
            actor=usuario_coordinacion,
        )
        for n, (descripcion, fin) in enumerate(hitos, start=1):
            services.hito_guardar(
                hito=Hito(
                    compromiso=compromiso, numero=n, descripcion=descripcion, fecha_fin_planeada=fin
                ),
                actor=usuario_coordinacion,
            )
        return compromiso

    datos = crear(
        "Datos abiertos de obra pública",
        sujeto_obligado,
        "datos_abiertos",
        [
            ("Inventario de datos", dt.date(2030, 3, 31)),
            ("Publicación del portal", dt.date(2030, 6, 30)),
        ],
    )
    crear(
        "Presupuesto participativo",
        otro_sujeto_obligado,
        "presupuesto",
        [("Consulta ciudadana", dt.date(2030, 5, 1))],
    )
    return datos


def test_ciudadana_filtra_y_lee_la_linea_de_tiempo(page, url, compromisos):
    page.goto(url("/compromisos/"))
    expect(page.get_by_role("status")).to_contain_text("2 compromisos")
    page.get_by_label("Tema").select_option(label="Datos abiertos")
    page.get_by_role("button", name="Filtrar").click()
    expect(page.get_by_role("status")).to_contain_text("1 compromiso")
    expect(page.get_by_text("Presupuesto participativo")).to_have_count(0)
    page.get_by_role("link", name=re.compile("Datos abiertos de obra pública")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Datos abiertos de obra pública")
    expect(page.get_by_role("heading", name="Antes")).to_be_visible()
    expect(page.get_by_text("¿Cuál era el problema?")).to_be_visible()
    hitos = page.locator("ol.hitos > li")
    expect(hitos).to_have_count(2)
    expect(hitos.nth(0)).to_contain_text("Inventario de datos")
    expect(hitos.nth(0).get_by_role("row", name=re.compile("Planeado"))).to_contain_text(
        "31/03/2030"
    )
    expect(hitos.nth(1)).to_contain_text("Publicación del portal")


def test_enlace_marca_hito_hecho_con_evidencia_pdf(
    page, url, compromisos, sujeto_obligado, crear_enlace, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    crear_enlace(sujeto_obligado, username="enlace.obras")
    archivo = tmp_path / "acta-de-entrega.pdf"
    archivo.write_bytes(PDF)

    page.goto(url("/admin/login/"))
    page.get_by_label(re.compile("usuario", re.I)).fill("enlace.obras")
    page.get_by_label(re.compile("contraseña", re.I)).fill("contraseña-de-prueba-larga")
    page.locator("#login-form [type=submit]").click()
    expect(page).not_to_have_url(re.compile("login"))
    page.goto(url("/admin/stgao/hito/"))
    expect(page.get_by_text("Consulta ciudadana")).to_have_count(0)
    page.get_by_role("link", name=re.compile("Inventario de datos")).click()
    page.locator("select[name=estado]").select_option("completado")
    page.locator("input[name=fecha_fin_real]").fill(dt.date.today().strftime("%d/%m/%Y"))
    page.locator("input[name='evidencias-0-descripcion']").fill("Acta de entrega del inventario")
    page.locator("input[name='evidencias-0-archivo']").set_input_files(str(archivo))
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist")).to_contain_text(re.compile("correctamente|éxito", re.I))

    page.goto(url(compromisos.get_absolute_url()))
    expect(page.locator("progress.avance__barra").first).to_have_attribute("value", "50")
    expect(page.get_by_text("Acta de entrega del inventario")).to_be_visible()
    expect(page.locator("ol.hitos > li").nth(0)).to_contain_text("Completado")
    hito = Hito.objects.get(descripcion="Inventario de datos")
    assert hito.history.first().history_user.username == "enlace.obras"
