"""Avisos por correo: qué tipos hay, qué apagó cada persona y qué ya se le envió.

Las preferencias y el registro de envíos van por usuario y por tipo (una cadena con opciones),
no por rol: el mismo mecanismo sirve para cualquier aviso nuevo, también para personas que
sigan registros públicos sin ser personal ni enlace.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class TipoNotificacion(models.TextChoices):
    PERIODO_ABIERTO = "periodo_abierto", _("Se abre un periodo de listados")
    PLAZO_PROXIMO = "plazo_proximo", _("Faltan 7 días o 1 día para el plazo de envío")
    LISTADO_DEVUELTO = "listado_devuelto", _("La DGA devuelve un listado para corrección")
    LISTADO_APROBADO = "listado_aprobado", _("Se aprueba el dictamen de un listado")
    LISTADO_ENVIADO = "listado_enviado", _("Un sujeto obligado envía su listado (para la DGA)")
    HITO_VENCIDO = "hito_vencido", _("Vence un hito sin reportarse como completado")
    RESUMEN_SEGUIMIENTO = (
        "resumen_seguimiento",
        _("Resumen diario de lo que sigo (compromisos, sujetos obligados…)"),
    )
    # Correos del seguimiento que no son avisos que uno apague: los pide la propia persona.
    CONFIRMAR_SEGUIMIENTO = "confirmar_seguimiento", _("Confirmación para seguir por correo")
    ENLACE_SUSCRIPCIONES = "enlace_suscripciones", _("Enlace a «Mis suscripciones»")


class PreferenciaNotificacionQuerySet(models.QuerySet):
    def apagadas(self):
        return self.filter(activa=False)


class PreferenciaNotificacion(models.Model):
    """Lo que una persona decidió para un tipo de aviso; sin fila, el aviso está encendido."""

    usuario = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="preferencias_notificacion",
        verbose_name=_("usuario"),
    )
    tipo = models.CharField(_("tipo de aviso"), max_length=40, choices=TipoNotificacion.choices)
    activa = models.BooleanField(_("recibir por correo"), default=True)
    actualizada_en = models.DateTimeField(_("actualizada el"), auto_now=True)

    objects = PreferenciaNotificacionQuerySet.as_manager()

    class Meta:
        ordering = ["usuario", "tipo"]
        verbose_name = _("preferencia de aviso")
        verbose_name_plural = _("preferencias de avisos")
        constraints = [
            models.UniqueConstraint(
                fields=["usuario", "tipo"], name="preferencia_unica_por_usuario_y_tipo"
            )
        ]

    def __str__(self):
        estado = _("encendido") if self.activa else _("apagado")
        return f"{self.usuario} · {self.get_tipo_display()}: {estado}"


def destinatario_usuario(usuario_id) -> str:
    return f"usuario:{usuario_id}"


class NotificacionEnviada(models.Model):
    """Constancia de cada aviso enviado: la clave única impide mandar el mismo dos veces.

    La ``clave`` nombra el hecho avisado (p. ej. «listado:12:plazo:2021-06-30:7»), de modo que
    el comando de recordatorios puede correr las veces que sea sin repetir un correo.

    El ``destinatario`` es una cuenta («usuario:12») o alguien sin cuenta que sigue registros
    públicos («suscriptor:34», ``cocreacion.participacion``). La constancia de alguien sin cuenta
    no guarda su correo: vive sólo en su suscripción y desaparece con la baja, así que aquí
    queda únicamente un identificador que ya no lleva a nadie.
    """

    destinatario = models.CharField(_("destinatario"), max_length=60)
    usuario = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notificaciones_enviadas",
        verbose_name=_("cuenta del destinatario"),
    )
    tipo = models.CharField(_("tipo de aviso"), max_length=40, choices=TipoNotificacion.choices)
    clave = models.CharField(_("clave del hecho avisado"), max_length=200)
    correo = models.EmailField(_("correo"), max_length=254, blank=True)
    asunto = models.CharField(_("asunto"), max_length=255)
    enviada_en = models.DateTimeField(_("enviada el"), auto_now_add=True)

    class Meta:
        ordering = ["-enviada_en", "-pk"]
        verbose_name = _("aviso enviado")
        verbose_name_plural = _("avisos enviados")
        constraints = [
            models.UniqueConstraint(
                fields=["destinatario", "tipo", "clave"], name="aviso_unico_por_destinatario"
            )
        ]

    def __str__(self):
        return f"{self.asunto} → {self.correo or self.destinatario}"


# Registro público de cambios: una fila por versión pública de un registro público.
#
# Lo escribe ``portal.cambios`` al crearse cada versión del historial (django-simple-history),
# con las mismas reglas que decían qué versión era pública al leer el historial: así ``/cambios/``
# y ``/cambios.atom`` leen las filas más recientes de una sola tabla ordenada en vez de recorrer el
# historial de cada tipo. Si un registro deja de ser público, sus filas se quedan y la lectura las
# omite (``objetos_publicos`` de su tipo, al momento de leer).
class CambioPublico(models.Model):
    fecha = models.DateTimeField(_("fecha"))
    clave = models.CharField(_("tipo"), max_length=40, help_text=_("Clave del tipo seguible."))
    version_id = models.BigIntegerField(
        _("versión"), help_text=_("Id de la versión del historial.")
    )
    registro_id = models.BigIntegerField(_("registro"))
    accion = models.CharField(_("acción"), max_length=1)
    # [[campo, antes, después], …] sólo con campos públicos; vacío en altas y bajas.
    campos = models.JSONField(_("campos que cambiaron"), default=list, blank=True)

    class Meta:
        verbose_name = _("cambio público")
        verbose_name_plural = _("cambios públicos")
        constraints = [
            models.UniqueConstraint(fields=["clave", "version_id"], name="cambio_publico_unico")
        ]
        indexes = [
            # El orden de la página y de los canales: (fecha, versión, tipo), de más nuevo a
            # más viejo; con el filtro por tipo, el segundo.
            models.Index(fields=["fecha", "version_id", "clave"], name="cambio_publico_orden"),
            models.Index(fields=["clave", "fecha", "version_id"], name="cambio_publico_tipo"),
            # Los canales por registro y los resúmenes por correo: las filas de los registros
            # de un ámbito, tipo por tipo.
            models.Index(fields=["clave", "registro_id"], name="cambio_publico_registro"),
        ]

    def __str__(self):
        return f"{self.clave} {self.registro_id} ({self.fecha:%Y-%m-%d %H:%M})"
