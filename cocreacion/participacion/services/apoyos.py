"""Apoyos a propuestas publicadas: uno por correo confirmado y por propuesta.

El correo sólo se usa para mandar el enlace de confirmación (en memoria); en la base queda su
huella, que la restricción única ``apoyo_uno_por_correo`` no deja repetir en la propuesta.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from cocreacion.portal.services import enviar_correo_al_confirmar, url_absoluta

from ..models import Apoyo, Propuesta
from . import limites
from .consultas import exigir_abierta
from .privacidad import (
    SAL_APOYO,
    EnlaceInvalido,
    firmar,
    horas_de_vigencia,
    huella,
    leer,
    normalizar_correo,
)


@transaction.atomic
def apoyo_pedir(*, propuesta: Propuesta, correo: str, ip: str | None = None, momento=None):
    """Pide apoyar ``propuesta``: envía el enlace de confirmación al correo.

    Si ese correo ya la apoya, no se crea otro apoyo (se le avisa por correo); si lo pidió y no
    lo confirmó, se le vuelve a enviar el enlace. Quien llama muestra siempre el mismo mensaje.
    """
    # Las reglas se revisan contra lo guardado, no contra lo que traiga quien llama.
    propuesta = Propuesta.objects.select_related("consulta").get(pk=propuesta.pk)
    if not propuesta.publicada or not propuesta.consulta.publicada:
        raise ValidationError(_("Sólo se apoyan propuestas publicadas."))
    exigir_abierta(propuesta.consulta, momento)
    correo = normalizar_correo(correo)
    if not correo:
        raise ValidationError({"correo": _("Escriba su correo.")})
    limites.exigir("apoyo_ip", ip)
    h = huella(correo)
    limites.exigir("apoyo_correo", h)
    apoyo = Apoyo.objects.filter(propuesta=propuesta, huella_correo=h).first()
    if apoyo is None:
        nuevo = Apoyo(propuesta=propuesta, huella_correo=h)
        nuevo.full_clean(validate_unique=False)
        try:
            with transaction.atomic():
                # Sin señales a propósito: un apoyo sin confirmar no cambia ninguna página, así
                # que no vacía la caché de páginas (pedir apoyos no debe enfriar el portal).
                # Confirmarlo sí la invalida (``apoyo_confirmar`` guarda con ``save``).
                (apoyo,) = Apoyo.objects.bulk_create([nuevo])
        except IntegrityError:  # otra petición simultánea con el mismo correo
            apoyo = Apoyo.objects.get(propuesta=propuesta, huella_correo=h)
    if apoyo.confirmado_en:
        enviar_correo_al_confirmar(
            correo=correo,
            asunto=_("Ya apoya la propuesta «%(t)s»") % {"t": propuesta.titulo[:80]},
            cuerpo=_("Su correo ya apoyaba la propuesta «%(t)s»: cada correo cuenta una vez.")
            % {"t": propuesta.titulo},
        )
        return apoyo
    token = firmar({"a": apoyo.pk, "h": h}, sal=SAL_APOYO)
    enviar_correo_al_confirmar(
        correo=correo,
        asunto=_("Confirme su apoyo a «%(t)s»") % {"t": propuesta.titulo[:80]},
        cuerpo=_(
            "Para que su apoyo a la propuesta «%(t)s» cuente, abra este enlace y confirme "
            "(vale %(h)s horas):\n%(enlace)s\n\nSu correo no se guarda ni se publica: sólo "
            "se cuenta el apoyo. Si no lo pidió, ignore este correo."
        )
        % {
            "t": propuesta.titulo,
            "h": horas_de_vigencia(),
            "enlace": url_absoluta(reverse("participacion:apoyo_confirmar", args=[token])),
        },
    )
    return apoyo


def apoyo_del_enlace(token: str) -> Apoyo:
    datos = leer(token, sal=SAL_APOYO)
    apoyo = (
        Apoyo.objects.select_related("propuesta__consulta")
        .filter(pk=datos.get("a"), huella_correo=datos.get("h") or "-")
        .first()
    )
    if apoyo is None:
        raise EnlaceInvalido(_("Este enlace ya no corresponde a ningún apoyo."), code="sin_apoyo")
    return apoyo


@transaction.atomic
def apoyo_confirmar(*, token: str, momento=None) -> Apoyo:
    """Confirma el apoyo del enlace (dentro del periodo); confirmar dos veces no suma dos."""
    apoyo = apoyo_del_enlace(token)
    if apoyo.confirmado_en:
        return apoyo
    if not apoyo.propuesta.publicada:
        raise ValidationError(_("La propuesta ya no está publicada."))
    exigir_abierta(apoyo.propuesta.consulta, momento)
    apoyo.confirmado_en = momento or timezone.now()
    apoyo.full_clean()
    apoyo.save(update_fields=["confirmado_en"])
    return apoyo
