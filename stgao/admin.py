"""Administración del Secretariado y del Plan de Acción Local.

El personal DGA lleva todo; los enlaces ven sólo los compromisos e hitos de su sujeto obligado,
reportan estado y fechas de esos hitos y agregan evidencias (ver ``permissions.py``).
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.forms.models import BaseInlineFormSet
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from cocreacion.comun.admin_base import AdminAuditado
from cocreacion.comun.descargas import TIPOS_DE_TABLA, nombrar
from cocreacion.comun.historial import guardar
from cocreacion.comun.importacion import ErrorDeImportacion
from cocreacion.permissions import es_personal_dga

from . import permissions as reglas_permiso
from . import services
from .importacion import exportar_hitos, importar_hitos
from .models import (
    Acuerdo,
    Asistencia,
    Compromiso,
    Evidencia,
    Hito,
    Integrante,
    PlanAccionLocal,
    PuntoOrden,
    SeguimientoAcuerdo,
    Sesion,
)
from .selectors import balance_en, integrantes_en


def _solo_con_permiso_de_publicar(campo, permiso):
    def readonly(self, request, obj=None):
        campos = list(super(type(self), self).get_readonly_fields(request, obj))
        if not request.user.has_perm(permiso):
            campos.append(campo)
        return campos

    return readonly


class LigasHttpsMixin:
    """Las ligas capturadas sin esquema se entienden como https://."""

    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


# --- Integrantes ---------------------------------------------------------------------------


@admin.register(Integrante)
class IntegranteAdmin(LigasHttpsMixin, AdminAuditado):
    list_display = [
        "persona",
        "institucion",
        "sector",
        "rol",
        "es_titular",
        "fecha_alta",
        "fecha_baja",
    ]
    list_filter = ["sector", "rol", "sexo"]
    search_fields = ["persona", "cargo"]
    autocomplete_fields = ["sujeto_obligado", "organizacion", "suplente_de"]
    list_select_related = ["sujeto_obligado", "organizacion"]

    @admin.display(boolean=True, description=_("titular"))
    def es_titular(self, obj):
        return obj.suplente_de_id is None

    def changelist_view(self, request, extra_context=None):
        hoy = timezone.localdate()
        balance = balance_en(integrantes_en(hoy), hoy)
        for aviso in balance.avisos:
            messages.warning(request, aviso)
        extra_context = {**(extra_context or {}), "balance": balance}
        return super().changelist_view(request, extra_context)


# --- Sesiones -----------------------------------------------------------------------------


class PuntoOrdenInline(LigasHttpsMixin, admin.TabularInline):
    model = PuntoOrden
    extra = 1
    fields = ["numero", "asunto", "descripcion"]


class AsistenciaInline(LigasHttpsMixin, admin.TabularInline):
    model = Asistencia
    extra = 0
    autocomplete_fields = ["integrante"]


class AcuerdoInline(LigasHttpsMixin, admin.StackedInline):
    model = Acuerdo
    extra = 0
    fields = ["clave", "texto", "responsables", "sujetos_responsables", "fecha_limite", "estado"]
    readonly_fields = ["clave"]
    autocomplete_fields = ["responsables", "sujetos_responsables"]
    show_change_link = True


@admin.register(Sesion)
class SesionAdmin(LigasHttpsMixin, AdminAuditado):
    list_display = ["__str__", "fecha_hora", "modalidad", "publicada"]
    list_filter = ["tipo", "modalidad", "publicada", "anio"]
    date_hierarchy = "fecha_hora"
    inlines = [PuntoOrdenInline, AsistenciaInline, AcuerdoInline]
    readonly_fields = ["quorum_actual"]
    fields = [
        "tipo",
        "numero",
        "fecha_hora",
        "duracion_minutos",
        "modalidad",
        "sede",
        "enlace_virtual",
        "resumen",
        "acta_firmada",
        "publicada",
        "quorum_actual",
    ]
    get_readonly_fields = _solo_con_permiso_de_publicar("publicada", "stgao.publicar_sesion")

    @admin.display(description=_("quórum"))
    def quorum_actual(self, obj):
        if not obj or not obj.pk:
            return _("Se calcula al registrar la asistencia.")
        return obj.quorum().texto

    def change_view(self, request, object_id, form_url="", extra_context=None):
        sesion = self.get_object(request, object_id)
        if sesion is not None and request.method == "GET":
            for aviso in balance_en(integrantes_en(sesion.fecha), sesion.fecha).avisos:
                messages.warning(request, aviso)
        return super().change_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        services.sesion_guardar(sesion=obj, actor=request.user)

    def save_formset(self, request, form, formset, change):
        instancias = formset.save(commit=False)
        for eliminado in formset.deleted_objects:
            eliminado._history_user = request.user
            eliminado.delete()
        for instancia in instancias:
            if isinstance(instancia, Acuerdo):
                services.acuerdo_guardar(acuerdo=instancia, actor=request.user)
            else:
                guardar(instancia, actor=request.user, validar=False)
        formset.save_m2m()


