"""Recursos de import-export de los listados de interés público y sus conjuntos de datos abiertos.

Los conjuntos sólo exponen lo público: listados de periodos abiertos (su estado), dictámenes
aprobados y los elementos de listados con dictamen aprobado (nunca proyectos ni borradores).
"""

from django.utils.translation import gettext_lazy as _
from import_export import fields, resources

from cocreacion.listados.models import ESTADOS_APROBADOS
from cocreacion.models import Dictamen, ElementoListado, Listado
from cocreacion.portal.datos_abiertos import ConjuntoDeDatos


class ListadoResource(resources.ModelResource):
    periodo_clave = fields.Field(column_name="periodo", attribute="periodo__clave")
    sujeto_obligado_nombre = fields.Field(
        column_name="sujeto_obligado_nombre", attribute="sujeto_obligado__nombre"
    )
    estado_texto = fields.Field(column_name="estado_texto", attribute="get_estado_display")

    class Meta:
        model = Listado
        fields = [
            "id",
            "periodo_clave",
            "sujeto_obligado",
            "sujeto_obligado_nombre",
            "estado",
            "estado_texto",
            "enviado_en",
        ]
        export_order = fields


class DictamenResource(resources.ModelResource):
    periodo = fields.Field(column_name="periodo", attribute="listado__periodo__clave")
    sujeto_obligado = fields.Field(
        column_name="sujeto_obligado", attribute="listado__sujeto_obligado_id"
    )
    sujeto_obligado_nombre = fields.Field(
        column_name="sujeto_obligado_nombre", attribute="listado__sujeto_obligado__nombre"
    )
    corrige_a = fields.Field(column_name="corrige_a", attribute="sustituye__folio")

    class Meta:
        model = Dictamen
        fields = [
            "folio",
            "periodo",
            "sujeto_obligado",
            "sujeto_obligado_nombre",
            "version",
            "corrige_a",
            "fecha",
            "organo_aprobador",
            "sesion",
            "fecha_sesion",
            "numero_acuerdo",
        ]
        export_order = fields


class ElementoListadoResource(resources.ModelResource):
    periodo = fields.Field(column_name="periodo", attribute="listado__periodo__clave")
    sujeto_obligado = fields.Field(
        column_name="sujeto_obligado", attribute="listado__sujeto_obligado_id"
    )
    sujeto_obligado_nombre = fields.Field(
        column_name="sujeto_obligado_nombre", attribute="listado__sujeto_obligado__nombre"
    )
    resolucion_texto = fields.Field(
        column_name="resolucion_texto", attribute="get_resolucion_display"
    )

    class Meta:
        model = ElementoListado
        fields = [
            "id",
            "periodo",
            "sujeto_obligado",
            "sujeto_obligado_nombre",
            "numero",
            "titulo",
            "descripcion",
            "justificacion",
            "unidad_responsable",
            "periodicidad",
            "formato",
            "liga",
            "resolucion",
            "resolucion_texto",
            "fundamentacion",
            "modificaciones",
        ]
        export_order = fields


CONJUNTOS_DE_DATOS = [
    ConjuntoDeDatos(
        nombre="listados-interes-publico",
        titulo=_("Listados de información de interés público"),
        descripcion=_(
            "Estado del listado de cada sujeto obligado requerido en cada periodo semestral."
        ),
        recurso=ListadoResource,
        consulta=lambda: (
            Listado.objects.publicados()
            .select_related("periodo", "sujeto_obligado")
            .order_by("periodo__clave", "sujeto_obligado__nombre")
        ),
        frecuencia="semestral",
        tema=_("Información de interés público"),
        descripciones={"sujeto_obligado": "Identificador del sujeto obligado."},
    ),
    ConjuntoDeDatos(
        nombre="dictamenes-interes-publico",
        titulo=_("Dictámenes de información de interés público"),
        descripcion=_(
            "Dictámenes aprobados, con su folio, la sesión y el acuerdo de aprobación. Las "
            "correcciones son versiones nuevas que indican el folio que corrigen."
        ),
        recurso=DictamenResource,
        consulta=lambda: (
            Dictamen.objects.publicados()
            .select_related("listado__periodo", "listado__sujeto_obligado", "sustituye")
            .order_by("listado__periodo__clave", "numero_folio")
        ),
        frecuencia="semestral",
        tema=_("Información de interés público"),
        tipos={"sujeto_obligado": "integer"},
    ),
    ConjuntoDeDatos(
        nombre="elementos-interes-publico",
        titulo=_("Elementos de información de interés público dictaminados"),
        descripcion=_(
            "Cada elemento propuesto por los sujetos obligados cuyo dictamen está aprobado, "
            "con la resolución de la DGA y su fundamentación."
        ),
        recurso=ElementoListadoResource,
        consulta=lambda: (
            ElementoListado.objects.filter(
                listado__estado__in=ESTADOS_APROBADOS, listado__periodo__abierto_en__isnull=False
            )
            .select_related("listado__periodo", "listado__sujeto_obligado")
            .order_by("listado__periodo__clave", "listado__sujeto_obligado__nombre", "numero")
        ),
        frecuencia="semestral",
        tema=_("Información de interés público"),
        tipos={"sujeto_obligado": "integer"},
    ),
]
