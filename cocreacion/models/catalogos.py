"""Institución y catálogos compartidos por todas las aplicaciones."""

import datetime as dt
import re
import unicodedata
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from cocreacion.comun.enlaces import enlace_seguro, validar_siglas_del_area
from cocreacion.comun.historial import Historial
from cocreacion.comun.validadores import validar_imagen_nueva, validar_texto_sin_danos
from cocreacion.operacion.medios import nombre_aleatorio

from .campo_busqueda import CampoDeBusqueda, indices_de_busqueda


def normalizar_nombre(texto: str) -> str:
    """Forma comparable de un nombre: sin acentos, minúsculas y espacios simples.

    La ñ se conserva: «Peñoles» y «Penoles» son nombres distintos.
    """
    texto = (texto or "").replace("ñ", "\0").replace("Ñ", "\0")
    sin_acentos = "".join(
        c for c in unicodedata.normalize("NFKD", texto) if not unicodedata.combining(c)
    )
    sin_acentos = sin_acentos.replace("\0", "ñ").lower()
    return re.sub(r"\s+", " ", re.sub(r"[^\wñ]+", " ", sin_acentos)).strip()


def ruta_logo(instancia, nombre: str) -> str:
    return nombre_aleatorio("institucion", nombre)


class Origen(models.TextChoices):
    """De dónde sale un dato: del documento fuente o de la lectura propia de la DGA.

    Lo que es interpretación de la DGA (alinear una línea a un artículo, fechar un plan,
    clasificar un compromiso) se marca como tal en páginas, PDF y datos abiertos.
    """

    DOCUMENTO = "documento", _("documento fuente")
    INTERPRETACION = "interpretacion_dga", _("interpretación de la DGA")


def campo_origen(que: str):
    return models.CharField(
        _("origen de %(que)s") % {"que": que},
        max_length=20,
        choices=Origen.choices,
        default=Origen.DOCUMENTO,
        help_text=_(
            "«Interpretación de la DGA» si el documento fuente no lo dice: se marca a la vista."
        ),
    )


def campo_fuente(que: str):
    return models.TextField(
        _("fuente de %(que)s") % {"que": que},
        blank=True,
        help_text=_("Documento, sección o razonamiento del que sale el dato."),
    )


class InstitucionQuerySet(models.QuerySet):
    def vigente_en(self, fecha: dt.date) -> "Institucion":
        """La institución en funciones en ``fecha``: la que firma un documento de ese día.

        Un inicio o un término vacío es un extremo abierto (fecha no verificada). Si ningún
        registro cubre ``fecha``, la más próxima: la primera que empezó después o, si no hay,
        la última. Sin registros, una sin guardar con los datos de la semilla. Siempre una sola
        consulta: son pocos registros y la página que la pide tiene su número de consultas fijo.
        """
        registros = list(self.order_by(F("vigente_desde").asc(nulls_first=True), "pk"))
        if not registros:
            return Institucion()
        cubren = [
            r
            for r in registros
            if (r.vigente_desde is None or r.vigente_desde <= fecha)
            and (r.vigente_hasta is None or r.vigente_hasta >= fecha)
        ]
        if cubren:
            return cubren[-1]
        posteriores = [r for r in registros if r.vigente_desde and r.vigente_desde > fecha]
        return posteriores[0] if posteriores else registros[-1]

    def actual(self) -> "Institucion":
        """La institución en funciones hoy: la que nombran el encabezado y el pie del sitio."""
        return self.vigente_en(timezone.localdate())

    def en_el_tiempo(self):
        """Todas, de la más antigua a la actual (historial del órgano garante)."""
        return self.order_by(F("vigente_desde").asc(nulls_first=True), "pk")


