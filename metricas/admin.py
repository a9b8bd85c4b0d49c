"""Administración de la Métrica: ediciones con sus pesos, bandas y promedios; resultados;
indicadores de referencia; importación de archivos con la forma de BSO.csv."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.forms.models import BaseInlineFormSet
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _
from import_export.admin import ExportMixin

from cocreacion.comun.admin_base import AdminAuditado
from cocreacion.comun.importacion import ErrorDeImportacion

from . import importacion, services
from .forms import ImportarResultadosForm
from .models import (
    Banda,
    Componente,
    Edicion,
    EntidadComparada,
    IndicadorReferencia,
    PromedioEntidad,
    Resultado,
    ValorComponente,
)
from .models.ediciones import validar_pesos
from .permissions import puede_importar, puede_publicar, puede_publicar_indicadores
from .resources import IndicadorReferenciaResource, ResultadoResource


class FormsetComponentes(BaseInlineFormSet):
    """Los pesos de cada subíndice suman 1 (si la edición tiene componentes)."""

    def clean(self):
        super().clean()
        vigentes = []
        for formulario in self.forms:
            datos = getattr(formulario, "cleaned_data", None) or {}
            if datos and not datos.get("DELETE") and datos.get("peso") is not None:
                vigentes.append(Componente(subindice=datos["subindice"], peso=datos["peso"]))
        validar_pesos(vigentes)


class ComponenteInline(admin.TabularInline):
    model = Componente
    formset = FormsetComponentes
    extra = 0
    fields = ["subindice", "orden", "clave", "nombre", "peso"]


class BandaInline(admin.TabularInline):
    model = Banda
    extra = 0
    fields = ["nombre", "mayor_que", "descripcion"]


class PromedioEntidadInline(admin.TabularInline):
    model = PromedioEntidad
    extra = 0
    fields = ["entidad_federativa", "iga", "t", "p", "tg", "tc", "pg", "pc"]


@admin.register(Edicion)
class EdicionAdmin(AdminAuditado):
    list_display = ["anio", "nombre", "autores", "iga_nacional", "publicada"]
    list_filter = ["publicada"]
    search_fields = ["nombre", "autores"]
    inlines = [ComponenteInline, BandaInline, PromedioEntidadInline]

    def get_readonly_fields(self, request, obj=None):
        campos = list(super().get_readonly_fields(request, obj))
        if not puede_publicar(request.user):
            campos.append("publicada")
        return campos

    def save_formset(self, request, form, formset, change):
        for instancia in formset.save(commit=False):
            instancia._history_user = request.user
            instancia.save()
        for eliminada in formset.deleted_objects:
            eliminada._history_user = request.user
            eliminada.delete()

    def save_model(self, request, obj, form, change):
        services.edicion_guardar(edicion=obj, actor=request.user)


class ValorComponenteInline(admin.TabularInline):
    """Valores de los componentes (si la edición los publica): al guardar, los subíndices cuyos
    componentes tienen todos valor se recalculan con los pesos de la edición."""

    model = ValorComponente
    extra = 0
    fields = ["componente", "valor"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "componente":
            kwargs["queryset"] = Componente.objects.select_related("edicion")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(EntidadComparada)
class EntidadComparadaAdmin(AdminAuditado):
    """Organismos de otros estados o de la federación: sólo para comparar en la Métrica."""

    list_display = ["nombre", "entidad_federativa", "orden", "tipo"]
    list_filter = ["entidad_federativa", "orden", "tipo"]
    search_fields = ["nombre", "nombre_normalizado"]
    readonly_fields = ["reparacion"]


@admin.register(Resultado)
class ResultadoAdmin(ExportMixin, AdminAuditado):
    resource_classes = [ResultadoResource]
    list_display = ["evaluado", "entidad", "edicion", "iga", "t", "p", "tg", "tc", "pg", "pc"]
    list_filter = ["edicion", "entidad_comparada__entidad_federativa", "sujeto_obligado__tipo"]
    # Los nombres normalizados (sin acentos) dejan encontrar «Álvarez» escribiendo «alvarez».
    search_fields = [
        "sujeto_obligado__nombre",
        "sujeto_obligado__nombre_normalizado",
        "entidad_comparada__nombre",
        "entidad_comparada__nombre_normalizado",
        "nombre_en_fuente",
    ]
    list_select_related = ["sujeto_obligado", "entidad_comparada", "edicion"]
    autocomplete_fields = ["sujeto_obligado", "entidad_comparada"]
    readonly_fields = ["t", "p", "iga"]
    fields = [
        "edicion",
        "sujeto_obligado",
        "entidad_comparada",
        "nombre_en_fuente",
        "tg",
        "tc",
        "pg",
        "pc",
        "t",
        "p",
        "iga",
    ]
    import_export_change_list_template = "metricas/admin/resultado_change_list.html"

    @admin.display(description=_("evaluado"))
    def evaluado(self, obj):
        return obj.evaluado

    @admin.display(description=_("entidad federativa"))
    def entidad(self, obj):
        return obj.nombre_entidad

    inlines = [ValorComponenteInline]

    def save_model(self, request, obj, form, change):
        services.resultado_guardar(resultado=obj, actor=request.user)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        valores = {
            v.componente.clave: v.valor
            for v in form.instance.componentes.select_related("componente")
        }
        if valores:
            services.resultado_guardar(
                resultado=form.instance, actor=request.user, valores_componentes=valores
            )

    def get_urls(self):
        propias = [
            path(
                "importar-archivo/",
                self.admin_site.admin_view(self.importar_archivo),
                name="metricas_resultado_importar_archivo",
            )
        ]
        return propias + super().get_urls()

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "puede_importar": puede_importar(request.user)}
        return super().changelist_view(request, extra_context)

    def importar_archivo(self, request):
        if not puede_importar(request.user):
            raise PermissionDenied
        informe, errores = None, None
        if request.method == "POST":
            form = ImportarResultadosForm(request.POST, request.FILES)
            if form.is_valid():
                archivo = form.cleaned_data["archivo"]
                try:
                    informe = importacion.importar_resultados(
                        archivo=archivo,
                        nombre=archivo.name,
                        edicion=form.cleaned_data["edicion"],
                        actor=request.user,
                        ensayo=form.cleaned_data["simular"],
                    ).detalle
                except ErrorDeImportacion as exc:
                    errores = exc
        else:
            form = ImportarResultadosForm()
        return TemplateResponse(
            request,
            "metricas/admin/importar.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Importar resultados de la Métrica"),
                "form": form,
                "informe": informe,
                "errores": errores,
                "opts": self.model._meta,
            },
        )


@admin.register(IndicadorReferencia)
class IndicadorReferenciaAdmin(ExportMixin, AdminAuditado):
    resource_classes = [IndicadorReferenciaResource]
    list_display = ["nombre", "siglas", "categoria", "autor", "publicado"]
    list_filter = ["categoria", "publicado"]
    search_fields = ["nombre", "autor", "descripcion"]

    def get_readonly_fields(self, request, obj=None):
        campos = list(super().get_readonly_fields(request, obj))
        if not puede_publicar_indicadores(request.user):
            campos.append("publicado")
        return campos

    def save_model(self, request, obj, form, change):
        services.indicador_guardar(indicador=obj, actor=request.user)
