"""Respaldo y restauración completos: base de datos y archivos subidos (media).

Un respaldo es un ``.tar.gz`` con:
- ``base.dump`` (``pg_dump -Fc``) en PostgreSQL, o ``base.json`` (``dumpdata``) en SQLite;
- ``media/`` con los archivos subidos;
- ``manifiesto.json`` con el número de registros por modelo y el SHA-256 de cada archivo.

La restauración verifica el manifiesto al final: si un conteo o una suma no coincide, lo dice.

Por qué no django-dbbackup (5.4, mantenida, BSD): respalda la base y los archivos en dos
comandos y dos archivos sueltos (``dbbackup``/``mediabackup``), sin manifiesto ni verificación
al restaurar (su paquete no tiene ni una suma SHA-256), que es lo que aquí importa: saber que lo
restaurado es lo respaldado. Este módulo son 198 líneas, de ellas ~60 de manifiesto y
verificación que habría que escribir igual encima de dbbackup; con ``pg_dump``/``pg_restore`` y
``dumpdata``/``loaddata`` no queda mucho más que la biblioteca ahorre.
"""

import hashlib
import io
import json
import os
import shutil
import subprocess  # noqa: S404 - pg_dump/pg_restore, argumentos fijos, sin shell  # nosec B404
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from cocreacion.models.campo_busqueda import fijar_costo_del_parecido
from cocreacion.operacion.cache_paginas import invalidar as invalidar_paginas

EXCLUIDOS_DUMPDATA = ["contenttypes", "auth.permission", "sessions", "admin.logentry"]


class ErrorDeRespaldo(Exception):
    pass


@dataclass
class Verificacion:
    conteos_distintos: dict
    archivos_distintos: list

    @property
    def correcta(self) -> bool:
        return not self.conteos_distintos and not self.archivos_distintos


def conteos() -> dict[str, int]:
    return {
        m._meta.label: m._default_manager.count()
        for m in apps.get_models()
        if m._meta.managed
        and not m._meta.proxy
        and m._meta.label_lower
        not in {"contenttypes.contenttype", "auth.permission", "sessions.session", "admin.logentry"}
    }


def _sin_enlaces(info: tarfile.TarInfo) -> tarfile.TarInfo | None:
    """Los enlaces no van al respaldo: el portal nunca los crea, el de un archivo fuera de
    MEDIA_ROOT sacaría ese archivo al respaldo, y el filtro ``data`` de la restauración los
    rechazaría y la haría fallar."""
    return None if info.issym() or info.islnk() else info


def sumas_de_archivos(raiz: Path) -> dict[str, str]:
    sumas = {}
    if raiz.exists():
        for ruta in sorted(p for p in raiz.rglob("*") if p.is_file() and not p.is_symlink()):
            sumas[ruta.relative_to(raiz).as_posix()] = hashlib.sha256(ruta.read_bytes()).hexdigest()
    return sumas


def _programa(nombre: str) -> str:
    ruta = shutil.which(nombre)
    if ruta is None:
        raise ErrorDeRespaldo(
            f"No se encontró «{nombre}»: instale el cliente de PostgreSQL (postgresql-client)."
        )
    return ruta


def _entorno_pg() -> tuple[list[str], dict]:
    ajustes = connection.settings_dict
    argumentos = ["-h", ajustes.get("HOST") or "127.0.0.1", "-p", str(ajustes.get("PORT") or 5432)]
    if ajustes.get("USER"):
        argumentos += ["-U", ajustes["USER"]]
    entorno = dict(os.environ)
    if ajustes.get("PASSWORD"):
        entorno["PGPASSWORD"] = ajustes["PASSWORD"]
    return argumentos, entorno