class Institucion(models.Model):
    """El órgano garante en un periodo. Son datos y no constantes: la ley y el nombre cambian.

    Hay un registro por cada órgano (o cada cambio de nombre), con sus fechas de vigencia: un
    documento nombra a la institución en funciones en su propia fecha (``vigente_en``) y el
    sitio, a la de hoy (``actual``). Lo que no está verificado queda vacío y se dice en ``nota``.
    """

    nombre = models.CharField(
        _("nombre"),
        max_length=255,
        default="Instituto de Acceso a la Información Pública y Protección de Datos "
        "Personales del Estado de Oaxaca",
    )
    siglas = models.CharField(_("siglas"), max_length=40, blank=True, default="IAIP Oaxaca")
    area = models.CharField(
        _("área responsable"), max_length=200, default="Dirección de Gobierno Abierto"
    )
    siglas_area = models.CharField(
        _("siglas del área"),
        max_length=20,
        default="DGA",
        validators=[validar_siglas_del_area],
        help_text=_(
            "Inician el folio de cada dictamen (p. ej. «DGA/DIP/2021-S1/0007»): sólo letras "
            "sin acentos, números y guiones."
        ),
    )
    organo_aprobador = models.CharField(
        _("órgano que aprueba"),
        max_length=120,
        blank=True,
        default="Consejo General",
        help_text=_(
            "Por ejemplo «Consejo General» o «Pleno». Vacío si no está verificado: entonces no "
            "se registran aprobaciones a su nombre."
        ),
    )
    logo = models.ImageField(
        _("logotipo"),
        upload_to=ruta_logo,
        blank=True,
        validators=[validar_imagen_nueva],
        help_text=_("PNG, JPG o WebP de hasta 2 MB."),
    )
    domicilio = models.TextField(_("domicilio"), blank=True)
    telefonos = models.CharField(_("teléfonos"), max_length=255, blank=True)
    correo = models.EmailField(_("correo electrónico"), blank=True)
    sitio = models.URLField(_("sitio web"), blank=True)
    sitio_gobierno_abierto = models.URLField(_("sitio de gobierno abierto"), blank=True)
    redes_sociales = models.CharField(_("redes sociales"), max_length=255, blank=True)
    licencia_datos = models.CharField(
        _("licencia de los datos abiertos"),
        max_length=200,
        default="Creative Commons Atribución 4.0 Internacional (CC BY 4.0)",
    )
    licencia_datos_url = models.URLField(
        _("dirección de la licencia"),
        blank=True,
        default="https://creativecommons.org/licenses/by/4.0/deed.es",
    )
    vigente_desde = models.DateField(
        _("en funciones desde"),
        null=True,
        blank=True,
        help_text=_("Vacío si la fecha no está verificada (se toma como inicio abierto)."),
    )
    vigente_hasta = models.DateField(
        _("en funciones hasta"),
        null=True,
        blank=True,
        help_text=_("Vacío mientras sigue en funciones o si la fecha no está verificada."),
    )
    fuente = models.TextField(
        _("fuente"), blank=True, help_text=_("De dónde salen el nombre y las fechas.")
    )
    nota = models.TextField(
        _("nota"), blank=True, help_text=_("Qué dato no está verificado y por qué quedó vacío.")
    )

    history = Historial()
    objects = InstitucionQuerySet.as_manager()

    class Meta:
        ordering = [F("vigente_desde").asc(nulls_first=True), "pk"]
        verbose_name = _("institución")
        verbose_name_plural = _("instituciones")

    def __str__(self):
        return self.nombre_corto

    @property
    def nombre_corto(self) -> str:
        """Las siglas o, si no hay siglas verificadas, el nombre."""
        return self.siglas or self.nombre

    @property
    def periodo(self) -> str:
        """«3 de junio de 2021 – 31 de enero de 2026», con «fecha no verificada» donde falta."""
        from cocreacion.comun.fechas import fecha_larga

        def texto(fecha, vacio):
            return fecha_larga(fecha) if fecha else vacio

        desde = texto(self.vigente_desde, _("fecha de inicio no verificada"))
        hasta = texto(self.vigente_hasta, _("a la fecha"))
        return f"{desde} – {hasta}"

    def clean(self):
        if self.vigente_desde and self.vigente_hasta and self.vigente_hasta < self.vigente_desde:
            raise ValidationError(
                {"vigente_hasta": _("El término no puede ser anterior al inicio.")}
            )
        # Una sola institución en funciones en cada fecha: los periodos no se enciman.
        inicio = self.vigente_desde or dt.date.min
        fin = self.vigente_hasta or dt.date.max
        enciman = (
            Institucion.objects.exclude(pk=self.pk)
            .filter(Q(vigente_desde__isnull=True) | Q(vigente_desde__lte=fin))
            .filter(Q(vigente_hasta__isnull=True) | Q(vigente_hasta__gte=inicio))
            .first()
        )
        if enciman is not None:
            raise ValidationError(
                _("El periodo se encima con el de %(otra)s (%(periodo)s): ajuste las fechas.")
                % {"otra": enciman.nombre_corto, "periodo": enciman.periodo}
            )


