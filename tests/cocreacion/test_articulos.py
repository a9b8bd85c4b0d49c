"""Artículos de los nombres de instituciones y órganos que vienen de datos."""

from cocreacion.comun.articulos import con_articulo, de_con_articulo


def test_articulos_por_genero_de_la_primera_palabra():
    assert con_articulo("Instituto de Acceso") == "el Instituto de Acceso"
    assert con_articulo("Dirección de Gobierno Abierto") == "la Dirección de Gobierno Abierto"
    assert de_con_articulo("Instituto de Acceso") == "del Instituto de Acceso"
    assert de_con_articulo("Comisión Estatal") == "de la Comisión Estatal"
    # Un nombre desconocido va sin artículo antes que con uno equivocado.
    assert con_articulo("OGAIPO") == "OGAIPO" and de_con_articulo("OGAIPO") == "de OGAIPO"
