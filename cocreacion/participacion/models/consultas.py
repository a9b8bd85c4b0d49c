"""Consultas ciudadanas: lo que la DGA pregunta, por cuánto tiempo y a qué alimenta."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cocreacion.comun.enlaces import enlace_seguro
from cocreacion.comun.historial import Historial
from cocreacion.models import TipoSujetoObligado


class Destino(models.TextChoices):
    """A qué alimenta lo que se reciba en la consulta."""

    PLAN_ACCION_LOCAL = "plan_accion_local", _("El próximo Plan de Acción Local")
    COMPROMISO = "compromiso", _("Un compromiso del Plan de Acción Local")
    INTERES_PUBLICO_SUJETO = (
        "interes_publico_sujeto",
        _("La información de interés público de un sujeto obligado"),
    )
    INTERES_PUBLICO_SECTOR = (
        "interes_publico_sector",
        _("La información de interés público de un sector"),
    )
    PROGRAMA_ANUAL = "programa_anual", _("El programa anual de trabajo")


# Qué objeto concreto puede nombrar cada destino (y cuál exige).
CAMPO_DEL_DESTINO = {
    Destino.PLAN_ACCION_LOCAL: "plan",
    Destino.COMPROMISO: "compromiso",
    Destino.INTERES_PUBLICO_SUJETO: "sujeto_obligado",
    Destino.INTERES_PUBLICO_SECTOR: "sector",
    Destino.PROGRAMA_ANUAL: "programa",
}
OBLIGATORIOS_DEL_DESTINO = {"compromiso", "sujeto_obligado", "sector"}
# Direcciones fijas bajo /participa/ que una consulta no puede tapar con su slug.
SLUGS_RESERVADOS = {"aviso-de-privacidad", "mis-datos", "confirmar"}


class ConsultaQuerySet(models.QuerySet):
    def publicadas(self):
        """La única puerta de las páginas públicas: un borrador nunca se ve."""
        return self.filter(publicada=True)

    def abiertas(self, momento=None):
        """Las que reciben propuestas y apoyos en ``momento`` (ahora, por omisión)."""
        momento = momento or timezone.now()
        return self.filter(inicio__lte=momento, cierre__gt=momento)

    def pasadas(self, momento=None):
        return self.filter(cierre__lte=momento or timezone.now())

    def proximas(self, momento=None):
        return self.filter(inicio__gt=momento or timezone.now())


class Consulta(models.Model):
    titulo = models.CharField(_("título"), max_length=200)
    slug = models.SlugField(_("identificador en la dirección"), max_length=120, unique=True)
    pregunta = models.TextField(
        _("pregunta"), max_length=2000, validators=[MaxLengthValidator(2000)]
    )
    reglas = models.TextField(
        _("reglas"),
        max_length=5000,
        blank=True,
        validators=[MaxLengthValidator(5000)],
        help_text=_("Qué se puede proponer, cómo se modera y qué pasará con las propuestas."),
    )
    inicio = models.DateTimeField(_("abre el"), help_text=_("Fecha y hora de la Ciudad de México."))
    cierre = models.DateTimeField(
        _("cierra el"),
        help_text=_("Fecha y hora de la Ciudad de México; desde ese momento ya no recibe nada."),
    )
    destino = models.CharField(_("alimenta a"), max_length=30, choices=Destino.choices)
    plan = models.ForeignKey(
        "stgao.PlanAccionLocal",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="consultas",
        verbose_name=_("plan de acción local"),
    )
    compromiso = models.ForeignKey(
        "stgao.Compromiso",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="consultas",
        verbose_name=_("compromiso"),
    )
    sujeto_obligado = models.ForeignKey(
        "cocreacion.SujetoObligado",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="consultas",
        verbose_name=_("sujeto obligado"),
    )
    sector = models.CharField(
        _("sector"), max_length=30, choices=TipoSujetoObligado.choices, blank=True
    )
    programa = models.ForeignKey(
        "oela.Programa",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="consultas",
        verbose_name=_("programa anual"),
    )
    publicada = models.BooleanField(_("publicada"), default=False)

    history = Historial()
    objects = ConsultaQuerySet.as_manager()

    class Meta:
        ordering = ["-inicio", "titulo"]
        verbose_name = _("consulta")
        verbose_name_plural = _("consultas")
        permissions = [("publicar_consulta", _("Puede publicar y cerrar consultas"))]
        indexes = [models.Index(fields=["publicada", "inicio"], name="consulta_publicada_inicio")]
        constraints = [
            models.CheckConstraint(
                condition=Q(cierre__gt=models.F("inicio")), name="consulta_cierre_tras_inicio"
            )
        ]

    def __str__(self):
        return self.titulo

    def get_absolute_url(self):
        return enlace_seguro("participacion:consulta", slug=self.slug)

    def abierta(self, momento=None) -> bool:
        momento = momento or timezone.now()
        return self.inicio <= momento < self.cierre

    def antes_de_abrir(self, momento=None) -> bool:
        return (momento or timezone.now()) < self.inicio

    @property
    def objeto_del_destino(self):
        """El registro concreto al que alimenta (o la etiqueta del sector), si lo nombra."""
        campo = CAMPO_DEL_DESTINO.get(self.destino)
        if campo == "sector":
            return self.get_sector_display() if self.sector else None
        return getattr(self, campo) if campo else None

    def clean(self):
        errores = {}
        if self.inicio and self.cierre and self.cierre <= self.inicio:
            errores["cierre"] = _("El cierre debe ser posterior a la apertura.")
        if self.slug in SLUGS_RESERVADOS:
            errores["slug"] = _("Ese identificador lo usa otra página del portal; elija otro.")
        propio = CAMPO_DEL_DESTINO.get(self.destino)
        if propio in OBLIGATORIOS_DEL_DESTINO and not getattr(self, propio):
            errores[propio] = _("Este destino pide nombrar a cuál alimenta la consulta.")
        for campo in CAMPO_DEL_DESTINO.values():
            if campo != propio and getattr(self, campo):
                errores[campo] = _("No corresponde al destino elegido; déjelo vacío.")
        if errores:
            raise ValidationError(errores)
