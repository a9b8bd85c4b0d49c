"""Lectura y validación de archivos de resultados de la Métrica (forma de ``BSO.csv``).

El archivo publicado en 2017 es desordenado: casi todo ASCII, algunas filas en UTF-8, otras en
Latin-1 y algunas con bytes dañados, con finales de línea mezclados. Por eso cada fila se
decodifica por separado: primero UTF-8 y, si falla, Windows-1252; toda fila que necesitó el
respaldo o que trae bytes dañados queda en el informe (no se oculta).

Este módulo sólo lee y valida: no escribe en la base. ``services.importar_resultados`` decide.
"""

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.utils.translation import gettext as _

from cocreacion.importacion import (
    ErrorDeFila,
    ErrorDeImportacion,
    armar_tabla,
    exigir_texto_csv,
    filas_csv,
    leer_bytes,
    leer_tabla,
)
from cocreacion.models import EntidadFederativa, OrdenGobierno, TipoSujetoObligado
from cocreacion.models import normalizar_nombre as normalizar

COLUMNAS_REQUERIDAS = ["SO", "edo", "niv", "ts", "TG", "TC", "PG", "PC"]
COLUMNAS_PUBLICADAS = ["T", "P", "GA"]  # si vienen, se comparan con los valores derivados
TOLERANCIA = Decimal("0.002")  # el archivo publicado redondea a cuatro decimales

# ``niv`` del archivo → orden de gobierno del catálogo.
ORDENES = {
    "federal": OrdenGobierno.FEDERAL,
    "estatal": OrdenGobierno.ESTATAL,
    "municipal": OrdenGobierno.MUNICIPAL,
}

# ``ts`` del archivo (11 valores en 2017) → tipo de sujeto obligado del catálogo.
TIPOS = {
    "ejecutivo estatal": TipoSujetoObligado.PODER_EJECUTIVO,
    "ejecutivo federal": TipoSujetoObligado.PODER_EJECUTIVO,
    "legislativo": TipoSujetoObligado.PODER_LEGISLATIVO,
    "judicial": TipoSujetoObligado.PODER_JUDICIAL,
    "autonomo": TipoSujetoObligado.ORGANO_AUTONOMO,
    "municipio": TipoSujetoObligado.MUNICIPIO,
    "partido": TipoSujetoObligado.PARTIDO_POLITICO,
    "sindicato": TipoSujetoObligado.SINDICATO,
    "fideicomiso": TipoSujetoObligado.FIDEICOMISO,
    "universidad": TipoSujetoObligado.UNIVERSIDAD,
    "descentralizado": TipoSujetoObligado.DESCENTRALIZADO,
    "persona": TipoSujetoObligado.PERSONA,
}

FEDERAL = "federal"

# Alias explícitos: nombres del archivo que en el catálogo se llaman de otro modo.
# Clave: (entidad federativa, nombre normalizado en el archivo) → nombre en el catálogo.
ALIAS = {
    # En BSO.csv la capital aparece como «Oaxaca-Oaxaca» (niv Municipal): es el municipio
    # «Oaxaca de Juárez» del catálogo del INEGI.
    (EntidadFederativa.OAXACA.value, "oaxaca"): "Oaxaca de Juárez",
}

# Caracteres que Windows-1252 produce a partir de bytes 0x80–0x9F: en un nombre en español
# delatan bytes dañados (p. ej. «ParaiŒso»). U+FFFD es un byte que no se pudo decodificar.
SOSPECHOSOS = set("€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ\ufffd")


def sin_espacios(texto: str) -> str:
    return texto.replace(" ", "")


def clave_entidad(texto: str) -> str | None:
    """``edo`` del archivo → valor de ``EntidadFederativa``; ``""`` para Federal."""
    buscada = sin_espacios(normalizar(texto))
    if buscada == FEDERAL:
        return ""
    for valor, etiqueta in EntidadFederativa.choices:
        if buscada in {sin_espacios(normalizar(etiqueta)), valor.replace("_", "")}:
            return valor
    return None


