"""Validación de archivos subidos: tamaño y tipo comprobado por su contenido."""

import io
import zipfile
from pathlib import Path

import puremagic
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MB = 1024 * 1024

# extensión -> tipos MIME aceptables según el contenido
TIPOS_EVIDENCIA = {
    ".pdf": {"application/pdf"},
    ".png": {"image/png"},
    ".jpg": {"image/jpeg"},
    ".jpeg": {"image/jpeg"},
    ".webp": {"image/webp"},
    ".xlsx": {"xlsx"},
    ".csv": {"text/csv"},
    ".ods": {"ods"},
}


def _tipo_zip(datos: bytes) -> str | None:
    try:
        with zipfile.ZipFile(io.BytesIO(datos)) as z:
            nombres = set(z.namelist())
            if "[Content_Types].xml" in nombres and any(n.startswith("xl/") for n in nombres):
                return "xlsx"
            if "mimetype" in nombres and z.read("mimetype").startswith(
                b"application/vnd.oasis.opendocument.spreadsheet"
            ):
                return "ods"
    except (zipfile.BadZipFile, KeyError, OSError):
        return None
    return None


def tipo_por_contenido(datos: bytes) -> str | None:
    """Tipo real del archivo según sus bytes, sin fiarse del nombre."""
    if datos[:2] == b"PK":
        return _tipo_zip(datos)
    try:
        coincidencias = puremagic.magic_string(datos[:8192])
    except (puremagic.PureError, ValueError):
        coincidencias = []
    for c in coincidencias:
        if c.mime_type:
            return c.mime_type
    if datos and b"\x00" not in datos[:8192]:
        # Texto plano: UTF-8 o Windows-1252 (lo que exporta Excel); ambos son CSV válidos.
        for codificacion in ("utf-8", "cp1252"):
            try:
                datos[:8192].decode(codificacion)
                return "text/csv"
            except UnicodeDecodeError:
                continue
    return None


def validar_archivo(archivo, *, tipos=None, tamano_maximo_mb: float = 20) -> str:
    """Comprueba tamaño y tipo; devuelve la extensión normalizada o lanza ``ValidationError``."""
    tipos = tipos or TIPOS_EVIDENCIA
    nombre = Path(getattr(archivo, "name", "") or "").name
    extension = Path(nombre).suffix.lower()
    if archivo.size > tamano_maximo_mb * MB:
        raise ValidationError(
            _("El archivo «%(n)s» pesa %(t).1f MB; el máximo es %(m)s MB.")
            % {"n": nombre, "t": archivo.size / MB, "m": f"{tamano_maximo_mb:g}"},
            code="tamano",
        )
    if extension not in tipos:
        raise ValidationError(
            _("El archivo «%(n)s» no es de un tipo admitido. Se aceptan: %(t)s.")
            % {"n": nombre, "t": ", ".join(sorted(tipos))},
            code="extension",
        )
    posicion = archivo.tell() if hasattr(archivo, "tell") else 0
    archivo.seek(0)
    datos = archivo.read()
    archivo.seek(posicion)
    real = tipo_por_contenido(datos)
    if real not in tipos[extension]:
        raise ValidationError(
            _(
                "El contenido de «%(n)s» no corresponde a un archivo %(e)s; "
                "no se aceptó. Suba el documento original."
            )
            % {"n": nombre, "e": extension},
            code="contenido",
        )
    return extension


TIPOS_IMAGEN = {
    k: v for k, v in TIPOS_EVIDENCIA.items() if v <= {"image/png", "image/jpeg", "image/webp"}
}


def validar_evidencia_nueva(archivo):
    """Sólo se revisa el archivo recién subido: uno ya guardado se validó al subirse."""
    if getattr(archivo, "_committed", True):
        return
    validar_archivo(archivo)


def validar_imagen_nueva(archivo):
    if getattr(archivo, "_committed", True):
        return
    validar_archivo(archivo, tipos=TIPOS_IMAGEN, tamano_maximo_mb=2)


# Huellas de texto dañado. U+FFFD es un byte que no se pudo decodificar; «Ã», «Â» y «â€» son
# UTF-8 leído como Windows-1252 («Ã¡» era «á»); los demás salen de bytes 0x80–0x9F leídos como
# Windows-1252 (p. ej. «ParaiŒso», «Conacyt €”») y no aparecen en nombres en español. Los
# caracteres de control C1 nunca son texto. El guion largo, las comillas tipográficas y los
# ángulos de las migas («›») sí son texto legítimo, por eso no están aquí.
SECUENCIAS_DANADAS = ("\ufffd", "Ã", "Â", "â€", "€", "Œ", "œ", "Ž", "ž", "Š", "š", "Ÿ", "ƒ", "ˆ")
SECUENCIAS_DANADAS += tuple(chr(c) for c in range(0x80, 0xA0))


def danos_en(texto: str) -> list[str]:
    """Las secuencias de texto dañado que contiene ``texto`` (lista vacía si está sano)."""
    return [s for s in SECUENCIAS_DANADAS if s in (texto or "")]


def validar_texto_sin_danos(texto: str) -> None:
    danos = danos_en(texto)
    if danos:
        visibles = ", ".join(f"«{d}»" if d.isprintable() else f"U+{ord(d):04X}" for d in danos)
        raise ValidationError(
            _(
                "El texto trae caracteres dañados (%(d)s): corríjalo antes de guardarlo; si viene "
                "de un archivo, agregue la corrección a la tabla de correcciones de nombres."
            )
            % {"d": visibles},
            code="texto_danado",
        )


def validar_tabla(archivo, *, tipos) -> str:
    """``validar_archivo`` para hojas de cálculo que se importan: con el límite de bytes de
    ``LIMITES_IMPORTACION`` (el resto de los límites los revisa ``leer_tabla``)."""
    from cocreacion.comun.importacion import limites

    return validar_archivo(archivo, tipos=tipos, tamano_maximo_mb=limites().bytes / MB)
