"""Ida y vuelta de hitos por hoja de cálculo: todo o nada, errores con fila y columna."""

import csv
import datetime as dt
import io

import openpyxl
import pytest
from django.core.management import call_command

from cocreacion.comun.importacion import ErrorDeImportacion
from stgao.importacion import exportar_hitos, importar_hitos
from stgao.models import Hito

pytestmark = pytest.mark.django_db


@pytest.fixture
def compromisos(crear_compromiso):
    return [crear_compromiso(hitos=3), crear_compromiso(hitos=2)]


def _filas_csv(plan):
    texto = exportar_hitos(plan, "csv").decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(texto)))


def _a_csv(filas) -> bytes:
    salida = io.StringIO()
    escritor = csv.DictWriter(salida, fieldnames=list(filas[0]))
    escritor.writeheader()
    escritor.writerows(filas)
    return salida.getvalue().encode("utf-8")


def test_ida_y_vuelta_xlsx_solo_cambia_lo_editado(plan, compromisos, usuario_coordinacion):
    libro = openpyxl.load_workbook(io.BytesIO(exportar_hitos(plan, "xlsx")))
    hoja = libro.active
    encabezados = [c.value for c in hoja[1]]
    assert encabezados[:5] == ["id", "compromiso", "hito", "descripción", "estado"]
    assert hoja.max_row == 6
    # La columna de estado ofrece las opciones del modelo como lista desplegable.
    (validacion,) = hoja.data_validations.dataValidation
    assert validacion.type == "list"
    assert validacion.formula1 == '"Pendiente,En proceso,Completado"'
    assert str(validacion.sqref) == "E2:E6"
    hoja.cell(row=2, column=5, value="Completado")
    hoja.cell(row=2, column=9, value=dt.datetime(2021, 5, 3))
    salida = io.BytesIO()
    libro.save(salida)
    antes = {h.pk: h.history.count() for h in Hito.objects.all()}
    resumen = importar_hitos(
        plan=plan, archivo=salida.getvalue(), nombre="hitos.xlsx", actor=usuario_coordinacion
    )
    assert (len(resumen.cambiados), resumen.filas_sin_cambios) == (1, 4)
    cambiado = Hito.objects.get(pk=hoja.cell(row=2, column=1).value)
    assert cambiado.estado == "completado" and cambiado.fecha_fin_real == dt.date(2021, 5, 3)
    assert cambiado.history.first().history_user == usuario_coordinacion
    for hito in Hito.objects.exclude(pk=cambiado.pk):
        assert hito.history.count() == antes[hito.pk], "una fila sin cambios no se toca"
    compromisos[0].refresh_from_db()
    assert str(compromisos[0].avance) == "33.33"


def test_csv_con_fechas_dia_mes_anio(plan, compromisos, usuario_coordinacion):
    filas = _filas_csv(plan)
    filas[0]["estado"] = "en_proceso"
    filas[0]["inicio real"] = "15/02/2021"
    importar_hitos(plan=plan, archivo=_a_csv(filas), nombre="h.csv", actor=usuario_coordinacion)
    hito = Hito.objects.get(pk=filas[0]["id"])
    assert hito.fecha_inicio_real == dt.date(2021, 2, 15) and hito.estado == "en_proceso"


def test_errores_por_fila_y_columna_sin_guardar_nada(plan, compromisos, usuario_coordinacion):
    filas = _filas_csv(plan)
    filas[0]["estado"] = "Completado"
    filas[0]["término real"] = "2021-03-01"  # válida, pero el archivo tiene errores
    filas[1]["estado"] = "Terminadísimo"
    filas[2]["término planeado"] = "31/31/2021"
    filas[3]["id"] = "999999"
    filas[4]["inicio real"] = "2021-05-01"
    filas[4]["término real"] = "2021-04-01"
    filas[4]["estado"] = "completado"
    antes = list(Hito.objects.order_by("pk").values_list("estado", "fecha_fin_real"))
    with pytest.raises(ErrorDeImportacion) as error:
        importar_hitos(plan=plan, archivo=_a_csv(filas), nombre="h.csv", actor=usuario_coordinacion)
    mensajes = [str(e) for e in error.value.errores]
    assert any(m.startswith("Fila 3, columna «estado»") and "Terminadísimo" in m for m in mensajes)
    assert any(m.startswith("Fila 4, columna «término planeado»") for m in mensajes)
    assert any(m.startswith("Fila 5, columna «id»") and "999999" in m for m in mensajes)
    assert any(m.startswith("Fila 6, columna «término real»") for m in mensajes)
    assert "no se guardó nada" in error.value.resumen()
    assert list(Hito.objects.order_by("pk").values_list("estado", "fecha_fin_real")) == antes


