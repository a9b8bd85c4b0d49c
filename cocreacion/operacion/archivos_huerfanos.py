"""Archivos de ``MEDIA_ROOT`` que ya no nombra ningún registro (huérfanos), y su limpieza.

Por qué hay huérfanos: el archivo se escribe antes de que la transacción confirme (ver
``cocreacion.operacion.almacenamiento``); si la transacción falla después, el archivo queda sin
registro. También quedan restos ``.subiendo-…`` si el proceso muere a la mitad de una subida.

Qué cuenta como referenciado: cualquier nombre guardado en un campo de archivo
(``FileField``/``ImageField``) de cualquier modelo instalado, **incluidas las tablas de
historial** de django-simple-history. Ahí los campos de archivo se vuelven texto, así que se
buscan por los campos de archivo del modelo original (``instance_type``). Un archivo que sólo
nombra una versión anterior (el registro lo reemplazó o se borró) es parte del rastro de
auditoría y se conserva: no es huérfano.

Qué no se toca:
- archivos más nuevos que ``margen`` (24 h por omisión): pueden ser de una subida cuya
  transacción aún no confirma. Los temporales ``.subiendo-…`` viejos sí son huérfanos;
- enlaces simbólicos: ni se siguen ni se borran (ni ellos ni su destino), sólo se cuentan;
- lo que no sea un archivo regular (tuberías, sockets…).

Escala: una consulta por campo de archivo (con ``values_list(...).iterator()``) y comparación
por conjuntos; nunca una consulta por archivo.

Por qué no una biblioteca: django-cleanup (9.0) borra el archivo viejo al cambiar o borrar un
registro, justo lo que aquí no debe pasar (el historial de auditoría lo sigue nombrando);
django-unused-media no publica desde 2020 y no conoce las tablas de django-simple-history, así
que borraría evidencias de versiones anteriores. Son 199 líneas con su regla de auditoría.
"""

import os
import posixpath
import stat
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import timezone

from cocreacion.operacion.almacenamiento import PREFIJO_TEMPORAL

MARGEN_POR_OMISION = timedelta(hours=24)


class SinCarpetaDeMedios(Exception):
    """``MEDIA_ROOT`` no existe o no es una carpeta."""


@dataclass(frozen=True)
class ArchivoHuerfano:
    ruta: str  # relativa a MEDIA_ROOT, con «/»
    tamano: int
    modificado: datetime
    # Para borrar sólo si nadie lo tocó desde que se revisó.
    mtime_ns: int

    @property
    def temporal(self) -> bool:
        return posixpath.basename(self.ruta).startswith(PREFIJO_TEMPORAL)


@dataclass
class Revision:
    raiz: Path
    margen: timedelta
    revisados: int = 0
    huerfanos: list[ArchivoHuerfano] = field(default_factory=list)
    # Sin registro pero más nuevos que el margen: se respetan.
    recientes: int = 0
    enlaces_omitidos: list[str] = field(default_factory=list)
    carpetas_ilegibles: list[str] = field(default_factory=list)

    @property
    def bytes_huerfanos(self) -> int:
        return sum(h.tamano for h in self.huerfanos)


def campos_de_archivo() -> list[tuple[type[models.Model], str]]:
    """(modelo, columna) de cada campo que guarda un nombre de archivo, con las de historial."""
    campos = []
    for modelo in apps.get_models():
        if modelo._meta.proxy or not modelo._meta.managed:
            continue
        # En un modelo histórico el FileField se convirtió en texto: se buscan las del original.
        original = getattr(modelo, "instance_type", None) or modelo
        for campo in original._meta.concrete_fields:
            if not isinstance(campo, models.FileField):
                continue
            try:
                propio = modelo._meta.get_field(campo.name)
            except FieldDoesNotExist:  # campo excluido del historial
                continue
            campos.append((modelo, propio.attname))
    return campos


