import django_filters
from django.utils.translation import gettext_lazy as _

from cocreacion.comun.filtros import FiltroDeModeloLigero
from cocreacion.comun.widgets import SelectoLigero
from cocreacion.models import Municipio, OrdenGobierno, SujetoObligado, TipoSujetoObligado


class FiltroSujetosObligados(django_filters.FilterSet):
    q = django_filters.CharFilter(
        field_name="nombre_normalizado", method="buscar", label=_("Nombre contiene")
    )
    tipo = django_filters.ChoiceFilter(
        widget=SelectoLigero,
        choices=TipoSujetoObligado.choices,
        label=_("Tipo"),
        empty_label=_("Todos"),
    )
    orden = django_filters.ChoiceFilter(
        widget=SelectoLigero,
        choices=OrdenGobierno.choices,
        label=_("Orden de gobierno"),
        empty_label=_("Todos"),
    )
    municipio = FiltroDeModeloLigero(
        widget=SelectoLigero,
        queryset=Municipio.objects.order_by("nombre"),
        etiqueta=("nombre",),
        label=_("Municipio"),
        empty_label=_("Todos"),
    )

    class Meta:
        model = SujetoObligado
        fields = ["q", "tipo", "orden", "municipio"]

    def buscar(self, queryset, name, value):
        from cocreacion.models import normalizar_nombre

        return queryset.filter(nombre_normalizado__contains=normalizar_nombre(value[:200]))
