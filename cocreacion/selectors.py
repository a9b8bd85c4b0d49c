"""Lecturas para las páginas públicas del núcleo."""

from django.db.models import QuerySet

from .models import SujetoObligado


def sujetos_obligados_para_catalogo() -> QuerySet[SujetoObligado]:
    return SujetoObligado.objects.activos().select_related("municipio").order_by("nombre")
