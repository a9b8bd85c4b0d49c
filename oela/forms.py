from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from cocreacion.validadores import validar_archivo

TIPOS_MATRIZ = {".xlsx": {"xlsx"}, ".csv": {"text/csv"}}


class ImportarMatrizForm(forms.Form):
    archivo = forms.FileField(
        label=_("Archivo de la matriz"),
        help_text=_(
            "XLSX o CSV (UTF-8 o Windows-1252) con las columnas de la Matriz de Programación."
        ),
    )
    simular = forms.BooleanField(
        label=_("Sólo revisar (no guardar nada)"),
        required=False,
        initial=True,
        help_text=_("Muestra qué se crearía o cambiaría, sin escribir."),
    )

    def clean_archivo(self):
        archivo = self.cleaned_data["archivo"]
        try:
            validar_archivo(archivo, tipos=TIPOS_MATRIZ)
        except ValidationError as exc:
            if getattr(exc, "code", "") == "contenido" and archivo.name.lower().endswith(".csv"):
                # Un CSV en Windows-1252 no es UTF-8: se acepta si es texto sin bytes nulos.
                archivo.seek(0)
                if b"\x00" in archivo.read(8192):
                    raise
                archivo.seek(0)
                return archivo
            raise
        return archivo


class ClonarProgramaForm(forms.Form):
    anio = forms.IntegerField(label=_("Año del programa nuevo"), min_value=2000, max_value=2100)
