"""El programa completo como documento PDF (WeasyPrint, vía ``cocreacion.pdf``).

Generar el PDF de un programa grande toma segundos; el resultado se guarda en la caché con
una clave que es la huella (SHA-256) del HTML que lo produce: si cualquier texto, avance o
dato de la institución cambia, el HTML cambia y el PDF se vuelve a generar. Nunca se sirve
un documento viejo.
"""

import hashlib

from django.core.cache import cache
from django.template.loader import render_to_string

from cocreacion.models import Institucion
from cocreacion.pdf import renderizar_pdf

from . import selectors
from .models import MESES

PLANTILLA = "pdf/oela_programa.html"
DURACION_CACHE = 60 * 60 * 24


def contexto_documento(programa) -> dict:
    return {
        "programa": programa,
        "arbol": selectors.arbol_del_programa(programa),
        "institucion": Institucion.objects.actual(),
        "meses": [encabezado for _campo, encabezado in MESES],
    }


def documento_programa(programa, *, usar_cache: bool = True) -> bytes:
    """Bytes del PDF del programa; lanza ``ErrorAlGenerarPDF`` si WeasyPrint falla."""
    contexto = contexto_documento(programa)
    if not usar_cache:
        return renderizar_pdf(PLANTILLA, contexto)
    html = render_to_string(PLANTILLA, contexto)
    clave = "oela:pdf:" + hashlib.sha256(html.encode("utf-8")).hexdigest()
    datos = cache.get(clave)
    if datos is None:
        datos = renderizar_pdf(PLANTILLA, contexto)
        cache.set(clave, datos, DURACION_CACHE)
    return datos
