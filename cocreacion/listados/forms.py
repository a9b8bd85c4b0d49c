"""Formularios de los listados de interés público (enlaces y admin)."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cocreacion.comun.validadores import validar_tabla
from cocreacion.models import (
    ElementoListado,
    OrdenGobierno,
    Resolucion,
    SujetoObligado,
    TipoSujetoObligado,
)

TIPOS_TABLA = {".csv": {"text/csv"}, ".xlsx": {"xlsx"}}


class ElementoListadoForm(forms.ModelForm):
    """Captura de un elemento por el enlace. El listado nunca viaja en el formulario."""

    liga = forms.URLField(label=_("Liga"), max_length=500, required=False, assume_scheme="https")

    class Meta:
        model = ElementoListado
        fields = [
            "titulo",
            "descripcion",
            "justificacion",
            "unidad_responsable",
            "periodicidad",
            "formato",
            "liga",
        ]
        widgets = {
            "descripcion": forms.Textarea(attrs={"rows": 3}),
            "justificacion": forms.Textarea(attrs={"rows": 3}),
        }


class ImportarElementosForm(forms.Form):
    archivo = forms.FileField(
        label=_("Hoja de cálculo (XLSX o CSV)"),
        help_text=_(
            "Columnas: título, descripción, justificación, unidad responsable, periodicidad, "
            "formato y liga (opcional). Si hay un error no se guarda nada."
        ),
    )
    reemplazar = forms.BooleanField(
        label=_("Sustituir los elementos ya capturados"), required=False
    )

    def clean_archivo(self):
        archivo = self.cleaned_data["archivo"]
        validar_tabla(archivo, tipos=TIPOS_TABLA)
        return archivo


class AprobacionDictamenForm(forms.Form):
    sesion = forms.CharField(
        label=_("Sesión"),
        max_length=200,
        help_text=_("Por ejemplo «Décima Sesión Ordinaria de 2021»."),
    )
    fecha_sesion = forms.DateField(
        label=_("Fecha de la sesión"), widget=forms.DateInput(attrs={"type": "date"})
    )
    numero_acuerdo = forms.CharField(label=_("Número de acuerdo"), max_length=80)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Sólo una ayuda del navegador: la regla (no aprobar en una fecha futura) es del servicio.
        self.fields["fecha_sesion"].widget.attrs["max"] = timezone.localdate().isoformat()


class MotivoForm(forms.Form):
    motivo = forms.CharField(label=_("Motivo"), widget=forms.Textarea(attrs={"rows": 2}))


class SujetosDelPadronField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.nombre} — {obj.distintivo}"


class AbrirPeriodoForm(forms.Form):
    """Selección de a quiénes se pide el listado: siempre dentro del padrón de Oaxaca."""

    tipos = forms.MultipleChoiceField(
        label=_("Tipos de sujeto obligado"),
        choices=TipoSujetoObligado.choices,
        required=False,
        help_text=_("Sin selección: todos los tipos."),
        widget=forms.CheckboxSelectMultiple,
    )
    ordenes = forms.MultipleChoiceField(
        label=_("Órdenes de gobierno"),
        choices=OrdenGobierno.choices,
        required=False,
        help_text=_("Sin selección: todos los órdenes."),
        widget=forms.CheckboxSelectMultiple,
    )
    sujetos = SujetosDelPadronField(
        label=_("Sólo estos sujetos obligados"),
        queryset=SujetoObligado.objects.none(),
        required=False,
        help_text=_(
            "Sin selección: todos los que cumplan los filtros. Con Ctrl (⌘ en Mac) se eligen "
            "varios."
        ),
        widget=forms.SelectMultiple(attrs={"size": 12}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Sólo el padrón de Oaxaca que hoy se puede requerir (activos y vigentes).
        self.fields["sujetos"].queryset = (
            SujetoObligado.objects.requeribles().select_related("municipio").order_by("nombre")
        )


class RevisionElementoForm(forms.ModelForm):
    """Revisión de un elemento en el admin: exige fundamentación y, si aplica, modificaciones."""

    class Meta:
        model = ElementoListado
        fields = ["resolucion", "fundamentacion", "modificaciones"]
        widgets = {
            "fundamentacion": forms.Textarea(attrs={"rows": 2, "cols": 40}),
            "modificaciones": forms.Textarea(attrs={"rows": 2, "cols": 30}),
        }

    def clean(self):
        datos = super().clean()
        resolucion = datos.get("resolucion")
        if resolucion and not (datos.get("fundamentacion") or "").strip():
            self.add_error("fundamentacion", _("Escriba la fundamentación y motivación."))
        if (
            resolucion == Resolucion.CON_MODIFICACIONES
            and not (datos.get("modificaciones") or "").strip()
        ):
            self.add_error("modificaciones", _("Indique qué modificaciones se requieren."))
        return datos


class PreferenciasAvisosForm(forms.Form):
    """Casillas de los avisos por correo que la persona quiere recibir (sólo los de su papel)."""

    encendidos = forms.MultipleChoiceField(
        label="Quiero recibir por correo",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, tipos=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["encendidos"].choices = [(str(t.value), t.label) for t in tipos]
