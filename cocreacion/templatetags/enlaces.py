"""Enlaces a dictámenes que nunca lanzan (ver ``cocreacion.comun.enlaces``).

Uso: ``{% load enlaces %}`` y ``{{ folio|url_dictamen }}`` o ``{{ folio|url_dictamen_pdf }}``;
dan ``""`` si el folio no es enlazable, para que la plantilla muestre el folio sin liga.
"""

from django import template

from cocreacion.comun.enlaces import enlace_seguro

register = template.Library()


@register.filter
def url_dictamen(folio) -> str:
    return enlace_seguro("interes_publico:dictamen", folio=folio) if folio else ""


@register.filter
def url_dictamen_pdf(folio) -> str:
    return enlace_seguro("interes_publico:dictamen_pdf", folio=folio) if folio else ""
