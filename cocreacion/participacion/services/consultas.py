"""Escrituras con reglas de las consultas: guardarlas, publicarlas, cerrarlas y su periodo."""

from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from cocreacion.comun.historial import guardar

from ..models import Consulta
from ..permissions import puede_publicar_consultas, puede_tener_permiso


class ConsultaCerrada(ValidationError):
    """La consulta no recibe nada en este momento (antes o después de su periodo)."""


def fecha_hora(valor) -> str:
    """«3 de marzo de 2027, 09:00» en la hora de la Ciudad de México."""
    return date_format(timezone.localtime(valor), "j \\d\\e F \\d\\e Y, H:i")


def exigir_abierta(consulta: Consulta, momento=None) -> None:
    """La regla del periodo: sólo se recibe algo entre la apertura y el cierre (publicada)."""
    momento = momento or timezone.now()
    if not consulta.publicada:
        raise ConsultaCerrada(_("Esta consulta no está publicada."), code="borrador")
    if consulta.antes_de_abrir(momento):
        raise ConsultaCerrada(
            _(
                "La consulta aún no abre: recibe propuestas y apoyos desde el %(inicio)s "
                "(hora de la Ciudad de México)."
            )
            % {"inicio": fecha_hora(consulta.inicio)},
            code="antes",
        )
    if not consulta.abierta(momento):
        raise ConsultaCerrada(
            _(
                "La consulta cerró el %(cierre)s (hora de la Ciudad de México); ya no recibe "
                "propuestas ni apoyos."
            )
            % {"cierre": fecha_hora(consulta.cierre)},
            code="despues",
        )


def _publicacion_cambia(consulta: Consulta) -> bool:
    if consulta.pk is None:
        return consulta.publicada
    guardada = Consulta.objects.filter(pk=consulta.pk).values_list("publicada", flat=True).first()
    return bool(guardada) != consulta.publicada


@transaction.atomic
def consulta_guardar(*, consulta: Consulta, actor, motivo: str = "") -> Consulta:
    """Guarda la consulta; publicarla o retirarla es de la Coordinación DGA."""
    permiso = "participacion.change_consulta" if consulta.pk else "participacion.add_consulta"
    if not puede_tener_permiso(actor, permiso):
        raise PermissionDenied(_("Sólo la DGA captura consultas."))
    if _publicacion_cambia(consulta):
        if not puede_publicar_consultas(actor):
            raise PermissionDenied(_("Sólo la Coordinación de la DGA publica o retira consultas."))
        motivo = motivo or (_("Publicación") if consulta.publicada else _("Retiro de publicación"))
    return guardar(consulta, actor=actor, motivo=motivo)


@transaction.atomic
def consulta_cerrar(*, consulta: Consulta, actor, momento=None) -> Consulta:
    """Cierra ya una consulta abierta: desde este momento no recibe propuestas ni apoyos."""
    if not puede_publicar_consultas(actor):
        raise PermissionDenied(_("Sólo la Coordinación de la DGA cierra consultas."))
    momento = momento or timezone.now()
    consulta = Consulta.objects.select_for_update().get(pk=consulta.pk)
    if not consulta.abierta(momento):
        raise ValidationError(
            _("La consulta «%(c)s» no está abierta: no hay nada que cerrar.") % {"c": consulta}
        )
    consulta.cierre = max(momento, consulta.inicio + timedelta(seconds=1))
    return guardar(consulta, actor=actor, motivo=_("Cierre anticipado"))
