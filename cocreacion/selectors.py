"""Lecturas para las páginas públicas del núcleo."""

from django.db.models import QuerySet

from cocreacion.models import Institucion, Organizacion, SujetoObligado


def sujetos_obligados_para_catalogo() -> QuerySet[SujetoObligado]:
    return SujetoObligado.objects.activos().select_related("municipio").order_by("nombre")


def organizaciones_por_ambito() -> QuerySet[Organizacion]:
    """Organizaciones (referentes del programa, corresponsables, integrantes) por ámbito."""
    return Organizacion.objects.order_by("ambito", "-es_referente", "nombre")


def instituciones_en_el_tiempo() -> list[Institucion]:
    """La sucesión del órgano garante, de la más antigua a la actual. Una consulta."""
    return list(Institucion.objects.en_el_tiempo())
