"""Gráficas SVG: texto alternativo, escape del texto, sin depender del color y usables en PDF."""

import io
from decimal import Decimal as D

import pypdf
from weasyprint import HTML

from metricas import graficas
from metricas.models.resultados import CUADRANTES


def _todas():
    return [
        graficas.barras_horizontales(
            id="g1",
            titulo="Ranking de prueba",
            descripcion="Dos sujetos",
            barras=[graficas.Barra("Uno <b>", D("0.74"), destacada=True), graficas.Barra("Dos", 0)],
            referencias=[(D("0.6"), "Aprobatorio")],
        ),
        graficas.barras_agrupadas(
            id="g2",
            titulo="Ediciones",
            descripcion="Nacional contra Oaxaca",
            categorias=["2017", "2019"],
            series=[
                graficas.Serie("Nacional", [D("0.39"), D("0.52")]),
                graficas.Serie("Oaxaca", [D("0.33"), None], "rayado"),
            ],
        ),
        graficas.cuadrantes(
            id="g3",
            titulo="Cuadrantes",
            descripcion="Tres puntos",
            puntos=[graficas.Punto("A", 0.7, 0.2), graficas.Punto("B & C", 0.1, 0.9)],
            umbral=D("0.5"),
            nombres={k: str(v) for k, v in CUADRANTES.items()},
        ),
        graficas.barras_apiladas(
            id="g4",
            titulo="Distribución",
            descripcion="Por tipo",
            filas=[("Municipio", [3, 1, 0]), ("Sindicato", [2, 0, 0])],
            segmentos=["No aprobatorio", "Aprobatorio", "Satisfactorio"],
        ),
    ]


def test_cada_grafica_tiene_titulo_descripcion_y_escapa_el_texto():
    for svg in _todas():
        assert svg.startswith("<svg") and 'role="img"' in svg
        assert "-titulo" in svg and "-desc" in svg
        assert "style=" not in svg and "<script" not in svg
    ranking, ediciones, cuadrantes, _ = _todas()
    assert "Uno &lt;b&gt;" in ranking and "<b>" not in ranking
    assert 'font-weight="bold">▶ Uno' in ranking  # destacado también con texto, no sólo color
    assert "url(#g1-rayado)" in ranking and ">0.74<" in ranking
    assert ">s/d<" in ediciones  # sin dato: dicho, no una barra en cero muda
    assert "B &amp; C" in cuadrantes
    assert "Alta transparencia" in cuadrantes and "y alta participación" in cuadrantes


def test_las_graficas_se_pueden_usar_dentro_de_un_pdf():
    cuerpo = "".join(f"<figure>{svg}</figure>" for svg in _todas())
    pdf = HTML(string=f"<html><body>{cuerpo}</body></html>").write_pdf()
    texto = "".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf)).pages)
    for esperado in ["Aprobatorio", "0.74", "2017", "Transparencia (T)", "Municipio"]:
        assert esperado in texto
