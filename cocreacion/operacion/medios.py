"""Descarga de los archivos subidos: sólo si el registro es visible, y con encabezados seguros.

Los archivos viven en ``MEDIA_ROOT`` con nombres aleatorios (ver ``nombre_aleatorio``), pero un
nombre aleatorio no es un permiso: la evidencia de un compromiso en borrador o el acta de una
sesión sin publicar no deben bajarse por quien adivine o conserve la dirección. Por eso
``/media/`` lo atiende esta vista (también en producción) y no el servidor web directamente.

Cada app declara en su ``publicacion.py`` una lista ``ARCHIVOS`` de ``ArchivoServible``: qué
campo de qué modelo guarda archivos, cuáles registros son públicos y cuáles ve cada cuenta del
admin. Lo que no esté declarado no se sirve.

En producción, con ``MEDIOS_X_ACCEL_REDIRECT`` (p. ej. ``/media-protegido/``), la vista sólo
decide y nginx envía los bytes desde una ubicación ``internal`` (ver
``operacion/despliegue/nginx.conf``).
"""

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.core.files.storage import default_storage
from django.db.models import Model, QuerySet
from django.http import FileResponse, Http404, HttpResponse
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.views.decorators.http import require_safe

from cocreacion.comun.descargas import TIPO_CSV, TIPO_XLSX
from cocreacion.comun.validadores import tipo_por_contenido
from cocreacion.registro import reunir

# Lo único que se muestra dentro del navegador; todo lo demás se descarga.
TIPOS_EN_LINEA = {
    "application/pdf",
    "image/png",
    "image/jpeg",
    "image/webp",
}
# Tipo que se declara para cada extensión validada (el contenido debe coincidir).
TIPOS_POR_EXTENSION = {
    ".pdf": "application/pdf",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".webp": "image/webp",
    ".xlsx": TIPO_XLSX,
    ".ods": "application/vnd.oasis.opendocument.spreadsheet",
    ".csv": TIPO_CSV,
}
_DETECTADO = {
    "xlsx": TIPOS_POR_EXTENSION[".xlsx"],
    "ods": TIPOS_POR_EXTENSION[".ods"],
    "text/csv": TIPOS_POR_EXTENSION[".csv"],
}
GENERICO = "application/octet-stream"
# Aunque el navegador abriera el archivo como documento, no podría ejecutar nada.
CSP_ARCHIVOS = "default-src 'none'; sandbox"


def nombre_aleatorio(carpeta: str, original: str) -> str:
    """Nombre que no elige quien sube: un UUID y la extensión (validada aparte)."""
    extension = PurePosixPath(original or "").suffix.lower()[:8]
    return f"{carpeta}/{uuid.uuid4().hex}{extension}"


@dataclass(frozen=True)
class ArchivoServible:
    """Un campo de archivo que el portal sirve.

    - ``publicos()``: registros cuyo archivo puede bajar cualquiera.
    - ``visibles(usuario, queryset)``: además de ``view_<modelo>``, lo que esa cuenta ve en el
      admin (p. ej. un enlace, sólo lo de su sujeto obligado). Por omisión, todo.
    - ``nombre(registro)``: nombre legible de la descarga, sin extensión.
    """

    modelo: type[Model]
    campo: str
    publicos: Callable[[], QuerySet]
    nombre: Callable[[Model], str]
    visibles: Callable[[object, QuerySet], QuerySet] | None = None

    def permiso_de_vista(self) -> str:
        opciones = self.modelo._meta
        return f"{opciones.app_label}.view_{opciones.model_name}"


def archivos_servibles() -> list[ArchivoServible]:
    return reunir("publicacion", "ARCHIVOS")


def _buscar(ruta: str, usuario) -> tuple[ArchivoServible, Model] | None:
    autenticado = getattr(usuario, "is_authenticated", False)
    for servible in archivos_servibles():
        filtro = {servible.campo: ruta}
        registro = servible.publicos().filter(**filtro).first()
        if registro is None and autenticado and usuario.has_perm(servible.permiso_de_vista()):
            consulta = servible.modelo._default_manager.all()
            if servible.visibles is not None:
                consulta = servible.visibles(usuario, consulta)
            registro = consulta.filter(**filtro).first()
        if registro is not None:
            return servible, registro
    return None


def tipo_de_contenido(ruta: str, cabeza: bytes) -> str:
    """El tipo declarado sólo si el contenido coincide con la extensión; si no, genérico."""
    declarado = TIPOS_POR_EXTENSION.get(PurePosixPath(ruta).suffix.lower())
    if declarado is None:
        return GENERICO
    detectado = tipo_por_contenido(cabeza)
    detectado = _DETECTADO.get(detectado, detectado)
    return declarado if detectado == declarado else GENERICO


def _disposicion(tipo: str, nombre: str, extension: str) -> str:
    modo = "inline" if tipo in TIPOS_EN_LINEA else "attachment"
    legible = (slugify(nombre)[:80] or "archivo") + extension
    return content_disposition_header(modo == "attachment", legible)


def encabezados_seguros(respuesta: HttpResponse, *, publico: bool) -> HttpResponse:
    respuesta["X-Content-Type-Options"] = "nosniff"
    respuesta["Content-Security-Policy"] = CSP_ARCHIVOS
    # Un archivo de un borrador no se queda en cachés compartidas.
    respuesta["Cache-Control"] = "public, max-age=3600" if publico else "private, no-store"
    return respuesta


@require_safe
def descargar(request, ruta: str):
    """``/media/<ruta>``: 404 si el archivo no es de un registro que esta cuenta pueda ver."""
    # PostgreSQL rechaza el carácter NUL en un parámetro: sin esto, «%00» en la dirección
    # era un error 500 en vez de «no existe».
    if "\x00" in ruta:
        raise Http404
    ruta = str(PurePosixPath(ruta))
    if ruta.startswith("/") or ".." in PurePosixPath(ruta).parts:
        raise Http404
    encontrado = _buscar(ruta, request.user)
    if encontrado is None or not default_storage.exists(ruta):
        raise Http404
    servible, registro = encontrado
    publico = servible.publicos().filter(pk=registro.pk).exists()
    with default_storage.open(ruta, "rb") as archivo:
        cabeza = archivo.read(8192)
    tipo = tipo_de_contenido(ruta, cabeza)
    extension = Path(ruta).suffix.lower() if tipo != GENERICO else ".bin"
    disposicion = _disposicion(tipo, servible.nombre(registro), extension)
    interno = getattr(settings, "MEDIOS_X_ACCEL_REDIRECT", "")
    if interno:
        respuesta = HttpResponse(content_type=tipo)
        respuesta["X-Accel-Redirect"] = interno.rstrip("/") + "/" + ruta
    else:
        respuesta = FileResponse(default_storage.open(ruta, "rb"), content_type=tipo)
    respuesta["Content-Disposition"] = disposicion
    return encabezados_seguros(respuesta, publico=publico)
