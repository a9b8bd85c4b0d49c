import re

from playwright.sync_api import expect


def test_catalogo_de_sujetos_navegable_con_teclado(page, url, catalogos):
    page.goto(url("/sujetos-obligados/"))
    expect(page).to_have_title(re.compile("Sujetos obligados"))
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Saltar al contenido principal")).to_be_focused()
    page.get_by_label("Tipo").select_option("municipio")
    page.get_by_role("button", name="Filtrar").click()
    expect(page.get_by_role("status")).to_contain_text("570 sujetos obligados")