class ObjetivoDesarrolloSostenible(models.Model):
    numero = models.PositiveSmallIntegerField(_("número"), unique=True)
    nombre_corto = models.CharField(_("nombre corto"), max_length=120)
    titulo = models.TextField(_("título"))

    history = Historial()

    class Meta:
        ordering = ["numero"]
        verbose_name = _("objetivo de desarrollo sostenible")
        verbose_name_plural = _("objetivos de desarrollo sostenible")

    def __str__(self):
        return f"ODS {self.numero}. {self.nombre_corto}"


class MetaODS(models.Model):
    ods = models.ForeignKey(
        ObjetivoDesarrolloSostenible,
        on_delete=models.PROTECT,
        related_name="metas",
        verbose_name=_("objetivo"),
    )
    clave = models.CharField(_("clave"), max_length=10, unique=True, help_text="p. ej. 16.10")
    orden = models.PositiveSmallIntegerField(_("orden"), default=0)
    texto = models.TextField(_("texto"))

    history = Historial()

    class Meta:
        ordering = ["ods__numero", "orden"]
        verbose_name = _("meta ODS")
        verbose_name_plural = _("metas ODS")

    def __str__(self):
        return f"Meta {self.clave}"


class Municipio(models.Model):
    clave = models.CharField(_("clave geoestadística (CVEGEO)"), max_length=5, unique=True)
    clave_municipio = models.CharField(_("clave municipal"), max_length=3)
    nombre = models.CharField(_("nombre"), max_length=150)

    history = Historial()

    class Meta:
        ordering = ["nombre"]
        verbose_name = _("municipio")
        verbose_name_plural = _("municipios")

    def __str__(self):
        return self.nombre


class TipoSujetoObligado(models.TextChoices):
    PODER_EJECUTIVO = "poder_ejecutivo", _("Poder Ejecutivo")
    PODER_LEGISLATIVO = "poder_legislativo", _("Poder Legislativo")
    PODER_JUDICIAL = "poder_judicial", _("Poder Judicial")
    ORGANO_AUTONOMO = "organo_autonomo", _("Órgano autónomo")
    MUNICIPIO = "municipio", _("Municipio")
    PARTIDO_POLITICO = "partido_politico", _("Partido político")
    SINDICATO = "sindicato", _("Sindicato")
    FIDEICOMISO = "fideicomiso", _("Fideicomiso o fondo público")
    UNIVERSIDAD = "universidad", _("Universidad pública")
    PERSONA = "persona", _("Persona física o moral")
    DESCENTRALIZADO = "descentralizado", _("Organismo descentralizado")


class OrdenGobierno(models.TextChoices):
    FEDERAL = "federal", _("Federal")
    ESTATAL = "estatal", _("Estatal")
    MUNICIPAL = "municipal", _("Municipal")