@dataclass(frozen=True)
class AvisoCodificacion:
    fila: int
    texto: str
    danada: bool

    def __str__(self):
        motivo = (
            _("bytes dañados: revise el nombre")
            if self.danada
            else _("no era UTF-8; se leyó como Windows-1252")
        )
        return _("Fila %(f)s: %(m)s («%(t)s»)") % {"f": self.fila, "m": motivo, "t": self.texto}


@dataclass
class FilaMetrica:
    numero: int
    so: str
    entidad: str
    nombre: str
    orden: str
    tipo: str
    valores: dict[str, Decimal]
    publicados: dict[str, Decimal] = field(default_factory=dict)


@dataclass
class ArchivoLeido:
    archivo: str
    filas: list[FilaMetrica]
    avisos_codificacion: list[AvisoCodificacion]


def _lineas_decodificadas(
    datos: bytes, avisos: list[AvisoCodificacion]
) -> Iterator[tuple[int, str]]:
    """Decodifica fila por fila (UTF-8 y, si falla, Windows-1252) con finales de línea mixtos.

    Es un generador: la lectura se detiene (sin decodificar el resto) en cuanto el archivo pasa
    un límite de importación.
    """
    if datos.startswith(b"\xef\xbb\xbf"):
        datos = datos[3:]
    for numero, separado in enumerate(re.finditer(rb"[^\r\n]*(?:\r\n|\r|\n|$)", datos), 1):
        crudo = separado.group().rstrip(b"\r\n")
        if not crudo and separado.end() == len(datos):
            break
        try:
            texto = crudo.decode("utf-8")
        except UnicodeDecodeError:
            texto = crudo.decode("cp1252", errors="replace")
            danada = any(c in SOSPECHOSOS for c in texto)
            avisos.append(AvisoCodificacion(numero, texto.split(",", 1)[0], danada))
        if texto.strip():
            yield numero, texto


def _leer_csv(datos: bytes, archivo: str):
    exigir_texto_csv(datos, archivo)
    avisos: list[AvisoCodificacion] = []
    actual = [0]

    def textos():
        for numero, texto in _lineas_decodificadas(datos, avisos):
            actual[0] = numero
            yield texto

    lector = csv.reader(textos())
    # El número de cada registro es el de la línea que lo terminó (se lee después de leerlo).
    filas = filas_csv(lector, archivo, numero_de_fila=lambda: actual[0])
    tabla = armar_tabla(filas, archivo, 1, "por fila")
    return tabla.encabezados, _como_texto(tabla), avisos


def _como_texto(tabla):
    return [
        (n, {k: ("" if v is None else str(v).strip()) for k, v in fila.items()})
        for n, fila in tabla.filas
    ]


def _leer_xlsx(datos: bytes, archivo: str):
    tabla = leer_tabla(datos, nombre=archivo)
    return tabla.encabezados, _como_texto(tabla), []


def _nombre_por_omision(archivo) -> str | None:
    return (
        None if isinstance(archivo, str | Path) or getattr(archivo, "name", "") else "archivo.csv"
    )


