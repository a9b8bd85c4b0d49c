"""Recursos de django-import-export para los datos abiertos del Secretariado.

Sólo exportan registros públicos (``publicados()``) y campos públicos: nunca notas internas.
La actualización masiva de hitos usa ``stgao.importacion`` (todo o nada, con errores por fila).
"""

from django.utils.translation import gettext_lazy as _
from import_export import fields, resources
from import_export.widgets import ForeignKeyWidget, ManyToManyWidget

from cocreacion.models import Organizacion, SujetoObligado
from cocreacion.portal.datos_abiertos import ConjuntoDeDatos

from .models import Acuerdo, Compromiso, Evidencia, Hito, Integrante, Sesion


class CompromisoResource(resources.ModelResource):
    plan = fields.Field(attribute="plan__nombre", column_name="plan")
    lider = fields.Field(
        attribute="lider", column_name="lider", widget=ForeignKeyWidget(SujetoObligado, "slug")
    )
    responsables = fields.Field(
        attribute="responsables",
        column_name="responsables",
        widget=ManyToManyWidget(SujetoObligado, field="slug", separator="|"),
    )
    corresponsables = fields.Field(
        attribute="corresponsables",
        column_name="corresponsables",
        widget=ManyToManyWidget(Organizacion, field="nombre", separator="|"),
    )
    metas_ods = fields.Field(
        attribute="metas_ods",
        column_name="metas_ods",
        widget=ManyToManyWidget(Compromiso.metas_ods.rel.model, field="clave", separator="|"),
    )

    class Meta:
        model = Compromiso
        fields = [
            "id", "plan", "numero", "slug", "titulo", "problema", "solucion", "beneficios",
            "objetivo", "linea_base", "tema", "valor_transparencia", "valor_participacion",
            "valor_rendicion_cuentas", "valor_innovacion", "lider", "responsables",
            "corresponsables", "metas_ods", "sitio_resultado", "fecha_inicio", "fecha_fin",
            "avance",
        ]  # fmt: skip
        export_order = fields

    def get_queryset(self):
        return (
            Compromiso.objects.publicados()
            .select_related("plan", "lider")
            .prefetch_related("responsables", "corresponsables", "metas_ods")
        )


class HitoResource(resources.ModelResource):
    compromiso = fields.Field(
        attribute="compromiso",
        column_name="compromiso",
        widget=ForeignKeyWidget(Compromiso, "slug"),
    )
    responsable = fields.Field(
        attribute="responsable",
        column_name="responsable",
        widget=ForeignKeyWidget(SujetoObligado, "slug"),
    )

    class Meta:
        model = Hito
        fields = [
            "id", "compromiso", "numero", "descripcion", "responsable", "fecha_inicio_planeada",
            "fecha_fin_planeada", "fecha_inicio_real", "fecha_fin_real", "peso", "estado",
        ]  # fmt: skip
        export_order = fields

    def get_queryset(self):
        return Hito.objects.filter(compromiso__in=Compromiso.objects.publicados()).select_related(
            "compromiso", "responsable"
        )


class SesionResource(resources.ModelResource):
    clave = fields.Field(attribute="clave", column_name="clave")

    class Meta:
        model = Sesion
        fields = [
            "id", "clave", "tipo", "numero", "anio", "fecha_hora", "modalidad", "sede",
            "enlace_virtual",
        ]  # fmt: skip
        export_order = fields

    def get_queryset(self):
        return Sesion.objects.publicadas()


class AcuerdoResource(resources.ModelResource):
    sesion = fields.Field(attribute="sesion__clave", column_name="sesion")

    class Meta:
        model = Acuerdo
        fields = ["id", "clave", "sesion", "texto", "fecha_limite", "estado"]
        export_order = fields

    def get_queryset(self):
        return Acuerdo.objects.publicados().select_related("sesion")


# --- Datos abiertos (``/datos/``) -------------------------------------------------------------
# Cada conjunto reutiliza las columnas del recurso de arriba y sólo añade identificadores que
# unen conjuntos (``*_id``), los textos de los códigos y el estado derivado.