class EntidadFederativa(models.TextChoices):
    AGUASCALIENTES = "aguascalientes", "Aguascalientes"
    BAJA_CALIFORNIA = "baja_california", "Baja California"
    BAJA_CALIFORNIA_SUR = "baja_california_sur", "Baja California Sur"
    CAMPECHE = "campeche", "Campeche"
    CHIAPAS = "chiapas", "Chiapas"
    CHIHUAHUA = "chihuahua", "Chihuahua"
    CIUDAD_DE_MEXICO = "ciudad_de_mexico", "Ciudad de México"
    COAHUILA = "coahuila", "Coahuila"
    COLIMA = "colima", "Colima"
    DURANGO = "durango", "Durango"
    GUANAJUATO = "guanajuato", "Guanajuato"
    GUERRERO = "guerrero", "Guerrero"
    HIDALGO = "hidalgo", "Hidalgo"
    JALISCO = "jalisco", "Jalisco"
    MEXICO = "mexico", "Estado de México"
    MICHOACAN = "michoacan", "Michoacán"
    MORELOS = "morelos", "Morelos"
    NAYARIT = "nayarit", "Nayarit"
    NUEVO_LEON = "nuevo_leon", "Nuevo León"
    OAXACA = "oaxaca", "Oaxaca"
    PUEBLA = "puebla", "Puebla"
    QUERETARO = "queretaro", "Querétaro"
    QUINTANA_ROO = "quintana_roo", "Quintana Roo"
    SAN_LUIS_POTOSI = "san_luis_potosi", "San Luis Potosí"
    SINALOA = "sinaloa", "Sinaloa"
    SONORA = "sonora", "Sonora"
    TABASCO = "tabasco", "Tabasco"
    TAMAULIPAS = "tamaulipas", "Tamaulipas"
    TLAXCALA = "tlaxcala", "Tlaxcala"
    VERACRUZ = "veracruz", "Veracruz"
    YUCATAN = "yucatan", "Yucatán"
    ZACATECAS = "zacatecas", "Zacatecas"


class SujetoObligadoQuerySet(models.QuerySet):
    def activos(self):
        return self.filter(activo=True)

    def vigentes(self, fecha: date | None = None):
        """Los que existen en ``fecha`` (hoy si no se da) según sus fechas de vigencia."""
        fecha = fecha or timezone.localdate()
        return self.filter(
            Q(vigente_desde__isnull=True) | Q(vigente_desde__lte=fecha),
            Q(vigente_hasta__isnull=True) | Q(vigente_hasta__gte=fecha),
        )

    def requeribles(self, fecha: date | None = None):
        """A quiénes se puede pedir un listado en ``fecha``: activos y vigentes del padrón."""
        return self.activos().vigentes(fecha)