def leer_archivo(archivo, *, nombre: str | None = None) -> ArchivoLeido:
    """Lee y valida un archivo de resultados; ``ErrorDeImportacion`` con todos los errores.

    ``archivo``: ruta, bytes o archivo abierto en binario (p. ej. una subida del admin).
    """
    datos, nombre = leer_bytes(archivo, nombre=nombre or _nombre_por_omision(archivo))
    if not datos.strip():
        raise ErrorDeImportacion([ErrorDeFila(_("El archivo está vacío."))], archivo=nombre)
    if nombre.lower().endswith(".xlsx") or datos[:2] == b"PK":
        encabezados, filas, avisos = _leer_xlsx(datos, nombre)
    else:
        encabezados, filas, avisos = _leer_csv(datos, nombre)

    presentes = {e.casefold(): e for e in encabezados if e}
    faltantes = [c for c in COLUMNAS_REQUERIDAS if c.casefold() not in presentes]
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
            archivo=nombre,
        )
    if not filas:
        raise ErrorDeImportacion(
            [ErrorDeFila(_("El archivo no tiene filas de resultados."))], archivo=nombre
        )
    errores: list[ErrorDeFila] = []
    leidas = []
    for numero, crudo in filas:
        fila = {c: crudo.get(presentes[c.casefold()]) for c in COLUMNAS_REQUERIDAS}
        publicados_crudos = {
            c: crudo.get(presentes[c.casefold()])
            for c in COLUMNAS_PUBLICADAS
            if c.casefold() in presentes
        }
        leida = _validar_fila(numero, fila, publicados_crudos, errores)
        if leida:
            leidas.append(leida)
    if errores:
        raise ErrorDeImportacion(errores, archivo=nombre)
    return ArchivoLeido(archivo=nombre, filas=leidas, avisos_codificacion=avisos)


def _numero(texto, numero: int, columna: str, errores: list) -> Decimal | None:
    if texto in (None, ""):
        errores.append(ErrorDeFila(_("Falta el valor."), fila=numero, columna=columna))
        return None
    try:
        valor = Decimal(str(texto).replace(" ", ""))
    except InvalidOperation:
        valor = None
    if valor is None or not valor.is_finite():
        errores.append(
            ErrorDeFila(_("«%(v)s» no es un número.") % {"v": texto}, fila=numero, columna=columna)
        )
        return None
    if not Decimal(0) <= valor <= Decimal(1):
        errores.append(
            ErrorDeFila(
                _("El valor %(v)s está fuera del intervalo de 0 a 1.") % {"v": texto},
                fila=numero,
                columna=columna,
            )
        )
        return None
    return valor


def _validar_fila(numero, fila, publicados_crudos, errores) -> FilaMetrica | None:
    antes = len(errores)
    so = (fila["SO"] or "").strip()
    if not so:
        errores.append(ErrorDeFila(_("Falta el nombre del sujeto obligado."), numero, "SO"))
    edo = (fila["edo"] or "").strip()
    entidad = clave_entidad(edo)
    if entidad is None:
        errores.append(
            ErrorDeFila(_("Entidad federativa desconocida: «%(v)s».") % {"v": edo}, numero, "edo")
        )
    niv = (fila["niv"] or "").strip()
    orden = ORDENES.get(normalizar(niv))
    if orden is None:
        errores.append(
            ErrorDeFila(
                _("Orden de gobierno desconocido: «%(v)s»; se esperaba %(ops)s.")
                % {"v": niv, "ops": "Federal, Estatal o Municipal"},
                numero,
                "niv",
            )
        )
    ts = (fila["ts"] or "").strip()
    tipo = TIPOS.get(normalizar(ts))
    if tipo is None:
        errores.append(
            ErrorDeFila(
                _("Tipo de sujeto obligado desconocido: «%(v)s».") % {"v": ts}, numero, "ts"
            )
        )
    valores = {c.lower(): _numero(fila[c], numero, c, errores) for c in ("TG", "TC", "PG", "PC")}
    publicados = {}
    for columna, texto in publicados_crudos.items():
        if texto in (None, ""):
            continue
        valor = _numero(texto, numero, columna, errores)
        if valor is not None:
            publicados[columna] = valor
    if len(errores) > antes:
        return None
    nombre = so
    if entidad and so.casefold().startswith(edo.casefold() + "-"):
        nombre = so[len(edo) + 1 :]
    elif entidad and "-" in so:
        nombre = so.split("-", 1)[1]
    nombre = re.sub(r"\s+", " ", nombre).strip().rstrip(".").strip()
    return FilaMetrica(
        numero=numero,
        so=so,
        entidad=entidad,
        nombre=nombre,
        orden=orden,
        tipo=tipo,
        valores=valores,
        publicados=publicados,
    )