def _compromisos_publicos():
    return Compromiso.objects.publicados()


class CompromisoDatosResource(CompromisoResource):
    plan_id = fields.Field(attribute="plan_id", column_name="plan_id")
    tema_texto = fields.Field(attribute="get_tema_display", column_name="tema_texto")
    estado = fields.Field(attribute="estado", column_name="estado")
    estado_texto = fields.Field(attribute="estado_etiqueta", column_name="estado_texto")
    lider_id = fields.Field(attribute="lider_id", column_name="lider_id")
    responsables_ids = fields.Field(column_name="responsables_ids")
    # Lo que es lectura de la DGA (tema y valores; periodo y estado del plan) va marcado.
    origen_tema_y_valores = fields.Field(
        attribute="get_origen_clasificacion_display", column_name="origen_tema_y_valores"
    )
    fuente_tema_y_valores = fields.Field(
        attribute="fuente_clasificacion", column_name="fuente_tema_y_valores"
    )
    plan_periodo = fields.Field(attribute="plan__periodo", column_name="plan_periodo")
    plan_estado = fields.Field(attribute="plan__get_estado_display", column_name="plan_estado")
    origen_plan_periodo_y_estado = fields.Field(
        attribute="plan__get_origen_periodo_display", column_name="origen_plan_periodo_y_estado"
    )
    fuente_plan_periodo_y_estado = fields.Field(
        attribute="plan__fuente_periodo", column_name="fuente_plan_periodo_y_estado"
    )

    class Meta:
        model = Compromiso
        fields = ["plan_id", *CompromisoResource.Meta.fields, "tema_texto", "estado"]
        fields += ["estado_texto", "lider_id", "responsables_ids"]
        fields += ["origen_tema_y_valores", "fuente_tema_y_valores", "plan_periodo"]
        fields += ["plan_estado", "origen_plan_periodo_y_estado", "fuente_plan_periodo_y_estado"]
        export_order = fields

    def dehydrate_responsables_ids(self, compromiso):
        return "|".join(str(s.pk) for s in compromiso.responsables.all())


class HitoDatosResource(HitoResource):
    compromiso_id = fields.Field(attribute="compromiso_id", column_name="compromiso_id")
    responsable_id = fields.Field(attribute="responsable_id", column_name="responsable_id")
    estado_texto = fields.Field(attribute="get_estado_display", column_name="estado_texto")

    class Meta:
        model = Hito
        fields = ["compromiso_id", *HitoResource.Meta.fields, "estado_texto", "responsable_id"]
        fields += ["fecha_inicio_original", "fecha_fin_original", "motivo_revision"]
        export_order = fields


class EvidenciaResource(resources.ModelResource):
    """Metadatos y ligas de la evidencia de hitos de compromisos publicados."""

    compromiso_id = fields.Field(attribute="hito__compromiso_id", column_name="compromiso_id")
    hito_numero = fields.Field(attribute="hito__numero", column_name="hito_numero")
    archivo_url = fields.Field(column_name="archivo_url")

    class Meta:
        model = Evidencia
        fields = ["id", "compromiso_id", "hito", "hito_numero", "descripcion", "fecha", "enlace"]
        fields += ["archivo_url"]
        export_order = fields

    def dehydrate_archivo_url(self, evidencia):
        return evidencia.archivo.url if evidencia.archivo else ""


class IntegranteResource(resources.ModelResource):
    """Lo que la portada del Secretariado publica de cada integrante (sin su sexo: el portal
    sólo publica el equilibrio de la mesa en agregado)."""

    organizacion_nombre = fields.Field(
        attribute="organizacion__nombre", column_name="organizacion_nombre"
    )
    sujeto_obligado_nombre = fields.Field(
        attribute="sujeto_obligado__nombre", column_name="sujeto_obligado_nombre"
    )
    sector_texto = fields.Field(attribute="get_sector_display", column_name="sector_texto")
    rol_texto = fields.Field(attribute="get_rol_display", column_name="rol_texto")

    class Meta:
        model = Integrante
        fields = [
            "id", "persona", "cargo", "sujeto_obligado", "sujeto_obligado_nombre", "organizacion",
            "organizacion_nombre", "sector", "sector_texto", "rol", "rol_texto", "suplente_de",
            "fecha_alta", "fecha_baja",
        ]  # fmt: skip
        export_order = fields