class SeguimientoInline(LigasHttpsMixin, admin.TabularInline):
    model = SeguimientoAcuerdo
    extra = 0
    fk_name = "acuerdo"
    fields = ["sesion", "texto", "estado_resultante"]
    autocomplete_fields = ["sesion"]


@admin.register(Acuerdo)
class AcuerdoAdmin(LigasHttpsMixin, AdminAuditado):
    list_display = ["clave", "sesion", "estado", "fecha_limite", "vencido"]
    list_filter = ["estado", "sesion__anio"]
    search_fields = ["clave", "texto"]
    readonly_fields = ["clave"]
    fields = [
        "sesion",
        "clave",
        "texto",
        "responsables",
        "sujetos_responsables",
        "fecha_limite",
        "estado",
    ]
    autocomplete_fields = ["sesion", "responsables", "sujetos_responsables"]
    inlines = [SeguimientoInline]
    list_select_related = ["sesion"]

    @admin.display(boolean=True, description=_("vencido"))
    def vencido(self, obj):
        return obj.esta_vencido()

    def get_readonly_fields(self, request, obj=None):
        campos = list(super().get_readonly_fields(request, obj))
        return [*campos, "sesion"] if obj else campos

    def save_model(self, request, obj, form, change):
        services.acuerdo_guardar(acuerdo=obj, actor=request.user)

    def save_formset(self, request, form, formset, change):
        instancias = formset.save(commit=False)
        for instancia in instancias:
            if instancia.pk:
                guardar(instancia, actor=request.user, validar=False)
            else:
                services.seguimiento_registrar(
                    acuerdo=form.instance,
                    sesion=instancia.sesion,
                    texto=instancia.texto,
                    estado_resultante=instancia.estado_resultante,
                    actor=request.user,
                )
        formset.save_m2m()


# Las sesiones se buscan desde los seguimientos.
SesionAdmin.search_fields = ["resumen", "sede"]


# --- Plan de Acción Local --------------------------------------------------------------------


