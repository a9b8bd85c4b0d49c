"""Formularios del admin de la Métrica."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cocreacion.comun.validadores import validar_tabla

from .models import Edicion

TIPOS_RESULTADOS = {".xlsx": {"xlsx"}, ".csv": {"text/csv"}}


class ImportarResultadosForm(forms.Form):
    edicion = forms.ModelChoiceField(
        queryset=Edicion.objects.order_by("-anio"), label=_("Edición"), to_field_name="anio"
    )
    archivo = forms.FileField(
        label=_("Archivo de resultados"),
        help_text=_(
            "CSV o XLSX con las columnas SO, edo, niv, ts, TG, TC, PG, PC (y, si las trae, T, P, "
            "GA para comprobarlas), como el BSO.csv publicado. Cada fila se lee en UTF-8 o, si "
            "no lo es, en Windows-1252."
        ),
    )
    simular = forms.BooleanField(
        label=_("Sólo revisar (no guardar nada)"),
        required=False,
        initial=True,
        help_text=_("Muestra qué se emparejaría, crearía o cambiaría, sin escribir."),
    )

    def clean_archivo(self):
        archivo = self.cleaned_data["archivo"]
        validar_tabla(archivo, tipos=TIPOS_RESULTADOS)
        return archivo
