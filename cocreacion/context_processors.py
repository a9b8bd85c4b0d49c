"""Contexto común de todas las páginas."""

from django.utils.functional import SimpleLazyObject

from .models import Institucion


def portal(request):
    """Expone ``institucion`` (consulta perezosa: sólo si la plantilla la usa)."""
    return {"institucion": SimpleLazyObject(lambda: Institucion.objects.actual())}
