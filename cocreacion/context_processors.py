"""Contexto común de todas las páginas."""

from django.conf import settings
from django.utils.functional import SimpleLazyObject

from .models import Institucion


def portal(request):
    """Expone ``institucion`` (consulta perezosa: sólo si la plantilla la usa) y
    ``datos_de_demostracion`` (la demostración de ``make demo``: cada página lo avisa)."""
    return {
        "institucion": SimpleLazyObject(lambda: Institucion.objects.actual()),
        "datos_de_demostracion": settings.DATOS_DE_DEMOSTRACION,
    }