class FormularioRevisarLineaBase(forms.Form):
    fecha_inicio_planeada = forms.DateField(label=_("Inicio planeado"), required=False)
    fecha_fin_planeada = forms.DateField(label=_("Término planeado"))
    motivo = forms.CharField(
        label=_("Motivo"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        help_text=_("Se publica junto a las fechas originales y las revisadas."),
    )


class FormularioImportarHitos(forms.Form):
    archivo = forms.FileField(
        label=_("Hoja con los hitos (XLSX o CSV)"),
        help_text=_("Use la hoja exportada de este plan; sólo se leen estado y fechas."),
    )


@admin.register(PlanAccionLocal)
class PlanAccionLocalAdmin(LigasHttpsMixin, AdminAuditado):
    list_display = ["nombre", "periodo", "estado", "publicado"]
    list_filter = ["estado", "publicado"]
    search_fields = ["nombre"]
    prepopulated_fields = {"slug": ["nombre"]}
    change_form_template = "stgao/admin/plan_change_form.html"
    get_readonly_fields = _solo_con_permiso_de_publicar(
        "publicado", "stgao.publicar_planaccionlocal"
    )

    def get_queryset(self, request):
        consulta = super().get_queryset(request)
        sujeto = reglas_permiso.sujeto_del_enlace(request.user)
        if sujeto is None:
            return consulta
        return consulta.filter(compromisos__responsables=sujeto).distinct()

    def save_model(self, request, obj, form, change):
        services.plan_guardar(plan=obj, actor=request.user)

    def get_urls(self):
        propias = [
            path(
                "<int:pk>/hitos.<str:formato>",
                self.admin_site.admin_view(self.exportar_hitos_view),
                name="stgao_planaccionlocal_exportar_hitos",
            ),
            path(
                "<int:pk>/importar-hitos/",
                self.admin_site.admin_view(self.importar_hitos_view),
                name="stgao_planaccionlocal_importar_hitos",
            ),
        ]
        return propias + super().get_urls()

    def _exigir_personal(self, request):
        if not (es_personal_dga(request.user) and request.user.has_perm("stgao.change_hito")):
            raise PermissionDenied

    def exportar_hitos_view(self, request, pk, formato):
        self._exigir_personal(request)
        if formato not in ("xlsx", "csv"):
            raise PermissionDenied
        plan = self.registro_visible(request, pk)
        tipo = TIPOS_DE_TABLA[formato]
        respuesta = HttpResponse(exportar_hitos(plan, formato), content_type=tipo)
        return nombrar(respuesta, f"hitos-{plan.slug}.{formato}")

    def importar_hitos_view(self, request, pk):
        self._exigir_personal(request)
        plan = self.registro_visible(request, pk)
        errores = None
        formulario = FormularioImportarHitos(request.POST or None, request.FILES or None)
        if request.method == "POST" and formulario.is_valid():
            archivo = formulario.cleaned_data["archivo"]
            try:
                resultado = importar_hitos(
                    plan=plan, archivo=archivo, nombre=archivo.name, actor=request.user
                )
            except ErrorDeImportacion as exc:
                errores = exc
            else:
                messages.success(
                    request,
                    ngettext(
                        "Se actualizó %(c)s hito",
                        "Se actualizaron %(c)s hitos",
                        len(resultado.cambiados),
                    )
                    % {"c": len(resultado.cambiados)}
                    + ngettext(
                        "; %(s)s fila sin cambios.",
                        "; %(s)s filas sin cambios.",
                        resultado.filas_sin_cambios,
                    )
                    % {"s": resultado.filas_sin_cambios},
                )
                return redirect(reverse("admin:stgao_planaccionlocal_change", args=[plan.pk]))
        contexto = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "plan": plan,
            "formulario": formulario,
            "errores": errores,
            "title": _("Importar avance de hitos"),
        }
        return TemplateResponse(request, "stgao/admin/importar_hitos.html", contexto)


AYUDA_LINEA_BASE = _(
    "Línea base publicada: se cambia con «Revisar línea base», con el motivo, desde el hito."
)


def congelar_linea_base(formulario) -> None:
    """Las fechas planeadas quedan fijas en el formulario (lo que se envíe se ignora)."""
    for campo in reglas_permiso.CAMPOS_LINEA_BASE:
        if campo in formulario.fields:
            formulario.fields[campo].disabled = True
            formulario.fields[campo].help_text = AYUDA_LINEA_BASE


