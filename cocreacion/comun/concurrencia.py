"""Control de edición concurrente: la segunda persona que guarda no pisa a la primera.

Cada formulario de edición lleva la versión del historial (django-simple-history) con la que se
abrió. Si al guardar el registro ya tiene una versión más nueva, se rechaza el guardado y se
muestra qué cambió, quién y cuándo.
"""

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

CAMPO_VERSION = "_version_historial"


def version_actual(instancia) -> int | None:
    historial = getattr(instancia, "history", None)
    if historial is None or instancia.pk is None:
        return None
    return (
        historial.order_by("-history_date", "-history_id")
        .values_list("history_id", flat=True)
        .first()
    )


def describir_conflicto(instancia, version_enviada: str | None) -> str | None:
    """Mensaje en español si hubo cambios posteriores a ``version_enviada``; si no, ``None``."""
    if not version_enviada or instancia.pk is None:
        return None
    actual = version_actual(instancia)
    if actual is None or str(actual) == str(version_enviada).strip():
        return None
    historial = instancia.history
    try:
        vieja = historial.get(history_id=int(version_enviada))
    except (ValueError, historial.model.DoesNotExist):
        vieja = None
    nueva = historial.select_related("history_user").get(history_id=actual)
    quien = (
        (nueva.history_user.get_full_name() or nueva.history_user.get_username())
        if nueva.history_user
        else _("otra persona")
    )
    cuando = date_format(timezone.localtime(nueva.history_date), "DATETIME_FORMAT")
    cambios = []
    if vieja is not None:
        for cambio in nueva.diff_against(vieja).changes:
            campo = instancia._meta.get_field(cambio.field)
            cambios.append(f"{campo.verbose_name}: «{cambio.old}» → «{cambio.new}»")
    detalle = "; ".join(cambios) if cambios else _("cambios en el registro")
    return _(
        "Mientras usted editaba, %(quien)s guardó este registro (%(cuando)s): %(detalle)s. "
        "Sus cambios no se guardaron. Revise los datos actuales y, si aún hace falta, "
        "vuelva a aplicar sus cambios y guarde de nuevo."
    ) % {"quien": quien, "cuando": cuando, "detalle": detalle}
