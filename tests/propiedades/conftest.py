# ruff: noqa: F811
"""Entradas hostiles para las pruebas de propiedades (hypothesis) y los datos mínimos que usan.

Las estrategias producen valores de celda, archivos completos (CSV en varias codificaciones,
XLSX, bytes al azar, XLSX renombrado) y valores de parámetros de consulta. Las fixtures arman
lo publicado indispensable para que las páginas públicas tengan algo que mostrar.
"""

import csv
import datetime as dt
import io
import os

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from tests.cocreacion.test_listados_apoyo import (  # noqa: F401
    abierto,
    crear_periodo,
    elementos,
    enlace,
    listado,
    llevar_a,
    periodo,
)
from tests.stgao.conftest import crear_compromiso, crear_sesion, plan  # noqa: F401

# Presupuesto: toda la carpeta corre en menos de ~3 minutos con 2 núcleos. Para buscar más a
# fondo (p. ej. de noche): ``PROPIEDADES_FACTOR=10 pytest tests/propiedades``.
FACTOR = max(1, int(os.environ.get("PROPIEDADES_FACTOR", "1")))
POCOS = settings(
    max_examples=25 * FACTOR,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
CONTADOS = settings(POCOS, max_examples=15 * FACTOR)
MEDIO = settings(
    max_examples=40 * FACTOR,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Cargas con un marcador propio: si aparecen tal cual en el HTML, no se escaparon.
SCRIPT = "<script>alerta_xss_9f3()</script>"
CARGAS_HTML = [
    SCRIPT,
    '"><script>alerta_xss_9f3()</script>',
    "<img src=x onerror=alerta_xss_9f3()>",
    "javascript:alerta_xss_9f3()",
    "<svg/onload=alerta_xss_9f3()>",
]
INYECTADAS = ["<script>alerta_xss_9f3()", "<img src=x onerror=", "<svg/onload="]

CARGAS = [
    *CARGAS_HTML,
    "=cmd|' /C calc'!A0",
    '=HYPERLINK("http://malo.example","clic")',
    "+1+1",
    "-2+3",
    "@SUM(1+1)",
    "'; DROP TABLE cocreacion_sujetoobligado; --",
    "1' OR '1'='1",
    "1; SELECT pg_sleep(5)",
    "%",
    "_",
    "\\",
    "\x00",
    "\ufeff",
    "\u202e",
    "😀 Oaxaca de Juárez ñ",
    "0",
    "-1",
    "99999",
    "1e309",
    "NaN",
    "Infinity",
    "9" * 40,
    "1.000,50",
    "  12  ",
    "0000-00-00",
    "31/02/2021",
    "9999-12-31",
    "0001-01-01",
    "10000-01-01",
    "1900-01-00",
    "2021-13-45",
    "-2021-01-01",
    "a" * 10_000,
    "ñ" * 10_000,
    "",
    " ",
    "\r\n",
]


def texto_hostil():
    """Un valor de celda o de parámetro: cargas conocidas, texto al azar o mezclas."""
    return st.one_of(
        st.sampled_from(CARGAS),
        st.text(max_size=60),
        st.builds(lambda a, b: a + b, st.sampled_from(CARGAS), st.text(max_size=20)),
        st.integers(min_value=-(10**20), max_value=10**20).map(str),
    )


def valor_de_celda():
    """Lo que una celda de XLSX puede traer: texto hostil, números, fechas, booleanos, nada."""
    return st.one_of(
        texto_hostil(),
        st.none(),
        st.integers(min_value=-(2**63), max_value=2**63),
        st.floats(allow_nan=True, allow_infinity=True),
        st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(9999, 12, 31)),
        st.booleans(),
    )


def _limpio_para_xlsx(valor):
    if isinstance(valor, str):
        # openpyxl rechaza los caracteres de control ilegales en XML: Excel tampoco los guarda.
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

        return ILLEGAL_CHARACTERS_RE.sub("", valor)[:32_000]
    if isinstance(valor, float) and (valor != valor or valor in (float("inf"), float("-inf"))):
        return str(valor)
    return valor


def a_xlsx(filas: list[list]) -> bytes:
    libro = Workbook()
    hoja = libro.active
    for fila in filas:
        hoja.append([_limpio_para_xlsx(v) for v in fila])
    salida = io.BytesIO()
    libro.save(salida)
    return salida.getvalue()


def a_csv(filas: list[list], codificacion: str = "utf-8") -> bytes:
    salida = io.StringIO()
    escritor = csv.writer(salida)
    for fila in filas:
        escritor.writerow(["" if v is None else v for v in fila])
    return salida.getvalue().encode(codificacion, errors="replace")


CODIFICACIONES = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "latin-1", "cp1252"]


