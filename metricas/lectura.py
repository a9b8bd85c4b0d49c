"""Lectura y validación de archivos de resultados de la Métrica (forma de ``BSO.csv``).

El archivo publicado en 2017 es desordenado: casi todo ASCII, algunas filas en UTF-8, otras en
Latin-1 y algunas con bytes dañados, con finales de línea mezclados. Por eso cada fila se
decodifica por separado: primero se aplican las correcciones revisadas de nombres dañados
(``correcciones.py``), luego UTF-8 y, si falla, Windows-1252. Toda fila reparada o que necesitó
el respaldo queda en el informe; una fila con bytes dañados sin corrección revisada detiene la
importación: nada dañado llega a la base.

Este módulo sólo lee y valida: no escribe en la base. ``importacion.importar_resultados``
lo lleva por la tubería común y ``services.resultados_importar`` guarda.
"""

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.utils.translation import gettext as _

from cocreacion.comun.importacion import (
    ErrorDeFila,
    ErrorDeImportacion,
    armar_tabla,
    exigir_texto_csv,
    filas_csv,
    leer_bytes,
    leer_tabla,
)
from cocreacion.comun.validadores import danos_en
from cocreacion.models import EntidadFederativa, OrdenGobierno, TipoSujetoObligado
from cocreacion.models import normalizar_nombre as normalizar

from .correcciones import Correccion, escapar, reparar

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

    def __str__(self):
        return _("Fila %(f)s: no era UTF-8; se leyó como Windows-1252 («%(t)s»)") % {
            "f": self.fila,
            "t": self.texto,
        }


@dataclass(frozen=True)
class AvisoReparacion:
    """Una fila cuyo nombre se reparó con la tabla de correcciones."""

    fila: int
    correccion: Correccion

    def __str__(self):
        return _(
            "Fila %(f)s: nombre reparado con la tabla de correcciones; en el archivo: "
            "%(o)s; queda «%(c)s» (fuente: %(fuente)s)."
        ) % {
            "f": self.fila,
            "o": self.correccion.original_escapado,
            "c": self.correccion.corregido,
            "fuente": self.correccion.fuente,
        }

    @property
    def nota(self) -> str:
        """Texto para la entrada que se crea (queda en su registro y en su historial)."""
        return _("En el archivo: %(o)s. Corregido a «%(c)s». Fuente: %(fuente)s.") % {
            "o": self.correccion.original_escapado,
            "c": self.correccion.corregido,
            "fuente": self.correccion.fuente,
        }


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
    reparacion: AvisoReparacion | None = None


@dataclass
class ArchivoLeido:
    archivo: str
    filas: list[FilaMetrica]
    avisos_codificacion: list[AvisoCodificacion]
    reparaciones: list[AvisoReparacion] = field(default_factory=list)


def _lineas_decodificadas(
    datos: bytes,
    avisos: list[AvisoCodificacion],
    reparaciones: list[AvisoReparacion],
    errores: list[ErrorDeFila],
) -> Iterator[tuple[int, str]]:
    """Decodifica fila por fila con finales de línea mixtos.

    Primero aplica la tabla de correcciones a los bytes; luego UTF-8 y, si falla,
    Windows-1252. Es un generador: la lectura se detiene (sin decodificar el resto) en cuanto el
    archivo pasa un límite de importación. Anota en ``avisos``, ``reparaciones`` y ``errores``
    (filas con texto dañado que la tabla no corrige) lo que encuentra.
    """
    if datos.startswith(b"\xef\xbb\xbf"):
        datos = datos[3:]
    for numero, separado in enumerate(re.finditer(rb"[^\r\n]*(?:\r\n|\r|\n|$)", datos), 1):
        crudo = separado.group().rstrip(b"\r\n")
        if not crudo and separado.end() == len(datos):
            break
        original = crudo
        crudo, correccion = reparar(crudo)
        if correccion is not None:
            reparaciones.append(AvisoReparacion(numero, correccion))
        try:
            texto = crudo.decode("utf-8")
        except UnicodeDecodeError:
            texto = crudo.decode("cp1252", errors="replace")
            avisos.append(AvisoCodificacion(numero, texto.split(",", 1)[0]))
        if danos_en(texto):
            errores.append(
                ErrorDeFila(
                    _(
                        "Texto dañado sin corrección revisada; bytes en el archivo: %(b)s. "
                        "Agregue la corrección con su fuente a la tabla de correcciones de "
                        "nombres (fixtures/correcciones_nombres.csv) y vuelva a importar."
                    )
                    % {"b": escapar(original.split(b",", 1)[0])[:300]},
                    fila=numero,
                    columna="SO",
                )
            )
            continue
        if texto.strip():
            yield numero, texto


def _leer_csv(datos: bytes, archivo: str):
    exigir_texto_csv(datos, archivo)
    avisos: list[AvisoCodificacion] = []
    reparaciones: list[AvisoReparacion] = []
    errores: list[ErrorDeFila] = []
    actual = [0]

    def textos():
        for numero, texto in _lineas_decodificadas(datos, avisos, reparaciones, errores):
            actual[0] = numero
            yield texto

    lector = csv.reader(textos())
    # El número de cada registro es el de la línea que lo terminó (se lee después de leerlo).
    filas = filas_csv(lector, archivo, numero_de_fila=lambda: actual[0])
    tabla = armar_tabla(filas, archivo, 1, "por fila")
    if errores:
        raise ErrorDeImportacion(errores[:200], archivo=archivo)
    return tabla.encabezados, _como_texto(tabla), avisos, reparaciones


def _como_texto(tabla):
    return [
        (n, {k: ("" if v is None else str(v).strip()) for k, v in fila.items()})
        for n, fila in tabla.filas
    ]


def _leer_xlsx(datos: bytes, archivo: str):
    tabla = leer_tabla(datos, nombre=archivo)
    filas = _como_texto(tabla)
    errores = [
        ErrorDeFila(
            _("Texto dañado sin corrección revisada: corrija la celda y vuelva a importar."),
            fila=n,
            columna=columna,
        )
        for n, fila in filas
        for columna, valor in fila.items()
        if danos_en(valor)
    ]
    if errores:
        raise ErrorDeImportacion(errores[:200], archivo=archivo)
    return tabla.encabezados, filas, [], []


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
        encabezados, filas, avisos, reparaciones = _leer_xlsx(datos, nombre)
    else:
        encabezados, filas, avisos, reparaciones = _leer_csv(datos, nombre)

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
    por_fila = {r.fila: r for r in reparaciones}
    for leida in leidas:
        leida.reparacion = por_fila.get(leida.numero)
    return ArchivoLeido(
        archivo=nombre, filas=leidas, avisos_codificacion=avisos, reparaciones=reparaciones
    )


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
