"""Recursos de django-import-export: descargas de la Métrica (CSV, JSON, XLSX).

Los usan las descargas junto a ``/metricas/<año>/`` y los reutilizará el portal de datos
abiertos. Los valores salen como números (no como texto) con hasta seis decimales.
"""

from import_export import fields, resources, widgets

from .models import IndicadorReferencia, PromedioEntidad, Resultado


class ValorWidget(widgets.DecimalWidget):
    """Valor de la Métrica como número (float) en todos los formatos."""

    def render(self, value, obj=None, **kwargs):
        return None if value is None else round(float(value), 6)


def _valor(atributo: str, columna: str) -> fields.Field:
    return fields.Field(attribute=atributo, column_name=columna, widget=ValorWidget())


class ResultadoResource(resources.ModelResource):
    """Un renglón por resultado: edición, sujeto obligado, entidad, tipo, orden y valores."""

    edicion = fields.Field(attribute="edicion__anio", column_name="edicion")
    sujeto_obligado = fields.Field(
        attribute="sujeto_obligado__nombre", column_name="sujeto_obligado"
    )
    identificador = fields.Field(attribute="sujeto_obligado__slug", column_name="identificador")
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

    def dehydrate_entidad_federativa(self, resultado):
        sujeto = resultado.sujeto_obligado
        return sujeto.get_entidad_federativa_display() if sujeto.entidad_federativa else "Federal"

    def dehydrate_tipo(self, resultado):
        return resultado.sujeto_obligado.get_tipo_display()

    def dehydrate_orden(self, resultado):
        return resultado.sujeto_obligado.get_orden_display()


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
