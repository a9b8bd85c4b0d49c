"""Ediciones de la Métrica, sus componentes ponderados, sus bandas y los promedios publicados."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cocreacion.comun.historial import Historial
from cocreacion.models import EntidadFederativa

from .valores import CERO, UNO, campo_valor


class Subindice(models.TextChoices):
    """Los cuatro subíndices: dos dimensiones (transparencia, participación) × dos perspectivas."""

    TG = "tg", _("Transparencia desde el gobierno (TG)")
    TC = "tc", _("Transparencia desde la ciudadanía (TC)")
    PG = "pg", _("Participación desde el gobierno (PG)")
    PC = "pc", _("Participación desde la ciudadanía (PC)")


class EdicionQuerySet(models.QuerySet):
    def publicadas(self):
        """La única puerta de las páginas públicas: ediciones marcadas como publicadas."""
        return self.filter(publicada=True)

    publicados = publicadas


class Edicion(models.Model):
    """Una edición de la Métrica (2017, 2019, 2021…) con sus reglas como datos."""

    anio = models.PositiveSmallIntegerField(
        _("año"), unique=True, validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    nombre = models.CharField(_("nombre"), max_length=200)
    autores = models.CharField(_("autores"), max_length=200, help_text=_("p. ej. INAI–CIDE"))
    notas = models.TextField(_("notas"), blank=True)
    fuente = models.TextField(
        _("fuente"), blank=True, help_text=_("Documento o archivo del que provienen los datos.")
    )
    iga_nacional = campo_valor(_("IGA nacional publicado"), null=True, blank=True)
    t_nacional = campo_valor(_("transparencia nacional publicada"), null=True, blank=True)
    p_nacional = campo_valor(_("participación nacional publicada"), null=True, blank=True)
    sujetos_evaluados = models.PositiveIntegerField(
        _("sujetos obligados evaluados en el país"), null=True, blank=True
    )
    umbral_cuadrantes = campo_valor(
        _("umbral de los cuadrantes"),
        default=Decimal("0.5"),
        help_text=_("Valor de T y de P que separa los cuatro cuadrantes."),
    )
    publicada = models.BooleanField(_("publicada"), default=False)

    history = Historial()
    objects = EdicionQuerySet.as_manager()

    class Meta:
        ordering = ["-anio"]
        verbose_name = _("edición de la Métrica")
        verbose_name_plural = _("ediciones de la Métrica")
        permissions = [("publicar_edicion", _("Puede publicar ediciones de la Métrica"))]

    def __str__(self):
        return self.nombre or str(self.anio)

    def get_absolute_url(self):
        return reverse("metricas:edicion", kwargs={"anio": self.anio})


class Componente(models.Model):
    """Componente de un subíndice y su peso en la edición (p. ej. Acceso a la información, 0.5)."""

    edicion = models.ForeignKey(
        Edicion, on_delete=models.CASCADE, related_name="componentes", verbose_name=_("edición")
    )
    subindice = models.CharField(_("subíndice"), max_length=2, choices=Subindice.choices)
    clave = models.SlugField(_("clave"), max_length=60)
    nombre = models.CharField(_("nombre"), max_length=120)
    peso = models.DecimalField(
        _("peso"),
        max_digits=5,
        decimal_places=4,
        validators=[MinValueValidator(CERO), MaxValueValidator(UNO)],
        help_text=_("Los pesos de cada subíndice suman 1."),
    )
    orden = models.PositiveSmallIntegerField(_("orden"), default=0)

    history = Historial()

    class Meta:
        ordering = ["edicion", "subindice", "orden", "pk"]
        verbose_name = _("componente")
        verbose_name_plural = _("componentes")
        constraints = [
            models.UniqueConstraint(
                fields=["edicion", "subindice", "clave"],
                name="componente_unico_por_subindice",
                violation_error_message=_("Esa clave ya existe en el subíndice de esta edición."),
            )
        ]

    def __str__(self):
        return f"{self.get_subindice_display()}: {self.nombre} ({self.peso})"


class Banda(models.Model):
    """Banda de calificación del IGA (p. ej. «aprobatorio» si IGA > 0.6), dato de la edición."""

    edicion = models.ForeignKey(
        Edicion, on_delete=models.CASCADE, related_name="bandas", verbose_name=_("edición")
    )
    nombre = models.CharField(_("nombre"), max_length=60)
    mayor_que = campo_valor(
        _("IGA mayor que"),
        help_text=_("La banda aplica cuando el IGA es mayor que este valor (0: desde cero)."),
    )
    descripcion = models.CharField(_("descripción"), max_length=255, blank=True)

    history = Historial()

    class Meta:
        ordering = ["edicion", "mayor_que"]
        verbose_name = _("banda de calificación")
        verbose_name_plural = _("bandas de calificación")
        constraints = [
            models.UniqueConstraint(fields=["edicion", "mayor_que"], name="banda_unica_por_limite")
        ]

    def __str__(self):
        return f"{self.nombre} (IGA > {self.mayor_que:.2f})"


def banda_de(valor, bandas: list[Banda]) -> Banda | None:
    """La banda que corresponde a ``valor``: la de límite más alto que el valor supera.

    La banda con límite 0 recibe también el 0. ``bandas`` ya cargadas (sin consultas).
    """
    if valor is None or not bandas:
        return None
    ordenadas = sorted(bandas, key=lambda b: b.mayor_que, reverse=True)
    for banda in ordenadas:
        if valor > banda.mayor_que:
            return banda
    return ordenadas[-1]


class PromedioEntidad(models.Model):
    """Promedio publicado de una entidad federativa (o del orden federal) en una edición."""

    edicion = models.ForeignKey(
        Edicion, on_delete=models.CASCADE, related_name="promedios", verbose_name=_("edición")
    )
    entidad_federativa = models.CharField(
        _("entidad federativa"),
        max_length=30,
        choices=EntidadFederativa.choices,
        blank=True,
        help_text=_("En blanco: promedio de los sujetos obligados del orden federal."),
    )
    iga = campo_valor(_("IGA"))
    t = campo_valor(_("transparencia (T)"), null=True, blank=True)
    p = campo_valor(_("participación (P)"), null=True, blank=True)
    tg = campo_valor(_("TG"), null=True, blank=True)
    tc = campo_valor(_("TC"), null=True, blank=True)
    pg = campo_valor(_("PG"), null=True, blank=True)
    pc = campo_valor(_("PC"), null=True, blank=True)

    history = Historial()

    class Meta:
        ordering = ["edicion", "-iga"]
        verbose_name = _("promedio por entidad")
        verbose_name_plural = _("promedios por entidad")
        constraints = [
            models.UniqueConstraint(
                fields=["edicion", "entidad_federativa"], name="promedio_unico_por_entidad"
            )
        ]

    def __str__(self):
        return f"{self.edicion}: {self.nombre_entidad} {self.iga:.2f}"

    @property
    def nombre_entidad(self) -> str:
        return self.get_entidad_federativa_display() if self.entidad_federativa else "Federal"

    @property
    def es_oaxaca(self) -> bool:
        return self.entidad_federativa == EntidadFederativa.OAXACA


def validar_pesos(componentes) -> None:
    """Los pesos de cada subíndice deben sumar 1 (error en español si no)."""
    sumas: dict[str, Decimal] = {}
    for c in componentes:
        sumas[c.subindice] = sumas.get(c.subindice, CERO) + Decimal(c.peso)
    malos = {s: v for s, v in sumas.items() if abs(v - UNO) > Decimal("0.0001")}
    if malos:
        raise ValidationError(
            [
                _("Los pesos de %(s)s suman %(v)s; deben sumar 1.")
                % {"s": Subindice(s).label, "v": f"{v:.4f}"}
                for s, v in sorted(malos.items())
            ]
        )