@st.composite
def archivo_hostil(draw, base: list[list]):
    """``(nombre, bytes)``: ``base`` (encabezado + filas válidas) con celdas envenenadas,
    escrito en algún formato, codificación o disfraz; o bytes al azar."""
    tipo = draw(
        st.sampled_from(
            ["csv", "csv", "xlsx", "xlsx", "bytes", "xlsx_como_csv", "csv_como_xlsx", "roto"]
        )
    )
    if tipo == "bytes":
        nombre = draw(st.sampled_from(["datos.csv", "datos.xlsx", "datos", "datos.txt"]))
        return nombre, draw(st.binary(max_size=2000))
    filas = [list(f) for f in base]
    # envenenar algunas celdas (incluido el encabezado, a veces)
    for _ in range(draw(st.integers(min_value=0, max_value=4))):
        i = draw(st.integers(min_value=0 if draw(st.booleans()) else 1, max_value=len(filas) - 1))
        j = draw(st.integers(min_value=0, max_value=len(filas[i]) - 1))
        filas[i][j] = draw(valor_de_celda())
    if draw(st.integers(min_value=0, max_value=4)) == 0:
        filas = filas + [list(filas[-1])]  # fila repetida
    if draw(st.integers(min_value=0, max_value=9)) == 0:
        filas[-1] = [*filas[-1], "sobrante"]
    if tipo == "xlsx":
        return "datos.xlsx", a_xlsx(filas)
    if tipo == "xlsx_como_csv":
        return "datos.csv", a_xlsx(filas)
    if tipo == "csv_como_xlsx":
        return "datos.xlsx", a_csv(filas)
    datos = a_csv(
        [[v if not isinstance(v, float) else repr(v) for v in f] for f in filas],
        draw(st.sampled_from(CODIFICACIONES)),
    )
    if tipo == "roto":
        corte = draw(st.integers(min_value=0, max_value=len(datos)))
        datos = datos[:corte] + draw(st.binary(min_size=1, max_size=20)) + datos[corte:]
    return draw(st.sampled_from(["datos.csv", "datos.CSV", "datos.txt", "datos"])), datos


def archivos_fijos(base: list[list]) -> list[tuple[str, str, bytes]]:
    """Casos nombrados en la tarea, uno por uno (``id``, nombre, bytes)."""
    texto = a_csv(base).decode()
    return [
        ("vacio", "datos.csv", b""),
        ("solo_espacios", "datos.csv", b"   \r\n\t"),
        ("solo_encabezado", "datos.csv", a_csv(base[:1])),
        ("utf16", "datos.csv", texto.encode("utf-16")),
        ("latin1", "datos.csv", texto.encode("latin-1", errors="replace")),
        ("bytes_rotos", "datos.csv", texto.encode() + b"\xff\xfe\x80\x81 \xc3\x28\n"),
        ("xlsx_como_csv", "datos.csv", a_xlsx(base)),
        ("csv_como_xlsx", "datos.xlsx", texto.encode()),
        ("zip_no_xlsx", "datos.xlsx", b"PK\x03\x04" + b"\x00" * 200),
        ("pdf", "datos.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"),
        ("formula", "datos.xlsx", a_xlsx([base[0], *[["=cmd|' /C calc'!A0"] * len(base[0])]])),
        ("html", "datos.csv", a_csv([base[0], [SCRIPT] * len(base[0])])),
        ("largo", "datos.csv", a_csv([base[0], ["x" * 10_000] * len(base[0])])),
        ("sql", "datos.csv", a_csv([base[0], ["'; DROP TABLE x; --"] * len(base[0])])),
        ("enorme", "datos.csv", b"a," * (10 * 1024 * 1024 + 10)),
    ]


# --- Datos mínimos publicados para las páginas ------------------------------------------


@pytest.fixture
def portal(db, institucion, sujeto_obligado, crear_compromiso, crear_sesion, usuario_coordinacion):
    """Un poco de todo, publicado: programa 2021, compromiso con hitos, sesión con acuerdo,
    edición 2017 de la Métrica con dos resultados."""
    from django.core.management import call_command

    from cocreacion.models import SujetoObligado
    from metricas.importacion import importar_resultados
    from metricas.models import Edicion
    from stgao.services import acuerdo_crear
    from tests.oela.conftest import generar_programa

    programa = generar_programa(2021)
    compromiso = crear_compromiso("Compromiso con <b>marcas</b> & acentos", hitos=2)
    sesion = crear_sesion()
    acuerdo_crear(
        sesion=sesion,
        texto="Acuerdo de prueba",
        actor=usuario_coordinacion,
        fecha_limite=dt.date(2021, 6, 1),
    )
    call_command("loaddata", "metricas_ediciones.json", verbosity=0)
    edicion = Edicion.objects.get(anio=2017)
    # Primero el padrón: la Métrica sólo liga resultados a sujetos que ya están en él.
    SujetoObligado.objects.create(
        nombre="Secretaría de Finanzas", tipo="poder_ejecutivo", orden="estatal"
    )
    SujetoObligado.objects.create(nombre="Tlacolula", tipo="municipio", orden="municipal")
    importar_resultados(
        archivo=(
            "SO,edo,niv,ts,TG,TC,PG,PC\n"
            "Oaxaca-Secretaría de Finanzas,Oaxaca,Estatal,Ejecutivo Estatal,0.5,0.4,0.3,0.2\n"
            "Oaxaca-Tlacolula,Oaxaca,Municipal,Municipio,0.1,0.2,0.3,0.4\n"
        ).encode(),
        nombre="m.csv",
        edicion=edicion,
        actor=None,
    )
    return {"programa": programa, "compromiso": compromiso, "sesion": sesion, "edicion": edicion}
