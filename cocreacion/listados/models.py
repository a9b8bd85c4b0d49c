"""Listados de información de interés público y sus dictámenes.

Ciclo (línea 1.1.1 del programa anual): cada semestre el órgano garante requiere a los sujetos
obligados el listado de información que consideran de interés público (``PeriodoListado``);
cada sujeto obligado presenta su ``Listado`` con sus ``ElementoListado``; la DGA revisa cada
elemento y emite el ``Dictamen``, que aprueba el órgano aprobador de la institución.

Las transiciones de estado viven en ``cocreacion.listados.services``; aquí sólo la forma de
los datos y las puertas de lectura (``publicados()``).
"""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cocreacion.comun.enlaces import enlace_seguro
from cocreacion.comun.historial import Historial
from cocreacion.models.campo_busqueda import CampoDeBusqueda, indices_de_busqueda
from cocreacion.models.catalogos import SujetoObligado

PATRON_CLAVE_PERIODO = re.compile(r"^(?P<anio>\d{4})-S(?P<semestre>[12])$")


class PeriodoListadoQuerySet(models.QuerySet):
    def publicados(self):
        """Periodos ya abiertos (con listados requeridos): la puerta de las páginas públicas."""
        return self.filter(abierto_en__isnull=False)


class PeriodoListado(models.Model):
    """Convocatoria semestral, p. ej. «2021-S1», con sus plazos como datos."""

    clave = models.CharField(
        _("clave"),
        max_length=7,
        unique=True,
        help_text=_("Año y semestre, p. ej. «2021-S1»."),
    )
    convocatoria = models.TextField(_("texto de la convocatoria"), blank=True)
    fecha_limite_envio = models.DateField(_("fecha límite de envío"))
    fecha_limite_revision = models.DateField(_("fecha límite de revisión"))
    fecha_limite_aprobacion = models.DateField(_("fecha límite de aprobación"))
    abierto_en = models.DateTimeField(
        _("abierto el"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Momento en que se requirieron los listados."),
    )
    ultimo_folio = models.PositiveIntegerField(
        _("último folio asignado"),
        default=0,
        editable=False,
        help_text=_("Contador de folios de dictamen del periodo; nunca retrocede."),
    )

    history = Historial()
    objects = PeriodoListadoQuerySet.as_manager()

    class Meta:
        ordering = ["-clave"]
        verbose_name = _("periodo de listados")
        verbose_name_plural = _("periodos de listados")

    def __str__(self):
        return self.clave

    def get_absolute_url(self):
        return f"{reverse('interes_publico:inicio')}#periodo-{self.clave}"

    def clean(self):
        if not PATRON_CLAVE_PERIODO.match(self.clave or ""):
            raise ValidationError(
                {"clave": _("La clave debe tener la forma «AAAA-S1» o «AAAA-S2» (p. ej. 2021-S1).")}
            )
        if (
            self.fecha_limite_envio
            and self.fecha_limite_revision
            and self.fecha_limite_aprobacion
            and not (
                self.fecha_limite_envio
                <= self.fecha_limite_revision
                <= self.fecha_limite_aprobacion
            )
        ):
            raise ValidationError(
                _("Los plazos deben seguir el orden: envío, revisión y aprobación.")
            )

    @property
    def anio(self) -> int:
        return int(self.clave[:4])

    @property
    def semestre(self) -> int:
        return int(self.clave[-1])

    @property
    def abierto(self) -> bool:
        return self.abierto_en is not None


class EstadoListado(models.TextChoices):
    BORRADOR = "borrador", _("Borrador")
    ENVIADO = "enviado", _("Enviado")
    EN_REVISION = "en_revision", _("En revisión")
    DICTAMINADO = "dictaminado", _("Dictaminado")
    APROBADO = "aprobado", _("Aprobado")
    PUBLICADO = "publicado", _("Publicado")
    NO_PRESENTADO = "no_presentado", _("No presentado")


ESTADOS_PRESENTADOS = [
    EstadoListado.ENVIADO,
    EstadoListado.EN_REVISION,
    EstadoListado.DICTAMINADO,
    EstadoListado.APROBADO,
    EstadoListado.PUBLICADO,
]
ESTADOS_DICTAMINADOS = [
    EstadoListado.DICTAMINADO,
    EstadoListado.APROBADO,
    EstadoListado.PUBLICADO,
]
ESTADOS_APROBADOS = [EstadoListado.APROBADO, EstadoListado.PUBLICADO]


class ListadoQuerySet(models.QuerySet):
    def publicados(self):
        """Listados visibles en el portal: los de periodos abiertos (sólo se muestra su estado)."""
        return self.filter(periodo__abierto_en__isnull=False)

    def de_sujeto(self, sujeto):
        return self.filter(sujeto_obligado=sujeto)


class Listado(models.Model):
    """Listado de un sujeto obligado para un periodo."""

    periodo = models.ForeignKey(
        PeriodoListado,
        on_delete=models.PROTECT,
        related_name="listados",
        verbose_name=_("periodo"),
    )
    sujeto_obligado = models.ForeignKey(
        SujetoObligado,
        on_delete=models.PROTECT,
        related_name="listados_interes_publico",
        verbose_name=_("sujeto obligado"),
    )
    estado = models.CharField(
        _("estado"),
        max_length=15,
        choices=EstadoListado.choices,
        default=EstadoListado.BORRADOR,
        editable=False,
    )
    enviado_en = models.DateTimeField(_("enviado el"), null=True, blank=True, editable=False)
    enviado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("enviado por"),
    )
    observaciones = models.TextField(
        _("observaciones de la DGA"),
        blank=True,
        help_text=_("Por ejemplo, el motivo de una devolución para corrección."),
    )

    history = Historial()
    objects = ListadoQuerySet.as_manager()

    class Meta:
        ordering = ["-periodo__clave", "sujeto_obligado__nombre"]
        verbose_name = _("listado de información de interés público")
        verbose_name_plural = _("listados de información de interés público")
        constraints = [
            models.UniqueConstraint(
                fields=["periodo", "sujeto_obligado"],
                name="listado_unico_por_periodo",
                violation_error_message=_(
                    "Ese sujeto obligado ya tiene un listado en ese periodo."
                ),
            )
        ]
        permissions = [
            ("enviar_listado", _("Puede enviar el listado de su sujeto obligado")),
            ("revisar_listado", _("Puede revisar y dictaminar listados")),
            ("publicar_listado", _("Puede publicar listados con dictamen aprobado")),
        ]

    def __str__(self):
        return f"{self.sujeto_obligado} · {self.periodo}"

    @property
    def editable_por_enlace(self) -> bool:
        return self.estado == EstadoListado.BORRADOR

    @property
    def clase_estado(self) -> str:
        """Clase CSS de la etiqueta de estado (el texto siempre acompaña al color)."""
        if self.estado in ESTADOS_APROBADOS:
            return "etiqueta--ok"
        if self.estado == EstadoListado.NO_PRESENTADO:
            return "etiqueta--error"
        if self.estado == EstadoListado.BORRADOR:
            return ""
        return "etiqueta--alerta"


