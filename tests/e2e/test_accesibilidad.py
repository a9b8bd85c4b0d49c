"""Cada página pública pasa axe-core (WCAG 2.1 AA) sin violaciones graves o críticas."""

import pytest

from tests.e2e.accesibilidad import violaciones_graves

PAGINAS_DEL_NUCLEO = [
    "/",
    "/sujetos-obligados/",
    "/sujetos-obligados/?tipo=municipio",
    "/sujetos-obligados/secretaria-de-seguridad/",
    "/datos/",
    "/participa/",
    "/participa/aviso-de-privacidad/",
    "/participa/mis-datos/borrar/",
    "/no-existe/",
]


@pytest.mark.parametrize("ruta", PAGINAS_DEL_NUCLEO)
def test_paginas_del_nucleo_sin_violaciones_graves(page, url, catalogos, ruta):
    page.goto(url(ruta))
    assert violaciones_graves(page) == []


def test_axe_detecta_una_violacion_real(page, url, catalogos):
    """Control: la revisión sí encuentra problemas cuando los hay."""
    page.goto(url("/"))
    page.evaluate("document.querySelector('#busqueda-q').labels[0].remove()")
    page.evaluate("document.querySelector('#busqueda-q').removeAttribute('placeholder')")
    reglas = {v["regla"] for v in violaciones_graves(page)}
    assert "label" in reglas