class SujetoObligado(models.Model):
    """Sujeto obligado del padrón de Oaxaca: lo que supervisa el órgano garante del estado.

    Sólo éstos reciben listados, enlaces y compromisos. Los organismos de otros estados o de la
    federación que aparecen en la Métrica no están aquí: son entradas de comparación de
    ``metricas`` (``EntidadComparada``).
    """

    nombre = models.CharField(
        _("nombre legal"), max_length=255, validators=[validar_texto_sin_danos]
    )
    siglas = models.CharField(
        _("nombre corto o siglas"),
        max_length=40,
        blank=True,
        validators=[validar_texto_sin_danos],
    )
    slug = models.SlugField(_("identificador en la dirección"), max_length=120, unique=True)
    tipo = models.CharField(_("tipo"), max_length=30, choices=TipoSujetoObligado.choices)
    orden = models.CharField(_("orden de gobierno"), max_length=10, choices=OrdenGobierno.choices)
    municipio = models.ForeignKey(
        Municipio,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sujetos_obligados",
        verbose_name=_("municipio"),
        help_text=_("Sólo cuando el sujeto obligado es un ayuntamiento o depende de uno."),
    )
    vigente_desde = models.DateField(
        _("vigente desde"),
        null=True,
        blank=True,
        help_text=_("Fecha en que se volvió sujeto obligado; en blanco si no se conoce."),
    )
    vigente_hasta = models.DateField(
        _("vigente hasta"),
        null=True,
        blank=True,
        help_text=_("Fecha en que dejó de serlo (extinción, fusión); en blanco si sigue."),
    )
    activo = models.BooleanField(
        _("activo"),
        default=True,
        help_text=_("Sólo a los activos y vigentes se les piden listados."),
    )
    nombre_normalizado = models.CharField(
        _("nombre normalizado"), max_length=255, editable=False, db_index=True
    )

    # Texto buscable (``cocreacion.portal.busqueda``): la columna y sus índices salen de aquí.
    busqueda = CampoDeBusqueda(campos=["nombre", "siglas"])
    history = Historial()
    objects = SujetoObligadoQuerySet.as_manager()

    class Meta:
        indexes = [*indices_de_busqueda("coc_sujeto", titulo="nombre")]
        ordering = ["nombre"]
        verbose_name = _("sujeto obligado")
        verbose_name_plural = _("sujetos obligados")
        constraints = [
            models.UniqueConstraint(
                fields=["nombre_normalizado"],
                name="sujeto_unico_en_el_padron",
                violation_error_message=_("Ya existe un sujeto obligado con ese nombre."),
            ),
            models.CheckConstraint(
                condition=Q(vigente_hasta__isnull=True)
                | Q(vigente_desde__isnull=True)
                | Q(vigente_hasta__gte=F("vigente_desde")),
                name="sujeto_vigencia_ordenada",
                violation_error_message=_(
                    "La fecha «vigente hasta» no puede ser anterior a «vigente desde»."
                ),
            ),
        ]

    def __str__(self):
        return self.nombre

    def save(self, *args, **kwargs):
        self.nombre_normalizado = normalizar_nombre(self.nombre)
        if not self.slug:
            self.slug = slugify(self.nombre)[:120]
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return enlace_seguro("cocreacion:sujeto_detalle", slug=self.slug)

    def clean_fields(self, exclude=None):
        # Los campos derivados se calculan antes de validar: el slug se puede omitir.
        self.nombre_normalizado = normalizar_nombre(self.nombre)
        if not self.slug and self.nombre:
            self.slug = slugify(self.nombre)[:120]
        super().clean_fields(exclude=exclude)

    @property
    def distintivo(self) -> str:
        """Lo que distingue a dos sujetos de nombre parecido: tipo y, si lo hay, municipio."""
        partes = [self.get_tipo_display()]
        if self.municipio_id and self.tipo != TipoSujetoObligado.MUNICIPIO:
            partes.append(str(self.municipio))
        return " · ".join(partes)


class TipoOrganizacion(models.TextChoices):
    SOCIEDAD_CIVIL = "sociedad_civil", _("Organización de la sociedad civil")
    ACADEMIA = "academia", _("Academia")
    AGENTE_LOCAL = "agente_local", _("Agentes locales de cambio")
    ORGANISMO_INTERNACIONAL = "organismo_internacional", _("Organismo internacional")
    ORGANISMO_PUBLICO = "organismo_publico", _("Organismo público")
    EMPRESA = "empresa", _("Iniciativa privada")
    OTRO = "otro", _("Otro")


class AmbitoOrganizacion(models.TextChoices):
    LOCAL = "local", _("Local")
    NACIONAL = "nacional", _("Nacional")
    INTERNACIONAL = "internacional", _("Internacional")


class Organizacion(models.Model):
    nombre = models.CharField(_("nombre"), max_length=255, unique=True)
    siglas = models.CharField(_("siglas"), max_length=40, blank=True)
    tipo = models.CharField(_("tipo"), max_length=30, choices=TipoOrganizacion.choices)
    ambito = models.CharField(_("ámbito"), max_length=15, choices=AmbitoOrganizacion.choices)
    descripcion = models.TextField(_("descripción"), blank=True)
    es_referente = models.BooleanField(
        _("organización referente"),
        default=False,
        help_text=_("Aparece entre las organizaciones referentes del programa."),
    )
    sitio = models.URLField(_("sitio web"), blank=True)

    history = Historial()

    class Meta:
        ordering = ["nombre"]
        verbose_name = _("organización")
        verbose_name_plural = _("organizaciones")

    def __str__(self):
        return f"{self.nombre} ({self.siglas})" if self.siglas else self.nombre


