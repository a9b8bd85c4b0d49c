"""Importaciones: un solo camino para todas, y la lectura segura de hojas de cálculo.

Cómo fluye una importación
--------------------------
Todas (matriz de programación, avance de hitos, resultados de la Métrica, elementos de un
listado de interés público y los recursos de django-import-export) pasan por ``importar``::

    quien importa (vista, admin o comando)
      → <app>.importacion.importar_…(…, ensayo=…)   arma el ``Importador`` de la app
        → importar(importador, archivo=…, ensayo=…)  la tubería (este módulo), en una transacción:
            1. comprobar  reglas previas del servicio (quién importa y a dónde); antes de leer
            2. leer       ``leer_tabla``: límites, codificaciones y XLSX seguro, iguales para todas
            3. validar    todos los errores juntos (``ErrorDeFila``: archivo, fila, columna, campo)
            4. aplicar    el servicio de la app (``<app>.services``), atómico
            5. ensayo     si ``ensayo``, se deshace todo (``set_rollback``)
            6. informe    ``ResultadoImportacion``: el mismo tipo para todas

El sentido es uno: quien importa llama a la app, la app arma su ``Importador`` y se lo da a la
tubería, la tubería llama a sus pasos y el aplicador llama al servicio de la app. El núcleo no
importa ninguna app y ningún paso llama de vuelta a la tubería.

**Ensayo y vista previa.** Un ensayo hace la importación completa (las mismas validaciones y
las mismas escrituras, con historial) dentro de la transacción y la deshace al final, como
``Resource.import_data(dry_run=True)`` de django-import-export. Así la vista previa («qué
cambiará») es el ``ResultadoImportacion`` de un ensayo y nunca difiere de lo que hará la
importación real sobre la misma base.

**Todo o nada.** Un error en cualquier paso es un ``ErrorDeImportacion`` con todos los
problemas encontrados; la transacción se deshace y no queda nada a medio guardar. Los recursos
de django-import-export entran con ``ImportadorDeRecurso``, que pide siempre
``rollback_on_validation_errors`` (sin él, una fila inválida no deshace las válidas) y rechaza
``use_bulk`` (se salta ``save()`` y el historial no registra nada).

Lectura de archivos
-------------------
Un archivo hostil no debe agotar la memoria ni el tiempo del servidor, así que la lectura se
detiene en cuanto el archivo pasa alguno de los límites de ``LIMITES_IMPORTACION`` (settings):
bytes del archivo, filas, columnas, celdas, caracteres por celda y, en un XLSX, lo que ocupan
sus partes al descomprimirse. Un XLSX es un zip de XML: antes de abrirlo se revisa el tamaño
declarado de cada parte y se recorre cada una (sin guardarla) contando sus elementos, porque
openpyxl arma en memoria los estilos, los textos compartidos y, si la hoja no declara su
dimensión, un elemento por fila. Luego se abre en modo de sólo lectura, se compara la
dimensión que declara la hoja con los límites antes de leer una celda y se lee por partes.

Codificación de un CSV: UTF-8 (con o sin BOM) o, si ningún carácter del archivo está en UTF-8,
Windows-1252 (lo que guarda Excel como «CSV (delimitado por comas)»). Un archivo UTF-8 con
bytes de otra codificación se rechaza diciendo la fila y la columna del primero: leerlo
entero como Windows-1252 estropearía los acentos de todo el archivo, empezando por los
encabezados.
"""

import csv
import io
import itertools
import re
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from defusedxml import ElementTree
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cocreacion.comun.formulas import quitar_neutralizacion

EXTENSIONES_TABLA = {".csv", ".xlsx"}
MB = 1024 * 1024
# Separadores de CSV admitidos, en orden de preferencia ante un empate: la coma del estándar, el
# punto y coma de Excel en español y el tabulador de quien pega desde una hoja de cálculo.
SEPARADORES_CSV = (",", ";", "\t")
# Filas de datos que se miran, además de la de encabezados, para desempatar separadores.
FILAS_MUESTRA_CSV = 20


@dataclass(frozen=True)
class Limites:
    """Lo más que acepta cualquier importador; ``LIMITES_IMPORTACION`` en settings los cambia.

    Los valores por omisión dejan entrar con holgura los archivos reales (la matriz de un
    programa de 2,500 acciones: 2,500 filas × 22 columnas, 140 KB, 3 MB descomprimido) y
    mantienen la memoria del peor archivo admitido muy por debajo de 200 MB
    (``tests/benchmarks/bench_archivos_hostiles.py``).
    """

    bytes: int = 10 * MB
    filas: int = 20_000  # de datos, sin contar la de encabezados
    columnas: int = 50
    celdas: int = 300_000  # filas × columnas leídas; en un XLSX, también textos compartidos
    caracteres_por_celda: int = 32_767  # lo más que cabe en una celda de Excel
    descomprimido: int = 30 * MB  # suma de las partes de un XLSX
    partes: int = 1_000  # archivos dentro del zip de un XLSX
    # Partes de XML que openpyxl arma completas en memoria (estilos, libro, relaciones…).
    bytes_parte_auxiliar: int = 2 * MB
    elementos_parte_auxiliar: int = 50_000


