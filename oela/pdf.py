"""El programa completo como documento PDF (WeasyPrint, vía ``cocreacion.pdf``).

Generar el PDF de un programa grande toma segundos; el resultado se guarda en la caché con
una clave que es la huella (SHA-256) del HTML y de las hojas de estilo que lo producen: si
cualquier texto, avance, dato de la institución o estilo cambia, el PDF se vuelve a generar.
Nunca se sirve un documento viejo.
"""

import hashlib

from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.formats import localize

from cocreacion.models import Institucion
from cocreacion.pdf import hojas_de_estilo, renderizar_pdf

from . import selectors

PLANTILLA = "pdf/oela_programa.html"
HOJAS_EXTRA = ("css/oela_pdf.css",)
DURACION_CACHE = 60 * 60 * 24


def renglon_de_accion(accion) -> str:
    """La acción como renglón de la matriz del documento: clave, descripción, meta, indicador,
    medio de verificación, responsable y meses programados.

    Se arma en Python y no en la plantilla: son miles de renglones y cada variable y etiqueta
    de plantilla por renglón suma décimas de segundo al documento. Los números salen como en
    las plantillas (``localize``: separador de miles).
    """
    partes = [
        # La descripción suele traer su punto final: sin quitarlo quedaba «institución.. Meta».
        f"{accion.clave} {accion.descripcion.rstrip().rstrip('.')}. "
        f"Meta: {localize(accion.meta)} {accion.unidad_medida}"
    ]
    for etiqueta, valor in (
        ("indicador", accion.indicador),
        ("medio de verificación", accion.medio_verificacion),
        ("responsable", accion.responsable),
    ):
        if valor:
            partes.append(f"{etiqueta}: {valor}")
    meses = ", ".join(
        f"{mes} {localize(cantidad)}" for mes, cantidad in accion.calendario_con_meses
    )
    return "; ".join(partes) + f". Programado: {meses or 'sin calendario'}."


def contexto_documento(programa) -> dict:
    arbol = selectors.arbol_del_programa(programa)
    for accion in arbol.acciones:
        accion.renglon_documento = renglon_de_accion(accion)
    return {
        "programa": programa,
        "arbol": arbol,
        "institucion": Institucion.objects.actual(),
    }


def _huella(html: str) -> str:
    huella = hashlib.sha256(html.encode("utf-8"))
    for hoja in hojas_de_estilo(HOJAS_EXTRA):
        with open(finders.find(hoja), "rb") as archivo:
            huella.update(archivo.read())
    return huella.hexdigest()


def documento_programa(programa, *, usar_cache: bool = True) -> bytes:
    """Bytes del PDF del programa; lanza ``ErrorAlGenerarPDF`` si WeasyPrint falla."""
    contexto = contexto_documento(programa)
    if not usar_cache:
        return renderizar_pdf(PLANTILLA, contexto, hojas_extra=HOJAS_EXTRA)
    html = render_to_string(PLANTILLA, contexto)
    clave = "oela:pdf:" + _huella(html)
    datos = cache.get(clave)
    if datos is None:
        datos = renderizar_pdf(PLANTILLA, contexto, hojas_extra=HOJAS_EXTRA, html=html)
        cache.set(clave, datos, DURACION_CACHE)
    return datos
