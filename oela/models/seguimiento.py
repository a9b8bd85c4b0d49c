"""Seguimiento del programa: avances por mes, actividades realizadas y requerimientos."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from cocreacion.comun.historial import Historial
from cocreacion.comun.validadores import validar_evidencia_nueva
from cocreacion.operacion.medios import nombre_aleatorio

from .programa import NOMBRES_MES, Accion, Programa


def ruta_evidencia_avance(instancia, nombre: str) -> str:
    return nombre_aleatorio("oela/evidencias", nombre)


class Avance(models.Model):
    """Lo realizado de una acción en un mes."""

    accion = models.ForeignKey(
        Accion, on_delete=models.CASCADE, related_name="avances", verbose_name=_("acción")
    )
    mes = models.PositiveSmallIntegerField(
        _("mes"),
        choices=[(i, nombre) for i, nombre in enumerate(NOMBRES_MES, start=1)],
        validators=[MinValueValidator(1), MaxValueValidator(12)],
    )
    realizado = models.PositiveIntegerField(_("cantidad realizada"))
    comentario = models.TextField(_("comentario"), blank=True)
    evidencia = models.FileField(
        _("evidencia"),
        upload_to=ruta_evidencia_avance,
        blank=True,
        validators=[validar_evidencia_nueva],
        help_text=_("PDF, imagen u hoja de cálculo de hasta 20 MB."),
    )
    enlace_evidencia = models.URLField(_("liga a la evidencia"), blank=True)

    history = Historial()

    class Meta:
        ordering = ["accion", "mes"]
        verbose_name = _("avance")
        verbose_name_plural = _("avances")
        constraints = [
            models.UniqueConstraint(
                fields=["accion", "mes"],
                name="avance_unico_por_mes",
                violation_error_message=_("Ya se registró el avance de esa acción en ese mes."),
            )
        ]

    def __str__(self):
        return f"{self.accion.clave} · {self.get_mes_display()}: {self.realizado}"


class TipoActividad(models.TextChoices):
    ASESORIA = "asesoria", _("Asesoría")
    CAPACITACION = "capacitacion", _("Capacitación")
    TALLER = "taller", _("Taller")
    SESION_INFORMATIVA = "sesion_informativa", _("Sesión informativa")
    EVENTO_PUBLICO = "evento_publico", _("Evento público")
    REUNION = "reunion", _("Reunión de trabajo")


class Modalidad(models.TextChoices):
    PRESENCIAL = "presencial", _("Presencial")
    VIRTUAL = "virtual", _("Virtual")
    HIBRIDA = "hibrida", _("Híbrida")


class Actividad(models.Model):
    """Lo que efectivamente se hizo, con asistencia desagregada por sexo."""

    accion = models.ForeignKey(
        Accion, on_delete=models.CASCADE, related_name="actividades", verbose_name=_("acción")
    )
    tipo = models.CharField(_("tipo"), max_length=20, choices=TipoActividad.choices)
    fecha = models.DateField(_("fecha"))
    modalidad = models.CharField(_("modalidad"), max_length=12, choices=Modalidad.choices)
    descripcion = models.TextField(_("descripción"), blank=True)
    sujetos_obligados = models.ManyToManyField(
        "cocreacion.SujetoObligado",
        blank=True,
        related_name="actividades_oela",
        verbose_name=_("sujetos obligados atendidos"),
    )
    organizaciones = models.ManyToManyField(
        "cocreacion.Organizacion",
        blank=True,
        related_name="actividades_oela",
        verbose_name=_("organizaciones atendidas"),
    )
    mujeres = models.PositiveIntegerField(_("mujeres"), default=0)
    hombres = models.PositiveIntegerField(_("hombres"), default=0)
    no_especificado = models.PositiveIntegerField(_("sexo no especificado"), default=0)

    history = Historial(m2m_fields=[sujetos_obligados, organizaciones])

    class Meta:
        ordering = ["-fecha", "pk"]
        verbose_name = _("actividad")
        verbose_name_plural = _("actividades")

    def __str__(self):
        return f"{self.get_tipo_display()} · {self.fecha:%d/%m/%Y}"

    @property
    def asistentes(self) -> int:
        return self.mujeres + self.hombres + self.no_especificado


class TipoRequerimiento(models.TextChoices):
    HUMANO = "humano", _("Recursos humanos")
    TECNOLOGICO = "tecnologico", _("Recursos tecnológicos")
    FINANCIERO = "financiero", _("Recursos financieros")


class EstadoRequerimiento(models.TextChoices):
    ACTIVO = "activo", _("Activo")
    NO_ACTIVO = "no_activo", _("No activo")
    SIN_ESPECIFICAR = "sin_especificar", _("Sin especificar")


class Requerimiento(models.Model):
    programa = models.ForeignKey(
        Programa,
        on_delete=models.CASCADE,
        related_name="requerimientos",
        verbose_name=_("programa"),
    )
    tipo = models.CharField(_("tipo"), max_length=12, choices=TipoRequerimiento.choices)
    descripcion = models.TextField(_("descripción"))
    cantidad = models.PositiveIntegerField(_("cantidad"), default=1)
    estado = models.CharField(
        _("estado"),
        max_length=16,
        choices=EstadoRequerimiento.choices,
        default=EstadoRequerimiento.SIN_ESPECIFICAR,
        help_text=_("«Sin especificar» cuando el programa no dice si el recurso está activo."),
    )
    orden = models.PositiveSmallIntegerField(_("orden"), default=0)

    history = Historial()

    class Meta:
        ordering = ["programa", "tipo", "orden", "pk"]
        verbose_name = _("requerimiento")
        verbose_name_plural = _("requerimientos")

    def __str__(self):
        return f"{self.cantidad} {Truncator(self.descripcion).chars(80)}"
