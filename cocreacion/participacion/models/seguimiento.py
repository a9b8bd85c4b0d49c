"""Seguir por correo, sin cuenta: quién sigue qué y hasta dónde se le ha informado.

Qué dato personal se guarda y por qué:

- ``Suscriptor.correo``, en claro: hace falta para enviar. Nunca se muestra en una página
  pública ni en el admin; «Mis suscripciones» lo muestra enmascarado («a•••@dominio.mx») sólo a
  quien abre el enlace firmado que llegó a ese correo.
- ``Suscriptor.huella``: HMAC-SHA256 del correo normalizado (minúsculas, sin espacios) con la
  clave secreta del sitio. Da la unicidad (una persona, un suscriptor) y ata los enlaces
  firmados al correo sin ponerlo en ellos. Si se cambia ``SECRET_KEY``, las huellas viejas ya no
  coinciden: una persona que vuelva a suscribirse queda como suscriptor nuevo.
- Nada más: ni IP (los límites contra abuso viven sólo en la caché, unas horas), ni nombre.

El suscriptor se borra en cuanto no le queda ninguna suscripción (baja de un clic, «Mis
suscripciones» o solicitudes sin confirmar que caducan): con él se va el correo. Por eso
``Suscriptor`` no lleva historial (django-simple-history guardaría el correo para siempre) y
el de ``Suscripcion`` excluye todo dato de la persona: registra qué se siguió, cuándo se
confirmó y cuándo se quitó, con el id de un suscriptor que, tras la baja, ya no existe. Las
constancias de envío (``cocreacion.NotificacionEnviada``) de alguien sin cuenta tampoco guardan
el correo.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cocreacion.comun.historial import Historial


class SuscriptorQuerySet(models.QuerySet):
    def con_confirmadas(self):
        """Suscriptores con al menos una suscripción confirmada (sin duplicar filas)."""
        return self.filter(
            models.Exists(
                Suscripcion.objects.confirmadas().filter(suscriptor=models.OuterRef("pk"))
            )
        )


class Suscriptor(models.Model):
    """Una persona (un correo) que sigue registros públicos sin tener cuenta en el portal."""

    correo = models.EmailField(_("correo"), max_length=254)
    huella = models.CharField(_("huella del correo"), max_length=64, unique=True, editable=False)
    creado_en = models.DateTimeField(_("creado el"), auto_now_add=True)
    resumen_hasta = models.DateTimeField(
        _("informado hasta"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Fin del periodo que cubrió el último resumen enviado."),
    )

    objects = SuscriptorQuerySet.as_manager()

    # Nadie ve suscriptores en una página pública: escribirlos no invalida la caché de páginas.
    cambia_paginas_publicas = False

    class Meta:
        ordering = ["pk"]
        verbose_name = _("suscriptor")
        verbose_name_plural = _("suscriptores")

    def __str__(self):
        return f"Suscriptor {self.pk}"

    @property
    def destinatario(self) -> str:
        """Cómo lo nombran las constancias de envío (``NotificacionEnviada.destinatario``)."""
        return f"suscriptor:{self.pk}"

    @property
    def correo_enmascarado(self) -> str:
        usuario, _arroba, dominio = self.correo.partition("@")
        return f"{usuario[:1]}•••@{dominio}"


class SuscripcionQuerySet(models.QuerySet):
    def confirmadas(self):
        """Las únicas que reciben resúmenes."""
        return self.filter(confirmada_en__isnull=False)

    def pendientes(self):
        return self.filter(confirmada_en__isnull=True)

    def caducadas(self, *, antes_de):
        """Pendientes solicitadas antes de ``antes_de``: su enlace de confirmación ya caducó."""
        return self.pendientes().filter(creada_en__lt=antes_de)


class Suscripcion(models.Model):
    """Un suscriptor sigue un objeto (``seguible``: clave de ``portal.seguimiento``)."""

    suscriptor = models.ForeignKey(
        Suscriptor,
        on_delete=models.CASCADE,
        related_name="suscripciones",
        verbose_name=_("suscriptor"),
    )
    seguible = models.CharField(_("tipo de registro"), max_length=40)
    objeto_id = models.PositiveBigIntegerField(_("id del registro"))
    creada_en = models.DateTimeField(_("solicitada el"), default=timezone.now, editable=False)
    confirmada_en = models.DateTimeField(_("confirmada el"), null=True, blank=True, editable=False)

    history = Historial()
    objects = SuscripcionQuerySet.as_manager()

    cambia_paginas_publicas = False

    class Meta:
        ordering = ["suscriptor", "seguible", "objeto_id"]
        verbose_name = _("suscripción")
        verbose_name_plural = _("suscripciones")
        constraints = [
            models.UniqueConstraint(
                fields=["suscriptor", "seguible", "objeto_id"],
                name="suscripcion_unica_por_correo_y_objeto",
            )
        ]
        indexes = [
            models.Index(fields=["seguible", "objeto_id"], name="suscripcion_objeto"),
            models.Index(fields=["confirmada_en", "creada_en"], name="suscripcion_estado"),
        ]

    def __str__(self):
        return f"{self.seguible} {self.objeto_id}"

    @property
    def confirmada(self) -> bool:
        return self.confirmada_en is not None
