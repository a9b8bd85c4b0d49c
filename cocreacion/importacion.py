"""Lectura de hojas de cálculo (XLSX y CSV) y errores de importación con su ubicación.

Todos los importadores del portal leen con ``leer_tabla`` y reportan con ``ErrorDeFila``:
así cada mensaje dice archivo, fila, columna y qué está mal, en español.
"""

import csv
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import gettext as _

EXTENSIONES_TABLA = {".csv", ".xlsx"}
TAMANO_MAXIMO_TABLA = 20 * 1024 * 1024


@dataclass(frozen=True)
class ErrorDeFila:
    """Un problema en un lugar preciso del archivo."""

    mensaje: str
    fila: int | None = None
    columna: str | None = None
    referencia: str = ""

    def __str__(self) -> str:
        partes = []
        if self.fila is not None:
            partes.append(_("fila %(fila)s") % {"fila": self.fila})
        if self.columna:
            partes.append(_("columna «%(columna)s»") % {"columna": self.columna})
        lugar = ", ".join(partes)
        if self.referencia:
            lugar = f"{lugar} ({self.referencia})" if lugar else self.referencia
        return f"{lugar[:1].upper()}{lugar[1:]}: {self.mensaje}" if lugar else self.mensaje


class ErrorDeImportacion(Exception):
    """La importación se rechaza completa; ``errores`` dice dónde y por qué."""

    def __init__(self, errores: list[ErrorDeFila], *, archivo: str = ""):
        self.errores = list(errores)
        self.archivo = archivo
        super().__init__(self.resumen())

    def resumen(self) -> str:
        encabezado = (
            _("El archivo «%(archivo)s» tiene %(n)s error(es); no se guardó nada.")
            % {"archivo": self.archivo, "n": len(self.errores)}
            if self.archivo
            else _("Hay %(n)s error(es); no se guardó nada.") % {"n": len(self.errores)}
        )
        return "\n".join([encabezado, *(f"- {e}" for e in self.errores)])


@dataclass
class Tabla:
    archivo: str
    encabezados: list[str]
    filas: list[tuple[int, dict[str, object]]] = field(default_factory=list)
    codificacion: str = ""


def _texto(valor) -> object:
    if isinstance(valor, str):
        return valor.strip()
    return valor


def decodificar(datos: bytes) -> tuple[str, str]:
    """UTF-8 (con o sin BOM) y, si no lo es, Windows-1252, que es lo que exporta Excel."""
    try:
        return datos.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        return datos.decode("cp1252", errors="replace"), "cp1252"


def leer_bytes(archivo, *, nombre: str | None = None) -> tuple[bytes, str]:
    """Bytes y nombre de ``archivo`` (ruta, bytes o archivo abierto en binario).

    Una ruta que no existe, una carpeta o un archivo ilegible dan ``ErrorDeImportacion``.
    """
    if isinstance(archivo, str | Path):
        ruta = Path(archivo)
        nombre = nombre or ruta.name
        try:
            datos = ruta.read_bytes()
        except FileNotFoundError as exc:
            raise ErrorDeImportacion(
                [ErrorDeFila(_("No se encontró el archivo «%(r)s».") % {"r": ruta})],
                archivo=ruta.name,
            ) from exc
        except IsADirectoryError as exc:
            raise ErrorDeImportacion(
                [ErrorDeFila(_("«%(r)s» es una carpeta, no un archivo.") % {"r": ruta})],
                archivo=ruta.name,
            ) from exc
        except OSError as exc:
            raise ErrorDeImportacion(
                [ErrorDeFila(_("No se pudo leer «%(r)s»: %(e)s") % {"r": ruta, "e": exc})],
                archivo=ruta.name,
            ) from exc
    elif isinstance(archivo, bytes):
        datos = archivo
    else:
        nombre = nombre or getattr(archivo, "name", "") or ""
        datos = archivo.read()
    return datos, Path(nombre or "archivo").name


