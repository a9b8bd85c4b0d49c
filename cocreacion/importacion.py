"""Lectura de hojas de cálculo (XLSX y CSV) y errores de importación con su ubicación.

Todos los importadores del portal leen con ``leer_tabla`` y reportan con ``ErrorDeFila``:
así cada mensaje dice archivo, fila, columna y qué está mal, en español.
"""

import csv
import io
import itertools
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

EXTENSIONES_TABLA = {".csv", ".xlsx"}
TAMANO_MAXIMO_TABLA = 20 * 1024 * 1024
# Separadores de CSV admitidos, en orden de preferencia ante un empate: la coma del estándar, el
# punto y coma de Excel en español y el tabulador de quien pega desde una hoja de cálculo.
SEPARADORES_CSV = (",", ";", "\t")
# Filas de datos que se miran, además de la de encabezados, para desempatar separadores.
FILAS_MUESTRA_CSV = 20


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
        n = len(self.errores)
        errores = ngettext("%(n)s error", "%(n)s errores", n) % {"n": n}
        encabezado = (
            _("El archivo «%(archivo)s» tiene %(e)s; no se guardó nada.")
            % {"archivo": self.archivo, "e": errores}
            if self.archivo
            else _("Hay %(e)s; no se guardó nada.") % {"e": errores}
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


def leer_tabla(
    archivo,
    *,
    nombre: str | None = None,
    fila_encabezado: int = 1,
    columnas: Iterable[str] = (),
) -> Tabla:
    """Lee un XLSX o CSV a una ``Tabla``; las filas llevan el número que muestra la hoja.

    ``archivo`` puede ser una ruta, bytes o un archivo abierto en binario. ``columnas``: los
    encabezados que espera el importador; en un CSV deciden el separador (coma, punto y coma o
    tabulador) y, si con ninguno se reconoce alguno, el archivo se rechaza diciendo cuáles se
    esperaban.
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
        return _leer_csv(datos, nombre, fila_encabezado, tuple(columnas))
    raise ErrorDeImportacion(
        [ErrorDeFila(_("Formato no admitido: use un archivo .xlsx o .csv."))], archivo=nombre
    )


def _leer_csv(datos: bytes, nombre: str, fila_encabezado: int, columnas: tuple[str, ...]) -> Tabla:
    if datos[:2] == b"PK" or b"\x00" in datos[:4096]:
        raise ErrorDeImportacion(
            [ErrorDeFila(_("El archivo no es un CSV de texto (¿es un XLSX renombrado?)."))],
            archivo=nombre,
        )
    texto, codificacion = decodificar(datos)
    separador = detectar_separador(texto, nombre, fila_encabezado, columnas)
    filas = list(csv.reader(io.StringIO(texto, newline=""), delimiter=separador))
    return _armar_tabla(filas, nombre, fila_encabezado, codificacion)


def detectar_separador(
    texto: str, nombre: str, fila_encabezado: int = 1, columnas: tuple[str, ...] = ()
) -> str:
    """Separador del CSV (coma, punto y coma o tabulador), decidido por la fila de encabezados.

    Cada candidato lee el texto con ``csv`` (así una coma entre comillas no separa). Gana el que
    reconoce más ``columnas`` esperadas; luego, el que da más encabezados no vacíos, y luego el
    que deja más filas de datos con tantas celdas como encabezados. ``csv.Sniffer`` no sirve
    aquí: juzga por la frecuencia de los caracteres en todo el texto y se equivoca con
    descripciones llenas de comas o de «;». Con ``columnas`` y ninguna reconocida, lanza
    ``ErrorDeImportacion`` con las que se esperaban.
    """
    esperadas = {c.casefold() for c in columnas}
    candidatos = []
    for preferencia, separador in enumerate(SEPARADORES_CSV):
        lector = csv.reader(io.StringIO(texto, newline=""), delimiter=separador)
        try:
            filas = list(itertools.islice(lector, fila_encabezado + FILAS_MUESTRA_CSV))
        except csv.Error:
            # Un campo desmedido o un byte nulo con este separador: no es candidato. Si ninguno
            # sirve, la lectura completa (``_armar_tabla``) da el error con su fila.
            continue
        if len(filas) < fila_encabezado:
            return SEPARADORES_CSV[0]  # sin fila de encabezados: lo reporta _armar_tabla
        encabezados = [c.strip() for c in filas[fila_encabezado - 1] if c.strip()]
        reconocidos = sum(1 for c in encabezados if c.casefold() in esperadas)
        parejas = sum(1 for f in filas[fila_encabezado:] if len(f) == len(encabezados))
        candidatos.append(((reconocidos, len(encabezados), parejas, -preferencia), separador))
    if not candidatos:
        return SEPARADORES_CSV[0]
    (reconocidos, *_resto), separador = max(candidatos)
    if esperadas and not reconocidos:
        raise ErrorDeImportacion(
            [_encabezado_no_reconocido(texto, fila_encabezado, columnas)], archivo=nombre
        )
    return separador


def _encabezado_no_reconocido(texto: str, fila_encabezado: int, columnas) -> ErrorDeFila:
    lineas = texto.splitlines()
    leida = lineas[fila_encabezado - 1].strip() if len(lineas) >= fila_encabezado else ""
    if len(leida) > 80:
        leida = leida[:80] + "…"
    lista = ", ".join(f"«{c}»" for c in columnas[:6])
    if len(columnas) > 6:
        lista += _(" y %(n)s más") % {"n": len(columnas) - 6}
    return ErrorDeFila(
        _(
            "No se reconoció la fila de encabezados («%(leida)s»). Se esperaban las columnas "
            "%(lista)s, separadas por coma (,), punto y coma (;) o tabulador."
        )
        % {"leida": leida, "lista": lista},
        fila=fila_encabezado,
    )


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
