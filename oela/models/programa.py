"""El árbol del programa: Programa → Objetivo → Estrategia → Línea de acción → Acción.

Las claves («1.2.3») se derivan de los números de cada nivel y de sus padres: nunca se
capturan dos veces, así que la clave de una línea no puede contradecir a su estrategia.
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from cocreacion.comun.historial import Historial
from cocreacion.models import Origen, campo_fuente, campo_origen
from cocreacion.models.campo_busqueda import CampoDeBusqueda, indices_de_busqueda

# Los doce meses, escritos una sola vez: de aquí salen los campos del calendario de una acción,
# su nombre, su encabezado en la matriz («Ene») y las opciones de ``Avance.mes``. No se toman de
# ``django.utils.dates.MONTHS`` porque estos nombres son parte del estado de las migraciones
# (``verbose_name`` y ``choices``) y el texto fuente de Django es inglés («January»): cambiarlo
# pediría una migración que no toca la base. Las fechas largas sí salen de Django
# (``cocreacion.comun.fechas.fecha_larga``, con ``date_format``).
_MESES = (
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
)
NOMBRES_MES = [_(mes) for mes in _MESES]
# Campos del calendario de una acción, en orden, con su encabezado en la matriz.
MESES = [(mes[:3], mes[:3].capitalize()) for mes in _MESES]


class EstadoPrograma(models.TextChoices):
    BORRADOR = "borrador", _("Borrador")
    PUBLICADO = "publicado", _("Publicado")
    CERRADO = "cerrado", _("Cerrado")


class ProgramaQuerySet(models.QuerySet):
    def publicados(self):
        """La única puerta de las páginas públicas: publicados y cerrados (nunca borradores)."""
        return self.filter(estado__in=[EstadoPrograma.PUBLICADO, EstadoPrograma.CERRADO])


def _peso():
    return models.PositiveSmallIntegerField(
        _("peso"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(1000)],
        help_text=_("Cuánto cuenta este elemento en el avance del nivel superior."),
    )


def _numero():
    return models.PositiveSmallIntegerField(
        _("número"), validators=[MinValueValidator(1), MaxValueValidator(999)]
    )


class Programa(models.Model):
    anio = models.PositiveSmallIntegerField(
        _("año"), unique=True, validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    titulo = models.CharField(_("título"), max_length=255)
    area = models.CharField(_("área responsable"), max_length=200)
    presentacion = models.TextField(_("presentación"), blank=True)
    introduccion = models.TextField(
        _("introducción a los objetivos"),
        blank=True,
        help_text=_("Texto que antecede al objetivo general en el apartado OELA."),
    )
    objetivo_general = models.TextField(_("objetivo general"))
    fecha_documento = models.DateField(
        _("fecha del documento"),
        null=True,
        blank=True,
        help_text=_(
            "Fecha en que se emitió el programa: decide qué institución lo firma y en qué estado "
            "se muestran sus leyes. Vacía: el 1 de enero de su año."
        ),
    )
    estado = models.CharField(
        _("estado"),
        max_length=10,
        choices=EstadoPrograma.choices,
        default=EstadoPrograma.BORRADOR,
    )

    history = Historial()
    objects = ProgramaQuerySet.as_manager()

    class Meta:
        ordering = ["-anio"]
        verbose_name = _("programa anual de trabajo")
        verbose_name_plural = _("programas anuales de trabajo")
        permissions = [("publicar_programa", _("Puede publicar y cerrar programas"))]

    def __str__(self):
        return f"{self.anio} · {self.titulo}"

    def get_absolute_url(self):
        return reverse("oela:programa_detalle", kwargs={"anio": self.anio})

    @property
    def es_publico(self) -> bool:
        return self.estado != EstadoPrograma.BORRADOR

    @property
    def fecha_referencia(self):
        """El día del documento; sin fecha capturada, el inicio de su año (cuando rige)."""
        import datetime as dt

        return self.fecha_documento or dt.date(self.anio, 1, 1)


class TipoBloque(models.TextChoices):
    TITULO = "titulo", _("título")
    PARRAFO = "parrafo", _("párrafo")


class LugarSeccion(models.TextChoices):
    INICIO = "inicio", _("antes de la presentación")
    ANTECEDENTES = "antecedentes", _("después de la presentación")
    ANEXOS = "anexos", _("antes de la matriz")


class SeccionPrograma(models.Model):
    """Un apartado del documento del programa reproducido textualmente (Introducción,
    Justificación, Definiciones, Marco normativo…).

    ``texto`` va tal cual el documento, con los párrafos separados por una línea en blanco;
    un párrafo que empieza con «## » es un subtítulo del apartado. Así la página y el PDF
    reproducen el documento sin reescribirlo.
    """

    programa = models.ForeignKey(
        Programa, on_delete=models.CASCADE, related_name="secciones", verbose_name=_("programa")
    )
    orden = models.PositiveSmallIntegerField(_("orden"))
    clave = models.SlugField(_("identificador"), max_length=60)
    titulo = models.CharField(_("título"), max_length=200)
    lugar = models.CharField(
        _("lugar en el documento"),
        max_length=15,
        choices=LugarSeccion.choices,
        default=LugarSeccion.ANTECEDENTES,
    )
    texto = models.TextField(
        _("texto"),
        help_text=_("Párrafos separados por una línea en blanco; «## » al inicio: subtítulo."),
    )
    fuente = models.CharField(_("fuente"), max_length=255, blank=True)

    history = Historial()

    class Meta:
        ordering = ["programa", "orden"]
        verbose_name = _("apartado del documento")
        verbose_name_plural = _("apartados del documento")
        constraints = [
            models.UniqueConstraint(fields=["programa", "clave"], name="seccion_clave_unica")
        ]

    def __str__(self):
        return self.titulo

    @property
    def bloques(self) -> list[tuple[str, str]]:
        """[(«titulo» o «parrafo», texto)] en el orden del documento."""
        salida = []
        for parrafo in self.texto.split("\n\n"):
            parrafo = parrafo.strip()
            if not parrafo:
                continue
            if parrafo.startswith("## "):
                salida.append((TipoBloque.TITULO.value, parrafo[3:].strip()))
            else:
                salida.append((TipoBloque.PARRAFO.value, parrafo))
        return salida


class Objetivo(models.Model):
    """Eje programático: un objetivo del programa con su problemática por revertir."""

    programa = models.ForeignKey(
        Programa, on_delete=models.CASCADE, related_name="objetivos", verbose_name=_("programa")
    )
    numero = _numero()
    eje_problematico = models.TextField(_("eje problemático"), blank=True)
    problematica = models.TextField(_("problemática por revertir"), blank=True)
    texto = models.TextField(_("objetivo"))
    enunciado_especifico = models.TextField(
        _("enunciado como objetivo específico"),
        blank=True,
        help_text=_(
            "Cómo aparece en la lista de «Objetivos específicos» del documento, si difiere."
        ),
    )
    peso = _peso()

    history = Historial()

    class Meta:
        ordering = ["programa", "numero"]
        verbose_name = _("objetivo")
        verbose_name_plural = _("objetivos")
        constraints = [
            models.UniqueConstraint(
                fields=["programa", "numero"],
                name="objetivo_numero_unico",
                violation_error_message=_("Ya hay un objetivo con ese número en el programa."),
            )
        ]

    def __str__(self):
        return f"{self.clave}. {Truncator(self.texto).chars(80)}"

    @property
    def etiqueta_para_elegir(self) -> str:
        """Con el año del programa: tras copiar un programa, clave y texto se repiten."""
        return f"{self.programa.anio} · {self}"

    @property
    def clave(self) -> str:
        return str(self.numero)


class Estrategia(models.Model):
    objetivo = models.ForeignKey(
        Objetivo, on_delete=models.CASCADE, related_name="estrategias", verbose_name=_("objetivo")
    )
    numero = _numero()
    texto = models.TextField(_("estrategia"))
    peso = _peso()

    history = Historial()

    class Meta:
        ordering = ["objetivo__numero", "numero"]
        verbose_name = _("estrategia")
        verbose_name_plural = _("estrategias")
        constraints = [
            models.UniqueConstraint(
                fields=["objetivo", "numero"],
                name="estrategia_numero_unico",
                violation_error_message=_("Ya hay una estrategia con ese número en el objetivo."),
            )
        ]

    def __str__(self):
        return f"{self.clave}. {Truncator(self.texto).chars(80)}"

    @property
    def etiqueta_para_elegir(self) -> str:
        """Con el año del programa: tras copiar un programa, clave y texto se repiten."""
        return f"{self.objetivo.programa.anio} · {self}"

    @property
    def clave(self) -> str:
        return f"{self.objetivo.numero}.{self.numero}"


class LineaAccion(models.Model):
    estrategia = models.ForeignKey(
        Estrategia,
        on_delete=models.CASCADE,
        related_name="lineas",
        verbose_name=_("estrategia"),
    )
    numero = _numero()
    texto = models.TextField(_("línea de acción"))
    peso = _peso()
    disposiciones = models.ManyToManyField(
        "cocreacion.Disposicion",
        blank=True,
        related_name="lineas_accion",
        verbose_name=_("alineación normativa"),
    )
    metas_ods = models.ManyToManyField(
        "cocreacion.MetaODS",
        blank=True,
        related_name="lineas_accion",
        verbose_name=_("metas ODS"),
    )
    origen_alineacion = campo_origen(_("la alineación"))
    fuente_alineacion = campo_fuente(_("la alineación"))

    # Texto buscable (``cocreacion.portal.busqueda``): la columna y sus índices salen de aquí.
    busqueda = CampoDeBusqueda(campos=["texto"])
    history = Historial(m2m_fields=[disposiciones, metas_ods])

    class Meta:
        indexes = [*indices_de_busqueda("oela_linea", titulo="texto")]
        ordering = ["estrategia__objetivo__numero", "estrategia__numero", "numero"]
        verbose_name = _("línea de acción")
        verbose_name_plural = _("líneas de acción")
        constraints = [
            models.UniqueConstraint(
                fields=["estrategia", "numero"],
                name="linea_numero_unico",
                violation_error_message=_("Ya hay una línea con ese número en la estrategia."),
            )
        ]

    def __str__(self):
        return f"{self.clave}. {Truncator(self.texto).chars(80)}"

    def get_absolute_url(self):
        return reverse(
            "oela:linea_detalle",
            kwargs={"anio": self.estrategia.objetivo.programa.anio, "clave": self.clave},
        )

    @property
    def etiqueta_para_elegir(self) -> str:
        """Con el año del programa: tras copiar un programa, clave y texto se repiten."""
        return f"{self.estrategia.objetivo.programa.anio} · {self}"

    @property
    def clave(self) -> str:
        return f"{self.estrategia.objetivo.numero}.{self.estrategia.numero}.{self.numero}"

    @property
    def alineacion_interpretada(self) -> bool:
        return self.origen_alineacion == Origen.INTERPRETACION


class Accion(models.Model):
    """La hoja del árbol: lo que se programa y se mide (meta y calendario mensual)."""

    linea = models.ForeignKey(
        LineaAccion, on_delete=models.CASCADE, related_name="acciones", verbose_name=_("línea")
    )
    numero = _numero()
    descripcion = models.TextField(_("acción"))
    meta = models.PositiveIntegerField(_("meta"), help_text=_("Cantidad que se espera lograr."))
    unidad_medida = models.CharField(_("unidad de medida"), max_length=120)
    indicador = models.CharField(_("indicador"), max_length=255, blank=True)
    medio_verificacion = models.CharField(_("medio de verificación"), max_length=255, blank=True)
    responsable = models.CharField(_("responsable"), max_length=200, blank=True)
    ene = models.PositiveIntegerField(NOMBRES_MES[0], default=0)
    feb = models.PositiveIntegerField(NOMBRES_MES[1], default=0)
    mar = models.PositiveIntegerField(NOMBRES_MES[2], default=0)
    abr = models.PositiveIntegerField(NOMBRES_MES[3], default=0)
    may = models.PositiveIntegerField(NOMBRES_MES[4], default=0)
    jun = models.PositiveIntegerField(NOMBRES_MES[5], default=0)
    jul = models.PositiveIntegerField(NOMBRES_MES[6], default=0)
    ago = models.PositiveIntegerField(NOMBRES_MES[7], default=0)
    sep = models.PositiveIntegerField(NOMBRES_MES[8], default=0)
    oct = models.PositiveIntegerField(NOMBRES_MES[9], default=0)
    nov = models.PositiveIntegerField(NOMBRES_MES[10], default=0)
    dic = models.PositiveIntegerField(NOMBRES_MES[11], default=0)
    peso = _peso()

    # Texto buscable (``cocreacion.portal.busqueda``): la columna y sus índices salen de aquí.
    busqueda = CampoDeBusqueda(campos=["descripcion", "indicador", "responsable"])
    history = Historial()

    class Meta:
        indexes = [*indices_de_busqueda("oela_accion", titulo="descripcion")]
        ordering = [
            "linea__estrategia__objetivo__numero",
            "linea__estrategia__numero",
            "linea__numero",
            "numero",
        ]
        verbose_name = _("acción")
        verbose_name_plural = _("acciones")
        constraints = [
            models.UniqueConstraint(
                fields=["linea", "numero"],
                name="accion_numero_unico",
                violation_error_message=_("Ya hay una acción con ese número en la línea."),
            )
        ]

    def __str__(self):
        return f"{self.clave}. {Truncator(self.descripcion).chars(80)}"

    @property
    def etiqueta_para_elegir(self) -> str:
        """Con el año del programa: tras copiar un programa, clave y texto se repiten."""
        return f"{self.linea.estrategia.objetivo.programa.anio} · {self}"

    @property
    def clave(self) -> str:
        return f"{self.linea.clave}.{self.numero}"

    @property
    def calendario(self) -> list[int]:
        """Cantidades programadas de enero a diciembre."""
        return [getattr(self, campo) for campo, _encabezado in MESES]

    @property
    def calendario_con_meses(self) -> list[tuple[str, int]]:
        """[(«ene», 5), …] sólo de los meses con cantidad programada."""
        return [(campo, getattr(self, campo)) for campo, _e in MESES if getattr(self, campo)]

    @property
    def programado_total(self) -> int:
        return sum(self.calendario)