def test_columna_faltante_e_id_de_otro_plan(
    plan, compromisos, usuario_coordinacion, crear_compromiso
):
    from stgao.models import PlanAccionLocal

    with pytest.raises(ErrorDeImportacion, match="Falta la columna «estado»"):
        importar_hitos(
            plan=plan, archivo=b"id,peso\n1,2\n", nombre="h.csv", actor=usuario_coordinacion
        )
    otro = PlanAccionLocal.objects.create(
        nombre="Otro", slug="otro", anio_inicio=2023, anio_fin=2023
    )
    ajeno = crear_compromiso(plan_=otro, hitos=1).hitos.get()
    filas = _filas_csv(plan)[:1]
    filas[0]["id"] = str(ajeno.pk)
    with pytest.raises(ErrorDeImportacion, match="No hay un hito"):
        importar_hitos(plan=plan, archivo=_a_csv(filas), nombre="h.csv", actor=usuario_coordinacion)


def test_comando_carga_el_compromiso_oaxaca(catalogos):
    from stgao.models import Compromiso

    call_command("cargar_plan_accion", "stgao_compromiso_oaxaca.json", verbosity=0)
    call_command("cargar_plan_accion", "stgao_compromiso_oaxaca.json", verbosity=0)
    compromiso = Compromiso.objects.publicados().get()
    assert compromiso.titulo == "Presupuesto Ciudadano 2018"
    assert compromiso.lider.slug == "iaip-oaxaca"
    assert list(compromiso.responsables.values_list("slug", flat=True)) == ["iaip-oaxaca"]
    assert [o.nombre for o in compromiso.corresponsables.all()] == ["Sociedad de exalumnos del TEC"]
    assert compromiso.problema.startswith("Dificultad en el acceso a la información clara")
    assert "presupuestociudadano.iaipoaxaca.org.mx" in compromiso.sitio_resultado
    assert len(compromiso.lista_beneficios) == 3
    assert compromiso.hitos.count() == 0


def test_comando_importar_hitos(plan, compromisos, usuario_coordinacion, tmp_path):
    from django.core.management.base import CommandError

    filas = _filas_csv(plan)
    filas[0]["estado"] = "Completado"
    filas[0]["término real"] = "2021-03-01"
    ruta = tmp_path / "hitos.csv"
    ruta.write_bytes(_a_csv(filas))
    salida = io.StringIO()
    call_command(
        "importar_hitos", plan.slug, str(ruta), usuario=usuario_coordinacion.username, stdout=salida
    )
    assert "Hitos actualizados: 1; sin cambios: 4." in salida.getvalue()
    filas[1]["estado"] = "Otro"
    ruta.write_bytes(_a_csv(filas))
    with pytest.raises(CommandError, match="Fila 3, columna «estado»"):
        call_command("importar_hitos", plan.slug, str(ruta), usuario=usuario_coordinacion.username)


def test_estado_desconocido_dice_las_opciones_del_modelo(plan, compromisos, usuario_coordinacion):
    """«Cumplido» no es del vocabulario de los hitos: el error dice cuáles valen y dónde."""
    libro = openpyxl.load_workbook(io.BytesIO(exportar_hitos(plan, "xlsx")))
    libro.active.cell(row=3, column=5, value="Cumplido")
    salida = io.BytesIO()
    libro.save(salida)
    with pytest.raises(ErrorDeImportacion) as error:
        importar_hitos(
            plan=plan, archivo=salida.getvalue(), nombre="hitos.xlsx", actor=usuario_coordinacion
        )
    texto = str(error.value)
    assert "Cumplido" in texto and "Pendiente, En proceso, Completado" in texto
    assert "3" in texto