def limites() -> Limites:
    return Limites(**getattr(settings, "LIMITES_IMPORTACION", {}))


def _miles(numero: int) -> str:
    return f"{numero:,}"


def _megas(numero: int) -> str:
    texto = f"{numero / MB:.1f}".removesuffix(".0")
    return f"{texto} MB"


@dataclass(frozen=True)
class ErrorDeFila:
    """Un problema en un lugar preciso del archivo."""

    mensaje: str
    fila: int | None = None
    columna: str | None = None
    referencia: str = ""
    # Campo del modelo al que va la columna; no se muestra (la persona ve la columna), pero
    # dice a quien programa dónde cae el error. La tubería lo completa con ``Importador.campos``.
    campo: str = ""

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
        return quitar_neutralizacion(valor.strip()).strip()
    return valor


def _error(mensaje: str, nombre: str, *, fila=None, columna=None) -> ErrorDeImportacion:
    return ErrorDeImportacion([ErrorDeFila(mensaje, fila=fila, columna=columna)], archivo=nombre)


# --- Bytes y codificación -----------------------------------------------------------------

# Una secuencia de varios bytes bien formada en UTF-8: un archivo que la tiene «está en UTF-8»
# aunque algún otro byte no lo esté. Un texto en Windows-1252 casi nunca la forma («Ã©»).
_MULTIBYTE_UTF8 = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
# Bytes que no se pudieron decodificar, guardados como sustitutos (``surrogateescape``).
_BYTES_INVALIDOS = re.compile("[\udc80-\udcff]")
CODIFICACION_INVALIDA = "utf-8 con bytes inválidos"


def decodificar(datos: bytes) -> tuple[str, str]:
    """Texto y codificación: UTF-8 (con o sin BOM) o, si no hay nada en UTF-8, Windows-1252.

    Si el archivo tiene caracteres en UTF-8 y también bytes que no lo son (o bytes que
    Windows-1252 no define), devuelve el texto con esos bytes como sustitutos y la codificación
    ``CODIFICACION_INVALIDA``: la lectura fila por fila dice dónde está el primero.
    """
    try:
        return datos.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    if _MULTIBYTE_UTF8.search(datos) is None:
        try:
            return datos.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            pass
    return datos.decode("utf-8-sig", errors="surrogateescape"), CODIFICACION_INVALIDA


def _byte_invalido(texto: str, nombre: str, fila: int, columna: str) -> ErrorDeImportacion:
    sustituto = _BYTES_INVALIDOS.search(texto)
    byte = ord(sustituto.group()) - 0xDC00
    antes = texto[max(0, sustituto.start() - 20) : sustituto.start()]
    antes = _BYTES_INVALIDOS.sub("?", antes)
    return _error(
        _(
            "El archivo «%(archivo)s» está en UTF-8 pero aquí tiene el byte 0x%(byte)02X, que "
            "no es UTF-8 (¿texto pegado de un archivo en Windows-1252 o Latin-1?), después de "
            "«%(antes)s». Guárdelo de nuevo como «CSV UTF-8» o todo en Windows-1252."
        )
        % {"archivo": nombre, "byte": byte, "antes": antes},
        nombre,
        fila=fila,
        columna=columna,
    )


def _demasiado_grande(nombre: str, tamano: int, maximo: int) -> ErrorDeImportacion:
    return _error(
        _(
            "El archivo «%(archivo)s» pesa %(tamano)s; el límite de importación es %(maximo)s. "
            "Divídalo en partes más pequeñas."
        )
        % {"archivo": nombre, "tamano": _megas(tamano), "maximo": _megas(maximo)},
        nombre,
    )


def leer_bytes(
    archivo, *, nombre: str | None = None, maximo: int | None = None
) -> tuple[bytes, str]:
    """Bytes y nombre de ``archivo`` (ruta, bytes o archivo abierto en binario).

    Un archivo de más de ``maximo`` bytes (por omisión, el límite de importación) se rechaza
    sin leerlo completo. Una ruta que no existe, una carpeta o un archivo ilegible dan
    ``ErrorDeImportacion``.
    """
    maximo = limites().bytes if maximo is None else maximo
    if isinstance(archivo, str | Path):
        ruta = Path(archivo)
        nombre = Path(nombre or ruta.name).name
        try:
            tamano = ruta.stat().st_size
            if tamano > maximo:
                raise _demasiado_grande(nombre, tamano, maximo)
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
        nombre = Path(nombre or "archivo").name
        datos = archivo
    else:
        nombre = Path(nombre or getattr(archivo, "name", "") or "archivo").name
        tamano = getattr(archivo, "size", None)
        if isinstance(tamano, int) and tamano > maximo:
            raise _demasiado_grande(nombre, tamano, maximo)
        # Uno más que el máximo: basta para saber que se pasa sin leer el resto.
        datos = archivo.read(maximo + 1)
    if len(datos) > maximo:
        raise _demasiado_grande(nombre, len(datos), maximo)
    return datos, nombre


