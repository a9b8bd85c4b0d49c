"""Escrituras con reglas de las propuestas: enviarlas, confirmarlas, moderarlas y responderlas.

- Enviar: sólo dentro del periodo de una consulta publicada, con límites por IP y por correo;
  la propuesta nace sin confirmar y el enlace de confirmación sale tras guardar.
- Confirmar: con el enlace firmado (caduca), también dentro del periodo.
- Moderar: la DGA publica o rechaza (con un motivo público de la lista y su explicación).
- Avanzar: cada paso de la tabla ``transiciones.TRANSICIONES``, con la persona que actúa y una
  respuesta pública razonada; «incorporada» dice a qué (compromiso, hito, elemento de un
  listado de interés público o acción del programa).

El correo de quien propone se guarda sólo mientras sirve para avisarle: al llegar a una
respuesta final (rechazada, incorporada o no incorporada) se le avisa y se borra el correo.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from cocreacion.comun.historial import guardar
from cocreacion.portal.services import enviar_correo_al_confirmar, url_absoluta

from ..models import (
    CAMPOS_VINCULO,
    Consulta,
    EstadoPropuesta,
    Moderacion,
    MotivoRechazo,
    PasoPropuesta,
    Propuesta,
)
from ..permissions import puede_moderar, puede_tener_permiso
from ..transiciones import Transicion, transicion
from . import limites
from .consultas import exigir_abierta
from .privacidad import (
    SAL_PROPUESTA,
    EnlaceInvalido,
    firmar,
    horas_de_vigencia,
    huella,
    leer,
    normalizar_correo,
)

ESTADOS_FINALES = {EstadoPropuesta.INCORPORADA, EstadoPropuesta.NO_INCORPORADA}


# --- Enviar y confirmar -------------------------------------------------------------------


@transaction.atomic
def propuesta_enviar(
    *,
    consulta,
    titulo: str,
    problema: str,
    texto: str,
    correo: str,
    nombre: str = "",
    organizacion: str = "",
    municipio=None,
    tema: str = "",
    ip: str | None = None,
    momento=None,
) -> Propuesta:
    """Recibe una propuesta sin cuenta y envía el enlace para confirmar el correo."""
    consulta = Consulta.objects.get(pk=consulta.pk)  # el periodo guardado, no el de memoria
    exigir_abierta(consulta, momento)
    correo = normalizar_correo(correo)
    propuesta = Propuesta(
        consulta=consulta,
        titulo=(titulo or "").strip(),
        problema=(problema or "").strip(),
        texto=(texto or "").strip(),
        nombre=(nombre or "").strip(),
        organizacion=(organizacion or "").strip(),
        municipio=municipio,
        tema=tema or "",
        correo=correo,
        huella_correo=huella(correo),
    )
    if not correo:
        raise ValidationError(
            {"correo": _("Escriba su correo: ahí le llega el enlace para confirmar su propuesta.")}
        )
    propuesta.full_clean()
    limites.exigir("propuesta_ip", ip)
    limites.exigir("propuesta_correo", propuesta.huella_correo)
    guardar(propuesta, actor=None, motivo=_("Recibida en el portal"), validar=False)
    token = firmar({"p": propuesta.pk, "h": propuesta.huella_correo}, sal=SAL_PROPUESTA)
    enlace = url_absoluta(reverse("participacion:propuesta_confirmar", args=[token]))
    enviar_correo_al_confirmar(
        correo=correo,
        asunto=_("Confirme su propuesta «%(t)s»") % {"t": propuesta.titulo[:80]},
        cuerpo=_(
            "Recibimos su propuesta «%(t)s» para la consulta «%(c)s».\n\n"
            "Para que la DGA la revise, confirme que este correo es suyo abriendo este enlace "
            "(vale %(h)s horas):\n%(enlace)s\n\n"
            "Su correo nunca se publica. Si no envió esta propuesta, ignore este correo: sin "
            "confirmar, no se guarda para revisión."
        )
        % {
            "t": propuesta.titulo,
            "c": consulta.titulo,
            "h": horas_de_vigencia(),
            "enlace": enlace,
        },
    )
    return propuesta


def propuesta_del_enlace(token: str) -> Propuesta:
    """La propuesta que nombra el enlace de confirmación (o ``EnlaceInvalido``)."""
    datos = leer(token, sal=SAL_PROPUESTA)
    propuesta = (
        Propuesta.objects.select_related("consulta")
        .filter(pk=datos.get("p"), huella_correo=datos.get("h") or "-")
        .first()
    )
    if propuesta is None:
        raise EnlaceInvalido(
            _("Este enlace ya no corresponde a ninguna propuesta (sus datos pudieron borrarse)."),
            code="sin_propuesta",
        )
    return propuesta


@transaction.atomic
def propuesta_confirmar(*, token: str, momento=None) -> Propuesta:
    """Confirma el correo de la propuesta del enlace; confirmar dos veces no cambia nada."""
    propuesta = propuesta_del_enlace(token)
    if propuesta.confirmada_en:
        return propuesta
    exigir_abierta(propuesta.consulta, momento)
    propuesta.confirmada_en = momento or timezone.now()
    return guardar(propuesta, actor=None, motivo=_("Correo confirmado"), validar=False)


# --- Avisos a quien propone ---------------------------------------------------------------


def _avisar(propuesta: Propuesta, asunto: str, cuerpo: str, *, final: bool) -> None:
    """Avisa a quien propone (si dejó correo); tras una respuesta final, el correo se borra."""
    if not propuesta.correo:
        return
    enviar_correo_al_confirmar(
        correo=propuesta.correo,
        asunto=asunto,
        cuerpo=cuerpo
        + "\n\n"
        + _("Véala aquí: %(u)s") % {"u": url_absoluta(propuesta.get_absolute_url())}
        if propuesta.publicada
        else cuerpo,
    )
    if final:
        # Ya no hay nada más que avisarle: el correo en claro deja de servir.
        propuesta.correo = ""


# --- Moderar ------------------------------------------------------------------------------


def _exigir_moderador(actor) -> None:
    if not puede_moderar(actor):
        raise PermissionDenied(_("Sólo el personal de la DGA modera y responde propuestas."))


@transaction.atomic
def propuesta_publicar(*, propuesta: Propuesta, actor) -> Propuesta:
    """Publica una propuesta confirmada que espera moderación; queda «Recibida»."""
    _exigir_moderador(actor)
    propuesta = (
        Propuesta.objects.select_for_update().select_related("consulta").get(pk=propuesta.pk)
    )
    if not propuesta.confirmada_en:
        raise ValidationError(_("La propuesta aún no confirma su correo: no se puede publicar."))
    if propuesta.moderacion != Moderacion.PENDIENTE:
        raise ValidationError(
            _("La propuesta ya se moderó (está «%(m)s»).")
            % {"m": propuesta.get_moderacion_display()}
        )
    propuesta.moderacion = Moderacion.PUBLICADA
    propuesta.estado = EstadoPropuesta.RECIBIDA
    propuesta.moderada_por = actor
    propuesta.moderada_en = timezone.now()
    _avisar(
        propuesta,
        _("Su propuesta «%(t)s» se publicó") % {"t": propuesta.titulo[:80]},
        _("La DGA publicó su propuesta «%(t)s». Le avisaremos cuando tenga respuesta.")
        % {"t": propuesta.titulo},
        final=False,
    )
    return guardar(propuesta, actor=actor, motivo=_("Publicación"), validar=False)


def comprobar_rechazo(*, motivo: str, explicacion: str) -> None:
    errores = {}
    if motivo not in MotivoRechazo.values:
        errores["motivo_rechazo"] = _("Elija el motivo del rechazo de la lista.")
    if motivo == MotivoRechazo.OTRO and not (explicacion or "").strip():
        errores["motivo_rechazo_texto"] = _("Con el motivo «Otro», explique por qué se rechaza.")
    if errores:
        raise ValidationError(errores)


@transaction.atomic
def propuesta_rechazar(
    *, propuesta: Propuesta, motivo: str, explicacion: str = "", actor
) -> Propuesta:
    """Rechaza una propuesta por moderar con un motivo público de la lista."""
    _exigir_moderador(actor)
    comprobar_rechazo(motivo=motivo, explicacion=explicacion)
    propuesta = (
        Propuesta.objects.select_for_update().select_related("consulta").get(pk=propuesta.pk)
    )
    if propuesta.moderacion != Moderacion.PENDIENTE:
        raise ValidationError(
            _("La propuesta ya se moderó (está «%(m)s»).")
            % {"m": propuesta.get_moderacion_display()}
        )
    propuesta.moderacion = Moderacion.RECHAZADA
    propuesta.motivo_rechazo = motivo
    propuesta.motivo_rechazo_texto = (explicacion or "").strip()
    propuesta.moderada_por = actor
    propuesta.moderada_en = timezone.now()
    _avisar(
        propuesta,
        _("Su propuesta «%(t)s» no se publicó") % {"t": propuesta.titulo[:80]},
        _("La DGA no publicó su propuesta «%(t)s».\n\nMotivo: %(m)s\n%(e)s")
        % {
            "t": propuesta.titulo,
            "m": propuesta.get_motivo_rechazo_display(),
            "e": propuesta.motivo_rechazo_texto,
        },
        final=True,
    )
    return guardar(propuesta, actor=actor, motivo=_("Rechazo"), validar=False)


# --- Avanzar por la tabla de transiciones ------------------------------------------------


def comprobar_paso(
    *, propuesta: Propuesta, codigo: str, respuesta: str, actor, **vinculos
) -> tuple[Transicion, dict]:
    """Revisa un paso sin escribir nada; devuelve el paso y sus vínculos normalizados.

    Lo usan el servicio y el formulario del admin (para mostrar el error junto al campo).
    """
    paso = transicion(codigo)
    if paso is None:
        raise ValidationError({"paso": _("Ese paso no existe.")})
    if not puede_tener_permiso(actor, paso.permiso):
        raise PermissionDenied(_("Sólo el personal de la DGA responde propuestas."))
    if not propuesta.publicada:
        raise ValidationError(_("Sólo las propuestas publicadas avanzan de estado."))
    if propuesta.estado not in paso.origenes:
        raise ValidationError(
            {
                "paso": _("No se puede pasar de «%(de)s» a «%(a)s».")
                % {
                    "de": EstadoPropuesta(propuesta.estado).label,
                    "a": EstadoPropuesta(paso.destino).label,
                }
            }
        )
    errores = {}
    if not (respuesta or "").strip():
        errores["respuesta"] = _("Escriba la respuesta pública: qué se decidió y por qué.")
    vinculos = {c: vinculos.get(c) for c in CAMPOS_VINCULO}
    if vinculos["hito"] is not None:
        if vinculos["compromiso"] and vinculos["compromiso"].pk != vinculos["hito"].compromiso_id:
            errores["hito"] = _("El hito no es de ese compromiso.")
        vinculos["compromiso"] = vinculos["hito"].compromiso
    elegidos = [c for c in ("compromiso", "elemento_listado", "accion") if vinculos[c]]
    if paso.pide_vinculo and len(elegidos) != 1:
        errores["compromiso"] = _(
            "Diga a qué se incorporó: un compromiso (y, si quiere, su hito), un elemento de un "
            "listado de interés público o una acción del programa; sólo uno."
        )
    if not paso.pide_vinculo and elegidos:
        errores["compromiso"] = _("Sólo una propuesta incorporada dice a qué se incorporó.")
    if errores:
        raise ValidationError(errores)
    return paso, vinculos


@transaction.atomic
def propuesta_avanzar(
    *, propuesta: Propuesta, codigo: str, respuesta: str, actor, **vinculos
) -> Propuesta:
    """Da el paso ``codigo`` de la tabla con su respuesta pública y, si toca, su vínculo."""
    propuesta = (
        Propuesta.objects.select_for_update().select_related("consulta").get(pk=propuesta.pk)
    )
    paso, vinculos = comprobar_paso(
        propuesta=propuesta, codigo=codigo, respuesta=respuesta, actor=actor, **vinculos
    )
    anterior = propuesta.estado
    ahora = timezone.now()
    propuesta.estado = paso.destino
    propuesta.respuesta = respuesta.strip()
    propuesta.respondida_en = ahora
    for campo, valor in vinculos.items():
        setattr(propuesta, campo, valor)
    final = paso.destino in ESTADOS_FINALES
    _avisar(
        propuesta,
        _("Su propuesta «%(t)s»: %(e)s")
        % {"t": propuesta.titulo[:80], "e": EstadoPropuesta(paso.destino).label.lower()},
        _("Su propuesta «%(t)s» pasó a «%(e)s».\n\nRespuesta de la DGA:\n%(r)s")
        % {
            "t": propuesta.titulo,
            "e": EstadoPropuesta(paso.destino).label,
            "r": propuesta.respuesta,
        },
        final=final,
    )
    propuesta.full_clean(exclude=["correo", "huella_correo"])
    guardar(propuesta, actor=actor, motivo=str(paso.etiqueta), validar=False)
    PasoPropuesta.objects.create(
        propuesta=propuesta,
        de=anterior,
        a=paso.destino,
        respuesta=propuesta.respuesta,
        actor=actor,
        fecha=ahora,
    )
    return propuesta
