"""Institución y catálogos compartidos por todas las aplicaciones."""

import re
import unicodedata

from django.conf import settings
from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from ..enlaces import enlace_seguro, validar_siglas_del_area
from ..historial import Historial
from ..medios import nombre_aleatorio
from ..validadores import validar_imagen_nueva


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


class InstitucionQuerySet(models.QuerySet):
    def actual(self) -> "Institucion":
        """El único registro de la institución; uno sin guardar si aún no se capturó."""
        return self.order_by("pk").first() or Institucion()


class Institucion(models.Model):
    """Datos del órgano garante. Son datos y no constantes: la ley y el nombre cambian."""

    nombre = models.CharField(
        _("nombre"),
        max_length=255,
        default="Instituto de Acceso a la Información Pública y Protección de Datos "
        "Personales del Estado de Oaxaca",
    )
    siglas = models.CharField(_("siglas"), max_length=40, default="IAIP Oaxaca")
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
        default="Consejo General",
        help_text=_("Por ejemplo «Consejo General» o «Pleno»."),
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

    history = Historial()
    objects = InstitucionQuerySet.as_manager()

    class Meta:
        verbose_name = _("institución")
        verbose_name_plural = _("institución")

    def __str__(self):
        return self.siglas or self.nombre


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

    def de_oaxaca(self):
        return self.filter(entidad_federativa=EntidadFederativa.OAXACA)


class SujetoObligado(models.Model):
    """Institución obligada por la ley de transparencia."""

    nombre = models.CharField(_("nombre"), max_length=255)
    siglas = models.CharField(_("siglas"), max_length=40, blank=True)
    slug = models.SlugField(_("identificador en la dirección"), max_length=120, unique=True)
    tipo = models.CharField(_("tipo"), max_length=30, choices=TipoSujetoObligado.choices)
    orden = models.CharField(_("orden de gobierno"), max_length=10, choices=OrdenGobierno.choices)
    entidad_federativa = models.CharField(
        _("entidad federativa"),
        max_length=30,
        choices=EntidadFederativa.choices,
        default=EntidadFederativa.OAXACA,
        blank=True,
        help_text=_("En blanco para los sujetos obligados del orden federal."),
    )
    municipio = models.ForeignKey(
        Municipio,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sujetos_obligados",
        verbose_name=_("municipio"),
    )
    activo = models.BooleanField(_("activo"), default=True)
    nombre_normalizado = models.CharField(
        _("nombre normalizado"), max_length=255, editable=False, db_index=True
    )

    history = Historial()
    objects = SujetoObligadoQuerySet.as_manager()

    class Meta:
        ordering = ["nombre"]
        verbose_name = _("sujeto obligado")
        verbose_name_plural = _("sujetos obligados")
        constraints = [
            models.UniqueConstraint(
                fields=["entidad_federativa", "nombre_normalizado"],
                name="sujeto_unico_por_entidad",
                violation_error_message=_(
                    "Ya existe un sujeto obligado con ese nombre en esa entidad federativa."
                ),
            )
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


class Disposicion(models.Model):
    """Disposición jurídica que da sustento a una línea de acción (alineación normativa)."""

    ordenamiento = models.CharField(_("ordenamiento"), max_length=255)
    siglas_ordenamiento = models.CharField(_("siglas del ordenamiento"), max_length=20)
    articulo = models.CharField(_("artículo"), max_length=20)
    fraccion = models.CharField(_("fracción"), max_length=20, blank=True)
    ubicacion = models.CharField(
        _("título y capítulo"), max_length=255, blank=True, help_text=_("Título, capítulo…")
    )
    texto = models.TextField(_("texto"))
    vigente = models.BooleanField(
        _("vigente"),
        default=True,
        help_text=_("Las disposiciones derogadas se conservan para los programas pasados."),
    )
    orden = models.PositiveIntegerField(_("orden"), default=0)

    history = Historial()

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