class SesionDatosResource(SesionResource):
    tipo_texto = fields.Field(attribute="get_tipo_display", column_name="tipo_texto")
    modalidad_texto = fields.Field(attribute="get_modalidad_display", column_name="modalidad_texto")

    class Meta:
        model = Sesion
        fields = [*SesionResource.Meta.fields, "tipo_texto", "modalidad_texto", "resumen"]
        export_order = fields


class AcuerdoDatosResource(AcuerdoResource):
    sesion_id = fields.Field(attribute="sesion_id", column_name="sesion_id")
    estado_texto = fields.Field(attribute="get_estado_display", column_name="estado_texto")
    sujetos_responsables_ids = fields.Field(column_name="sujetos_responsables_ids")

    class Meta:
        model = Acuerdo
        fields = ["sesion_id", *AcuerdoResource.Meta.fields, "estado_texto"]
        fields += ["sujetos_responsables_ids"]
        export_order = fields

    def dehydrate_sujetos_responsables_ids(self, acuerdo):
        return "|".join(str(s.pk) for s in acuerdo.sujetos_responsables.all())


_TEMA = _("Secretariado Técnico y Plan de Acción Local")

CONJUNTOS_DE_DATOS = [
    ConjuntoDeDatos(
        nombre="compromisos",
        titulo=_("Compromisos del Plan de Acción Local"),
        descripcion=_(
            "Compromisos publicados con su problema, solución, responsables, metas ODS, "
            "avance (%) derivado de los hitos y estado."
        ),
        recurso=CompromisoDatosResource,
        consulta=lambda: (
            _compromisos_publicos()
            .con_estado()
            .select_related("plan", "lider")
            .prefetch_related("responsables", "corresponsables", "metas_ods")
            .order_by("pk")
        ),
        tema=_TEMA,
        descripciones={
            "plan": "Nombre del plan de acción local.",
            "lider": "Sujeto obligado líder (su slug, como en «sujetos-obligados»).",
            "lider_id": "Identificador del sujeto obligado líder (conjunto «sujetos-obligados»).",
            "responsables": "Slugs de los sujetos obligados responsables, separados por |.",
            "responsables_ids": "Identificadores de los sujetos obligados responsables, con |.",
            "corresponsables": "Organizaciones corresponsables, separadas por |.",
            "metas_ods": "Claves de las metas ODS (conjunto «metas-ods»), separadas por |.",
            "estado": "Estado derivado de los hitos: sin_hitos, no_iniciado, en_proceso, "
            "atrasado o concluido.",
            "estado_texto": "Estado, en texto.",
            "tema_texto": "Tema, en texto.",
            "origen_tema_y_valores": "«interpretación de la DGA» si el tema y los valores no "
            "están en el documento fuente del compromiso; «documento fuente» si lo están.",
            "fuente_tema_y_valores": "De dónde salen el tema y los valores.",
            "plan_periodo": "Periodo del plan de acción local (años).",
            "plan_estado": "Estado del plan de acción local.",
            "origen_plan_periodo_y_estado": "«interpretación de la DGA» si el periodo y el "
            "estado del plan no están en el documento fuente.",
            "fuente_plan_periodo_y_estado": "De dónde salen el periodo y el estado del plan.",
        },
        tipos={"lider_id": "integer", "plan_id": "integer", "avance": "number"},
    ),
    ConjuntoDeDatos(
        nombre="hitos",
        titulo=_("Hitos de los compromisos"),
        descripcion=_("Hitos de los compromisos publicados: fechas planeadas y reales, estado."),
        recurso=HitoDatosResource,
        consulta=lambda: (
            Hito.objects.filter(compromiso__in=_compromisos_publicos())
            .select_related("compromiso", "responsable")
            .order_by("compromiso_id", "numero")
        ),
        tema=_TEMA,
        descripciones={
            "compromiso": "Slug del compromiso.",
            "compromiso_id": "Identificador del compromiso (conjunto «compromisos»).",
            "responsable": "Slug del sujeto obligado responsable.",
            "responsable_id": "Identificador del sujeto obligado responsable.",
            "estado_texto": "Estado, en texto.",
            "fecha_fin_planeada": "Término planeado vigente (el revisado, si se revisó).",
            "fecha_inicio_original": "Inicio planeado de la línea base publicada, si la DGA "
            "revisó las fechas después (vacío si no se han revisado).",
            "fecha_fin_original": "Término planeado de la línea base publicada, si la DGA "
            "revisó las fechas después (vacío si no se han revisado).",
            "motivo_revision": "Motivo de la última revisión de las fechas planeadas.",
        },
        tipos={"compromiso_id": "integer", "responsable_id": "integer"},
    ),
    ConjuntoDeDatos(
        nombre="evidencias",
        titulo=_("Evidencias de los hitos (metadatos y ligas)"),
        descripcion=_(
            "Descripción, fecha y liga de cada evidencia de los hitos de compromisos publicados."
        ),
        recurso=EvidenciaResource,
        consulta=lambda: (
            Evidencia.objects.filter(hito__compromiso__in=_compromisos_publicos())
            .select_related("hito")
            .order_by("hito_id", "fecha", "pk")
        ),
        tema=_TEMA,
        descripciones={
            "compromiso_id": "Identificador del compromiso (conjunto «compromisos»).",
            "hito": "Identificador del hito (conjunto «hitos»).",
            "archivo_url": "Dirección del archivo de evidencia, si lo hay.",
        },
        tipos={"compromiso_id": "integer", "hito_numero": "integer"},
    ),
    ConjuntoDeDatos(
        nombre="integrantes-stgao",
        titulo=_("Integrantes del Secretariado Técnico"),
        descripcion=_("Personas que integran o integraron el Secretariado, con alta y baja."),
        recurso=IntegranteResource,
        consulta=lambda: Integrante.objects.con_institucion().order_by("fecha_alta", "pk"),
        tema=_TEMA,
        descripciones={
            "sujeto_obligado": "Identificador del sujeto obligado que representa.",
            "organizacion": "Identificador de la organización que representa.",
            "suplente_de": "Identificador de la persona titular (vacío si es titular).",
            "sector_texto": "Sector, en texto.",
            "rol_texto": "Rol, en texto.",
        },
    ),
    ConjuntoDeDatos(
        nombre="sesiones",
        titulo=_("Sesiones del Secretariado Técnico"),
        descripcion=_("Sesiones publicadas: tipo, número, fecha y hora, modalidad y sede."),
        recurso=SesionDatosResource,
        consulta=lambda: Sesion.objects.publicadas().order_by("fecha_hora", "pk"),
        tema=_TEMA,
        descripciones={
            "clave": "Clave de la sesión, p. ej. SO-03/2021.",
            "tipo_texto": "Tipo, en texto.",
            "modalidad_texto": "Modalidad, en texto.",
        },
    ),
    ConjuntoDeDatos(
        nombre="acuerdos",
        titulo=_("Acuerdos del Secretariado Técnico"),
        descripcion=_("Acuerdos de las sesiones publicadas, con su fecha límite y estado."),
        recurso=AcuerdoDatosResource,
        consulta=lambda: (
            Acuerdo.objects.publicados()
            .select_related("sesion")
            .prefetch_related("sujetos_responsables")
            .order_by("sesion__fecha_hora", "numero")
        ),
        tema=_TEMA,
        descripciones={
            "sesion": "Clave de la sesión.",
            "sesion_id": "Identificador de la sesión (conjunto «sesiones»).",
            "estado_texto": "Estado, en texto.",
            "sujetos_responsables_ids": "Identificadores de los sujetos obligados responsables.",
        },
        tipos={"sesion_id": "integer", "sesion": "string"},
    ),
]
