"""El dictamen como PDF: el documento que el órgano aprobador descarga y firma.

Usa las piezas de ``cocreacion.pdf`` (lector local de archivos, PDF/UA-1, ``ErrorAlGenerarPDF``)
y suma la hoja ``css/listados.css`` (folio en cada página, tabla de considerandos).
"""

import logging

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration

from .models import Dictamen, Institucion
from .pdf import BASE_URL, ErrorAlGenerarPDF, LectorLocal

logger = logging.getLogger(__name__)

HOJAS = ["css/pdf.css", "css/listados.css"]


def nombre_archivo(dictamen: Dictamen) -> str:
    base = dictamen.folio or f"proyecto-dictamen-{dictamen.pk}-v{dictamen.version}"
    return base.replace("/", "-") + ".pdf"


def pdf_de_dictamen(dictamen: Dictamen, *, institucion: Institucion | None = None) -> bytes:
    """PDF (PDF/UA-1) del dictamen; un proyecto sin aprobar lleva la leyenda «Proyecto»."""
    institucion = institucion or Institucion.objects.actual()
    html = render_to_string(
        "pdf/dictamen.html",
        {"dictamen": dictamen, "institucion": institucion, "proyecto": not dictamen.aprobado},
    )
    fuentes = FontConfiguration()
    lector = LectorLocal(allowed_protocols=("file", "data"))
    try:
        hojas = [
            CSS(filename=finders.find(hoja), font_config=fuentes, url_fetcher=lector)
            for hoja in HOJAS
        ]
        documento = HTML(string=html, base_url=BASE_URL, url_fetcher=lector)
        datos = documento.write_pdf(stylesheets=hojas, font_config=fuentes, pdf_variant="pdf/ua-1")
    except Exception as exc:
        logger.exception("Falló la generación del PDF del dictamen %s", dictamen.pk)
        raise ErrorAlGenerarPDF(str(exc)) from exc
    if not datos:
        raise ErrorAlGenerarPDF("El PDF resultó vacío.")
    return datos