def nombres_referenciados() -> set[str]:
    """Todo nombre de archivo guardado en la base (registros vigentes e historial)."""
    nombres: set[str] = set()
    for modelo, columna in campos_de_archivo():
        consulta = (
            modelo._base_manager.exclude(**{columna: ""})
            .exclude(**{f"{columna}__isnull": True})
            .values_list(columna, flat=True)
            .distinct()
            .order_by()
        )
        for nombre in consulta.iterator(chunk_size=5000):
            nombres.add(_normalizar(nombre))
    return nombres


def _normalizar(nombre: str) -> str:
    return posixpath.normpath(str(nombre).replace("\\", "/")).lstrip("/")


def _recorrer(raiz: Path, revision: Revision):
    """Archivos regulares bajo ``raiz`` como (ruta relativa, lstat), sin seguir enlaces."""
    pendientes = [""]
    while pendientes:
        relativa = pendientes.pop()
        try:
            entradas = list(os.scandir(raiz / relativa if relativa else raiz))
        except OSError:
            revision.carpetas_ilegibles.append(relativa or ".")
            continue
        for entrada in entradas:
            ruta = posixpath.join(relativa, entrada.name) if relativa else entrada.name
            if entrada.is_symlink():
                revision.enlaces_omitidos.append(ruta)
            elif entrada.is_dir(follow_symlinks=False):
                pendientes.append(ruta)
            elif entrada.is_file(follow_symlinks=False):
                try:
                    yield ruta, entrada.stat(follow_symlinks=False)
                except FileNotFoundError:
                    continue  # se borró mientras se recorría


def raiz_de_medios() -> Path:
    raiz = Path(settings.MEDIA_ROOT)
    if not raiz.is_dir():
        raise SinCarpetaDeMedios(str(raiz))
    # MEDIA_ROOT mismo puede ser un enlace (p. ej. a un disco montado); lo de adentro no se sigue.
    return raiz.resolve()


def revisar(margen: timedelta = MARGEN_POR_OMISION) -> Revision:
    """Lista los archivos huérfanos de ``MEDIA_ROOT`` (no borra nada).

    Primero se recorre el disco y después se consulta la base: un archivo cuya transacción
    confirme entre ambos pasos ya aparece en la consulta. Y un nombre, una vez guardado, no
    deja de estar en la base porque el historial lo conserva aunque el registro cambie.
    """
    raiz = raiz_de_medios()
    revision = Revision(raiz=raiz, margen=margen)
    limite = time.time() - margen.total_seconds()
    en_disco = dict(_recorrer(raiz, revision))
    revision.revisados = len(en_disco)
    referenciados = nombres_referenciados()
    for ruta in sorted(en_disco.keys() - referenciados):
        datos = en_disco[ruta]
        if datos.st_mtime > limite:
            revision.recientes += 1
            continue
        revision.huerfanos.append(
            ArchivoHuerfano(
                ruta=ruta,
                tamano=datos.st_size,
                modificado=timezone.localtime(datetime.fromtimestamp(datos.st_mtime, tz=UTC)),
                mtime_ns=datos.st_mtime_ns,
            )
        )
    return revision


def borrar(revision: Revision) -> tuple[int, int]:
    """Borra los huérfanos de ``revision``; devuelve (archivos, bytes) borrados.

    Antes de cada borrado se vuelve a mirar el archivo: si ya no es un archivo regular, si
    cambió desde la revisión o si alguna carpeta de su ruta se volvió un enlace (que llevaría
    fuera de ``MEDIA_ROOT``), se deja.
    """
    borrados = bytes_borrados = 0
    for huerfano in revision.huerfanos:
        ruta = revision.raiz / huerfano.ruta
        if os.path.realpath(ruta.parent) != str(ruta.parent):
            continue
        try:
            datos = os.lstat(ruta)
        except FileNotFoundError:
            continue
        if not stat.S_ISREG(datos.st_mode) or datos.st_mtime_ns != huerfano.mtime_ns:
            continue
        try:
            os.unlink(ruta)
        except FileNotFoundError:
            continue
        borrados += 1
        bytes_borrados += datos.st_size
    return borrados, bytes_borrados
