"""Actualización masiva de hitos: exportar los de un plan a XLSX/CSV e importarlos de vuelta.

La importación va por la tubería común (``cocreacion.comun.importacion.importar``):
``ImportadorHitos`` lee, valida y aplica con ``services.hitos_importar``. Es todo o nada: si
una fila tiene un error, no se guarda ninguna y el mensaje dice fila y columna. Las filas sin
cambios no se tocan (no generan historial). Las reglas son las de ``services.hito_guardar``:
cada quien cambia sólo los hitos que reporta, y las fechas planeadas de un compromiso
publicado (su línea base) no cambian al importar.
"""

import datetime as dt
import io

import openpyxl
import tablib
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from cocreacion.comun.formulas import neutralizar_dataset
from cocreacion.comun.importacion import (
    ErrorDeFila,
    ErrorDeImportacion,
    Importador,
    ResultadoImportacion,
    exigir_columnas,
    importar,
)

from .models import EstadoHito, Hito, PlanAccionLocal
from .services import hito_cambios_no_permitidos, hitos_importar, normalizar_hito

COL_ID = "id"
COL_COMPROMISO = "compromiso"
COL_NUMERO = "hito"
COL_DESCRIPCION = "descripción"
COL_ESTADO = "estado"
COL_INICIO_PLANEADO = "inicio planeado"
COL_FIN_PLANEADO = "término planeado"
COL_INICIO_REAL = "inicio real"
COL_FIN_REAL = "término real"
COL_PESO = "peso"

ENCABEZADOS = [
    COL_ID,
    COL_COMPROMISO,
    COL_NUMERO,
    COL_DESCRIPCION,
    COL_ESTADO,
    COL_INICIO_PLANEADO,
    COL_FIN_PLANEADO,
    COL_INICIO_REAL,
    COL_FIN_REAL,
    COL_PESO,
]
# columna -> campo editable
EDITABLES = {
    COL_ESTADO: "estado",
    COL_INICIO_PLANEADO: "fecha_inicio_planeada",
    COL_FIN_PLANEADO: "fecha_fin_planeada",
    COL_INICIO_REAL: "fecha_inicio_real",
    COL_FIN_REAL: "fecha_fin_real",
}
FORMATOS_FECHA = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y")


def hitos_del_plan(plan: PlanAccionLocal):
    return (
        Hito.objects.filter(compromiso__plan=plan)
        .select_related("compromiso")
        .order_by("compromiso__numero", "numero")
    )


def exportar_hitos(plan: PlanAccionLocal, formato: str = "xlsx") -> bytes:
    """Los hitos del plan en una hoja con las columnas que la importación entiende."""
    datos = tablib.Dataset(headers=ENCABEZADOS, title="Hitos")
    for h in hitos_del_plan(plan):
        datos.append(
            [
                h.pk,
                f"{h.compromiso.numero}. {h.compromiso.titulo}",
                h.numero,
                h.descripcion,
                h.get_estado_display(),
                h.fecha_inicio_planeada,
                h.fecha_fin_planeada,
                h.fecha_inicio_real,
                h.fecha_fin_real,
                h.peso,
            ]
        )
    # La descripción y el compromiso son texto capturado: en la hoja no deben ser fórmulas.
    # Al volver sólo se leen id, estado y fechas, así que el apóstrofo no estorba.
    datos = neutralizar_dataset(datos)
    if formato == "csv":
        return datos.export("csv").encode("utf-8-sig")
    return _con_lista_de_estados(datos.export("xlsx"), filas=len(datos))


def _con_lista_de_estados(contenido: bytes, *, filas: int) -> bytes:
    """La columna de estado ofrece, como lista desplegable, las mismas opciones del modelo."""
    libro = openpyxl.load_workbook(io.BytesIO(contenido))
    hoja = libro.active
    columna = get_column_letter(ENCABEZADOS.index(COL_ESTADO) + 1)
    opciones = ",".join(str(etiqueta) for _clave, etiqueta in EstadoHito.choices)
    validacion = DataValidation(
        type="list",
        formula1=f'"{opciones}"',
        allow_blank=False,
        showErrorMessage=True,
        errorTitle=_("Estado del hito"),
        error=_("Elija uno de: %(o)s.") % {"o": opciones.replace(",", ", ")},
        promptTitle=_("Estado del hito"),
        prompt=opciones.replace(",", ", "),
    )
    hoja.add_data_validation(validacion)
    validacion.add(f"{columna}2:{columna}{max(filas, 1) + 1}")
    salida = io.BytesIO()
    libro.save(salida)
    return salida.getvalue()


def _estado(valor):
    texto = str(valor or "").strip().casefold()
    for clave, etiqueta in EstadoHito.choices:
        if texto in (clave.casefold(), str(etiqueta).casefold()):
            return clave
    raise ValueError(
        _("Estado «%(v)s» desconocido; use: %(o)s.")
        % {"v": valor, "o": ", ".join(str(e) for _c, e in EstadoHito.choices)}
    )


