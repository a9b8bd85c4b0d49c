"""Recursos de import-export de los catálogos del núcleo y sus conjuntos de datos abiertos."""

from django.utils.translation import gettext_lazy as _
from import_export import fields, resources, widgets

from cocreacion.models import Institucion, MetaODS, Municipio, Organizacion, SujetoObligado
from cocreacion.portal.cambios import versiones_publicas_en_flujo
from cocreacion.portal.datos_abiertos import ConjuntoCalculado, ConjuntoDeDatos


class MunicipioResource(resources.ModelResource):
    class Meta:
        model = Municipio
        fields = ["id", "clave", "clave_municipio", "nombre"]
        export_order = fields
        import_id_fields = ["clave"]


class SujetoObligadoResource(resources.ModelResource):
    tipo_texto = fields.Field(column_name="tipo_texto", attribute="get_tipo_display")
    orden_texto = fields.Field(column_name="orden_texto", attribute="get_orden_display")
    municipio_clave = fields.Field(column_name="municipio_clave", attribute="municipio__clave")

    class Meta:
        model = SujetoObligado
        fields = [
            "id",
            "slug",
            "nombre",
            "siglas",
            "tipo",
            "tipo_texto",
            "orden",
            "orden_texto",
            "municipio",
            "municipio_clave",
            "vigente_desde",
            "vigente_hasta",
            "activo",
        ]
        export_order = fields


class MetaODSResource(resources.ModelResource):
    ods_numero = fields.Field(
        column_name="ods_numero", attribute="ods__numero", widget=widgets.IntegerWidget()
    )
    ods_nombre = fields.Field(column_name="ods_nombre", attribute="ods__nombre_corto")

    class Meta:
        model = MetaODS
        fields = ["id", "clave", "ods_numero", "ods_nombre", "texto"]
        export_order = fields


class OrganizacionResource(resources.ModelResource):
    tipo_texto = fields.Field(column_name="tipo_texto", attribute="get_tipo_display")
    ambito_texto = fields.Field(column_name="ambito_texto", attribute="get_ambito_display")

    class Meta:
        model = Organizacion
        fields = [
            "id",
            "nombre",
            "siglas",
            "tipo",
            "tipo_texto",
            "ambito",
            "ambito_texto",
            "descripcion",
            "es_referente",
            "sitio",
        ]
        export_order = fields


class InstitucionResource(resources.ModelResource):
    class Meta:
        model = Institucion
        fields = [
            "id",
            "nombre",
            "siglas",
            "area",
            "organo_aprobador",
            "vigente_desde",
            "vigente_hasta",
            "domicilio",
            "telefonos",
            "correo",
            "sitio",
            "fuente",
            "nota",
        ]
        export_order = fields


CONJUNTOS_DE_DATOS = [
    ConjuntoDeDatos(
        nombre="sujetos-obligados",
        titulo=_("Sujetos obligados"),
        descripcion=_(
            "Padrón de sujetos obligados de Oaxaca: tipo, orden de gobierno, municipio y "
            "vigencia. El campo id une este conjunto con los demás. Los organismos de otros "
            "estados evaluados por la Métrica están en «metrica-resultados», no aquí."
        ),
        recurso=SujetoObligadoResource,
        consulta=lambda: SujetoObligado.objects.select_related("municipio").order_by("pk"),
        tema=_("Catálogos"),
        descripciones={
            "id": "Identificador del sujeto obligado en el portal.",
            "tipo_texto": "Tipo, en texto.",
            "orden_texto": "Orden de gobierno, en texto.",
            "municipio": "Identificador del municipio (conjunto «municipios»).",
            "municipio_clave": "Clave geoestadística INEGI del municipio.",
            "vigente_desde": "Desde cuándo es sujeto obligado (vacío si no se conoce).",
            "vigente_hasta": "Hasta cuándo lo fue (vacío si sigue).",
        },
        tipos={"municipio_clave": "string"},
    ),
    ConjuntoDeDatos(
        nombre="municipios",
        titulo=_("Municipios de Oaxaca"),
        descripcion=_("Los 570 municipios de Oaxaca con su clave INEGI (Marco Geoestadístico)."),
        recurso=MunicipioResource,
        consulta=lambda: Municipio.objects.order_by("clave"),
        frecuencia="eventual",
        tema=_("Catálogos"),
        descripciones={"id": "Identificador del municipio en el portal."},
    ),
    ConjuntoDeDatos(
        nombre="metas-ods",
        titulo=_("Metas de los Objetivos de Desarrollo Sostenible"),
        descripcion=_("Los 17 ODS y sus 169 metas, texto oficial de la ONU en español."),
        recurso=MetaODSResource,
        consulta=lambda: MetaODS.objects.select_related("ods").order_by("pk"),
        frecuencia="eventual",
        tema=_("Catálogos"),
        descripciones={
            "id": "Identificador de la meta en el portal.",
            "ods_numero": "Número del Objetivo de Desarrollo Sostenible.",
            "ods_nombre": "Nombre corto del objetivo.",
        },
        tipos={"ods_numero": "integer"},
    ),
    ConjuntoDeDatos(
        nombre="organizaciones",
        titulo=_("Organizaciones"),
        descripcion=_(
            "Organizaciones referentes nacionales e internacionales que lista el programa "
            "anual de trabajo y las que participan en el STGAO y en los compromisos."
        ),
        recurso=OrganizacionResource,
        consulta=lambda: Organizacion.objects.order_by("pk"),
        frecuencia="eventual",
        tema=_("Catálogos"),
        descripciones={
            "id": "Identificador de la organización en el portal.",
            "tipo_texto": "Tipo, en texto.",
            "ambito_texto": "Ámbito, en texto.",
            "es_referente": "Aparece entre las organizaciones referentes del programa.",
        },
    ),
    ConjuntoDeDatos(
        nombre="organo-garante",
        titulo=_("El órgano garante en el tiempo"),
        descripcion=_(
            "Las instituciones que han sido el órgano garante de transparencia de Oaxaca, con "
            "sus fechas de vigencia y su fuente. Una fecha vacía no está verificada."
        ),
        recurso=InstitucionResource,
        consulta=lambda: Institucion.objects.en_el_tiempo(),
        frecuencia="eventual",
        tema=_("Catálogos"),
        descripciones={"id": "Identificador del registro en el portal."},
    ),
    ConjuntoCalculado(
        nombre="cambios",
        titulo=_("Historial de cambios de los registros públicos"),
        descripcion=_(
            "Cada versión de cada registro público desde que se publicó, con sus campos "
            "públicos: las versiones anteriores siguen disponibles (datos permanentes)."
        ),
        frecuencia="continua",
        tema=_("Historial"),
        columnas=[
            ("tipo", "string", "Tipo de registro (clave del conjunto al que pertenece)."),
            ("registro_id", "integer", "id del registro en su conjunto de datos."),
            ("version_id", "integer", "Identificador único de esta versión."),
            ("fecha", "datetime", "Fecha y hora del cambio (ISO 8601, con zona horaria)."),
            ("accion", "string", "+ = alta, ~ = cambio, - = baja."),
            ("titulo", "string", "Título del registro en esa versión."),
            ("url", "string", "Dirección de la página del registro en el portal."),
            ("campos", "object", "Valores de los campos públicos en esa versión (JSON)."),
        ],
        generador=versiones_publicas_en_flujo,
    ),
]
