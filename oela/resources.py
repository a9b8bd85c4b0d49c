"""Recursos de django-import-export: exportación desde el admin y, después, datos abiertos.

Las claves («1.2.3») se exportan derivadas, nunca se importan: la importación de la estructura
va por la Matriz de Programación (``services.matriz_importar``), que valida todo o nada.
"""

from import_export import fields, resources

from .models import Accion, Actividad, LineaAccion, Objetivo, Programa, Requerimiento


class ProgramaResource(resources.ModelResource):
    class Meta:
        model = Programa
        fields = ["anio", "titulo", "area", "objetivo_general", "estado"]
        export_order = fields


class ObjetivoResource(resources.ModelResource):
    anio = fields.Field(attribute="programa__anio", column_name="Año")
    clave = fields.Field(column_name="Clave")

    class Meta:
        model = Objetivo
        fields = ["anio", "clave", "eje_problematico", "problematica", "texto", "peso"]
        export_order = fields

    def dehydrate_clave(self, objetivo):
        return objetivo.clave

    def get_export_queryset(self, request=None):
        return Objetivo.objects.select_related("programa")


class LineaAccionResource(resources.ModelResource):
    anio = fields.Field(attribute="estrategia__objetivo__programa__anio", column_name="Año")
    clave = fields.Field(column_name="Clave")
    estrategia_texto = fields.Field(attribute="estrategia__texto", column_name="Estrategia")
    alineacion = fields.Field(column_name="Alineación normativa")
    metas = fields.Field(column_name="Metas ODS")

    class Meta:
        model = LineaAccion
        fields = ["anio", "clave", "texto", "estrategia_texto", "peso", "alineacion", "metas"]
        export_order = fields

    def dehydrate_clave(self, linea):
        return linea.clave

    def dehydrate_alineacion(self, linea):
        return "; ".join(str(d) for d in linea.disposiciones.all())

    def dehydrate_metas(self, linea):
        return "; ".join(m.clave for m in linea.metas_ods.all())

    def get_export_queryset(self, request=None):
        return LineaAccion.objects.select_related(
            "estrategia__objetivo__programa"
        ).prefetch_related("disposiciones", "metas_ods")


class AccionResource(resources.ModelResource):
    anio = fields.Field(attribute="linea__estrategia__objetivo__programa__anio", column_name="Año")
    clave = fields.Field(column_name="Clave")

    class Meta:
        model = Accion
        fields = [
            "anio",
            "clave",
            "descripcion",
            "meta",
            "unidad_medida",
            "indicador",
            "medio_verificacion",
            "responsable",
            "ene",
            "feb",
            "mar",
            "abr",
            "may",
            "jun",
            "jul",
            "ago",
            "sep",
            "oct",
            "nov",
            "dic",
            "peso",
        ]
        export_order = fields

    def dehydrate_clave(self, accion):
        return accion.clave

    def get_export_queryset(self, request=None):
        return Accion.objects.select_related("linea__estrategia__objetivo__programa")


class RequerimientoResource(resources.ModelResource):
    anio = fields.Field(attribute="programa__anio", column_name="Año")

    class Meta:
        model = Requerimiento
        fields = ["anio", "tipo", "cantidad", "descripcion", "estado"]
        export_order = fields


class ActividadResource(resources.ModelResource):
    accion_clave = fields.Field(column_name="Acción")

    class Meta:
        model = Actividad
        fields = [
            "fecha",
            "tipo",
            "modalidad",
            "accion_clave",
            "descripcion",
            "mujeres",
            "hombres",
            "no_especificado",
        ]
        export_order = fields

    def dehydrate_accion_clave(self, actividad):
        return actividad.accion.clave

    def get_export_queryset(self, request=None):
        return Actividad.objects.select_related("accion__linea__estrategia__objetivo")
