"""El archivo de una importación revisada que espera su confirmación.

Quien importa la matriz ve primero qué cambiará y confirma después sin volver a elegir el
archivo. Entre los dos pasos el archivo se guarda en el almacenamiento de archivos (compartido
entre servidores, fuera de lo público: ningún registro lo nombra, así que ``/media/`` no lo
entrega y ``limpiar_archivos_huerfanos`` barre lo que nadie confirmó) y la sesión de esa persona
guarda su nombre aleatorio, ligado al programa. Así nadie confirma el archivo de otra persona
ni lo aplica a otro programa, y una confirmación se usa una sola vez.
"""

import contextlib
import secrets
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

CARPETA = "importaciones-pendientes"
LLAVE_DE_SESION = "oela_importaciones_pendientes"
MAXIMO_POR_SESION = 5


@dataclass
class Pendiente:
    nombre: str
    datos: bytes

    def archivo(self) -> ContentFile:
        return ContentFile(self.datos, name=self.nombre)


def guardar(request, *, archivo, programa) -> str:
    """Guarda el archivo revisado y devuelve la clave que confirma su importación."""
    clave = secrets.token_urlsafe(24)
    archivo.seek(0)
    ruta = default_storage.save(f"{CARPETA}/{clave}.bin", ContentFile(archivo.read()))
    pendientes = dict(request.session.get(LLAVE_DE_SESION, {}))
    # Sólo las más recientes: una revisión vieja sin confirmar deja de valer.
    for vieja in list(pendientes)[: -MAXIMO_POR_SESION + 1]:
        _borrar(pendientes.pop(vieja)["ruta"])
    pendientes[clave] = {"ruta": ruta, "programa": programa.pk, "nombre": archivo.name[:200]}
    request.session[LLAVE_DE_SESION] = pendientes
    return clave


def tomar(request, *, clave: str, programa) -> Pendiente | None:
    """El archivo revisado de esta sesión para este programa (una sola vez), o ``None``."""
    pendientes = dict(request.session.get(LLAVE_DE_SESION, {}))
    datos = pendientes.get(str(clave)[:100])
    if datos is None or datos["programa"] != programa.pk:
        return None
    del pendientes[clave]
    request.session[LLAVE_DE_SESION] = pendientes
    try:
        with default_storage.open(datos["ruta"], "rb") as archivo:
            contenido = archivo.read()
    except OSError:
        return None
    finally:
        _borrar(datos["ruta"])
    return Pendiente(nombre=datos["nombre"], datos=contenido)


def _borrar(ruta: str) -> None:
    with contextlib.suppress(OSError):
        default_storage.delete(ruta)