class EstadoLey(models.TextChoices):
    VIGENTE = "vigente", _("vigente")
    ABROGADA = "abrogada", _("abrogada")
    NO_PUBLICADA = "no_publicada", _("aún no publicada")
    SIN_VERIFICAR = "sin_verificar", _("abrogada en fecha no verificada")


class DisposicionQuerySet(models.QuerySet):
    def vigentes_en(self, fecha: dt.date):
        """Las de leyes que estaban en vigor en ``fecha`` (las de fecha dudosa no cuentan)."""
        publicada = Q(fecha_publicacion_ley__isnull=True) | Q(fecha_publicacion_ley__lte=fecha)
        con_fecha = Q(fecha_abrogacion_ley__gt=fecha)
        sin_abrogar = Q(fecha_abrogacion_ley__isnull=True, ley_abrogada=False)
        constatada = Q(
            fecha_abrogacion_ley__isnull=True,
            ley_abrogada=True,
            vigencia_constatada_hasta__gte=fecha,
        )
        return self.filter(publicada & (con_fecha | sin_abrogar | constatada))


class Disposicion(models.Model):
    """Disposición jurídica que da sustento a una línea de acción (alineación normativa).

    Guarda su ley tal como la citó el programa y la vida de esa ley: publicación, abrogación y
    la ley que la sustituyó, con su fuente. Un programa pasado muestra la disposición como
    estaba en su año (``estado_en``) y avisa que después fue sustituida. El artículo que le
    corresponde en la ley nueva sólo se anota si está verificado.
    """

    ordenamiento = models.CharField(_("ordenamiento"), max_length=255)
    siglas_ordenamiento = models.CharField(_("siglas del ordenamiento"), max_length=20)
    articulo = models.CharField(_("artículo"), max_length=20)
    fraccion = models.CharField(_("fracción"), max_length=20, blank=True)
    ubicacion = models.CharField(
        _("título y capítulo"), max_length=255, blank=True, help_text=_("Título, capítulo…")
    )
    texto = models.TextField(_("texto"))
    fecha_publicacion_ley = models.DateField(
        _("publicación de la ley"),
        null=True,
        blank=True,
        help_text=_("Fecha de publicación oficial (DOF o Periódico Oficial) de la ley citada."),
    )
    fecha_abrogacion_ley = models.DateField(
        _("abrogación de la ley"),
        null=True,
        blank=True,
        help_text=_("Día en que la ley dejó de estar en vigor. Vacío si sigue o si no consta."),
    )
    ley_abrogada = models.BooleanField(
        _("ley abrogada"),
        default=False,
        help_text=_("Marcada aunque la fecha de abrogación no esté verificada."),
    )
    vigencia_constatada_hasta = models.DateField(
        _("vigencia constatada hasta"),
        null=True,
        blank=True,
        help_text=_(
            "Si la fecha de abrogación no está verificada: último día en que consta que la ley "
            "seguía en vigor (p. ej. el día en que se aprobó la ley que la sustituye)."
        ),
    )
    ley_sustituta = models.TextField(
        _("ley que la sustituyó"),
        blank=True,
        help_text=_("Nombre y publicación de la ley nueva, p. ej. «… (DOF 20-03-2025)»."),
    )
    articulo_sustituto = models.CharField(
        _("artículo equivalente en la ley nueva"),
        max_length=60,
        blank=True,
        help_text=_("Sólo si está verificado; vacío en caso contrario (no se adivina)."),
    )
    fuente_ley = models.TextField(
        _("fuente de las fechas"), blank=True, help_text=_("Documento o dirección consultada.")
    )
    nota_ley = models.TextField(
        _("nota sobre la ley"),
        blank=True,
        help_text=_("Qué dato no está verificado (fecha, artículo nuevo) y por qué."),
    )
    orden = models.PositiveIntegerField(_("orden"), default=0)

    history = Historial()
    objects = DisposicionQuerySet.as_manager()

    class Meta:
        ordering = ["orden", "pk"]
        verbose_name = _("disposición jurídica")
        verbose_name_plural = _("disposiciones jurídicas")
        constraints = [
            models.UniqueConstraint(
                fields=["siglas_ordenamiento", "articulo", "fraccion"],
                name="disposicion_unica",
            )
        ]

    def __str__(self):
        cita = f"{self.siglas_ordenamiento} art. {self.articulo}"
        return f"{cita} fr. {self.fraccion}" if self.fraccion else cita

    def clean(self):
        if (
            self.fecha_publicacion_ley
            and self.fecha_abrogacion_ley
            and self.fecha_abrogacion_ley <= self.fecha_publicacion_ley
        ):
            raise ValidationError(
                {"fecha_abrogacion_ley": _("La abrogación debe ser posterior a la publicación.")}
            )
        if self.fecha_abrogacion_ley:
            self.ley_abrogada = True

    def estado_en(self, fecha: dt.date) -> EstadoLey:
        """Estado de la ley citada en ``fecha`` (lo que mostraba el programa de ese año)."""
        if self.fecha_publicacion_ley and fecha < self.fecha_publicacion_ley:
            return EstadoLey.NO_PUBLICADA
        if self.fecha_abrogacion_ley:
            return EstadoLey.VIGENTE if fecha < self.fecha_abrogacion_ley else EstadoLey.ABROGADA
        if not self.ley_abrogada:
            return EstadoLey.VIGENTE
        if self.vigencia_constatada_hasta and fecha <= self.vigencia_constatada_hasta:
            return EstadoLey.VIGENTE
        return EstadoLey.SIN_VERIFICAR

    @property
    def vigente(self) -> bool:
        return self.estado_en(timezone.localdate()) == EstadoLey.VIGENTE

    @property
    def nota_de_sustitucion(self) -> str:
        """Aviso para quien lee un programa pasado: la ley ya no rige y cuál la sustituyó."""
        if not self.ley_abrogada:
            return ""
        if self.fecha_abrogacion_ley:
            from cocreacion.comun.fechas import fecha_larga

            cuando = _("abrogada el %(f)s") % {"f": fecha_larga(self.fecha_abrogacion_ley)}
        else:
            cuando = _("abrogada después (fecha exacta no verificada)")
        partes = [_("Disposición de la ley entonces vigente, %(c)s") % {"c": cuando}]
        if self.ley_sustituta:
            partes.append(_("sustituida por la %(ley)s") % {"ley": self.ley_sustituta})
        if self.articulo_sustituto:
            partes.append(_("artículo equivalente: %(a)s") % {"a": self.articulo_sustituto})
        else:
            partes.append(_("artículo equivalente en la ley nueva no verificado"))
        return "; ".join(str(p) for p in partes) + "."


class Enlace(models.Model):
    """Persona usuaria que representa a un sujeto obligado ante la DGA.

    Sólo ve y modifica los registros de su sujeto obligado (ver ``permissions.py`` de cada app).
    """

    usuario = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="enlace",
        verbose_name=_("usuario"),
    )
    sujeto_obligado = models.ForeignKey(
        SujetoObligado,
        on_delete=models.PROTECT,
        related_name="enlaces",
        verbose_name=_("sujeto obligado"),
    )
    cargo = models.CharField(_("cargo"), max_length=200, blank=True)
    activo = models.BooleanField(_("activo"), default=True)

    history = Historial()

    class Meta:
        verbose_name = _("enlace de sujeto obligado")
        verbose_name_plural = _("enlaces de sujetos obligados")

    def __str__(self):
        persona = self.usuario.get_full_name() or self.usuario.get_username()
        return f"{persona} — {self.sujeto_obligado}"