# --- Lectura ------------------------------------------------------------------------------


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
    esperaban. Un archivo que pasa algún límite (``Limites``) se rechaza en cuanto se nota.
    """
    lim = limites()
    datos, nombre = leer_bytes(archivo, nombre=nombre, maximo=lim.bytes)
    extension = Path(nombre).suffix.lower()
    if not datos.strip():
        raise ErrorDeImportacion([ErrorDeFila(_("El archivo está vacío."))], archivo=nombre)
    if extension == ".xlsx" or (not extension and datos[:2] == b"PK"):
        return _leer_xlsx(datos, nombre, fila_encabezado, lim)
    if extension in {".csv", ".txt", ""}:
        return _leer_csv(datos, nombre, fila_encabezado, tuple(columnas), lim)
    raise ErrorDeImportacion(
        [ErrorDeFila(_("Formato no admitido: use un archivo .xlsx o .csv."))], archivo=nombre
    )


def exigir_texto_csv(datos: bytes, nombre: str) -> None:
    if datos[:2] == b"PK" or b"\x00" in datos[:4096]:
        raise _error(_("El archivo no es un CSV de texto (¿es un XLSX renombrado?)."), nombre)


def _leer_csv(
    datos: bytes, nombre: str, fila_encabezado: int, columnas: tuple[str, ...], lim: Limites
) -> Tabla:
    exigir_texto_csv(datos, nombre)
    texto, codificacion = decodificar(datos)
    separador = detectar_separador(texto, nombre, fila_encabezado, columnas)
    lector = csv.reader(lineas(texto), delimiter=separador)
    return armar_tabla(filas_csv(lector, nombre), nombre, fila_encabezado, codificacion, lim)


_LINEA = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")


def lineas(texto: str) -> Iterator[str]:
    """Las líneas de ``texto`` con su fin de línea (``\\n``, ``\\r\\n`` o ``\\r``), una a una.

    Es lo que ``csv.reader`` espera de un archivo abierto con ``newline=""``, sin la copia
    completa que haría ``io.StringIO`` (cuatro bytes por carácter si hay un solo emoji).
    """
    for linea in _LINEA.finditer(texto):
        if not linea.group():
            return
        yield linea.group()


def filas_csv(lector, nombre: str, numero_de_fila=None) -> Iterator[tuple[int, list]]:
    """``(número de fila, celdas)`` de un ``csv.reader``; un ``csv.Error`` dice su fila.

    ``numero_de_fila``: función que da el número del registro recién leído (por omisión se
    cuentan los registros: 1, 2, 3…).
    """
    contador = 0
    while True:
        contador += 1
        try:
            fila = next(lector)
        except StopIteration:
            return
        except csv.Error as exc:
            numero = numero_de_fila() if numero_de_fila else contador
            raise _error(_mensaje_csv(exc, nombre), nombre, fila=numero) from exc
        yield (numero_de_fila() if numero_de_fila else contador), fila


def _mensaje_csv(exc: csv.Error, nombre: str) -> str:
    motivo = str(exc)
    if "field larger than field limit" in motivo:
        return _(
            "Una celda de «%(archivo)s» pasa de %(limite)s caracteres (límite del lector de "
            "CSV); revise que no falte cerrar unas comillas."
        ) % {"archivo": nombre, "limite": _miles(csv.field_size_limit())}
    if "NUL" in motivo:
        return _("«%(archivo)s» tiene un byte nulo: no es un CSV de texto.") % {"archivo": nombre}
    return _(
        "«%(archivo)s» no se pudo leer como CSV (comillas sin cerrar o un salto de línea "
        "dentro de una celda sin comillas)."
    ) % {"archivo": nombre}


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
        lector = csv.reader(lineas(texto), delimiter=separador)
        try:
            filas = list(itertools.islice(lector, fila_encabezado + FILAS_MUESTRA_CSV))
        except csv.Error:
            # Un campo desmedido o un byte nulo con este separador: no es candidato. Si ninguno
            # sirve, la lectura completa (``filas_csv``) da el error con su fila.
            continue
        if len(filas) < fila_encabezado:
            return SEPARADORES_CSV[0]  # sin fila de encabezados: lo reporta armar_tabla
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
    primeras = list(itertools.islice(lineas(texto), fila_encabezado))
    leida = primeras[-1][:1000].strip() if len(primeras) == fila_encabezado else ""
    leida = _BYTES_INVALIDOS.sub("?", leida)
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


# --- XLSX ---------------------------------------------------------------------------------

_TIPO_HOJA = "spreadsheetml.worksheet+xml"
_TIPO_TEXTOS = "spreadsheetml.sharedStrings+xml"
_DTD = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)
_ELEMENTO = re.compile(rb"<[A-Za-z_]")
_TEXTO_COMPARTIDO = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?si[\s/>]")
_TROZO = 1024 * 1024


def _tipos_de_partes(libro: zipfile.ZipFile, nombre: str, lim: Limites) -> dict[str, str]:
    """Parte → tipo de contenido según ``[Content_Types].xml`` (sólo las declaradas una a una)."""
    try:
        info = libro.getinfo("[Content_Types].xml")
    except KeyError:
        return {}
    if info.file_size > lim.bytes_parte_auxiliar:
        return {}  # la revisión de partes lo rechaza con su mensaje
    try:
        crudo = libro.read(info)
        if _DTD.search(crudo):
            return {}
        # Sin DTD (revisado arriba), de tamaño acotado y con defusedxml, que además rechaza
        # entidades y referencias externas.
        raiz = ElementTree.fromstring(crudo)
    except (ElementTree.ParseError, zipfile.BadZipFile, zlib.error, OSError, ValueError):
        return {}
    tipos = {}
    for elemento in raiz:
        if elemento.tag.rsplit("}", 1)[-1] == "Override":
            parte = (elemento.get("PartName") or "").lstrip("/")
            tipo = elemento.get("ContentType") or ""
            # Una parte declarada dos veces con tipos distintos queda como auxiliar.
            tipos[parte] = tipo if tipos.get(parte, tipo) == tipo else ""
    return tipos


def revisar_xlsx(datos: bytes, nombre: str, lim: Limites | None = None) -> None:
    """Rechaza un XLSX que pasaría los límites al abrirlo, sin guardar ninguna parte en memoria.

    Revisa el número de partes y su tamaño descomprimido declarado (zipfile nunca entrega más
    bytes de los declarados), y recorre cada parte por trozos: sin DTD (entidades que se
    multiplican), hojas y textos compartidos con a lo más tantos elementos como celdas
    admitidas, y las demás partes de XML (estilos, libro, relaciones) pequeñas.
    """
    lim = lim or limites()
    # El número de partes que declara el final del zip, antes de que zipfile arme un objeto
    # por cada una (un zip de 10 MB puede declarar cien mil partes vacías).
    final = datos.rfind(b"PK\x05\x06", max(0, len(datos) - 65_557))
    if final >= 0 and len(datos) >= final + 12:
        declaradas = int.from_bytes(datos[final + 10 : final + 12], "little")
        if declaradas != 0xFFFF and declaradas > lim.partes:
            raise _demasiadas_partes(nombre, declaradas, lim)
    try:
        libro = zipfile.ZipFile(io.BytesIO(datos))
        partes = libro.infolist()
    except (zipfile.BadZipFile, zlib.error, OSError, ValueError, EOFError) as exc:
        raise _error(
            _("No es un libro de Excel (.xlsx) válido: %(e)s") % {"e": exc}, nombre
        ) from exc
    if len(partes) > lim.partes:
        raise _demasiadas_partes(nombre, len(partes), lim)
    total = sum(parte.file_size for parte in partes)
    if total > lim.descomprimido:
        raise _error(
            _(
                "«%(archivo)s» ocuparía %(tamano)s al descomprimirse; el límite de importación "
                "es %(limite)s. Quite hojas, imágenes o formatos que no se importan."
            )
            % {
                "archivo": nombre,
                "tamano": _megas(total),
                "limite": _megas(lim.descomprimido),
            },
            nombre,
        )
    tipos = _tipos_de_partes(libro, nombre, lim)
    for parte in partes:
        if parte.is_dir():
            continue
        tipo = tipos.get(parte.filename, "")
        if tipo.endswith(_TIPO_HOJA) and parte.filename.startswith("xl/worksheets/"):
            _revisar_parte(libro, parte, nombre, maximo_elementos=4 * lim.celdas + lim.filas)
        elif tipo.endswith(_TIPO_TEXTOS):
            _revisar_parte(
                libro, parte, nombre, maximo_elementos=10 * lim.celdas, maximo_textos=lim.celdas
            )
        elif parte.filename.lower().endswith((".xml", ".rels", ".vml")):
            if parte.file_size > lim.bytes_parte_auxiliar:
                raise _parte_excesiva(nombre, parte.filename)
            _revisar_parte(libro, parte, nombre, maximo_elementos=lim.elementos_parte_auxiliar)
        else:
            _revisar_parte(libro, parte, nombre, maximo_elementos=None)


def _demasiadas_partes(nombre: str, partes: int, lim: Limites) -> ErrorDeImportacion:
    return _error(
        _(
            "«%(archivo)s» tiene %(n)s partes internas; un libro de Excel admite a lo más "
            "%(limite)s en una importación."
        )
        % {"archivo": nombre, "n": _miles(partes), "limite": _miles(lim.partes)},
        nombre,
    )


def _parte_excesiva(nombre: str, parte: str) -> ErrorDeImportacion:
    return _error(
        _(
            "La parte «%(parte)s» de «%(archivo)s» es demasiado grande o tiene demasiados "
            "elementos para importarse (límite de importación); guarde el libro de nuevo "
            "sólo con la hoja de datos y sin formatos."
        )
        % {"parte": parte, "archivo": nombre},
        nombre,
    )


def _revisar_parte(
    libro: zipfile.ZipFile,
    parte: zipfile.ZipInfo,
    nombre: str,
    *,
    maximo_elementos: int | None,
    maximo_textos: int | None = None,
) -> None:
    elementos = textos = 0
    cola = b""
    try:
        with libro.open(parte) as fuente:
            while trozo := fuente.read(_TROZO):
                ventana = cola + trozo
                if _DTD.search(ventana):
                    raise _error(
                        _(
                            "La parte «%(parte)s» de «%(archivo)s» declara entidades (DTD); "
                            "un libro de Excel no las usa y no se importa."
                        )
                        % {"parte": parte.filename, "archivo": nombre},
                        nombre,
                    )
                if maximo_elementos is not None:
                    elementos += len(_ELEMENTO.findall(trozo))
                    if elementos > maximo_elementos:
                        raise _parte_excesiva(nombre, parte.filename)
                if maximo_textos is not None:
                    textos += len(_TEXTO_COMPARTIDO.findall(trozo))
                    if textos > maximo_textos:
                        raise _error(
                            _(
                                "«%(archivo)s» tiene más de %(limite)s textos distintos "
                                "(límite de celdas de importación)."
                            )
                            % {"archivo": nombre, "limite": _miles(maximo_textos)},
                            nombre,
                        )
                cola = trozo[-16:]
    except ErrorDeImportacion:
        raise
    except (zipfile.BadZipFile, zlib.error, OSError, ValueError, EOFError, RuntimeError) as exc:
        # Incluye una parte que se descomprime a más de lo que declara (falla su CRC).
        raise _error(
            _("No es un libro de Excel (.xlsx) válido: la parte «%(parte)s» está dañada.")
            % {"parte": parte.filename},
            nombre,
        ) from exc


# Lo que openpyxl puede lanzar ante un libro mal formado (además de zipfile).
_ERRORES_OPENPYXL = (
    zipfile.BadZipFile,
    zlib.error,
    KeyError,
    OSError,
    ValueError,
    TypeError,
    IndexError,
    AttributeError,
    EOFError,
    SyntaxError,  # ElementTree.ParseError
)


def _leer_xlsx(datos: bytes, nombre: str, fila_encabezado: int, lim: Limites) -> Tabla:
    from openpyxl import load_workbook

    revisar_xlsx(datos, nombre, lim)
    try:
        libro = load_workbook(io.BytesIO(datos), read_only=True, data_only=True, keep_links=False)
    except _ERRORES_OPENPYXL as exc:
        raise _error(
            _("No es un libro de Excel (.xlsx) válido: %(e)s") % {"e": exc}, nombre
        ) from exc
    try:
        if not libro.worksheets:
            raise _error(_("El libro no tiene hojas."), nombre)
        hoja = libro.worksheets[0]
        _exigir_dimension(hoja, nombre, fila_encabezado, lim)
        filas = hoja.iter_rows(
            min_row=1,
            max_row=fila_encabezado + lim.filas + 1,
            max_col=lim.columnas + 1,
            values_only=True,
        )
        return armar_tabla(enumerate(filas, start=1), nombre, fila_encabezado, "xlsx", lim)
    except _ERRORES_OPENPYXL as exc:
        raise _error(
            _("No es un libro de Excel (.xlsx) válido: %(e)s") % {"e": exc}, nombre
        ) from exc
    finally:
        libro.close()


def _exigir_dimension(hoja, nombre: str, fila_encabezado: int, lim: Limites) -> None:
    """La dimensión que declara la hoja (``<dimension ref="A1:J2501">``), antes de leer celdas."""
    if hoja.max_row is not None and hoja.max_row > fila_encabezado + lim.filas:
        raise _demasiadas_filas(nombre, lim, declaradas=hoja.max_row)
    if hoja.max_column is not None and hoja.max_column > lim.columnas:
        raise _demasiadas_columnas(nombre, lim, declaradas=hoja.max_column)


def _demasiadas_filas(nombre: str, lim: Limites, *, declaradas=None, fila=None):
    if declaradas is not None:
        mensaje = _(
            "La hoja de «%(archivo)s» declara %(n)s filas; el límite de importación es "
            "%(limite)s filas de datos. Divida el archivo o borre las filas vacías del final."
        ) % {"archivo": nombre, "n": _miles(declaradas), "limite": _miles(lim.filas)}
    else:
        mensaje = _(
            "«%(archivo)s» pasa de %(limite)s filas de datos (límite de importación); "
            "divídalo en partes más pequeñas."
        ) % {"archivo": nombre, "limite": _miles(lim.filas)}
    return _error(mensaje, nombre, fila=fila)


def _demasiadas_columnas(nombre: str, lim: Limites, *, declaradas=None, fila=None):
    if declaradas is not None:
        mensaje = _(
            "La hoja de «%(archivo)s» declara %(n)s columnas; el límite de importación es "
            "%(limite)s columnas."
        ) % {"archivo": nombre, "n": _miles(declaradas), "limite": _miles(lim.columnas)}
    else:
        mensaje = _("«%(archivo)s» pasa de %(limite)s columnas (límite de importación).") % {
            "archivo": nombre,
            "limite": _miles(lim.columnas),
        }
    return _error(mensaje, nombre, fila=fila)


# --- Tabla --------------------------------------------------------------------------------


def _letra(indice: int) -> str:
    """Nombre de la columna como en la hoja (1 → A, 27 → AA)."""
    letras = ""
    while indice:
        indice, resto = divmod(indice - 1, 26)
        letras = chr(65 + resto) + letras
    return letras


def _ancho(valores: list) -> int:
    """Celdas hasta la última con algo (las vacías del final no cuentan como columnas)."""
    fin = len(valores)
    while fin and valores[fin - 1] in (None, ""):
        fin -= 1
    return fin


def armar_tabla(
    filas: Iterable[tuple[int, Iterable]],
    nombre: str,
    fila_encabezado: int,
    codificacion: str,
    lim: Limites | None = None,
) -> Tabla:
    """Arma la ``Tabla`` de ``(número de fila, celdas)`` aplicando los límites fila por fila.

    La primera fila numerada desde ``fila_encabezado`` da los encabezados: vacíos al final se
    descartan y uno repetido (sin distinguir mayúsculas) rechaza el archivo, porque no se
    sabría cuál de las dos columnas vale.
    """
    lim = lim or limites()
    invalida = codificacion == CODIFICACION_INVALIDA
    encabezados = None
    tabla = Tabla(archivo=nombre, encabezados=[], codificacion=codificacion)
    datos = celdas = 0
    for numero, crudas in filas:
        if numero < fila_encabezado:
            continue
        valores = [_texto(c) for c in crudas]
        ancho = _ancho(valores)
        if ancho > lim.columnas:
            raise _demasiadas_columnas(nombre, lim, fila=numero)
        nombres = encabezados or [_letra(i) for i in range(1, ancho + 1)]
        for indice, valor in enumerate(valores[:ancho]):
            if not isinstance(valor, str):
                continue
            columna = nombres[indice] if indice < len(nombres) else _letra(indice + 1)
            if invalida and _BYTES_INVALIDOS.search(valor):
                raise _byte_invalido(valor, nombre, numero, columna)
            if len(valor) > lim.caracteres_por_celda:
                raise _error(
                    _(
                        "La celda de «%(archivo)s» tiene %(n)s caracteres; el límite de "
                        "importación es %(limite)s por celda."
                    )
                    % {
                        "archivo": nombre,
                        "n": _miles(len(valor)),
                        "limite": _miles(lim.caracteres_por_celda),
                    },
                    nombre,
                    fila=numero,
                    columna=columna,
                )
        if encabezados is None:
            encabezados = [str(v or "").strip() for v in valores[:ancho]]
            _exigir_encabezados_unicos(encabezados, nombre, numero)
            tabla.encabezados = encabezados
            continue
        datos += 1
        if datos > lim.filas:
            raise _demasiadas_filas(nombre, lim, fila=numero)
        if all(v in (None, "") for v in valores):
            continue
        celdas += max(ancho, len(encabezados))
        if celdas > lim.celdas:
            raise _error(
                _(
                    "«%(archivo)s» pasa de %(limite)s celdas (filas × columnas; límite de "
                    "importación); divídalo en partes más pequeñas."
                )
                % {"archivo": nombre, "limite": _miles(lim.celdas)},
                nombre,
                fila=numero,
            )
        registro = {
            encabezado: (valores[i] if i < len(valores) else None)
            for i, encabezado in enumerate(encabezados)
        }
        sobrantes = [v for v in valores[len(encabezados) :] if v not in (None, "")]
        if sobrantes:
            registro["__sobrantes__"] = sobrantes
        tabla.filas.append((numero, registro))
    if encabezados is None:
        raise ErrorDeImportacion(
            [ErrorDeFila(_("No se encontró la fila de encabezados."), fila=fila_encabezado)],
            archivo=nombre,
        )
    return tabla


def _exigir_encabezados_unicos(encabezados: list[str], nombre: str, fila: int) -> None:
    vistos: dict[str, int] = {}
    errores = []
    for indice, encabezado in enumerate(encabezados, start=1):
        if not encabezado:
            continue
        clave = encabezado.casefold()
        if clave in vistos:
            errores.append(
                ErrorDeFila(
                    _(
                        "La columna «%(c)s» está repetida en la fila de encabezados (columnas "
                        "%(a)s y %(b)s); deje una sola."
                    )
                    % {"c": encabezado, "a": _letra(vistos[clave]), "b": _letra(indice)},
                    fila=fila,
                    columna=encabezado,
                )
            )
        else:
            vistos[clave] = indice
    if errores:
        raise ErrorDeImportacion(errores, archivo=nombre)


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


# --- La tubería ---------------------------------------------------------------------------


@dataclass
class ResultadoImportacion:
    """Lo que hizo una importación o, si ``ensayo``, lo que haría: el mismo tipo en todas.

    ``creados`` y ``cambiados`` describen cada registro nuevo o cambiado («acción 1.1.1.2»);
    ``filas_sin_cambios`` cuenta las filas que no cambiaron nada; ``avisos`` son advertencias
    que no impiden importar; ``lineas`` es el informe de texto de la app (``reporte()``) y
    ``detalle``, lo propio de cada importador (p. ej. el emparejamiento de la Métrica).
    """

    archivo: str
    ensayo: bool
    filas: int = 0
    creados: list = field(default_factory=list)
    cambiados: list = field(default_factory=list)
    filas_sin_cambios: int = 0
    avisos: list = field(default_factory=list)
    lineas: list = field(default_factory=list)
    detalle: object = None

    @property
    def sin_cambios(self) -> bool:
        """El archivo coincide con lo guardado: no hay nada que crear ni que cambiar."""
        return not self.creados and not self.cambiados

    def reporte(self) -> str:
        return "\n".join(str(linea) for linea in self.lineas)


class Importador:
    """Lo que cada app declara para importar; ``importar`` llama a sus pasos en orden.

    Una subclase sobrescribe ``validar`` y ``aplicar`` (y, si lo necesita, los demás). Ningún
    paso llama a ``importar``: los pasos leen con las herramientas de este módulo y el
    aplicador escribe con el servicio de su app, que es atómico y registra a quien actúa.
    """

    #: Encabezados que espera el archivo (deciden el separador de un CSV).
    columnas: tuple = ()
    #: Columna del archivo → campo del modelo, para completar ``ErrorDeFila.campo``.
    campos: dict = {}

    def comprobar(self) -> None:
        """Reglas previas a leer (quién importa, a qué registro); lanzan el error del servicio."""

    def leer(self, archivo, nombre: str | None):
        """Lee el archivo con los límites y codificaciones comunes (``leer_tabla``)."""
        return leer_tabla(archivo, nombre=nombre, columnas=list(self.columnas))

    def validar(self, leido, resultado: ResultadoImportacion):
        """Revisa todo lo leído y devuelve el plan; ``ErrorDeImportacion`` con todos los errores.

        Puede anotar en ``resultado`` las filas leídas y los avisos.
        """
        raise NotImplementedError

    def aplicar(self, plan, resultado: ResultadoImportacion) -> None:
        """Llama al servicio de la app con el plan y anota en ``resultado`` qué cambió."""
        raise NotImplementedError

    def al_confirmar(self, resultado: ResultadoImportacion) -> None:
        """Después de guardar de verdad (nunca en un ensayo): tareas fuera de la transacción."""

    def informar(self, resultado: ResultadoImportacion) -> list:
        """Líneas del informe de texto (``ResultadoImportacion.reporte()``)."""
        lineas = [
            ngettext("%(n)s fila leída", "%(n)s filas leídas", resultado.filas)
            % {"n": resultado.filas}
            + "; "
            + ngettext("%(c)s registro nuevo", "%(c)s registros nuevos", len(resultado.creados))
            % {"c": len(resultado.creados)}
            + _(" y %(m)s con cambios.") % {"m": len(resultado.cambiados)}
        ]
        if resultado.ensayo:
            lineas.append(_("Ensayo: no se guardó nada."))
        return lineas

    def completar(self, exc: "ErrorDeImportacion", archivo: str) -> "ErrorDeImportacion":
        """El error con el archivo y, donde falte, el campo de cada columna conocida."""
        por_columna = {str(c).casefold(): campo for c, campo in self.campos.items()}
        exc.errores = [
            replace(e, campo=por_columna.get(str(e.columna).casefold(), ""))
            if e.columna and not e.campo
            else e
            for e in exc.errores
        ]
        if not exc.archivo and archivo:
            exc.archivo = archivo
            exc.args = (exc.resumen(),)
        return exc


def _nombre_leido(leido, nombre: str | None) -> str:
    return getattr(leido, "archivo", "") or Path(nombre or "").name


def importar(
    importador: Importador, *, archivo, nombre: str | None = None, ensayo: bool = False
) -> ResultadoImportacion:
    """Importa ``archivo`` con los pasos de ``importador``: todo o nada (ver el docstring).

    Con ``ensayo`` hace todo y lo deshace: el resultado dice qué cambiaría. Lanza
    ``ErrorDeImportacion`` sin haber guardado nada; las reglas previas del servicio
    (``comprobar``) lanzan su propio error.
    """
    leido = None
    try:
        with transaction.atomic():
            importador.comprobar()
            leido = importador.leer(archivo, nombre)
            resultado = ResultadoImportacion(archivo=_nombre_leido(leido, nombre), ensayo=ensayo)
            plan = importador.validar(leido, resultado)
            importador.aplicar(plan, resultado)
            if ensayo:
                transaction.set_rollback(True)
    except ErrorDeImportacion as exc:
        raise importador.completar(exc, _nombre_leido(leido, nombre)) from None
    if not ensayo:
        importador.al_confirmar(resultado)
    resultado.lineas = importador.informar(resultado)
    return resultado


# --- django-import-export en la misma tubería -----------------------------------------------


class ImportadorDeRecurso(Importador):
    """Un ``Resource`` de django-import-export como importador de la tubería.

    Lee con ``leer_tabla`` (los mismos límites que los demás), aplica con
    ``import_data(dry_run=False, rollback_on_validation_errors=True)`` dentro de la
    transacción de la tubería y traduce su ``Result``: errores y filas inválidas a
    ``ErrorDeFila`` (fila del archivo, columna y campo); filas nuevas, cambiadas y omitidas a
    ``ResultadoImportacion``. El ensayo es el de la tubería, así que se comporta igual que
    ``dry_run=True``.
    """

    def __init__(self, recurso, *, actor=None):
        if getattr(recurso._meta, "use_bulk", False):
            raise ImproperlyConfigured(
                "Un recurso con use_bulk no llama a save(): el historial no registraría nada."
            )
        if not getattr(recurso._meta, "clean_model_instances", False):
            raise ImproperlyConfigured(
                "Un recurso que importa necesita clean_model_instances = True (full_clean)."
            )
        self.recurso = recurso
        self.actor = actor
        campos = self.recurso.get_import_fields()
        self.campos = {c.column_name: c.attribute for c in campos if c.attribute}
        self.columnas = tuple(self.campos)

    def validar(self, tabla, resultado):
        import tablib

        resultado.filas = len(tabla.filas)
        datos = tablib.Dataset(headers=tabla.encabezados)
        for _numero, registro in tabla.filas:
            datos.append([registro.get(e) for e in tabla.encabezados])
        return datos, [numero for numero, _registro in tabla.filas]

    def aplicar(self, plan, resultado):
        from import_export.results import RowResult

        datos, numeros = plan
        hecho = self.recurso.import_data(
            datos,
            dry_run=False,
            raise_errors=False,
            use_transactions=True,
            rollback_on_validation_errors=True,
            user=self.actor,
        )
        columna_de = {c.attribute: c.column_name for c in self.recurso.get_import_fields()}

        def fila(indice):  # import-export numera desde 1 las filas de datos
            return numeros[indice - 1] if 0 < indice <= len(numeros) else None

        errores = [ErrorDeFila(str(e.error)) for e in hecho.base_errors]
        for indice, de_fila in hecho.row_errors():
            errores += [ErrorDeFila(str(e.error), fila=fila(indice)) for e in de_fila]
        for invalida in hecho.invalid_rows:
            for campo, mensajes in invalida.error_dict.items():
                columna = columna_de.get(campo) if campo != "__all__" else None
                errores += [
                    ErrorDeFila(str(m), fila=fila(invalida.number), columna=columna, campo=campo)
                    for m in mensajes
                ]
        if errores:
            raise ErrorDeImportacion(errores, archivo=resultado.archivo)
        for renglon in hecho.rows:
            if renglon.import_type == RowResult.IMPORT_TYPE_NEW:
                resultado.creados.append(renglon.object_repr)
            elif renglon.import_type == RowResult.IMPORT_TYPE_UPDATE:
                resultado.cambiados.append(renglon.object_repr)
            elif renglon.import_type == RowResult.IMPORT_TYPE_SKIP:
                resultado.filas_sin_cambios += 1
