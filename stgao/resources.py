"""Recursos de django-import-export para los datos abiertos del Secretariado.

Sólo exportan registros públicos (``publicados()``) y campos públicos: nunca notas internas.
La actualización masiva de hitos usa ``stgao.importacion`` (todo o nada, con errores por fila).
"""

from import_export import fields, resources
from import_export.widgets import ForeignKeyWidget, ManyToManyWidget

from cocreacion.models import Organizacion, SujetoObligado

from .models import Acuerdo, Compromiso, Hito, Sesion


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