def leer_tabla(archivo, *, nombre: str | None = None, fila_encabezado: int = 1) -> Tabla:
    """Lee un XLSX o CSV a una ``Tabla``; las filas llevan el número que muestra la hoja.

    ``archivo`` puede ser una ruta, bytes o un archivo abierto en binario.
    """
    datos, nombre = leer_bytes(archivo, nombre=nombre)
    extension = Path(nombre).suffix.lower()
    if len(datos) > TAMANO_MAXIMO_TABLA:
        raise ErrorDeImportacion(
            [ErrorDeFila(_("El archivo pasa de 20 MB; divídalo en partes más pequeñas."))],
            archivo=nombre,
        )
    if not datos.strip():
        raise ErrorDeImportacion([ErrorDeFila(_("El archivo está vacío."))], archivo=nombre)
    if extension == ".xlsx" or (not extension and datos[:2] == b"PK"):
        return _leer_xlsx(datos, nombre, fila_encabezado)
    if extension in {".csv", ".txt", ""}:
        return _leer_csv(datos, nombre, fila_encabezado)
    raise ErrorDeImportacion(
        [ErrorDeFila(_("Formato no admitido: use un archivo .xlsx o .csv."))], archivo=nombre
    )


def _leer_csv(datos: bytes, nombre: str, fila_encabezado: int) -> Tabla:
    if datos[:2] == b"PK" or b"\x00" in datos[:4096]:
        raise ErrorDeImportacion(
            [ErrorDeFila(_("El archivo no es un CSV de texto (¿es un XLSX renombrado?)."))],
            archivo=nombre,
        )
    texto, codificacion = decodificar(datos)
    try:
        dialecto = csv.Sniffer().sniff(texto[:4096], delimiters=",;\t")
    except csv.Error:
        dialecto = csv.excel
    lector = csv.reader(io.StringIO(texto, newline=""), dialecto)
    filas = list(lector)
    return _armar_tabla(filas, nombre, fila_encabezado, codificacion)


def _leer_xlsx(datos: bytes, nombre: str, fila_encabezado: int) -> Tabla:
    from openpyxl import load_workbook

    try:
        libro = load_workbook(io.BytesIO(datos), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise ErrorDeImportacion(
            [ErrorDeFila(_("No es un libro de Excel (.xlsx) válido: %(e)s") % {"e": exc})],
            archivo=nombre,
        ) from exc
    hoja = libro.worksheets[0]
    filas = [list(f) for f in hoja.iter_rows(values_only=True)]
    libro.close()
    return _armar_tabla(filas, nombre, fila_encabezado, "xlsx")


def _armar_tabla(filas: list[list], nombre: str, fila_encabezado: int, codificacion: str) -> Tabla:
    if len(filas) < fila_encabezado:
        raise ErrorDeImportacion(
            [ErrorDeFila(_("No se encontró la fila de encabezados."), fila=fila_encabezado)],
            archivo=nombre,
        )
    encabezados = [str(_texto(c) or "").strip() for c in filas[fila_encabezado - 1]]
    while encabezados and not encabezados[-1]:
        encabezados.pop()
    tabla = Tabla(archivo=nombre, encabezados=encabezados, codificacion=codificacion)
    for indice, fila in enumerate(filas[fila_encabezado:], start=fila_encabezado + 1):
        valores = [_texto(c) for c in fila]
        if all(v in (None, "") for v in valores):
            continue
        registro = {
            encabezado: (valores[i] if i < len(valores) else None)
            for i, encabezado in enumerate(encabezados)
        }
        sobrantes = [v for v in valores[len(encabezados) :] if v not in (None, "")]
        if sobrantes:
            registro["__sobrantes__"] = sobrantes
        tabla.filas.append((indice, registro))
    return tabla


def exigir_columnas(tabla: Tabla, requeridas: list[str]) -> None:
    """Rechaza el archivo si falta alguna columna (comparación sin distinguir mayúsculas)."""
    presentes = {e.casefold() for e in tabla.encabezados}
    faltantes = [c for c in requeridas if c.casefold() not in presentes]
    if faltantes:
        raise ErrorDeImportacion(
            [
                ErrorDeFila(
                    _("Falta la columna «%(c)s» en la fila de encabezados.") % {"c": c},
                    fila=1,
                    columna=c,
                )
                for c in faltantes
            ],
            archivo=tabla.archivo,
        )
