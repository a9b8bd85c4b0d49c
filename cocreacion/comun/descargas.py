"""Vocabulario de las descargas: los tipos de contenido y el encabezado que nombra el archivo.

El encabezado ``Content-Disposition`` lo arma Django (``content_disposition_header``): escapa
comillas y codifica los nombres con acentos (``filename*=utf-8''…``), que armado a mano se
rompían.
"""

from django.http import HttpResponse
from django.utils.http import content_disposition_header

TIPO_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TIPO_CSV = "text/csv; charset=utf-8"
TIPO_JSON = "application/json; charset=utf-8"
# Las tablas que el portal ofrece en varios formatos, por extensión.
TIPOS_DE_TABLA = {"csv": TIPO_CSV, "json": TIPO_JSON, "xlsx": TIPO_XLSX}


def nombrar(respuesta: HttpResponse, nombre: str, *, adjunto: bool = True) -> HttpResponse:
    """Pone a ``respuesta`` el nombre de archivo ``nombre``: descarga (``adjunto``) o en línea."""
    respuesta["Content-Disposition"] = content_disposition_header(adjunto, nombre)
    return respuesta