def _fecha(valor):
    if valor in (None, ""):
        return None
    if isinstance(valor, dt.datetime):
        return valor.date()
    if isinstance(valor, dt.date):
        return valor
    texto = str(valor).strip()
    for formato in FORMATOS_FECHA:
        try:
            return dt.datetime.strptime(texto[:10], formato).date()
        except ValueError:
            continue
    raise ValueError(_("«%(v)s» no es una fecha (use AAAA-MM-DD o DD/MM/AAAA).") % {"v": valor})


def _valor(registro: dict, columna: str):
    for clave, valor in registro.items():
        if clave.casefold() == columna.casefold():
            return valor
    return None


def importar_hitos(
    *, plan: PlanAccionLocal, archivo, actor, nombre: str | None = None, ensayo: bool = False
) -> ResultadoImportacion:
    """Aplica estado y fechas de la hoja a los hitos del plan; ``ensayo`` sólo informa.

    Lanza ``ErrorDeImportacion`` (sin guardar nada) si alguna fila tiene errores.
    """
    return importar(
        ImportadorHitos(plan=plan, actor=actor), archivo=archivo, nombre=nombre, ensayo=ensayo
    )


class ImportadorHitos(Importador):
    columnas = (COL_ID, *EDITABLES)
    campos = {COL_ID: "id", **EDITABLES}

    def __init__(self, *, plan: PlanAccionLocal, actor):
        self.plan = plan
        self.actor = actor

    def validar(self, tabla, resultado):
        exigir_columnas(tabla, [COL_ID, *EDITABLES])
        resultado.filas = len(tabla.filas)
        hitos = {h.pk: h for h in hitos_del_plan(self.plan)}
        actor = self.actor
        errores: list[ErrorDeFila] = []
        cambios: list[Hito] = []
        vistos: set[int] = set()
        congeladas: dict[int, bool] = {}
        inversa = {campo: col for col, campo in EDITABLES.items()}
        for fila, registro in tabla.filas:
            try:
                pk = int(str(_valor(registro, COL_ID)).strip())
            except (TypeError, ValueError):
                errores.append(
                    ErrorDeFila(_("Falta el id del hito o no es un número."), fila, COL_ID)
                )
                continue
            hito = hitos.get(pk)
            if hito is None:
                errores.append(
                    ErrorDeFila(_("No hay un hito %(id)s en este plan.") % {"id": pk}, fila, COL_ID)
                )
                continue
            if pk in vistos:
                errores.append(
                    ErrorDeFila(_("El hito %(id)s se repite.") % {"id": pk}, fila, COL_ID)
                )
                continue
            vistos.add(pk)
            nuevos, con_error = {}, False
            for columna, campo in EDITABLES.items():
                crudo = _valor(registro, columna)
                try:
                    nuevos[campo] = _estado(crudo) if campo == "estado" else _fecha(crudo)
                except ValueError as exc:
                    errores.append(ErrorDeFila(str(exc), fila, columna))
                    con_error = True
            if con_error:
                continue
            if nuevos["fecha_fin_planeada"] is None:
                errores.append(
                    ErrorDeFila(_("El término planeado es obligatorio."), fila, COL_FIN_PLANEADO)
                )
                continue
            if all(getattr(hito, campo) == valor for campo, valor in nuevos.items()):
                continue
            guardado = {c.attname: getattr(hito, c.attname) for c in Hito._meta.concrete_fields}
            for campo, valor in nuevos.items():
                setattr(hito, campo, valor)
            if hito.compromiso_id not in congeladas:
                congeladas[hito.compromiso_id] = hito.compromiso.linea_base_congelada()
            prohibidos = hito_cambios_no_permitidos(
                hito=hito, actor=actor, guardado=guardado, congelada=congeladas[hito.compromiso_id]
            )
            if prohibidos:
                for campo, mensaje in prohibidos.items():
                    errores.append(
                        ErrorDeFila(mensaje, fila, inversa.get(campo, COL_ID), campo=campo)
                    )
                continue
            normalizar_hito(hito)
            try:
                hito.full_clean()
            except ValidationError as exc:
                for campo, mensajes in exc.message_dict.items():
                    for mensaje in mensajes:
                        errores.append(ErrorDeFila(mensaje, fila, inversa.get(campo), campo=campo))
                continue
            cambios.append(hito)
        if errores:
            raise ErrorDeImportacion(errores, archivo=tabla.archivo)
        return cambios

    def aplicar(self, cambios, resultado):
        hitos_importar(hitos=cambios, actor=self.actor)
        resultado.cambiados = [_("hito %(id)s") % {"id": hito.pk} for hito in cambios]
        resultado.filas_sin_cambios = resultado.filas - len(cambios)

    def informar(self, resultado):
        return [
            _("Hitos actualizados: %(c)s; sin cambios: %(s)s.")
            % {"c": len(resultado.cambiados), "s": resultado.filas_sin_cambios}
        ]
