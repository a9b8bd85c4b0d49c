"""En el navegador, un enlace sube archivos hostiles a la importación de su listado: la página
responde con el error en español (archivo, límite, columna), sin guardar nada, en un teléfono
y en una pantalla ancha."""

import pytest
from playwright.sync_api import expect

from cocreacion.listados import services as servicios
from tests.cocreacion.test_archivos_hostiles import gigante_declarado
from tests.cocreacion.test_listados_apoyo import RUTAS, crear_periodo
from tests.e2e.accesibilidad import violaciones_graves
from tests.e2e.test_listados import entrar

pytestmark = pytest.mark.urls(RUTAS)

COLUMNAS = "Título,Descripción,Justificación,Unidad responsable,Periodicidad,Formato,Liga"


@pytest.mark.parametrize("ancho", [390, 1366])
def test_enlace_sube_archivos_hostiles_a_su_listado(
    page, url, institucion, sujeto_obligado, crear_enlace, usuario_coordinacion, tmp_path, ancho
):
    periodo = crear_periodo()
    servicios.periodo_abrir(periodo=periodo, actor=usuario_coordinacion, sujetos=[sujeto_obligado])
    listado = periodo.listados.get()
    crear_enlace(sujeto_obligado, "enlace.hostil")
    page.set_viewport_size({"width": ancho, "height": 900})
    entrar(page, url, "enlace.hostil")
    casos = [
        (
            {
                "name": "enorme.xlsx",
                "mimeType": "application/octet-stream",
                "buffer": gigante_declarado(),
            },
            ["El archivo «enorme.xlsx»", "1,048,576 filas", "20,000 filas de datos"],
        ),
        (
            {
                "name": "repetida.csv",
                "mimeType": "text/csv",
                "buffer": f"{COLUMNAS},título\nA,B,C,D,anual,PDF,,x\n".encode(),
            },
            ["El archivo «repetida.csv»", "La columna «título» está repetida"],
        ),
    ]
    for archivo, textos in casos:
        page.goto(url(f"/interes-publico/mis-listados/{listado.pk}/"))
        page.get_by_label("Hoja de cálculo (XLSX o CSV)").set_input_files(archivo)
        page.get_by_role("button", name="Importar elementos").click()
        alerta = page.get_by_role("alert")
        for texto in textos:
            expect(alerta).to_contain_text(texto)
        expect(alerta).to_contain_text("no se guardó nada")
        assert violaciones_graves(page) == []
        page.screenshot(path=tmp_path / f"{archivo['name']}-{ancho}.png", full_page=True)
    assert listado.elementos.count() == 0
