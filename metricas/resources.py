"""Recursos de django-import-export: descargas de la Métrica (CSV, JSON, XLSX).

Los usan las descargas junto a ``/metricas/<año>/`` y los reutilizará el portal de datos
abiertos. Los valores salen como números (no como texto) con hasta seis decimales.
"""

from django.utils.translation import gettext_lazy as _
from import_export import fields, resources, widgets

from cocreacion.portal.datos_abiertos import ConjuntoDeDatos

from .models import IndicadorReferencia, PromedioEntidad, Resultado


class ValorWidget(widgets.DecimalWidget):
    """Valor de la Métrica como número (float) en todos los formatos."""

    def render(self, value, obj=None, **kwargs):
        return None if value is None else round(float(value), 6)


def _valor(atributo: str, columna: str) -> fields.Field:
    return fields.Field(attribute=atributo, column_name=columna, widget=ValorWidget())


class ResultadoResource(resources.ModelResource):
    """Un renglón por resultado: edición, organismo, entidad, tipo, orden y valores.

    El organismo es un sujeto obligado del padrón de Oaxaca (con su identificador) o una
    entrada de comparación de otro estado o de la federación (sin identificador).
    """

    edicion = fields.Field(attribute="edicion__anio", column_name="edicion")
    sujeto_obligado = fields.Field(column_name="sujeto_obligado")
    identificador = fields.Field(attribute="sujeto_obligado__slug", column_name="identificador")
    padron_oaxaca = fields.Field(column_name="padron_oaxaca")
    entidad_federativa = fields.Field(column_name="entidad_federativa")
    tipo = fields.Field(column_name="tipo")
    orden = fields.Field(column_name="orden")
    tg = _valor("tg", "tg")
    tc = _valor("tc", "tc")
    pg = _valor("pg", "pg")
    pc = _valor("pc", "pc")
    t = _valor("t", "t")
    p = _valor("p", "p")
    iga = _valor("iga", "iga")
    nombre_en_fuente = fields.Field(attribute="nombre_en_fuente", column_name="nombre_en_fuente")

    class Meta:
        model = Resultado
        fields = (
            "edicion",
            "sujeto_obligado",
            "identificador",
            "padron_oaxaca",
            "entidad_federativa",
            "tipo",
            "orden",
            "tg",
            "tc",
            "pg",
            "pc",
            "t",
            "p",
            "iga",
            "nombre_en_fuente",
        )
        export_order = fields

    def dehydrate_sujeto_obligado(self, resultado):
        return resultado.evaluado.nombre

    def dehydrate_padron_oaxaca(self, resultado):
        return "sí" if resultado.sujeto_obligado_id else "no"

    def dehydrate_entidad_federativa(self, resultado):
        return resultado.nombre_entidad

    def dehydrate_tipo(self, resultado):
        return resultado.evaluado.get_tipo_display()

    def dehydrate_orden(self, resultado):
        return resultado.evaluado.get_orden_display()


class PromedioEntidadResource(resources.ModelResource):
    edicion = fields.Field(attribute="edicion__anio", column_name="edicion")
    entidad = fields.Field(attribute="nombre_entidad", column_name="entidad")
    iga = _valor("iga", "iga")
    t = _valor("t", "t")
    p = _valor("p", "p")
    tg = _valor("tg", "tg")
    tc = _valor("tc", "tc")
    pg = _valor("pg", "pg")
    pc = _valor("pc", "pc")

    class Meta:
        model = PromedioEntidad
        fields = ("edicion", "entidad", "iga", "t", "p", "tg", "tc", "pg", "pc")
        export_order = fields


class IndicadorReferenciaResource(resources.ModelResource):
    class Meta:
        model = IndicadorReferencia
        fields = ("nombre", "siglas", "categoria", "autor", "descripcion", "sitio")
        export_order = fields


def _resultados_publicados():
    return (
        Resultado.objects.publicados()
        .select_related("edicion", "sujeto_obligado", "entidad_comparada")
        .order_by("edicion__anio", "-iga", "pk")
    )


def _promedios_publicados():
    return (
        PromedioEntidad.objects.filter(edicion__publicada=True)
        .select_related("edicion")
        .order_by("edicion__anio", "-iga")
    )


# Conjuntos para el portal de datos abiertos (``/datos/``): sólo lo publicado.
CONJUNTOS_DE_DATOS = [
    ConjuntoDeDatos(
        nombre="metrica-resultados",
        titulo=_("Métrica de Gobierno Abierto: resultados por sujeto obligado"),
        descripcion=_(
            "Subíndices TG, TC, PG y PC de cada organismo evaluado en cada edición "
            "publicada, con T = (TG + TC) / 2, P = (PG + PC) / 2 e IGA = (T + P) / 2: los "
            "sujetos obligados del padrón de Oaxaca y, para comparar, los de otros estados y "
            "de la federación. Fuente: INAI–CIDE."
        ),
        recurso=ResultadoResource,
        consulta=_resultados_publicados,
        frecuencia="eventual",
        tema=_("Métrica de Gobierno Abierto"),
        descripciones={
            "edicion": "Año de la edición de la Métrica.",
            "sujeto_obligado": "Nombre del organismo evaluado.",
            "identificador": "Identificador del sujeto obligado en el portal (su ficha); "
            "vacío para los organismos de otros estados o federales.",
            "padron_oaxaca": "«sí» si es sujeto obligado del padrón de Oaxaca; «no» si es "
            "una entrada de comparación de otro estado o de la federación.",
            "entidad_federativa": "Entidad federativa, o «Federal».",
            "tipo": "Tipo de organismo, en texto.",
            "orden": "Orden de gobierno, en texto.",
            "nombre_en_fuente": "Nombre como aparece en el archivo publicado por INAI–CIDE; "
            "los nombres con bytes dañados van reparados según la tabla revisada de "
            "correcciones del portal.",
        },
        tipos={"edicion": "integer"},
    ),
    ConjuntoDeDatos(
        nombre="metrica-promedios-por-entidad",
        titulo=_("Métrica de Gobierno Abierto: promedios por entidad federativa"),
        descripcion=_("Promedios publicados de cada entidad federativa y del orden federal."),
        recurso=PromedioEntidadResource,
        consulta=_promedios_publicados,
        frecuencia="eventual",
        tema=_("Métrica de Gobierno Abierto"),
        descripciones={"entidad": "Entidad federativa, o «Federal»."},
        tipos={"edicion": "integer", "entidad": "string"},
    ),
    ConjuntoDeDatos(
        nombre="indicadores-de-referencia",
        titulo=_("Indicadores de referencia en materia de apertura gubernamental"),
        descripcion=_("Indicadores estratégicos y relacionados que sigue el programa."),
        recurso=IndicadorReferenciaResource,
        consulta=lambda: IndicadorReferencia.objects.publicados().order_by("categoria", "orden"),
        frecuencia="eventual",
        tema=_("Métrica de Gobierno Abierto"),
    ),
]
