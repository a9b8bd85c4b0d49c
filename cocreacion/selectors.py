"""Lecturas para las páginas públicas del núcleo."""

from django.db.models import QuerySet

from .models import SujetoObligado


def sujetos_obligados_para_catalogo() -> QuerySet[SujetoObligado]:
    return SujetoObligado.objects.activos().select_related("municipio").order_by("nombre")


# Secciones de la ficha del sujeto obligado y de la portada que aporta el ciclo de listados.
from .selectors_listados import seccion_inicio, seccion_sujeto_obligado  # noqa: E402, F401
