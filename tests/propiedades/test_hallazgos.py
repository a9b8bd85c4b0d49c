"""Regresiones: casos mínimos que las pruebas de propiedades encontraron y ya se corrigieron."""

import io

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from metricas.importacion import importar_resultados

from .conftest import a_csv
from .test_importadores import base_metrica

pytestmark = pytest.mark.django_db

FORMULA = "=cmd|' /C calc'!A0"


def test_descarga_de_la_metrica_no_lleva_formulas(client):
    """Un nombre de sujeto obligado que empieza con «=» sale como fórmula viva en el XLSX y como
    celda «=…» en el CSV de /metricas/<año>/resultados.* (el centro de datos sí neutraliza)."""
    call_command("loaddata", "metricas_ediciones.json", verbosity=0)
    filas = base_metrica()
    filas[1][0] = "Oaxaca-" + FORMULA
    importar_resultados(archivo=a_csv(filas), nombre="m.csv", edicion=2017, actor=None)

    xlsx = client.get("/metricas/2017/resultados.xlsx").content
    hoja = load_workbook(io.BytesIO(xlsx)).active
    formulas = [c.value for fila in hoja.iter_rows() for c in fila if c.data_type == "f"]
    assert formulas == []

    csv = client.get("/metricas/2017/resultados.csv").content.decode("utf-8-sig")
    assert ",=cmd" not in csv


def test_filtro_de_acuerdos_rechazado_con_mensaje_en_espanol(client, portal):
    """/stgao/acuerdos/?estado=zzz muestra todos los acuerdos sin decir que el filtro no vale."""
    html = client.get("/stgao/acuerdos/?estado=zzz").content.decode()
    assert "Seleccione una opción válida" in html


def test_comando_importar_hitos_con_archivo_inexistente(plan, usuario_coordinacion, tmp_path):
    """Sale un FileNotFoundError (traza en inglés) en lugar de un CommandError en español."""
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="No se encontró"):
        call_command(
            "importar_hitos",
            plan.slug,
            str(tmp_path / "no-existe.csv"),
            usuario=usuario_coordinacion.username,
        )


@pytest.mark.parametrize("comando", ["importar_matriz", "importar_hitos", "importar_metrica"])
def test_comandos_con_una_carpeta_en_lugar_de_archivo(
    comando, plan, usuario_coordinacion, tmp_path
):
    """Una carpeta como ARCHIVO da IsADirectoryError (traza) en lugar de un CommandError."""
    from django.core.management import CommandError

    from tests.oela.conftest import generar_programa

    call_command("loaddata", "metricas_ediciones.json", verbosity=0)
    generar_programa(2031)
    argumentos = {
        "importar_matriz": ([str(tmp_path)], {"programa": 2031}),
        "importar_hitos": ([plan.slug, str(tmp_path)], {"usuario": usuario_coordinacion.username}),
        "importar_metrica": ([str(tmp_path)], {"edicion": 2017}),
    }[comando]
    with pytest.raises(CommandError):
        call_command(comando, *argumentos[0], **argumentos[1])


def test_sesion_en_el_ano_9999_se_rechaza_sin_500(client, superusuario, institucion):
    """31/12/9999 23:30 (hora de México) es 10000-01-01 en UTC: ``Sesion.save`` llama a
    ``timezone.localtime`` y revienta con OverflowError (500 en el admin del personal)."""
    client.force_login(superusuario)
    datos = {
        "tipo": "ordinaria",
        "fecha_hora_0": "31/12/9999",
        "fecha_hora_1": "23:30",
        "modalidad": "presencial",
        "sede": "Sala de plenos",
        "duracion_minutos": "60",
    }
    for prefijo in ["acuerdos", "asistencias", "puntos"]:
        datos.update(
            {
                f"{prefijo}-TOTAL_FORMS": "0",
                f"{prefijo}-INITIAL_FORMS": "0",
                f"{prefijo}-MIN_NUM_FORMS": "0",
                f"{prefijo}-MAX_NUM_FORMS": "1000",
            }
        )
    respuesta = client.post("/admin/stgao/sesion/add/", datos)
    assert respuesta.status_code == 200  # el formulario vuelve con un error en la fecha


def test_matriz_publica_no_lleva_formulas(client, usuario_coordinacion):
    """Un Indicador o Responsable importado como «=cmd|…» sale como fórmula viva en
    /programa/<año>/matriz.xlsx y como celda «=…» en matriz.csv (``matriz_exportar``)."""
    from oela.importacion import importar_matriz
    from tests.oela.conftest import generar_programa

    from .test_importadores import base_matriz

    programa = generar_programa(2033, objetivos=1, estrategias=1, lineas=1, acciones=1)
    filas = base_matriz()
    filas[1][7] = FORMULA  # Indicador
    filas[1][9] = FORMULA  # Responsable
    importar_matriz(
        programa=programa, archivo=a_csv(filas), nombre="m.csv", actor=usuario_coordinacion
    )

    xlsx = client.get("/programa/2033/matriz.xlsx").content
    hoja = load_workbook(io.BytesIO(xlsx)).active
    assert [c.value for fila in hoja.iter_rows() for c in fila if c.data_type == "f"] == []
    csv = client.get("/programa/2033/matriz.csv").content.decode("utf-8-sig")
    assert ",=cmd" not in csv
