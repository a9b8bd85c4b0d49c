"""Formularios públicos de participación: proponer, apoyar y borrar los propios datos.

Cada uno lleva un campo trampa (``sitio_web``) que una persona no ve ni alcanza con el teclado
(se oculta con una clase de la hoja de estilos, sin estilos en línea); si llega con algo, quien
lo envió es un programa y la vista responde como si todo hubiera ido bien sin guardar nada.
Los campos con error quedan ligados a su mensaje (``aria-describedby``) y el primero recibe el
foco al volver la página.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from cocreacion.comun.widgets import SelectoLigero
from cocreacion.models import Municipio

from ..models.propuestas import (
    MAX_NOMBRE,
    MAX_ORGANIZACION,
    MAX_TEXTO,
    MAX_TITULO,
    TemaPropuesta,
)

MAX_CORREO = 254


class ConTrampa(forms.Form):
    sitio_web = forms.CharField(
        label=_("No llene este campo"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def es_robot(self) -> bool:
        return bool(self.data.get("sitio_web", "").strip())

    def visibles(self):
        return [self[nombre] for nombre in self.fields if nombre != "sitio_web"]

    def full_clean(self):
        super().full_clean()
        self.marcar_errores()

    def marcar_errores(self):
        """Liga cada campo con error a su mensaje y da el foco al primero."""
        primero = True
        for nombre in self.errors:
            if nombre not in self.fields:
                continue
            atributos = self.fields[nombre].widget.attrs
            ids = [f"error_{nombre}"]
            if self.fields[nombre].help_text:
                ids.append(f"id_{nombre}_helptext")
            atributos["aria-describedby"] = " ".join(ids)
            atributos["aria-invalid"] = "true"
            if primero:
                atributos["autofocus"] = True
                primero = False


class PropuestaForm(ConTrampa):
    titulo = forms.CharField(
        label=_("Título de su propuesta"),
        max_length=MAX_TITULO,
        help_text=_("Una frase corta (hasta %(n)s caracteres).") % {"n": MAX_TITULO},
    )
    problema = forms.CharField(
        label=_("¿Cuál es el problema?"),
        max_length=MAX_TEXTO,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Qué pasa hoy y a quién afecta (hasta %(n)s caracteres).") % {"n": MAX_TEXTO},
    )
    texto = forms.CharField(
        label=_("¿Qué propone?"),
        max_length=MAX_TEXTO,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Qué se podría hacer y quién lo haría (hasta %(n)s caracteres).")
        % {"n": MAX_TEXTO},
    )
    tema = forms.ChoiceField(
        label=_("Tema (opcional)"),
        choices=[("", _("— Sin tema —")), *TemaPropuesta.choices],
        required=False,
        help_text=_("Sirve para agrupar las propuestas en el informe de la consulta."),
    )
    municipio = forms.ModelChoiceField(
        label=_("Municipio (opcional)"),
        queryset=Municipio.objects.only("pk", "nombre").order_by("nombre"),
        required=False,
        empty_label=_("— Sin municipio —"),
        widget=SelectoLigero,
    )
    organizacion = forms.CharField(
        label=_("Organización (opcional)"),
        max_length=MAX_ORGANIZACION,
        required=False,
        help_text=_("Si propone a nombre de un colectivo, una organización o una escuela."),
    )
    nombre = forms.CharField(
        label=_("Su nombre (opcional)"),
        max_length=MAX_NOMBRE,
        required=False,
        help_text=_("Se publica con su propuesta. Déjelo vacío para aparecer como «Anónimo»."),
    )
    correo = forms.EmailField(
        label=_("Su correo"),
        max_length=MAX_CORREO,
        help_text=_(
            "Le enviamos un enlace para confirmar y, después, la respuesta. Nunca se publica."
        ),
    )


class ApoyoForm(ConTrampa):
    correo = forms.EmailField(
        label=_("Su correo"),
        max_length=MAX_CORREO,
        help_text=_(
            "Le enviamos un enlace para confirmar su apoyo. Su correo no se guarda ni se publica."
        ),
    )


class BorradoForm(ConTrampa):
    correo = forms.EmailField(
        label=_("El correo con el que participó"),
        max_length=MAX_CORREO,
        help_text=_("Si tiene datos con nosotros, le enviamos un enlace para borrarlos."),
    )