class Periodicidad(models.TextChoices):
    MENSUAL = "mensual", _("Mensual")
    TRIMESTRAL = "trimestral", _("Trimestral")
    SEMESTRAL = "semestral", _("Semestral")
    ANUAL = "anual", _("Anual")
    CUANDO_SE_GENERE = "cuando_se_genere", _("Cada vez que se genere o modifique")


class Resolucion(models.TextChoices):
    PROCEDENTE = "procedente", _("Procedente")
    NO_PROCEDENTE = "no_procedente", _("No procedente")
    CON_MODIFICACIONES = "con_modificaciones", _("Procedente con modificaciones")


RESOLUCIONES_PUBLICABLES = [Resolucion.PROCEDENTE, Resolucion.CON_MODIFICACIONES]


class ElementoListado(models.Model):
    """Un elemento de información propuesto como de interés público, con su revisión."""

    listado = models.ForeignKey(
        Listado,
        on_delete=models.CASCADE,
        related_name="elementos",
        verbose_name=_("listado"),
        # Lo indexa ``elemento_por_resolucion``, que empieza por el listado.
        db_index=False,
    )
    numero = models.PositiveIntegerField(_("número"), default=0)
    titulo = models.CharField(_("título"), max_length=255)
    descripcion = models.TextField(_("descripción"))
    justificacion = models.TextField(_("justificación del interés público"))
    unidad_responsable = models.CharField(_("unidad administrativa responsable"), max_length=255)
    periodicidad = models.CharField(
        _("periodicidad de actualización"), max_length=20, choices=Periodicidad.choices
    )
    formato = models.CharField(
        _("formato o medio"),
        max_length=120,
        help_text=_("Por ejemplo «PDF», «XLSX», «página web»."),
    )
    liga = models.URLField(_("liga"), max_length=500, blank=True)
    # Revisión de la DGA
    resolucion = models.CharField(
        _("resolución"), max_length=20, choices=Resolucion.choices, blank=True
    )
    fundamentacion = models.TextField(_("fundamentación y motivación"), blank=True)
    modificaciones = models.TextField(_("modificaciones requeridas"), blank=True)
    revisado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("revisado por"),
    )
    revisado_en = models.DateTimeField(_("revisado el"), null=True, blank=True, editable=False)

    # Texto buscable (``cocreacion.portal.busqueda``): la columna y sus índices salen de aquí.
    busqueda = CampoDeBusqueda(
        campos=["titulo", "descripcion", "justificacion", "unidad_responsable"]
    )
    history = Historial()

    class Meta:
        indexes = [
            *indices_de_busqueda("coc_elemento", titulo="titulo"),
            # Los elementos de un listado y, sin leer la tabla, cuántos procedieron (la tarjeta
            # de la portada cuenta los del último periodo: 3.9 → 1.2 ms a escala 1).
            models.Index(fields=["listado", "resolucion"], name="elemento_por_resolucion"),
        ]
        ordering = ["listado", "numero", "pk"]
        verbose_name = _("elemento del listado")
        verbose_name_plural = _("elementos del listado")

    def __str__(self):
        return f"{self.numero}. {self.titulo}"

    @property
    def revisado(self) -> bool:
        return bool(self.resolucion)


