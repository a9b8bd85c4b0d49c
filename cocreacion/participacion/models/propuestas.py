"""Propuestas ciudadanas, sus respuestas y sus apoyos.

Datos personales: el correo en claro de quien propone se guarda sólo para avisarle de la
respuesta; la unicidad y los límites usan la ``huella_correo`` (HMAC con la clave del sitio
del correo normalizado). Ni el correo ni la huella pasan al historial (``excluded_fields``):
borrar los datos de una persona no deja copias en versiones anteriores. Los apoyos nunca
guardan el correo: el enlace de confirmación sale con el que se escribió en el formulario.
"""

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cocreacion.comun.enlaces import enlace_seguro
from cocreacion.comun.historial import Historial

# Límites de tamaño de cada campo que llena una persona (el formulario y el modelo los piden).
MAX_TITULO = 200
MAX_TEXTO = 4000
MAX_NOMBRE = 120
MAX_ORGANIZACION = 200
MAX_RESPUESTA = 5000

ANONIMO = _("Anónimo")


class Moderacion(models.TextChoices):
    PENDIENTE = "pendiente", _("Por moderar")
    PUBLICADA = "publicada", _("Publicada")
    RECHAZADA = "rechazada", _("Rechazada")


class MotivoRechazo(models.TextChoices):
    FUERA_DE_TEMA = "fuera_de_tema", _("Fuera del tema de la consulta")
    DUPLICADA = "duplicada", _("Duplicada")
    LENGUAJE_OFENSIVO = "lenguaje_ofensivo", _("Lenguaje ofensivo")
    DATOS_TERCEROS = "datos_terceros", _("Contiene datos personales de otras personas")
    OTRO = "otro", _("Otro")


class TemaPropuesta(models.TextChoices):
    """Tema de una propuesta, para agruparlas en el informe de la consulta.

    Los mismos temas que los compromisos del Plan de Acción Local (``stgao.Tema``), copiados
    aquí para que la participación no importe a la app del Secretariado: así una propuesta se
    compara con el compromiso al que podría incorporarse.
    """

    PRESUPUESTO = "presupuesto", _("Presupuesto y gasto público")
    TRANSPARENCIA_PROACTIVA = "transparencia_proactiva", _("Transparencia proactiva")
    DATOS_ABIERTOS = "datos_abiertos", _("Datos abiertos")
    PARTICIPACION = "participacion", _("Participación ciudadana")
    RENDICION_CUENTAS = "rendicion_cuentas", _("Rendición de cuentas")
    ANTICORRUPCION = "anticorrupcion", _("Combate a la corrupción")
    SERVICIOS_PUBLICOS = "servicios_publicos", _("Servicios públicos")
    DESARROLLO_SOSTENIBLE = "desarrollo_sostenible", _("Desarrollo sostenible")
    OTRO = "otro", _("Otro")


class EstadoPropuesta(models.TextChoices):
    RECIBIDA = "recibida", _("Recibida")
    EN_ANALISIS = "en_analisis", _("En análisis")
    INCORPORADA = "incorporada", _("Incorporada")
    NO_INCORPORADA = "no_incorporada", _("No incorporada")


# Confirmada y publicada por la moderación (la condición de los índices de lectura pública).
_PUBLICADA = models.Q(confirmada_en__isnull=False, moderacion="publicada")

# Los vínculos de una propuesta incorporada: a qué se incorporó.
CAMPOS_VINCULO = ("compromiso", "hito", "elemento_listado", "accion")


