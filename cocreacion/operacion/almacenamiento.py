"""Almacenamiento de archivos subidos que nunca deja un archivo a medias.

``FileSystemStorage`` escribe directo en el nombre final: si el disco se llena (``ENOSPC``) o la
escritura falla a la mitad, el archivo truncado se queda en ``MEDIA_ROOT`` aunque el registro
nunca se guarde. Aquí se escribe primero a un temporal oculto en la misma carpeta y sólo al
terminar se enlaza con su nombre final (operación atómica del sistema de archivos); el temporal
se borra siempre, haya salido bien o mal.
"""

import contextlib
import os
import posixpath
import uuid

from django.core.files.storage import FileSystemStorage

PREFIJO_TEMPORAL = ".subiendo-"


class AlmacenamientoSinArchivosParciales(FileSystemStorage):
    def _save(self, name, content):
        carpeta, base = posixpath.split(str(name).replace("\\", "/"))
        temporal = posixpath.join(carpeta, f"{PREFIJO_TEMPORAL}{uuid.uuid4().hex}-{base}")
        try:
            temporal = super()._save(temporal, content)
            return self._enlazar(temporal, name)
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(self.path(temporal))

    def _enlazar(self, temporal: str, name: str) -> str:
        # ``link`` falla si el nombre ya existe: como O_EXCL, nunca pisa otro archivo.
        while True:
            try:
                os.link(self.path(temporal), self.path(name))
            except FileExistsError:
                name = self.get_available_name(name)
            else:
                return str(name).replace("\\", "/")
