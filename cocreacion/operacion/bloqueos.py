"""Bloqueos de acceso (django-axes): quién los ve y quién los levanta.

La Coordinación DGA ve los intentos y bloqueos en el admin y puede levantarlos (la página de
bloqueo dice que se le pida a ella). Levantar un bloqueo es este servicio: exige el permiso,
borra los intentos de esa cuenta desde esa dirección y deja el registro en la bitácora del
admin a nombre de quien lo hizo.
"""

import logging

from axes.models import AccessAttempt
from django.contrib.admin.models import DELETION, LogEntry
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

PERMISO_LEVANTAR = "axes.delete_accessattempt"


def puede_levantar(usuario) -> bool:
    return bool(getattr(usuario, "is_authenticated", False) and usuario.has_perm(PERMISO_LEVANTAR))


@transaction.atomic
def bloqueo_levantar(*, intentos, actor) -> int:
    """Borra los intentos fallidos indicados (cada uno es una cuenta desde una dirección).

    Devuelve cuántos se levantaron. ``PermissionDenied`` si ``actor`` no puede levantarlos.
    """
    if not puede_levantar(actor):
        raise PermissionDenied(_("Sólo la Coordinación DGA levanta bloqueos de acceso."))
    levantados = 0
    for intento in AccessAttempt.objects.select_for_update().filter(
        pk__in=[i.pk for i in intentos]
    ):
        mensaje = _("Bloqueo levantado: cuenta «%(u)s» desde %(ip)s (%(n)s intentos fallidos)") % {
            "u": intento.username or "—",
            "ip": intento.ip_address or "dirección desconocida",
            "n": intento.failures_since_start,
        }
        LogEntry.objects.log_actions(
            user_id=actor.pk,
            queryset=[intento],
            action_flag=DELETION,
            change_message=mensaje,
            single_object=True,
        )
        logger.warning("%s, por %s", mensaje, actor.get_username())
        intento.delete()
        levantados += 1
    return levantados
