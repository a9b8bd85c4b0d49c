import django_filters
from django import forms
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from cocreacion.comun.filtros import FiltroDeModeloLigero
from cocreacion.comun.widgets import SelectoLigero
from cocreacion.models import MetaODS, Organizacion, SujetoObligado

from .models import Compromiso, EstadoAcuerdo, EstadoCompromiso, PlanAccionLocal, Tema

ORDENES = [
    ("avance_desc", _("Mayor avance primero")),
    ("avance_asc", _("Menor avance primero")),
    ("fecha_fin", _("Fecha de término más próxima")),
    ("numero", _("Número de compromiso")),
]
CAMPOS_ORDEN = {
    "avance_desc": ["-avance", "plan__anio_inicio", "numero"],
    "avance_asc": ["avance", "plan__anio_inicio", "numero"],
    "fecha_fin": ["fecha_fin", "plan__anio_inicio", "numero"],
    "numero": ["-plan__anio_inicio", "numero"],
}


def _con_compromiso_publicado(modelo, relacion: str, campo: str):
    """Opciones que aparecen en algún compromiso publicado (``EXISTS``, sin ``DISTINCT``)."""
    intermedia = getattr(Compromiso, relacion).through
    return modelo.objects.filter(
        Exists(
            intermedia.objects.filter(
                **{campo: OuterRef("pk")},
                compromiso__publicado=True,
                compromiso__plan__publicado=True,
            )
        )
    )


class FiltroCompromisos(django_filters.FilterSet):
    plan = django_filters.ModelChoiceFilter(
        widget=SelectoLigero,
        queryset=PlanAccionLocal.objects.publicados(),
        label=_("Plan de acción"),
        empty_label=_("Todos"),
    )
    estado = django_filters.ChoiceFilter(
        widget=SelectoLigero,
        choices=EstadoCompromiso.choices,
        label=_("Estado"),
        empty_label=_("Todos"),
    )
    tema = django_filters.ChoiceFilter(
        widget=SelectoLigero, choices=Tema.choices, label=_("Tema"), empty_label=_("Todos")
    )
    meta_ods = FiltroDeModeloLigero(
        widget=SelectoLigero,
        field_name="metas_ods",
        queryset=_con_compromiso_publicado(MetaODS, "metas_ods", "metaods_id"),
        etiqueta=("clave",),
        label=_("Meta ODS"),
        empty_label=_("Todas"),
    )
    responsable = FiltroDeModeloLigero(
        widget=SelectoLigero,
        field_name="responsables",
        queryset=_con_compromiso_publicado(SujetoObligado, "responsables", "sujetoobligado_id"),
        etiqueta=("nombre",),
        label=_("Sujeto obligado responsable"),
        empty_label=_("Todos"),
    )
    organizacion = FiltroDeModeloLigero(
        widget=SelectoLigero,
        field_name="corresponsables",
        queryset=_con_compromiso_publicado(Organizacion, "corresponsables", "organizacion_id"),
        etiqueta=("nombre", "siglas"),
        label=_("Organización corresponsable"),
        empty_label=_("Todas"),
    )
    orden = django_filters.ChoiceFilter(
        widget=SelectoLigero,
        choices=ORDENES,
        method="ordenar",
        label=_("Ordenar por"),
        empty_label=_("Número"),
    )

    class Meta:
        model = Compromiso
        fields = ["plan", "estado", "tema", "meta_ods", "responsable", "organizacion", "orden"]

    def ordenar(self, queryset, name, value):
        return queryset.order_by(*CAMPOS_ORDEN.get(value, CAMPOS_ORDEN["numero"]))


ESTADOS_ACUERDO = [("vencido", _("Vencidos")), *EstadoAcuerdo.choices]


class FormularioAcuerdos(forms.Form):
    estado = forms.ChoiceField(
        label=_("Estado"), choices=[("", _("Todos")), *ESTADOS_ACUERDO], required=False
    )