class DictamenQuerySet(models.QuerySet):
    def publicados(self):
        """Dictámenes aprobados (incluidas versiones sustituidas): la puerta de lo público."""
        return self.filter(aprobado_en__isnull=False)

    def vigentes(self):
        """Aprobados que ninguna versión posterior aprobada sustituye."""
        return self.publicados().exclude(correcciones__aprobado_en__isnull=False)


class DictamenAprobadoInmutable(ValidationError):
    pass


class Dictamen(models.Model):
    """Dictamen de un listado. Una vez aprobado no cambia: una corrección es una versión nueva.

    ``considerandos`` guarda, al generarse, la copia de cada elemento con su resolución: así la
    versión aprobada conserva su contenido aunque después se corrija el listado.
    """

    listado = models.ForeignKey(
        Listado, on_delete=models.PROTECT, related_name="dictamenes", verbose_name=_("listado")
    )
    version = models.PositiveIntegerField(_("versión"), default=1, editable=False)
    sustituye = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="correcciones",
        verbose_name=_("corrige a"),
    )
    motivo_correccion = models.TextField(_("motivo de la corrección"), blank=True)
    folio = models.CharField(
        _("folio"),
        max_length=60,
        unique=True,
        null=True,
        blank=True,
        editable=False,
        help_text=_("Se asigna al aprobarse; consecutivo por periodo y nunca se reutiliza."),
    )
    numero_folio = models.PositiveIntegerField(
        _("número de folio"), null=True, blank=True, editable=False
    )
    fecha = models.DateField(_("fecha del dictamen"))
    antecedentes = models.TextField(_("antecedentes"))
    considerandos = models.JSONField(_("considerandos"), default=list, editable=False)
    firmantes = models.TextField(
        _("bloque de firmas"),
        blank=True,
        help_text=_("Una persona por línea: «Nombre — Cargo»."),
    )
    # Aprobación por el órgano aprobador de la institución
    sesion = models.CharField(_("sesión"), max_length=200, blank=True)
    fecha_sesion = models.DateField(_("fecha de la sesión"), null=True, blank=True)
    numero_acuerdo = models.CharField(_("número de acuerdo"), max_length=80, blank=True)
    organo_aprobador = models.CharField(
        _("órgano que aprobó"), max_length=120, blank=True, editable=False
    )
    aprobado_en = models.DateTimeField(_("aprobado el"), null=True, blank=True, editable=False)
    aprobado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("aprobación registrada por"),
    )

    # Texto buscable (``cocreacion.portal.busqueda``): la columna y sus índices salen de aquí.
    busqueda = CampoDeBusqueda(campos=["folio", "antecedentes"])
    history = Historial()
    objects = DictamenQuerySet.as_manager()

    class Meta:
        indexes = [
            *indices_de_busqueda("coc_dictamen", titulo="folio"),
            # Los últimos aprobados (portada, canales): sin él, PostgreSQL unía y ordenaba los
            # 15,000 dictámenes aprobados de la escala 1 para mostrar tres (30 ms).
            models.Index(
                fields=["aprobado_en", "id"],
                name="coc_dictamen_aprobado",
                condition=models.Q(aprobado_en__isnull=False),
            ),
        ]
        ordering = ["-fecha", "-pk"]
        verbose_name = _("dictamen")
        verbose_name_plural = _("dictámenes")
        constraints = [
            models.UniqueConstraint(
                fields=["listado", "version"],
                name="dictamen_version_unica",
                violation_error_message=_("Ya existe esa versión del dictamen."),
            ),
            models.UniqueConstraint(
                fields=["listado", "numero_folio"],
                name="dictamen_numero_folio_unico",
            ),
        ]
        permissions = [
            ("aprobar_dictamen", _("Puede registrar la aprobación del dictamen")),
        ]

    def __str__(self):
        return self.folio or _("Proyecto de dictamen v%(v)s · %(l)s") % {
            "v": self.version,
            "l": self.listado,
        }

    def save(self, *args, **kwargs):
        if self.pk and not getattr(self, "_aprobando", False):
            original = Dictamen.objects.filter(pk=self.pk).values("aprobado_en").first()
            if original and original["aprobado_en"] is not None:
                raise DictamenAprobadoInmutable(
                    _(
                        "El dictamen %(f)s ya fue aprobado y no se modifica; "
                        "registre una corrección, que crea una versión nueva."
                    )
                    % {"f": self.folio}
                )
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        # Nunca lanza: un folio viejo no enlazable no debe tumbar la portada (ver enlaces.py).
        if not self.folio:
            return ""
        return enlace_seguro("interes_publico:dictamen", folio=self.folio)

    def get_pdf_url(self):
        if not self.folio:
            return ""
        return enlace_seguro("interes_publico:dictamen_pdf", folio=self.folio)

    def delete(self, *args, **kwargs):
        if self.aprobado:
            raise DictamenAprobadoInmutable(
                _("Un dictamen aprobado no se elimina; se corrige con una versión nueva.")
            )
        return super().delete(*args, **kwargs)

    @property
    def aprobado(self) -> bool:
        return self.aprobado_en is not None

    # Resolutivos: derivados de los considerandos guardados.
    @property
    def elementos_publicables(self) -> list[dict]:
        return [c for c in self.considerandos if c.get("resolucion") in RESOLUCIONES_PUBLICABLES]

    @property
    def elementos_no_admitidos(self) -> list[dict]:
        return [
            c for c in self.considerandos if c.get("resolucion") not in RESOLUCIONES_PUBLICABLES
        ]