def crear_respaldo(destino: Path) -> Path:
    """Escribe el respaldo en la carpeta ``destino`` y devuelve la ruta del archivo."""
    destino.mkdir(parents=True, exist_ok=True)
    marca = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    archivo = destino / f"respaldo-cocreacion-{marca}.tar.gz"
    media = Path(settings.MEDIA_ROOT)
    manifiesto = {
        "creado": timezone.now().isoformat(),
        "motor": connection.vendor,
        "conteos": conteos(),
        "archivos": sumas_de_archivos(media),
    }
    with tempfile.TemporaryDirectory() as temporal:
        temporal = Path(temporal)
        if connection.vendor == "postgresql":
            base = temporal / "base.dump"
            argumentos, entorno = _entorno_pg()
            resultado = subprocess.run(  # noqa: S603 - lista fija, sin shell  # nosec B603
                [
                    _programa("pg_dump"),
                    "-Fc",
                    "--no-owner",
                    *argumentos,
                    "-f",
                    str(base),
                    connection.settings_dict["NAME"],
                ],
                env=entorno,
                capture_output=True,
                text=True,
            )
            if resultado.returncode != 0:
                raise ErrorDeRespaldo(f"pg_dump falló: {resultado.stderr.strip()}")
        else:
            base = temporal / "base.json"
            with open(base, "w", encoding="utf-8") as salida:
                call_command(
                    "dumpdata",
                    "--natural-foreign",
                    "--natural-primary",
                    *[f"--exclude={e}" for e in EXCLUIDOS_DUMPDATA],
                    stdout=salida,
                )
        with tarfile.open(archivo, "w:gz") as tar:
            tar.add(base, arcname=base.name)
            if media.exists():
                tar.add(media, arcname="media", filter=_sin_enlaces)
            datos = json.dumps(manifiesto, ensure_ascii=False, indent=1).encode("utf-8")
            info = tarfile.TarInfo("manifiesto.json")
            info.size = len(datos)
            tar.addfile(info, io.BytesIO(datos))
    return archivo


def restaurar_respaldo(archivo: Path) -> Verificacion:
    """Reemplaza la base de datos y los archivos con los del respaldo y verifica el resultado."""
    media = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory() as temporal:
        temporal = Path(temporal)
        with tarfile.open(archivo, "r:gz") as tar:
            tar.extractall(temporal, filter="data")
        manifiesto = json.loads((temporal / "manifiesto.json").read_text(encoding="utf-8"))
        if manifiesto["motor"] != connection.vendor:
            raise ErrorDeRespaldo(
                f"El respaldo es de {manifiesto['motor']} y la base actual es {connection.vendor}."
            )
        if connection.vendor == "postgresql":
            connection.close()
            argumentos, entorno = _entorno_pg()
            resultado = subprocess.run(  # noqa: S603 - lista fija, sin shell  # nosec B603
                [
                    _programa("pg_restore"),
                    "--clean",
                    "--if-exists",
                    "--no-owner",
                    "--single-transaction",
                    *argumentos,
                    "-d",
                    connection.settings_dict["NAME"],
                    str(temporal / "base.dump"),
                ],
                env=entorno,
                capture_output=True,
                text=True,
            )
            if resultado.returncode != 0:
                raise ErrorDeRespaldo(f"pg_restore falló: {resultado.stderr.strip()}")
            # ``--clean`` borra y vuelve a crear las extensiones con sus costos originales.
            fijar_costo_del_parecido(connection)
        else:
            call_command("flush", "--no-input", verbosity=0)
            call_command("loaddata", str(temporal / "base.json"), verbosity=0)
        if media.exists():
            shutil.rmtree(media)
        if (temporal / "media").exists():
            shutil.copytree(temporal / "media", media)
    # pg_restore y loaddata cambian todo por debajo; el respaldo trae además su propia
    # generación, que se reemplaza por una nueva.
    invalidar_paginas()
    actuales = conteos()
    distintos = {
        modelo: {"respaldo": n, "restaurado": actuales.get(modelo)}
        for modelo, n in manifiesto["conteos"].items()
        if actuales.get(modelo) != n
    }
    sumas = sumas_de_archivos(media)
    archivos = [r for r, s in manifiesto["archivos"].items() if sumas.get(r) != s]
    return Verificacion(conteos_distintos=distintos, archivos_distintos=archivos)
