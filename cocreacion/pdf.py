"""Generación de documentos PDF con WeasyPrint.

Los archivos estáticos y de medios se leen del disco (nunca por HTTP): el documento se
genera rápido y sin red. Se produce PDF etiquetado (PDF/UA-1) para lectores de pantalla.
"""

import logging
import mimetypes
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.template.loader import render_to_string
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

logger = logging.getLogger(__name__)

BASE_URL = "file:///"


class ErrorAlGenerarPDF(Exception):
    """El documento no pudo generarse; nunca se entrega un archivo en blanco."""


class LectorLocal(URLFetcher):
    """Sirve ``/static/…`` y ``/media/…`` desde el disco y rechaza todo lo demás."""

    def fetch(self, url, headers=None):
        if url.startswith("data:"):
            return super().fetch(url, headers)
        ruta = url.removeprefix("file://")
        archivo: Path | None = None
        if ruta.startswith(settings.STATIC_URL):
            encontrado = finders.find(ruta.removeprefix(settings.STATIC_URL))
            archivo = Path(encontrado) if encontrado else None
        elif ruta.startswith(settings.MEDIA_URL):
            candidato = (
                Path(settings.MEDIA_ROOT) / ruta.removeprefix(settings.MEDIA_URL)
            ).resolve()
            if candidato.is_relative_to(Path(settings.MEDIA_ROOT).resolve()):
                archivo = candidato
        if archivo is None or not archivo.is_file():
            raise ValueError(f"Recurso no disponible para el PDF: {url}")
        # Sin tipo MIME, WeasyPrint descarta las hojas de estilo enlazadas con <link>.
        tipo = mimetypes.guess_type(archivo.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, body=archivo.read_bytes(), headers={"Content-Type": tipo})


def hojas_de_estilo(hojas_extra: tuple[str, ...] = ()) -> tuple[str, ...]:
    """Rutas de estáticos de las hojas de un documento: ``css/pdf.css`` más ``hojas_extra``."""
    return ("css/pdf.css", *hojas_extra)


def renderizar_pdf(
    plantilla: str,
    contexto: dict,
    *,
    request=None,
    hojas_extra: tuple[str, ...] = (),
    html: str | None = None,
) -> bytes:
    """Devuelve los bytes del PDF de ``plantilla``; lanza ``ErrorAlGenerarPDF`` si falla.

    ``hojas_extra``: rutas de estáticos (p. ej. ``"css/listados.css"``) que se suman a
    ``css/pdf.css``. ``html``: la plantilla ya renderizada, para quien la necesitó antes
    (p. ej. para la clave de caché) y no quiere pagar dos veces el render de un documento grande.
    """
    if html is None:
        html = render_to_string(plantilla, contexto, request=request)
    fuentes = FontConfiguration()
    lector = LectorLocal(allowed_protocols=("file", "data"))
    try:
        hojas = [
            CSS(filename=finders.find(hoja), font_config=fuentes, url_fetcher=lector)
            for hoja in hojas_de_estilo(hojas_extra)
        ]
        documento = HTML(string=html, base_url=BASE_URL, url_fetcher=lector)
        datos = documento.write_pdf(stylesheets=hojas, font_config=fuentes, pdf_variant="pdf/ua-1")
    except Exception as exc:
        logger.exception("Falló la generación del PDF %s", plantilla)
        raise ErrorAlGenerarPDF(str(exc)) from exc
    if not datos:
        raise ErrorAlGenerarPDF("El PDF resultó vacío.")
    return datos


def respuesta_pdf(datos: bytes, nombre_archivo: str, *, descargar: bool = False) -> HttpResponse:
    respuesta = HttpResponse(datos, content_type="application/pdf")
    disposicion = "attachment" if descargar else "inline"
    respuesta["Content-Disposition"] = f'{disposicion}; filename="{nombre_archivo}"'
    respuesta["X-Content-Type-Options"] = "nosniff"
    return respuesta