class FormsetHitos(BaseInlineFormSet):
    """En un compromiso con la línea base congelada, los hitos ya guardados no cambian sus
    fechas planeadas; los nuevos sí las capturan (su línea base empieza al guardarse)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.linea_base_congelada():
            for formulario in self.forms[: self.initial_form_count()]:
                congelar_linea_base(formulario)


class HitoInline(LigasHttpsMixin, admin.TabularInline):
    model = Hito
    formset = FormsetHitos
    extra = 0
    fields = [
        "numero",
        "descripcion",
        "responsable",
        "peso",
        "fecha_inicio_planeada",
        "fecha_fin_planeada",
        "fecha_inicio_real",
        "fecha_fin_real",
        "estado",
    ]
    autocomplete_fields = ["responsable"]
    show_change_link = True


@admin.register(Compromiso)
class CompromisoAdmin(LigasHttpsMixin, AdminAuditado):
    list_display = ["__str__", "plan", "lider", "avance", "publicado"]
    list_filter = ["plan", "tema", "publicado"]
    search_fields = ["titulo", "problema"]
    readonly_fields = ["avance"]
    autocomplete_fields = ["lider", "responsables", "corresponsables", "metas_ods"]
    inlines = [HitoInline]
    list_select_related = ["plan", "lider"]
    get_readonly_fields = _solo_con_permiso_de_publicar("publicado", "stgao.publicar_compromiso")

    def get_queryset(self, request):
        return reglas_permiso.filtrar_compromisos(request.user, super().get_queryset(request))

    def get_exclude(self, request, obj=None):
        if reglas_permiso.es_enlace(request.user):
            return ["notas_internas"]
        return super().get_exclude(request, obj)

    def save_model(self, request, obj, form, change):
        # Si este envío publica, se publica al final (``save_related``): las fechas planeadas
        # que se capturan en el mismo envío son la línea base que se publica.
        guardado = Compromiso.objects.filter(pk=obj.pk).values_list("publicado", flat=True)
        if obj.publicado and not (change and guardado.first()):
            obj.publicado = False
            obj._publicar_al_final = True
        services.compromiso_guardar(compromiso=obj, actor=request.user)

    def save_formset(self, request, form, formset, change):
        instancias = formset.save(commit=False)
        for eliminado in formset.deleted_objects:
            eliminado._history_user = request.user
            eliminado.delete()
        for hito in instancias:
            services.hito_guardar(hito=hito, actor=request.user, recalcular=False)
        formset.save_m2m()

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        services.compromiso_asegurar_lider(compromiso=form.instance)
        services.compromiso_recalcular(compromiso=form.instance, actor=request.user)
        if getattr(form.instance, "_publicar_al_final", False):
            services.compromiso_publicar(compromiso=form.instance, actor=request.user)


class EvidenciaInline(LigasHttpsMixin, admin.TabularInline):
    model = Evidencia
    extra = 1
    fields = ["descripcion", "archivo", "enlace", "fecha"]


@admin.register(Hito)
class HitoAdmin(LigasHttpsMixin, AdminAuditado):
    list_display = ["__str__", "compromiso", "estado", "fecha_fin_planeada", "fecha_fin_real"]
    ordering = ["compromiso__plan", "compromiso__numero", "numero"]
    list_filter = ["estado"]
    search_fields = ["descripcion", "compromiso__titulo"]
    autocomplete_fields = ["responsable"]
    inlines = [EvidenciaInline]
    list_select_related = ["compromiso"]
    change_form_template = "stgao/admin/hito_change_form.html"
    fields = [
        "compromiso",
        "numero",
        "descripcion",
        "responsable",
        "peso",
        "fecha_inicio_planeada",
        "fecha_fin_planeada",
        "linea_base",
        "fecha_inicio_real",
        "fecha_fin_real",
        "estado",
    ]

    def get_queryset(self, request):
        return reglas_permiso.filtrar_hitos(request.user, super().get_queryset(request))

    def get_readonly_fields(self, request, obj=None):
        congelada = obj is not None and obj.compromiso.linea_base_congelada()
        if reglas_permiso.es_enlace(request.user):
            editables = reglas_permiso.campos_hito_enlace(congelada=congelada)
            return [c for c in self.fields if c not in editables]
        campos = [*super().get_readonly_fields(request, obj), "linea_base"]
        return [*campos, *reglas_permiso.CAMPOS_LINEA_BASE] if congelada else campos

    @admin.display(description=_("línea base"))
    def linea_base(self, obj):
        if obj is None or obj.pk is None:
            return _("Las fechas planeadas se congelan al publicarse el compromiso o su plan.")
        if obj.linea_base_revisada:
            return format_html(
                "Original: {} a {}. Revisada: {} a {}. Motivo: {}",
                obj.fecha_inicio_original or "—",
                obj.fecha_fin_original,
                obj.fecha_inicio_planeada or "—",
                obj.fecha_fin_planeada,
                obj.motivo_revision,
            )
        if obj.compromiso.linea_base_congelada():
            return _("Congelada: son las fechas planeadas con que se publicó.")
        return _("Todavía no se congela: el compromiso no se ha publicado.")

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["puede_revisar_linea_base"] = (
            obj is not None
            and reglas_permiso.puede_revisar_linea_base(request.user)
            and obj.compromiso.linea_base_congelada()
        )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def get_urls(self):
        propias = [
            path(
                "<path:object_id>/revisar-linea-base/",
                self.admin_site.admin_view(self.revisar_linea_base_view),
                name="stgao_hito_revisar_linea_base",
            )
        ]
        return propias + super().get_urls()

    def revisar_linea_base_view(self, request, object_id):
        if not reglas_permiso.puede_revisar_linea_base(request.user):
            raise PermissionDenied
        hito = self.registro_visible(request, object_id)
        formulario = FormularioRevisarLineaBase(
            request.POST or None,
            initial={
                "fecha_inicio_planeada": hito.fecha_inicio_planeada,
                "fecha_fin_planeada": hito.fecha_fin_planeada,
            },
        )
        if request.method == "POST" and formulario.is_valid():
            try:
                services.hito_revisar_linea_base(
                    hito=hito,
                    fecha_inicio_planeada=formulario.cleaned_data["fecha_inicio_planeada"],
                    fecha_fin_planeada=formulario.cleaned_data["fecha_fin_planeada"],
                    motivo=formulario.cleaned_data["motivo"],
                    actor=request.user,
                )
            except ValidationError as exc:
                for mensaje in exc.messages:
                    formulario.add_error(None, mensaje)
            else:
                messages.success(request, _("Se revisó la línea base del hito."))
                return redirect(reverse("admin:stgao_hito_change", args=[hito.pk]))
        contexto = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "hito": hito,
            "formulario": formulario,
            "title": _("Revisar línea base: %(h)s") % {"h": hito},
        }
        return TemplateResponse(request, "stgao/admin/revisar_linea_base.html", contexto)

    def has_add_permission(self, request):
        return not reglas_permiso.es_enlace(request.user) and super().has_add_permission(request)

    def has_change_permission(self, request, obj=None):
        if obj is not None and not reglas_permiso.puede_reportar_hito(request.user, obj):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not reglas_permiso.es_enlace(request.user) and super().has_delete_permission(
            request, obj
        )

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "compromiso":
            kwargs["queryset"] = reglas_permiso.filtrar_compromisos(
                request.user, Compromiso.objects.all()
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def delete_model(self, request, obj):
        compromiso = obj.compromiso
        obj._history_user = request.user
        super().delete_model(request, obj)
        services.compromiso_recalcular(compromiso=compromiso, actor=request.user)

    def delete_queryset(self, request, queryset):
        compromisos = list(Compromiso.objects.filter(hitos__in=queryset).distinct())
        for hito in queryset:
            hito._history_user = request.user
            hito.delete()
        for compromiso in compromisos:
            services.compromiso_recalcular(compromiso=compromiso, actor=request.user)

    def save_model(self, request, obj, form, change):
        services.hito_guardar(hito=obj, actor=request.user)

    def save_formset(self, request, form, formset, change):
        for evidencia in formset.save(commit=False):
            if evidencia.pk:
                guardar(evidencia, actor=request.user, validar=False)
            else:
                services.evidencia_agregar(
                    hito=form.instance,
                    descripcion=evidencia.descripcion,
                    archivo=evidencia.archivo or None,
                    enlace=evidencia.enlace,
                    fecha=evidencia.fecha,
                    actor=request.user,
                )
        for eliminado in formset.deleted_objects:
            eliminado._history_user = request.user
            eliminado.delete()


@admin.register(Evidencia)
class EvidenciaAdmin(LigasHttpsMixin, AdminAuditado):
    list_display = ["descripcion", "hito", "fecha"]
    search_fields = ["descripcion", "hito__descripcion"]
    list_select_related = ["hito", "hito__compromiso"]
    fields = ["hito", "descripcion", "archivo", "enlace", "fecha"]

    def get_queryset(self, request):
        return reglas_permiso.filtrar_evidencias(request.user, super().get_queryset(request))

    def has_change_permission(self, request, obj=None):
        return not reglas_permiso.es_enlace(request.user) and super().has_change_permission(
            request, obj
        )

    def has_delete_permission(self, request, obj=None):
        return not reglas_permiso.es_enlace(request.user) and super().has_delete_permission(
            request, obj
        )

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "hito":
            kwargs["queryset"] = reglas_permiso.filtrar_hitos_reportables(
                request.user, Hito.objects.select_related("compromiso")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if change:
            guardar(obj, actor=request.user, validar=False)
            return
        creada = services.evidencia_agregar(
            hito=obj.hito,
            descripcion=obj.descripcion,
            archivo=obj.archivo or None,
            enlace=obj.enlace,
            fecha=obj.fecha,
            actor=request.user,
        )
        obj.pk = creada.pk