class PropuestaQuerySet(models.QuerySet):
    def confirmadas(self):
        return self.filter(confirmada_en__isnull=False)

    def publicadas(self):
        """La única puerta de las páginas públicas: confirmada, publicada y de una consulta
        publicada."""
        return self.filter(
            confirmada_en__isnull=False,
            moderacion=Moderacion.PUBLICADA,
            consulta__publicada=True,
        )

    def por_moderar(self):
        return self.filter(confirmada_en__isnull=False, moderacion=Moderacion.PENDIENTE)

    def con_apoyos(self):
        """Anota ``apoyos_confirmados`` (en la misma consulta de la lista, sin N+1).

        Con una subconsulta por fila y no con ``Count`` y ``GROUP BY``: así se cuentan sólo
        los apoyos de las filas de la página (20 de 400) y el total del paginador no arrastra
        la agregación.
        """
        contar = (
            Apoyo.objects.filter(propuesta=OuterRef("pk"), confirmado_en__isnull=False)
            .order_by()
            .values("propuesta")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return self.annotate(apoyos_confirmados=Coalesce(Subquery(contar), 0))

    def de_huella(self, huella: str):
        return self.filter(huella_correo=huella) if huella else self.none()


class Propuesta(models.Model):
    consulta = models.ForeignKey(
        "participacion.Consulta",
        on_delete=models.PROTECT,
        related_name="propuestas",
        verbose_name=_("consulta"),
    )
    titulo = models.CharField(_("título"), max_length=MAX_TITULO)
    problema = models.TextField(
        _("el problema"), max_length=MAX_TEXTO, validators=[MaxLengthValidator(MAX_TEXTO)]
    )
    texto = models.TextField(
        _("la propuesta"), max_length=MAX_TEXTO, validators=[MaxLengthValidator(MAX_TEXTO)]
    )
    tema = models.CharField(
        _("tema"),
        max_length=30,
        choices=TemaPropuesta.choices,
        blank=True,
        help_text=_("Vacío: «Sin tema». Agrupa las propuestas en el informe de la consulta."),
    )
    municipio = models.ForeignKey(
        "cocreacion.Municipio",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="propuestas",
        verbose_name=_("municipio"),
    )
    organizacion = models.CharField(_("organización"), max_length=MAX_ORGANIZACION, blank=True)
    nombre = models.CharField(
        _("nombre"), max_length=MAX_NOMBRE, blank=True, help_text=_("Vacío: «Anónimo».")
    )
    # Datos personales: nunca se muestran ni se exportan, y no pasan al historial.
    correo = models.EmailField(_("correo"), blank=True)
    huella_correo = models.CharField(_("huella del correo"), max_length=64, blank=True)
    creada_en = models.DateTimeField(_("enviada el"), default=timezone.now, editable=False)
    confirmada_en = models.DateTimeField(
        _("correo confirmado el"), null=True, blank=True, editable=False
    )
    moderacion = models.CharField(
        _("moderación"), max_length=12, choices=Moderacion.choices, default=Moderacion.PENDIENTE
    )
    motivo_rechazo = models.CharField(
        _("motivo del rechazo"), max_length=20, choices=MotivoRechazo.choices, blank=True
    )
    motivo_rechazo_texto = models.TextField(
        _("explicación del rechazo"),
        max_length=MAX_RESPUESTA,
        blank=True,
        validators=[MaxLengthValidator(MAX_RESPUESTA)],
    )
    moderada_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("moderada por"),
    )
    moderada_en = models.DateTimeField(_("moderada el"), null=True, blank=True, editable=False)
    estado = models.CharField(
        _("estado"),
        max_length=15,
        choices=EstadoPropuesta.choices,
        default=EstadoPropuesta.RECIBIDA,
    )
    respuesta = models.TextField(
        _("respuesta pública"),
        max_length=MAX_RESPUESTA,
        blank=True,
        validators=[MaxLengthValidator(MAX_RESPUESTA)],
    )
    respondida_en = models.DateTimeField(_("respondida el"), null=True, blank=True, editable=False)
    compromiso = models.ForeignKey(
        "stgao.Compromiso",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="propuestas_ciudadanas",
        verbose_name=_("incorporada al compromiso"),
    )
    hito = models.ForeignKey(
        "stgao.Hito",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="propuestas_ciudadanas",
        verbose_name=_("incorporada al hito"),
    )
    elemento_listado = models.ForeignKey(
        "cocreacion.ElementoListado",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="propuestas_ciudadanas",
        verbose_name=_("incorporada al elemento de interés público"),
    )
    accion = models.ForeignKey(
        "oela.Accion",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="propuestas_ciudadanas",
        verbose_name=_("incorporada a la acción del programa"),
    )
    datos_borrados_en = models.DateTimeField(
        _("datos personales borrados el"), null=True, blank=True, editable=False
    )

    history = Historial(excluded_fields=["correo", "huella_correo"])
    objects = PropuestaQuerySet.as_manager()

    class Meta:
        ordering = ["-creada_en", "-pk"]
        verbose_name = _("propuesta")
        verbose_name_plural = _("propuestas")
        permissions = [
            ("moderar_propuesta", _("Puede moderar y responder propuestas ciudadanas")),
        ]
        indexes = [
            models.Index(fields=["consulta", "moderacion", "creada_en"], name="propuesta_lista"),
            models.Index(fields=["huella_correo"], name="propuesta_huella"),
            # Índices parciales de las lecturas públicas (sólo las propuestas publicadas): la
            # lista de una consulta, sus conteos por estado y su canal Atom no recorren las
            # demás propuestas de la tabla (medido en tests/benchmarks/bench_participacion.py).
            models.Index(
                fields=["consulta", "creada_en", "id"],
                condition=_PUBLICADA,
                name="propuesta_publica_lista",
            ),
            # Con ``id``: los conteos (``Count("pk")``) se resuelven sólo con el índice.
            models.Index(
                fields=["consulta", "estado", "id"],
                condition=_PUBLICADA,
                name="propuesta_publica_estado",
            ),
            models.Index(
                fields=["consulta", "moderada_en"],
                condition=_PUBLICADA,
                name="propuesta_publica_moderada",
            ),
        ]

    def __str__(self):
        return self.titulo

    def get_absolute_url(self):
        return enlace_seguro("participacion:propuesta", slug=self.consulta.slug, pk=self.pk)

    @property
    def autoria(self) -> str:
        return self.nombre or str(ANONIMO)

    @property
    def publicada(self) -> bool:
        return bool(self.confirmada_en) and self.moderacion == Moderacion.PUBLICADA

    @property
    def vinculo(self):
        """A qué se incorporó: el hito (con su compromiso), el compromiso, el elemento o la
        acción; ``None`` si nada."""
        for campo in ("hito", "compromiso", "elemento_listado", "accion"):
            valor = getattr(self, campo)
            if valor is not None:
                return valor
        return None


