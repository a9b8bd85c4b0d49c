"""Bloqueos de acceso en el admin: la Coordinación DGA los ve y los levanta con el servicio.

Reemplaza el registro de django-axes para los intentos: en vez de «eliminar» (que borraría sin
dejar rastro) hay una acción «Levantar el bloqueo» que llama a ``bloqueos.bloqueo_levantar``.
"""

from axes.admin import AccessAttemptAdmin
from axes.models import AccessAttempt
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.utils.translation import ngettext

from cocreacion.bloqueos import bloqueo_levantar, puede_levantar

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
