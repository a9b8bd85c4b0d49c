"""Plan de Acción Local → Compromiso → Hito → Evidencia."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, Q, Value, When
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from cocreacion.comun.enlaces import enlace_seguro
from cocreacion.comun.historial import Historial
from cocreacion.comun.validadores import validar_evidencia_nueva
from cocreacion.models import (
    MetaODS,
    Organizacion,
    Origen,
    SujetoObligado,
    campo_fuente,
    campo_origen,
)
from cocreacion.models.campo_busqueda import CampoDeBusqueda, indices_de_busqueda
from stgao.opciones import EstadoHito

from .archivos import ruta_evidencia


class EstadoPlan(models.TextChoices):
    COCREACION = "cocreacion", _("Cocreación")
    IMPLEMENTACION = "implementacion", _("Implementación")
    CONCLUIDO = "concluido", _("Concluido")


class PlanQuerySet(models.QuerySet):
    def publicados(self):
        return self.filter(publicado=True)


class PlanAccionLocal(models.Model):
    nombre = models.CharField(_("nombre"), max_length=255)
    slug = models.SlugField(_("identificador en la dirección"), max_length=120, unique=True)
    anio_inicio = models.PositiveSmallIntegerField(_("año de inicio"))
    anio_fin = models.PositiveSmallIntegerField(_("año de término"))
    estado = models.CharField(
        _("estado"), max_length=15, choices=EstadoPlan.choices, default=EstadoPlan.COCREACION
    )
    descripcion = models.TextField(_("descripción"), blank=True)
    origen_periodo = campo_origen(_("el periodo y el estado"))
    fuente_periodo = campo_fuente(_("el periodo y el estado"))
    publicado = models.BooleanField(_("publicado"), default=False)

    history = Historial()
    objects = PlanQuerySet.as_manager()

    class Meta:
        ordering = ["-anio_inicio", "nombre"]
        verbose_name = _("plan de acción local")
        verbose_name_plural = _("planes de acción local")
        permissions = [("publicar_planaccionlocal", _("Puede publicar planes de acción local"))]

    def __str__(self):
        return f"{self.nombre} ({self.periodo})"

    @property
    def periodo(self) -> str:
        if self.anio_inicio == self.anio_fin:
            return str(self.anio_inicio)
        return f"{self.anio_inicio}–{self.anio_fin}"

    @property
    def periodo_interpretado(self) -> bool:
        return self.origen_periodo == Origen.INTERPRETACION

    def clean(self):
        if self.anio_inicio and self.anio_fin and self.anio_fin < self.anio_inicio:
            raise ValidationError({"anio_fin": _("El término no puede ser anterior al inicio.")})


class Tema(models.TextChoices):
    PRESUPUESTO = "presupuesto", _("Presupuesto y gasto público")
    TRANSPARENCIA_PROACTIVA = "transparencia_proactiva", _("Transparencia proactiva")
    DATOS_ABIERTOS = "datos_abiertos", _("Datos abiertos")
    PARTICIPACION = "participacion", _("Participación ciudadana")
    RENDICION_CUENTAS = "rendicion_cuentas", _("Rendición de cuentas")
    ANTICORRUPCION = "anticorrupcion", _("Combate a la corrupción")
    SERVICIOS_PUBLICOS = "servicios_publicos", _("Servicios públicos")
    DESARROLLO_SOSTENIBLE = "desarrollo_sostenible", _("Desarrollo sostenible")
    OTRO = "otro", _("Otro")


class EstadoCompromiso(models.TextChoices):
    SIN_HITOS = "sin_hitos", _("Sin hitos registrados")
    NO_INICIADO = "no_iniciado", _("Sin iniciar")
    EN_PROCESO = "en_proceso", _("En proceso")
    ATRASADO = "atrasado", _("Con retraso")
    CONCLUIDO = "concluido", _("Concluido")


class CompromisoQuerySet(models.QuerySet):
    def publicados(self):
        """La única puerta de las páginas públicas: compromiso y plan publicados."""
        return self.filter(publicado=True, plan__publicado=True)

    def de_sujeto(self, sujeto):
        """Compromisos en los que ``sujeto`` es responsable."""
        return self.filter(responsables=sujeto)

    def con_estado(self, hoy=None):
        """Anota ``estado`` derivado de sus hitos, el avance y la fecha de hoy.

        Sin hitos registrados si no tiene ninguno; concluido si el avance llega a 100 %; con
        retraso si algún hito no completado ya pasó su fecha de término planeada; en proceso si
        hay avance o un hito en proceso; si no, sin iniciar. Usa los resúmenes que
        ``services.compromiso_recalcular`` guarda en el compromiso: ninguna subconsulta.
        """
        hoy = hoy or timezone.localdate()
        return self.annotate(
            estado=Case(
                When(total_hitos=0, then=Value(EstadoCompromiso.SIN_HITOS.value)),
                When(avance__gte=100, then=Value(EstadoCompromiso.CONCLUIDO.value)),
                When(vencimiento_pendiente__lt=hoy, then=Value(EstadoCompromiso.ATRASADO.value)),
                When(
                    Q(avance__gt=0) | Q(hitos_en_proceso=True),
                    then=Value(EstadoCompromiso.EN_PROCESO.value),
                ),
                default=Value(EstadoCompromiso.NO_INICIADO.value),
                output_field=models.CharField(),
            )
        )

    def para_lista(self):
        """Sin los textos largos que las listas no muestran."""
        return self.defer(
            "problema", "solucion", "beneficios", "objetivo", "linea_base", "notas_internas"
        )


class Compromiso(models.Model):
    plan = models.ForeignKey(
        PlanAccionLocal,
        on_delete=models.PROTECT,
        related_name="compromisos",
        verbose_name=_("plan de acción local"),
    )
    numero = models.PositiveSmallIntegerField(_("número"))
    slug = models.SlugField(_("identificador en la dirección"), max_length=120, unique=True)
    titulo = models.CharField(_("título"), max_length=255)
    problema = models.TextField(_("¿Cuál era el problema?"))
    solucion = models.TextField(_("¿Cuál fue la solución?"), blank=True)
    beneficios = models.TextField(
        _("¿Cuáles fueron los beneficios?"), blank=True, help_text=_("Uno por renglón.")
    )
    objetivo = models.TextField(_("objetivo"), blank=True)
    linea_base = models.TextField(_("línea base"), blank=True)
    valor_transparencia = models.BooleanField(_("transparencia"), default=False)
    valor_participacion = models.BooleanField(_("participación ciudadana"), default=False)
    valor_rendicion_cuentas = models.BooleanField(_("rendición de cuentas"), default=False)
    valor_innovacion = models.BooleanField(_("innovación"), default=False)
    metas_ods = models.ManyToManyField(
        MetaODS, blank=True, related_name="compromisos", verbose_name=_("metas ODS")
    )
    tema = models.CharField(_("tema"), max_length=30, choices=Tema.choices)
    origen_clasificacion = campo_origen(_("el tema y los valores"))
    fuente_clasificacion = campo_fuente(_("el tema y los valores"))
    responsables = models.ManyToManyField(
        SujetoObligado,
        related_name="compromisos",
        verbose_name=_("sujetos obligados responsables"),
    )
    lider = models.ForeignKey(
        SujetoObligado,
        on_delete=models.PROTECT,
        related_name="compromisos_que_lidera",
        verbose_name=_("sujeto obligado líder"),
    )
    corresponsables = models.ManyToManyField(
        Organizacion,
        blank=True,
        related_name="compromisos",
        verbose_name=_("organizaciones corresponsables"),
    )
    sitio_resultado = models.URLField(
        _("sitio o producto resultante"), blank=True, help_text=_("Por ejemplo, el portal creado.")
    )
    fecha_inicio = models.DateField(_("fecha de inicio"), null=True, blank=True)
    fecha_fin = models.DateField(_("fecha de término"), null=True, blank=True)
    avance = models.DecimalField(
        _("avance (%)"),
        max_digits=5,
        decimal_places=2,
        default=0,
        editable=False,
        help_text=_("Derivado de los hitos completados, ponderado por su peso."),
    )
    total_hitos = models.PositiveIntegerField(_("número de hitos"), default=0, editable=False)
    hitos_en_proceso = models.BooleanField(
        _("tiene hitos en proceso"), default=False, editable=False
    )
    vencimiento_pendiente = models.DateField(
        _("término planeado más próximo sin completar"), null=True, blank=True, editable=False
    )
    publicado = models.BooleanField(_("publicado"), default=False)
    notas_internas = models.TextField(
        _("notas internas"), blank=True, help_text=_("Sólo para el personal; nunca se publican.")
    )

    # Texto buscable (``cocreacion.portal.busqueda``): la columna y sus índices salen de aquí.
    busqueda = CampoDeBusqueda(campos=["titulo", "problema", "solucion", "objetivo"])
    history = Historial(m2m_fields=[responsables, corresponsables, metas_ods])
    objects = CompromisoQuerySet.as_manager()

    class Meta:
        indexes = [*indices_de_busqueda("stgao_compromiso", titulo="titulo")]
        ordering = ["plan", "numero"]
        verbose_name = _("compromiso")
        verbose_name_plural = _("compromisos")
        constraints = [
            models.UniqueConstraint(fields=["plan", "numero"], name="compromiso_numero_unico")
        ]
        permissions = [("publicar_compromiso", _("Puede publicar compromisos"))]

    def __str__(self):
        return f"{self.numero}. {self.titulo}"

    def get_absolute_url(self):
        return enlace_seguro("stgao:compromiso_detalle", slug=self.slug)

    @property
    def estado_etiqueta(self) -> str:
        """Etiqueta del estado anotado por ``CompromisoQuerySet.con_estado``."""
        return str(dict(EstadoCompromiso.choices).get(getattr(self, "estado", ""), ""))

    @property
    def avance_mostrado(self):
        """El avance, o ``None`` si no hay hitos con qué medirlo (la barra dice «sin avance»)."""
        return None if getattr(self, "estado", None) == EstadoCompromiso.SIN_HITOS else self.avance

    @property
    def clasificacion_interpretada(self) -> bool:
        return self.origen_clasificacion == Origen.INTERPRETACION

    @property
    def valores(self) -> list[str]:
        return [
            str(self._meta.get_field(c).verbose_name)
            for c in (
                "valor_transparencia",
                "valor_participacion",
                "valor_rendicion_cuentas",
                "valor_innovacion",
            )
            if getattr(self, c)
        ]

    @property
    def lista_beneficios(self) -> list[str]:
        return [b.strip() for b in self.beneficios.splitlines() if b.strip()]

    def clean(self):
        if self.fecha_inicio and self.fecha_fin and self.fecha_fin < self.fecha_inicio:
            raise ValidationError({"fecha_fin": _("El término no puede ser anterior al inicio.")})

    def linea_base_congelada(self) -> bool:
        """¿Las fechas planeadas de sus hitos ya son la línea base?

        Lo son desde que el compromiso o su plan se publicaron por primera vez (aunque después
        se retiren): desde entonces sólo se reportan fechas reales, y cambiar las planeadas es
        una revisión de la DGA con motivo (``services.hito_revisar_linea_base``). Se lee de la
        base guardada, no de lo que traiga esta instancia en memoria.
        """
        if not self.pk:
            return False
        return (
            Compromiso.objects.filter(pk=self.pk)
            .filter(Q(publicado=True) | Q(plan__publicado=True))
            .exists()
            or Compromiso.history.filter(id=self.pk, publicado=True).exists()
            or PlanAccionLocal.history.filter(id=self.plan_id, publicado=True).exists()
        )


class Hito(models.Model):
    compromiso = models.ForeignKey(
        Compromiso, on_delete=models.CASCADE, related_name="hitos", verbose_name=_("compromiso")
    )
    numero = models.PositiveSmallIntegerField(_("número"))
    descripcion = models.TextField(_("descripción"))
    responsable = models.ForeignKey(
        SujetoObligado,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="hitos",
        verbose_name=_("responsable"),
    )
    fecha_inicio_planeada = models.DateField(_("inicio planeado"), null=True, blank=True)
    fecha_fin_planeada = models.DateField(_("término planeado"))
    # La línea base: las fechas planeadas que tenía el hito cuando se revisaron por primera vez
    # después de publicarse (vacías mientras nadie las revise). Las planeadas de arriba son
    # siempre las vigentes, con las que se mide el atraso.
    fecha_inicio_original = models.DateField(
        _("inicio planeado original"), null=True, blank=True, editable=False
    )
    fecha_fin_original = models.DateField(
        _("término planeado original"), null=True, blank=True, editable=False
    )
    motivo_revision = models.TextField(
        _("motivo de la revisión de fechas"), blank=True, editable=False
    )
    fecha_inicio_real = models.DateField(_("inicio real"), null=True, blank=True)
    fecha_fin_real = models.DateField(_("término real"), null=True, blank=True)
    peso = models.PositiveSmallIntegerField(
        _("peso"), default=1, help_text=_("Cuánto cuenta en el avance del compromiso.")
    )
    estado = models.CharField(
        _("estado"), max_length=12, choices=EstadoHito.choices, default=EstadoHito.PENDIENTE
    )

    # Texto buscable (``cocreacion.portal.busqueda``): la columna y sus índices salen de aquí.
    busqueda = CampoDeBusqueda(campos=["descripcion"])
    history = Historial()

    class Meta:
        indexes = [*indices_de_busqueda("stgao_hito", titulo="descripcion")]
        ordering = ["compromiso", "numero"]
        verbose_name = _("hito")
        verbose_name_plural = _("hitos")
        constraints = [
            models.UniqueConstraint(fields=["compromiso", "numero"], name="hito_numero_unico")
        ]

    def __str__(self):
        return f"Hito {self.numero}: {Truncator(self.descripcion).chars(80)}"

    @property
    def linea_base_revisada(self) -> bool:
        return self.fecha_fin_original is not None

    @property
    def sujeto_responsable_id(self) -> int | None:
        """El sujeto que reporta el hito: el suyo o, si no nombra uno, el líder del compromiso."""
        return self.responsable_id or self.compromiso.lider_id

    def esta_atrasado(self, hoy=None) -> bool:
        hoy = hoy or timezone.localdate()
        return self.estado != EstadoHito.COMPLETADO and self.fecha_fin_planeada < hoy

    def concluyo_tarde(self) -> bool:
        return bool(
            self.estado == EstadoHito.COMPLETADO
            and self.fecha_fin_real
            and self.fecha_fin_real > self.fecha_fin_planeada
        )

    def clean(self):
        errores = {}
        if (
            self.fecha_inicio_planeada
            and self.fecha_fin_planeada
            and self.fecha_fin_planeada < self.fecha_inicio_planeada
        ):
            errores["fecha_fin_planeada"] = _(
                "El término planeado no puede ser anterior al inicio."
            )
        if (
            self.fecha_inicio_real
            and self.fecha_fin_real
            and self.fecha_fin_real < self.fecha_inicio_real
        ):
            errores["fecha_fin_real"] = _("El término real no puede ser anterior al inicio real.")
        hoy = timezone.localdate()
        for campo in ("fecha_inicio_real", "fecha_fin_real"):
            if getattr(self, campo) and getattr(self, campo) > hoy:
                errores[campo] = _("Una fecha real no puede estar en el futuro.")
        if self.estado == EstadoHito.COMPLETADO and not self.fecha_fin_real:
            errores["fecha_fin_real"] = _("Un hito completado necesita su fecha real de término.")
        if self.fecha_fin_real and self.estado != EstadoHito.COMPLETADO:
            errores["estado"] = _("Si tiene fecha real de término, el hito está completado.")
        if self.estado == EstadoHito.PENDIENTE and self.fecha_inicio_real:
            errores["estado"] = _("Un hito con inicio real ya no está pendiente.")
        if errores:
            raise ValidationError(errores)


def validar_evidencia(archivo):
    """Sólo se revisa el archivo recién subido (PDF, imagen u hoja de cálculo; 20 MB).

    Se conserva con este nombre porque las migraciones lo citan; la regla es la del núcleo.
    """
    validar_evidencia_nueva(archivo)


class Evidencia(models.Model):
    hito = models.ForeignKey(
        Hito, on_delete=models.CASCADE, related_name="evidencias", verbose_name=_("hito")
    )
    descripcion = models.CharField(_("descripción"), max_length=500)
    archivo = models.FileField(
        _("archivo"),
        upload_to=ruta_evidencia,
        blank=True,
        validators=[validar_evidencia],
        help_text=_("PDF, imagen u hoja de cálculo de hasta 20 MB."),
    )
    enlace = models.URLField(_("liga"), blank=True)
    fecha = models.DateField(_("fecha"), default=timezone.localdate)

    history = Historial()

    class Meta:
        ordering = ["hito", "fecha", "pk"]
        verbose_name = _("evidencia")
        verbose_name_plural = _("evidencias")

    def __str__(self):
        return self.descripcion

    def clean(self):
        if not self.archivo and not self.enlace:
            raise ValidationError(_("Adjunte un archivo o escriba una liga."))
