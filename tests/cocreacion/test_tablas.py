"""El cuerpo de tabla armado en Python da el mismo HTML que el bucle de la plantilla."""

import datetime as dt
from decimal import Decimal

from django.template import Context, Template
from django.utils import translation

BUCLE = Template(
    "{% for fila in filas %}"
    '<tr>{% for valor in fila %}{% if forloop.first %}<th scope="row">{{ valor }}</th>'
    "{% else %}<td>{{ valor }}</td>{% endif %}{% endfor %}</tr>"
    "{% if not forloop.last %}\n{% endif %}{% endfor %}"
)
FILTRO = Template("{% load tablas %}{{ filas|filas_de_tabla }}")

FILAS = [
    [1, "1.1 Objetivo <b>con</b> etiquetas & «comillas»", "", 0, 12, 999, -5],
    [2, 'O\'Neil "citado"', None, 1000, 25000, -1000, Decimal("1234.5")],
    [3, dt.date(2021, 3, 15), 3.5, True, False, 1_000_000, "<script>alert(1)</script>"],
]


def test_el_filtro_da_el_mismo_html_que_la_plantilla(settings):
    settings.USE_THOUSAND_SEPARATOR = True
    with translation.override("es-mx"):
        esperado = BUCLE.render(Context({"filas": FILAS}))
        obtenido = FILTRO.render(Context({"filas": FILAS}))
    assert obtenido == esperado
    assert "&lt;script&gt;" in obtenido and "<script>" not in obtenido
    assert "25,000" in obtenido  # los números de cuatro cifras o más, con separador


def test_sin_filas_no_hay_cuerpo():
    assert FILTRO.render(Context({"filas": []})) == ""
