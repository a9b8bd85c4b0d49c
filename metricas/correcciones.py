"""Tabla revisada de correcciones de nombres dañados en los archivos de la Métrica.

Cada renglón de ``fixtures/correcciones_nombres.csv`` dice qué bytes se leyeron (escritos con
escapes ``\\xNN``, tal como venían en el archivo), el nombre corregido y la fuente que lo
respalda. La importación sustituye esos bytes antes de decodificar: el nombre dañado nunca se
guarda y el original queda en el informe y en el historial de la entrada que se crea.
"""

import codecs
import csv
import functools
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from cocreacion.comun.validadores import danos_en

ARCHIVO = "correcciones_nombres.csv"
COLUMNAS = ["archivo", "fila", "bytes_originales", "nombre_corregido", "fuente"]


@dataclass(frozen=True)
class Correccion:
    archivo: str
    fila: str
    original: bytes
    corregido: str
    fuente: str

    @property
    def original_escapado(self) -> str:
        return escapar(self.original)


def escapar(datos: bytes) -> str:
    """Los bytes como texto ASCII: lo que no es ASCII queda como ``\\xNN``."""
    return datos.decode("ascii", errors="backslashreplace")


def ruta_por_omision() -> Path:
    for carpeta in settings.FIXTURE_DIRS:
        ruta = Path(carpeta) / ARCHIVO
        if ruta.exists():
            return ruta
    raise ImproperlyConfigured(f"No se encontró la tabla de correcciones {ARCHIVO}.")


def leer_correcciones(ruta: Path) -> tuple[Correccion, ...]:
    """Lee y valida la tabla; un renglón mal hecho es un error de configuración (con su fila)."""
    correcciones = []
    with open(ruta, encoding="utf-8", newline="") as archivo:
        lector = csv.DictReader(archivo)
        if lector.fieldnames != COLUMNAS:
            raise ImproperlyConfigured(
                f"{ruta.name}: los encabezados deben ser {', '.join(COLUMNAS)}."
            )
        for numero, renglon in enumerate(lector, start=2):
            try:
                original = codecs.escape_decode(renglon["bytes_originales"].encode("ascii"))[0]
            except (UnicodeEncodeError, ValueError) as exc:
                raise ImproperlyConfigured(
                    f"{ruta.name}, fila {numero}, columna bytes_originales: escriba los bytes "
                    "no ASCII como \\xNN."
                ) from exc
            corregido = renglon["nombre_corregido"].strip()
            if not original or not corregido or not renglon["fuente"].strip():
                raise ImproperlyConfigured(
                    f"{ruta.name}, fila {numero}: faltan los bytes, el nombre corregido o la "
                    "fuente."
                )
            if danos_en(corregido):
                raise ImproperlyConfigured(
                    f"{ruta.name}, fila {numero}, columna nombre_corregido: el nombre corregido "
                    "trae caracteres dañados."
                )
            correcciones.append(
                Correccion(
                    archivo=renglon["archivo"].strip(),
                    fila=renglon["fila"].strip(),
                    original=original,
                    corregido=corregido,
                    fuente=renglon["fuente"].strip(),
                )
            )
    return tuple(correcciones)


@functools.cache
def correcciones() -> tuple[Correccion, ...]:
    return leer_correcciones(ruta_por_omision())


def reparar(crudo: bytes, tabla: tuple[Correccion, ...] | None = None):
    """Aplica la primera corrección cuyos bytes aparecen en ``crudo``.

    Devuelve ``(bytes reparados, corrección aplicada o None)``.
    """
    for correccion in correcciones() if tabla is None else tabla:
        if correccion.original in crudo:
            return crudo.replace(correccion.original, correccion.corregido.encode("utf-8")), (
                correccion
            )
    return crudo, None


def reparar_texto_leido(texto: str, tabla: tuple[Correccion, ...] | None = None):
    """Repara un texto que ya se había guardado dañado (leído como Windows-1252 con
    reemplazos, como lo hacía la importación antes de tener la tabla).

    Devuelve ``(texto reparado, corrección aplicada o None)``; sirve para el nombre completo
    del archivo («Estado-Nombre») y para el nombre del organismo sin el estado.
    """
    for correccion in correcciones() if tabla is None else tabla:
        danado = correccion.original.decode("cp1252", errors="replace")
        if danado in texto:
            return texto.replace(danado, correccion.corregido), correccion
        if "-" in danado and "-" in correccion.corregido:
            sin_estado = danado.split("-", 1)[1]
            if sin_estado in texto:
                return texto.replace(sin_estado, correccion.corregido.split("-", 1)[1]), (
                    correccion
                )
    return texto, None