class PasoPropuesta(models.Model):
    """Cada paso del estado de una propuesta publicada, con su respuesta pública razonada.

    Sólo lo escribe ``services.propuesta_avanzar``; nunca se edita: es la bitácora pública de
    qué se hizo con la propuesta.
    """

    propuesta = models.ForeignKey(
        Propuesta, on_delete=models.CASCADE, related_name="pasos", verbose_name=_("propuesta")
    )
    de = models.CharField(_("de"), max_length=15, choices=EstadoPropuesta.choices)
    a = models.CharField(_("a"), max_length=15, choices=EstadoPropuesta.choices)
    respuesta = models.TextField(_("respuesta pública"), max_length=MAX_RESPUESTA)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("registrado por"),
    )
    fecha = models.DateTimeField(_("fecha"), default=timezone.now)

    class Meta:
        ordering = ["fecha", "pk"]
        verbose_name = _("paso de una propuesta")
        verbose_name_plural = _("pasos de las propuestas")

    def __str__(self):
        return f"{self.get_de_display()} → {self.get_a_display()}"


class ApoyoQuerySet(models.QuerySet):
    def confirmados(self):
        return self.filter(confirmado_en__isnull=False)


class Apoyo(models.Model):
    """Un apoyo a una propuesta: uno por correo (por su huella) y por propuesta.

    No guarda el correo: el enlace de confirmación sale con el que se escribió en el
    formulario, y para contar y no repetir basta la huella.
    """

    propuesta = models.ForeignKey(
        Propuesta, on_delete=models.CASCADE, related_name="apoyos", verbose_name=_("propuesta")
    )
    huella_correo = models.CharField(_("huella del correo"), max_length=64)
    creado_en = models.DateTimeField(_("pedido el"), default=timezone.now)
    confirmado_en = models.DateTimeField(_("confirmado el"), null=True, blank=True)

    objects = ApoyoQuerySet.as_manager()

    class Meta:
        ordering = ["propuesta", "creado_en"]
        verbose_name = _("apoyo")
        verbose_name_plural = _("apoyos")
        constraints = [
            models.UniqueConstraint(
                fields=["propuesta", "huella_correo"], name="apoyo_uno_por_correo"
            )
        ]
        indexes = [models.Index(fields=["huella_correo"], name="apoyo_huella")]

    def __str__(self):
        return f"Apoyo a «{self.propuesta}»"


class BorradoDeDatos(models.Model):
    """Constancia de un borrado de datos personales pedido por su titular (sin el correo)."""

    fecha = models.DateTimeField(_("fecha"), default=timezone.now)
    propuestas = models.PositiveIntegerField(_("propuestas anonimizadas"), default=0)
    apoyos = models.PositiveIntegerField(_("apoyos borrados"), default=0)

    class Meta:
        ordering = ["-fecha"]
        verbose_name = _("borrado de datos personales")
        verbose_name_plural = _("borrados de datos personales")

    def __str__(self):
        return f"Borrado del {timezone.localtime(self.fecha):%Y-%m-%d %H:%M}"
