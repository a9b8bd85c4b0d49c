"""Secretariado Técnico: integrantes, sesiones, orden del día, asistencia y acuerdos."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, Q, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cocreacion.comun.historial import Historial
from cocreacion.comun.validadores import validar_archivo
from cocreacion.models import Organizacion, SujetoObligado
from cocreacion.models.campo_busqueda import CampoDeBusqueda, indices_de_busqueda
from stgao.opciones import EstadoAsistencia, Rol, Sector, Sexo

from ..reglas import activo_en, calcular_quorum
from .archivos import ruta_acta_firmada

ANIO_MINIMO, ANIO_MAXIMO = 2000, 2100


class IntegranteQuerySet(models.QuerySet):
    def activos_en(self, fecha):
        """Integrantes dados de alta en ``fecha`` y sin baja hasta ese día (la baja excluye)."""
        return self.filter(fecha_alta__lte=fecha).filter(
            Q(fecha_baja__isnull=True) | Q(fecha_baja__gt=fecha)
        )

    def con_institucion(self):
        return self.select_related("sujeto_obligado", "organizacion", "suplente_de")


class Integrante(models.Model):
    """Persona que integra el STGAO en representación de una institución u organización."""

    persona = models.CharField(_("persona"), max_length=200)
    cargo = models.CharField(_("cargo"), max_length=255, blank=True)
    sujeto_obligado = models.ForeignKey(
        SujetoObligado,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="integrantes_stgao",
        verbose_name=_("sujeto obligado"),
    )
    organizacion = models.ForeignKey(
        Organizacion,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="integrantes_stgao",
        verbose_name=_("organización"),
    )
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)
    rol = models.CharField(_("rol"), max_length=20, choices=Rol.choices, default=Rol.INTEGRANTE)
    suplente_de = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="suplentes",
        verbose_name=_("suplente de"),
        help_text=_("Vacío si es titular; si es suplente, la persona titular a la que suple."),
    )
    fecha_alta = models.DateField(_("fecha de alta"))
    fecha_baja = models.DateField(
        _("fecha de baja"), null=True, blank=True, help_text=_("Primer día en que ya no integra.")
    )
    sexo = models.CharField(_("sexo"), max_length=16, choices=Sexo.choices)

    history = Historial()
    objects = IntegranteQuerySet.as_manager()

    class Meta:
        ordering = ["sector", "persona"]
        verbose_name = _("integrante")
        verbose_name_plural = _("integrantes")

    def __str__(self):
        return f"{self.persona} ({self.institucion or self.get_sector_display()})"

    @property
    def institucion(self):
        return self.sujeto_obligado or self.organizacion

    @property
    def es_titular(self) -> bool:
        return self.suplente_de_id is None

    def activo_en(self, fecha) -> bool:
        return activo_en(self, fecha)

    def clean(self):
        errores = {}
        if self.sujeto_obligado_id and self.organizacion_id:
            errores["organizacion"] = _(
                "Indique el sujeto obligado o la organización que representa, no ambos."
            )
        if self.fecha_baja and self.fecha_alta and self.fecha_baja <= self.fecha_alta:
            errores["fecha_baja"] = _("La baja debe ser posterior al alta.")
        if self.suplente_de_id:
            if self.pk and self.suplente_de_id == self.pk:
                errores["suplente_de"] = _("Una persona no puede ser su propia suplente.")
            elif self.suplente_de.suplente_de_id:
                errores["suplente_de"] = _("Sólo se puede suplir a una persona titular.")
        if errores:
            raise ValidationError(errores)


class TipoSesion(models.TextChoices):
    INSTALACION = "instalacion", _("Instalación")
    ORDINARIA = "ordinaria", _("Ordinaria")
    EXTRAORDINARIA = "extraordinaria", _("Extraordinaria")


PREFIJO_SESION = {
    TipoSesion.INSTALACION: "SI",
    TipoSesion.ORDINARIA: "SO",
    TipoSesion.EXTRAORDINARIA: "SE",
}


class Modalidad(models.TextChoices):
    PRESENCIAL = "presencial", _("Presencial")
    VIRTUAL = "virtual", _("Virtual")
    HIBRIDA = "hibrida", _("Híbrida")


class SesionQuerySet(models.QuerySet):
    def publicadas(self):
        """La única puerta de las páginas públicas: sesiones publicadas."""
        return self.filter(publicada=True)

    publicados = publicadas


def validar_acta_firmada(archivo):
    if getattr(archivo, "_committed", True):
        return
    validar_archivo(archivo, tipos={".pdf": {"application/pdf"}})


class Sesion(models.Model):
    tipo = models.CharField(_("tipo"), max_length=15, choices=TipoSesion.choices)
    numero = models.PositiveSmallIntegerField(
        _("número"),
        blank=True,
        help_text=_("Consecutivo del tipo de sesión en el año; vacío = el siguiente."),
    )
    anio = models.PositiveSmallIntegerField(_("año"), editable=False, db_index=True)
    fecha_hora = models.DateTimeField(_("fecha y hora"))
    duracion_minutos = models.PositiveSmallIntegerField(_("duración (minutos)"), default=120)
    modalidad = models.CharField(_("modalidad"), max_length=12, choices=Modalidad.choices)
    sede = models.CharField(_("sede"), max_length=255, blank=True)
    enlace_virtual = models.URLField(_("liga de la reunión virtual"), blank=True)
    resumen = models.TextField(_("resumen"), blank=True)
    acta_firmada = models.FileField(
        _("acta firmada (escaneo en PDF)"),
        upload_to=ruta_acta_firmada,
        blank=True,
        validators=[validar_acta_firmada],
    )
    publicada = models.BooleanField(_("publicada"), default=False)

    # Texto buscable (``cocreacion.portal.busqueda``): la columna y sus índices salen de aquí.
    busqueda = CampoDeBusqueda(campos=["resumen", "sede"])
    history = Historial()
    objects = SesionQuerySet.as_manager()

    class Meta:
        indexes = [*indices_de_busqueda("stgao_sesion", titulo="sede")]
        ordering = ["-fecha_hora"]
        verbose_name = _("sesión")
        verbose_name_plural = _("sesiones")
        constraints = [
            models.UniqueConstraint(
                fields=["tipo", "anio", "numero"],
                name="sesion_numero_unico",
                violation_error_message=_(
                    "Ya hay una sesión de ese tipo con ese número en el año."
                ),
            )
        ]
        permissions = [("publicar_sesion", _("Puede publicar sesiones"))]

    def __str__(self):
        return f"{self.get_tipo_display()} {self.clave}"

    def save(self, *args, **kwargs):
        if self.fecha_hora:
            self.anio = timezone.localtime(self.fecha_hora).year
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("stgao:sesion_detalle", kwargs={"pk": self.pk})

    @property
    def clave(self) -> str:
        """Por ejemplo «SO-03/2021»."""
        anio = self.anio or (self.fecha_hora.year if self.fecha_hora else "")
        return f"{PREFIJO_SESION.get(self.tipo, 'S')}-{self.numero or 0:02d}/{anio}"

    @property
    def fecha(self):
        return timezone.localtime(self.fecha_hora).date()

    def clean(self):
        if self.fecha_hora and not (ANIO_MINIMO <= self.fecha_hora.year <= ANIO_MAXIMO):
            # Fuera de este rango la conversión a la hora de México ni siquiera es posible.
            raise ValidationError(
                {
                    "fecha_hora": _("La fecha debe estar entre los años %(a)s y %(b)s.")
                    % {"a": ANIO_MINIMO, "b": ANIO_MAXIMO}
                }
            )
        if self.fecha_hora:
            self.anio = timezone.localtime(self.fecha_hora).year
        errores = {}
        if self.modalidad in (Modalidad.PRESENCIAL, Modalidad.HIBRIDA) and not self.sede:
            errores["sede"] = _("Indique la sede de una sesión presencial o híbrida.")
        if self.modalidad in (Modalidad.VIRTUAL, Modalidad.HIBRIDA) and not self.enlace_virtual:
            errores["enlace_virtual"] = _("Indique la liga de una sesión virtual o híbrida.")
        if errores:
            raise ValidationError(errores)

    def quorum(self, integrantes=None):
        """Quórum derivado de la asistencia (ver ``reglas.calcular_quorum``)."""
        if integrantes is None:
            integrantes = list(Integrante.objects.activos_en(self.fecha))
        return calcular_quorum(self.fecha, integrantes, self.asistencias.all())


class PuntoOrden(models.Model):
    sesion = models.ForeignKey(
        Sesion, on_delete=models.CASCADE, related_name="puntos", verbose_name=_("sesión")
    )
    numero = models.PositiveSmallIntegerField(_("número"))
    asunto = models.CharField(_("asunto"), max_length=500)
    descripcion = models.TextField(_("descripción"), blank=True)

    history = Historial()

    class Meta:
        ordering = ["sesion", "numero"]
        verbose_name = _("punto del orden del día")
        verbose_name_plural = _("orden del día")
        constraints = [
            models.UniqueConstraint(fields=["sesion", "numero"], name="punto_orden_unico")
        ]

    def __str__(self):
        return f"{self.numero}. {self.asunto}"


class Asistencia(models.Model):
    sesion = models.ForeignKey(
        Sesion, on_delete=models.CASCADE, related_name="asistencias", verbose_name=_("sesión")
    )
    integrante = models.ForeignKey(
        Integrante,
        on_delete=models.PROTECT,
        related_name="asistencias",
        verbose_name=_("integrante"),
    )
    estado = models.CharField(
        _("asistencia"),
        max_length=15,
        choices=EstadoAsistencia.choices,
        default=EstadoAsistencia.PRESENTE,
    )

    history = Historial()

    class Meta:
        ordering = ["sesion", "integrante__sector", "integrante__persona"]
        verbose_name = _("asistencia")
        verbose_name_plural = _("asistencia")
        constraints = [
            models.UniqueConstraint(fields=["sesion", "integrante"], name="asistencia_unica")
        ]

    def __str__(self):
        return f"{self.integrante.persona}: {self.get_estado_display()}"

    def clean(self):
        if self.sesion_id and self.integrante_id and self.sesion.fecha_hora:
            if not self.integrante.activo_en(self.sesion.fecha):
                raise ValidationError(
                    {"integrante": _("Esta persona no integraba el Secretariado en esa fecha.")}
                )
            if self.estado == EstadoAsistencia.REPRESENTADO and not self.integrante.es_titular:
                raise ValidationError(
                    {"estado": _("Sólo una persona titular puede estar representada.")}
                )


class EstadoAcuerdo(models.TextChoices):
    PENDIENTE = "pendiente", _("Pendiente")
    EN_PROCESO = "en_proceso", _("En proceso")
    CUMPLIDO = "cumplido", _("Cumplido")
    CANCELADO = "cancelado", _("Cancelado")


ESTADOS_ABIERTOS = (EstadoAcuerdo.PENDIENTE, EstadoAcuerdo.EN_PROCESO)


class AcuerdoQuerySet(models.QuerySet):
    def publicados(self):
        """Acuerdos de sesiones publicadas."""
        return self.filter(sesion__publicada=True)

    def con_vencimiento(self, hoy=None):
        """Anota ``vencido`` (fecha límite pasada y aún abierto)."""
        hoy = hoy or timezone.localdate()
        return self.annotate(
            vencido=Case(
                When(Q(fecha_limite__lt=hoy) & Q(estado__in=ESTADOS_ABIERTOS), then=Value(True)),
                default=Value(False),
                output_field=models.BooleanField(),
            )
        )

    def vencidos(self, hoy=None):
        hoy = hoy or timezone.localdate()
        return self.filter(fecha_limite__lt=hoy, estado__in=ESTADOS_ABIERTOS)


class Acuerdo(models.Model):
    sesion = models.ForeignKey(
        Sesion, on_delete=models.PROTECT, related_name="acuerdos", verbose_name=_("sesión")
    )
    numero = models.PositiveSmallIntegerField(_("número"), editable=False)
    clave = models.CharField(_("clave"), max_length=40, unique=True, editable=False)
    texto = models.TextField(_("texto del acuerdo"))
    responsables = models.ManyToManyField(
        Integrante, blank=True, related_name="acuerdos", verbose_name=_("integrantes responsables")
    )
    sujetos_responsables = models.ManyToManyField(
        SujetoObligado,
        blank=True,
        related_name="acuerdos_stgao",
        verbose_name=_("sujetos obligados responsables"),
    )
    fecha_limite = models.DateField(_("fecha límite"), null=True, blank=True)
    estado = models.CharField(
        _("estado"), max_length=12, choices=EstadoAcuerdo.choices, default=EstadoAcuerdo.PENDIENTE
    )

    # Texto buscable (``cocreacion.portal.busqueda``): la columna y sus índices salen de aquí.
    busqueda = CampoDeBusqueda(campos=["clave", "texto"])
    history = Historial(m2m_fields=[responsables, sujetos_responsables])
    objects = AcuerdoQuerySet.as_manager()

    class Meta:
        indexes = [*indices_de_busqueda("stgao_acuerdo", titulo="clave")]
        ordering = ["sesion__fecha_hora", "numero"]
        verbose_name = _("acuerdo")
        verbose_name_plural = _("acuerdos")
        constraints = [
            models.UniqueConstraint(fields=["sesion", "numero"], name="acuerdo_numero_unico")
        ]

    def __str__(self):
        return self.clave or _("Acuerdo sin numerar")

    def esta_vencido(self, hoy=None) -> bool:
        hoy = hoy or timezone.localdate()
        return bool(
            self.fecha_limite and self.fecha_limite < hoy and self.estado in ESTADOS_ABIERTOS
        )


class SeguimientoAcuerdo(models.Model):
    """Lo que se informó de un acuerdo en una sesión posterior."""

    acuerdo = models.ForeignKey(
        Acuerdo, on_delete=models.CASCADE, related_name="seguimientos", verbose_name=_("acuerdo")
    )
    sesion = models.ForeignKey(
        Sesion, on_delete=models.PROTECT, related_name="seguimientos", verbose_name=_("sesión")
    )
    texto = models.TextField(_("seguimiento"))
    estado_resultante = models.CharField(
        _("estado resultante"), max_length=12, choices=EstadoAcuerdo.choices, blank=True
    )

    history = Historial()

    class Meta:
        ordering = ["sesion__fecha_hora", "pk"]
        verbose_name = _("seguimiento de acuerdo")
        verbose_name_plural = _("seguimiento de acuerdos")

    def __str__(self):
        return f"{self.acuerdo} · {self.sesion.clave}"

    def clean(self):
        if (
            self.acuerdo_id
            and self.sesion_id
            and self.sesion.fecha_hora <= self.acuerdo.sesion.fecha_hora
        ):
            raise ValidationError(
                {"sesion": _("El seguimiento se registra en una sesión posterior al acuerdo.")}
            )
