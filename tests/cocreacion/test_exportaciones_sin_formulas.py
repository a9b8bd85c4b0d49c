# ruff: noqa: F811
"""Toda exportación neutraliza fórmulas (``= + - @``, tabulador, retorno de carro) con el mismo
paso (``cocreacion.comun.formulas``): admin, matriz, hitos de ida y vuelta; los números no cambian y
el archivo de ida y vuelta se vuelve a importar sin cambios."""

import csv
import io
from decimal import Decimal

import pytest
from django.contrib import admin
from django.test import RequestFactory
from openpyxl import load_workbook

from cocreacion.comun import formatos
from cocreacion.comun.formulas import neutralizar, quitar_neutralizacion
from tests.stgao.conftest import crear_compromiso, plan  # noqa: F401

PELIGROSOS = [
    '=HYPERLINK("http://malo.example","clic")',
    "+52 951 000",
    "-2+3",
    "@SUMA(A1)",
    "\tcmd",
    "\rcmd",
    "-nan",
]


@pytest.mark.parametrize("valor", PELIGROSOS)
def test_texto_peligroso_lleva_apostrofo_y_vuelve_igual(valor):
    assert neutralizar(valor) == "'" + valor
    assert quitar_neutralizacion(neutralizar(valor)) == valor


@pytest.mark.parametrize("valor", [-3, -1.5, Decimal("-2.50"), 0, "-1.5", "+52", "-3e2", "Hola"])
def test_numeros_y_texto_normal_no_cambian(valor):
    assert neutralizar(valor) is valor
    if isinstance(valor, str):
        assert quitar_neutralizacion(valor) == valor


def test_apostrofo_que_no_puso_la_exportacion_se_conserva():
    assert quitar_neutralizacion("'Hola") == "'Hola"
    assert quitar_neutralizacion("'-3") == "'-3"


def _sin_formulas(xlsx: bytes) -> list:
    """Valores del XLSX, que no debe tener fórmulas. Un retorno de carro vuelve como salto de
    línea (así lo normaliza el XML)."""
    hoja = load_workbook(io.BytesIO(xlsx)).active
    celdas = [c for fila in hoja.iter_rows() for c in fila]
    assert [c.coordinate for c in celdas if c.data_type == "f"] == []
    return [c.value.replace("\n", "\r") if isinstance(c.value, str) else c.value for c in celdas]


@pytest.mark.django_db
def test_hoja_de_hitos_de_ida_y_vuelta(plan, crear_compromiso, usuario_coordinacion):
    from stgao.importacion import exportar_hitos, importar_hitos
    from stgao.models import Hito

    compromiso = crear_compromiso("=Compromiso con fórmula", hitos=len(PELIGROSOS))
    for hito, texto in zip(compromiso.hitos.order_by("numero"), PELIGROSOS, strict=True):
        Hito.objects.filter(pk=hito.pk).update(descripcion=texto)
    xlsx = exportar_hitos(plan, "xlsx")
    valores = _sin_formulas(xlsx)
    for texto in PELIGROSOS:
        assert "'" + texto in valores
    assert all(not str(v).startswith(("=", "+", "-", "@", "\t", "\r")) for v in valores if v)
    texto_csv = exportar_hitos(plan, "csv").decode("utf-8-sig")
    descripciones = [f["descripción"] for f in csv.DictReader(io.StringIO(texto_csv))]
    assert descripciones == ["'" + t for t in PELIGROSOS]
    # De vuelta, sin tocarla: nada cambia.
    for formato, datos in [("xlsx", xlsx), ("csv", texto_csv.encode())]:
        resumen = importar_hitos(
            plan=plan, archivo=datos, nombre=f"hitos.{formato}", actor=usuario_coordinacion
        )
        assert (len(resumen.cambiados), resumen.filas_sin_cambios) == (0, len(PELIGROSOS))


@pytest.mark.django_db
def test_matriz_de_ida_y_vuelta_con_textos_peligrosos():
    from oela.importacion import importar_matriz
    from oela.models import Accion
    from oela.services import matriz_exportar
    from tests.oela.conftest import generar_programa

    programa = generar_programa(2033, objetivos=1, estrategias=1, lineas=1, acciones=3)
    acciones = list(Accion.objects.filter(linea__estrategia__objetivo__programa=programa))
    for accion, texto in zip(acciones, ["=SUMA(1;2)", "@usuario", "+52 951"], strict=True):
        Accion.objects.filter(pk=accion.pk).update(descripcion=texto, indicador="-a")
    for formato in ("xlsx", "csv"):
        datos = matriz_exportar(programa=programa, formato=formato)
        if formato == "xlsx":
            valores = _sin_formulas(datos)
            assert valores.count("'-a") == 3
        resultado = importar_matriz(
            programa=programa, archivo=datos, nombre=f"m.{formato}", actor=None, ensayo=True
        )
        assert resultado.sin_cambios, resultado.reporte()


@pytest.mark.django_db
def test_exportacion_del_admin_neutraliza_y_conserva_numeros(superusuario):
    from oela.models import Accion
    from tests.oela.conftest import generar_programa

    programa = generar_programa(
        2034, objetivos=1, estrategias=1, lineas=1, acciones=len(PELIGROSOS)
    )
    consulta = Accion.objects.filter(linea__estrategia__objetivo__programa=programa)
    for accion, texto in zip(consulta.order_by("pk"), PELIGROSOS, strict=True):
        Accion.objects.filter(pk=accion.pk).update(descripcion=texto)
    modelo_admin = admin.site._registry[Accion]
    assert modelo_admin.get_export_formats() == [
        formatos.CSV,
        formatos.XLSX,
        formatos.TSV,
        formatos.JSON,
    ]
    peticion = RequestFactory().get("/")
    peticion.user = superusuario
    for formato in (formatos.CSV(), formatos.TSV(), formatos.XLSX()):
        datos = modelo_admin.get_export_data(formato, peticion, consulta.order_by("pk"))
        if isinstance(formato, formatos.XLSX):
            valores = _sin_formulas(datos)
            assert any(isinstance(v, int | float) and not isinstance(v, bool) for v in valores)
        else:
            texto = datos if isinstance(datos, str) else datos.decode()
            delimitador = "\t" if isinstance(formato, formatos.TSV) else ","
            valores = [
                c for fila in csv.reader(io.StringIO(texto), delimiter=delimitador) for c in fila
            ]
        for peligroso in PELIGROSOS:
            assert "'" + peligroso in valores, (formato, peligroso)
        assert not [v for v in valores if isinstance(v, str) and v.startswith(("=", "@", "+"))]
