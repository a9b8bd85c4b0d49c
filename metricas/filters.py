"""Filtros públicos de la clasificación de una edición."""

import django_filters
from django.utils.translation import gettext_lazy as _

from cocreacion.comun.widgets import SelectoLigero
from cocreacion.models import OrdenGobierno, TipoSujetoObligado

from .models import Resultado


class FiltroResultados(django_filters.FilterSet):
    tipo = django_filters.ChoiceFilter(
        widget=SelectoLigero,
        field_name="sujeto_obligado__tipo",
        choices=TipoSujetoObligado.choices,
        label=_("Tipo de sujeto obligado"),
        empty_label=_("Todos los tipos"),
    )
    orden = django_filters.ChoiceFilter(
        widget=SelectoLigero,
        field_name="sujeto_obligado__orden",
        choices=OrdenGobierno.choices,
        label=_("Orden de gobierno"),
        empty_label=_("Todos los órdenes"),
    )

    class Meta:
        model = Resultado
        fields = ["tipo", "orden"]
