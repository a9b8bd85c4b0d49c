"""Admin de la operación: dispositivos del segundo factor y bloqueos de acceso.

El admin de los dispositivos del segundo factor (django-otp), en español.

django-otp nombra sus campos y secciones sin traducción posible («Name», «Key», «Drift»,
«Throttling»). Cambiar sus ``verbose_name`` pediría una migración en una app ajena; en su lugar,
este admin pone etiquetas, ayudas, columnas, filtros y secciones en español.

Bloqueos de acceso en el admin: la Coordinación DGA los ve y los levanta con el servicio.

Reemplaza el registro de django-axes para los intentos: en vez de «eliminar» (que borraría sin
dejar rastro) hay una acción «Levantar el bloqueo» que llama a ``bloqueos.bloqueo_levantar``.
"""

from axes.admin import AccessAttemptAdmin
from axes.models import AccessAttempt
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_otp.plugins.otp_totp.admin import TOTPDeviceAdmin
from django_otp.plugins.otp_totp.models import TOTPDevice

from cocreacion.operacion.bloqueos import bloqueo_levantar, puede_levantar

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


admin.site.unregister(AccessAttempt)


@admin.register(AccessAttempt)
class IntentosDeAccesoAdmin(AccessAttemptAdmin):
    actions = ["levantar_bloqueo"]

    def has_delete_permission(self, request, obj=None):
        return False  # sólo con la acción, que deja registro

    def has_levantar_permission(self, request):
        return puede_levantar(request.user)

    @admin.action(
        description="Levantar el bloqueo de los intentos seleccionados", permissions=["levantar"]
    )
    def levantar_bloqueo(self, request, queryset):
        try:
            levantados = bloqueo_levantar(intentos=list(queryset), actor=request.user)
        except PermissionDenied as error:
            self.message_user(request, str(error), messages.ERROR)
            return
        self.message_user(
            request,
            ngettext(
                "Se levantó el bloqueo de %(n)s cuenta y dirección. Quedó registrado a su nombre.",
                "Se levantó el bloqueo de %(n)s cuentas y direcciones. Quedó registrado a su "
                "nombre.",
                levantados,
            )
            % {"n": levantados},
            messages.SUCCESS,
        )
