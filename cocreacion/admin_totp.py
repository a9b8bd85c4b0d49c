"""El admin de los dispositivos del segundo factor (django-otp), en español.

django-otp nombra sus campos y secciones sin traducción posible («Name», «Key», «Drift»,
«Throttling»). Cambiar sus ``verbose_name`` pediría una migración en una app ajena; en su lugar,
este admin pone etiquetas, ayudas, columnas, filtros y secciones en español.
"""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.admin import TOTPDeviceAdmin
from django_otp.plugins.otp_totp.models import TOTPDevice

CAMPOS = {
    "user": (_("persona usuaria"), ""),
    "name": (_("nombre"), _("Un nombre para reconocer el dispositivo, p. ej. «Teléfono»")),
    "confirmed": (_("confirmado"), _("¿El dispositivo ya puede usarse?")),
    "key": (_("clave secreta"), _("Clave secreta en hexadecimal, de hasta 40 bytes.")),
    "step": (_("intervalo"), _("Segundos que dura cada código.")),
    "t0": (_("inicio"), _("Momento Unix desde el que se cuentan los intervalos.")),
    "digits": (_("dígitos"), _("Cuántos dígitos tiene cada código.")),
    "tolerance": (
        _("tolerancia"),
        _("Cuántos intervalos antes o después se aceptan."),
    ),
    "drift": (
        _("desfase"),
        _("Intervalos que el reloj del dispositivo va adelantado o atrasado."),
    ),
    "throttling_failure_timestamp": (
        _("último intento fallido"),
        _("Cuándo falló el último código; tras varios fallos se espera antes de reintentar."),
    ),
    "throttling_failure_count": (_("intentos fallidos seguidos"), ""),
}
SECCIONES = {
    "Identity": _("Identidad"),
    "Timestamps": _("Fechas"),
    "Configuration": _("Configuración"),
    "State": _("Estado"),
    "Throttling": _("Límite de intentos"),
}


def _con_titulo(clase, titulo):
    class FiltroConTitulo(clase):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.title = titulo

    return FiltroConTitulo


class DispositivoTOTPAdmin(TOTPDeviceAdmin):
    list_display = ["user", "nombre", "creado_en", "usado_en", "confirmado"]
    list_filter = [
        ("created_at", _con_titulo(admin.DateFieldListFilter, _("creado"))),
        ("last_used_at", _con_titulo(admin.DateFieldListFilter, _("último uso"))),
        ("confirmed", _con_titulo(admin.BooleanFieldListFilter, _("confirmado"))),
    ]
    readonly_fields = ["creado_en", "usado_en", "qrcode_link"]

    def get_fieldsets(self, request, obj=None):
        cambios = {"created_at": "creado_en", "last_used_at": "usado_en"}
        return [
            (
                SECCIONES.get(nombre, nombre),
                {**opciones, "fields": [cambios.get(f, f) for f in opciones["fields"]]},
            )
            for nombre, opciones in super().get_fieldsets(request, obj)
        ]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        campo = super().formfield_for_dbfield(db_field, request, **kwargs)
        if campo is not None and db_field.name in CAMPOS:
            campo.label, ayuda = CAMPOS[db_field.name]
            campo.label = str(campo.label).capitalize()
            campo.help_text = ayuda
        return campo

    @admin.display(description=_("nombre"), ordering="name")
    def nombre(self, obj):
        return obj.name

    @admin.display(description=_("creado"), ordering="created_at")
    def creado_en(self, obj):
        return obj.created_at

    @admin.display(description=_("último uso"), ordering="last_used_at")
    def usado_en(self, obj):
        return obj.last_used_at

    @admin.display(description=_("confirmado"), boolean=True, ordering="confirmed")
    def confirmado(self, obj):
        return obj.confirmed

    @admin.display(description=_("código QR"))
    def qrcode_link(self, device):
        if device is None or device.pk is None:
            return ""
        url = reverse("admin:otp_totp_totpdevice_config", kwargs={"pk": device.pk})
        return format_html('<a href="{}">Ver código QR</a>', url)


if admin.site.is_registered(TOTPDevice):
    admin.site.unregister(TOTPDevice)
admin.site.register(TOTPDevice, DispositivoTOTPAdmin)
