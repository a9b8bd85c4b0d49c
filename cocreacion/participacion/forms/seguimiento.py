"""Formularios del seguimiento por correo (sin cuenta)."""

from django import forms

from .propuestas import ConTrampa


class CorreoConTrampaForm(ConTrampa):
    """Un correo y un campo trampa que las personas no ven (ni los lectores de pantalla).

    Un programa que llena todo llena también ``sitio_web``: la vista responde como si todo
    hubiera salido bien y no guarda ni envía nada.
    """

    correo = forms.EmailField(
        label="Su correo electrónico",
        max_length=254,
        help_text="Sólo para enviarle el resumen; nunca se publica.",
        widget=forms.EmailInput(attrs={"autocomplete": "email", "maxlength": 254}),
        error_messages={
            "required": "Escriba su correo electrónico.",
            "invalid": "Escriba un correo electrónico válido, por ejemplo nombre@dominio.mx.",
            "max_length": "El correo no puede tener más de 254 caracteres.",
        },
    )

    def clean_correo(self):
        correo = self.cleaned_data["correo"]
        if "\x00" in correo:
            raise forms.ValidationError("Escriba un correo electrónico válido.")
        return correo


class SeguirForm(CorreoConTrampaForm):
    pass


class PedirEnlaceForm(CorreoConTrampaForm):
    pass
