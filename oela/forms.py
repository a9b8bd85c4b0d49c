from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from cocreacion.comun.validadores import validar_tabla

TIPOS_MATRIZ = {".xlsx": {"xlsx"}, ".csv": {"text/csv"}}


class ImportarMatrizForm(forms.Form):
    archivo = forms.FileField(
        label=_("Archivo de la matriz"),
        help_text=_(
            "XLSX o CSV (UTF-8 o Windows-1252) con las columnas de la Matriz de Programación."
        ),
    )

    def clean_archivo(self):
        archivo = self.cleaned_data["archivo"]
        validar_tabla(archivo, tipos=TIPOS_MATRIZ)
        return archivo


class ClonarProgramaForm(forms.Form):
    anio = forms.IntegerField(label=_("Año del programa nuevo"), min_value=2000, max_value=2100)


class ProgramaAdminForm(forms.ModelForm):
    """Valida el cambio de estado en el formulario (y no como error 500 al guardar)."""

    class Meta:
        from .models import Programa

        model = Programa
        fields = [
            "anio",
            "titulo",
            "area",
            "estado",
            "presentacion",
            "introduccion",
            "objetivo_general",
        ]

    def clean_estado(self):
        from .models import EstadoPrograma
        from .services import TRANSICIONES

        nuevo = self.cleaned_data.get("estado")
        anterior = self.instance.estado if self.instance.pk else EstadoPrograma.BORRADOR
        if self.instance.pk is None and nuevo != EstadoPrograma.BORRADOR:
            raise ValidationError(_("Un programa nuevo empieza en borrador; publíquelo después."))
        if (
            nuevo != anterior
            and EstadoPrograma(nuevo) not in TRANSICIONES[EstadoPrograma(anterior)]
        ):
            raise ValidationError(
                _("Un programa en estado «%(a)s» no puede pasar a «%(n)s».")
                % {"a": EstadoPrograma(anterior).label, "n": EstadoPrograma(nuevo).label}
            )
        return nuevo


class AvanceAdminForm(forms.ModelForm):
    class Meta:
        from .models import Avance

        model = Avance
        fields = ["accion", "mes", "realizado", "comentario", "evidencia", "enlace_evidencia"]

    def clean(self):
        from .models import EstadoPrograma

        datos = super().clean()
        accion = datos.get("accion")
        if accion is not None:
            programa = accion.linea.estrategia.objetivo.programa
            if programa.estado != EstadoPrograma.PUBLICADO:
                raise ValidationError(
                    _("Sólo se registran avances en programas publicados (este está «%(e)s»).")
                    % {"e": programa.get_estado_display()}
                )
        return datos
