"""Admin del programa anual: el árbol se edita nivel por nivel con sus hijos en línea.

Cada guardado pasa por los servicios o por ``guardar`` (historial a nombre de quien actúa).
Publicar y cerrar sólo con ``oela.publicar_programa`` (Coordinación DGA).
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from import_export.admin import ExportMixin

from cocreacion.comun.admin_base import AdminAuditado
from cocreacion.comun.autocompletar import BusquedaConProgramaMixin, EtiquetaParaElegirMixin
from cocreacion.comun.descargas import TIPOS_DE_TABLA, nombrar
from cocreacion.comun.importacion import ErrorDeImportacion

from . import importacion, importacion_pendiente, resources, services
from .forms import AvanceAdminForm, ClonarProgramaForm, ImportarMatrizForm, ProgramaAdminForm
from .models import (
    MESES,
    Accion,
    Actividad,
    Avance,
    EstadoPrograma,
    Estrategia,
    LineaAccion,
    Objetivo,
    Programa,
    Requerimiento,
    SeccionPrograma,
)
from .permissions import puede_importar_matriz, puede_publicar


def _enlace_cambio(obj, texto=None):
    if not obj or not obj.pk:
        return "—"
    url = reverse(f"admin:oela_{obj._meta.model_name}_change", args=[obj.pk])
    return format_html('<a href="{}">{}</a>', url, texto or _("Editar"))


class ClaveMixin:
    @admin.display(description=_("clave"))
    def clave(self, obj):
        return obj.clave if obj and obj.pk else "—"

    @admin.display(description=_("hijos"))
    def editar(self, obj):
        return _enlace_cambio(obj, _("Abrir"))


# ── Inlines ────────────────────────────────────────────────────────────────────────────


class ObjetivoInline(ClaveMixin, admin.StackedInline):
    model = Objetivo
    extra = 0
    fields = [
        "numero",
        "clave",
        "texto",
        "enunciado_especifico",
        "eje_problematico",
        "problematica",
        "peso",
        "editar",
    ]
    readonly_fields = ["clave", "editar"]


class RequerimientoInline(admin.TabularInline):
    model = Requerimiento
    extra = 0
    fields = ["tipo", "cantidad", "descripcion", "estado", "orden"]


class SeccionProgramaInline(admin.StackedInline):
    model = SeccionPrograma
    extra = 0
    fields = ["orden", "clave", "titulo", "lugar", "texto", "fuente"]


class EstrategiaInline(ClaveMixin, admin.TabularInline):
    model = Estrategia
    extra = 0
    fields = ["numero", "clave", "texto", "peso", "editar"]
    readonly_fields = ["clave", "editar"]


class LineaAccionInline(ClaveMixin, admin.TabularInline):
    model = LineaAccion
    extra = 0
    fields = ["numero", "clave", "texto", "peso", "editar"]
    readonly_fields = ["clave", "editar"]


class AccionInline(ClaveMixin, admin.StackedInline):
    model = Accion
    extra = 0
    fields = [
        ("numero", "clave", "peso"),
        "descripcion",
        ("meta", "unidad_medida"),
        ("indicador", "medio_verificacion", "responsable"),
        tuple(campo for campo, _encabezado in MESES[:6]),
        tuple(campo for campo, _encabezado in MESES[6:]),
        "editar",
    ]
    readonly_fields = ["clave", "editar"]


# ── Programa ───────────────────────────────────────────────────────────────────────────


@admin.register(Programa)
class ProgramaAdmin(ExportMixin, AdminAuditado):
    resource_classes = [resources.ProgramaResource]
    form = ProgramaAdminForm
    list_display = ["anio", "titulo", "estado", "area"]
    list_filter = ["estado"]
    search_fields = ["titulo", "anio", "objetivo_general"]
    inlines = [ObjetivoInline, RequerimientoInline, SeccionProgramaInline]
    actions = ["publicar", "cerrar", "clonar"]
    change_form_template = "oela/admin/programa_change_form.html"
    fieldsets = [
        (None, {"fields": ["anio", "titulo", "area", "estado", "fecha_documento"]}),
        (_("Textos"), {"fields": ["presentacion", "introduccion", "objetivo_general"]}),
    ]

    def get_readonly_fields(self, request, obj=None):
        return [] if puede_publicar(request.user) else ["estado"]

    def save_model(self, request, obj, form, change):
        anterior = form.initial.get("estado") if change else EstadoPrograma.BORRADOR
        services.programa_guardar(programa=obj, actor=request.user, estado_anterior=anterior)

    def get_actions(self, request):
        acciones = super().get_actions(request)
        if not puede_publicar(request.user):
            acciones.pop("publicar", None)
            acciones.pop("cerrar", None)
        if not request.user.has_perm("oela.add_programa"):
            acciones.pop("clonar", None)
        return acciones

    def _cambiar_estado(self, request, queryset, funcion, verbo):
        for programa in queryset:
            try:
                funcion(programa=programa, actor=request.user)
            except (ValidationError, PermissionDenied) as exc:
                self.message_user(request, f"{programa.anio}: {_texto(exc)}", messages.ERROR)
            else:
                self.message_user(request, f"{programa.anio}: {verbo}.", messages.SUCCESS)

    @admin.action(description=_("Publicar los programas seleccionados"))
    def publicar(self, request, queryset):
        self._cambiar_estado(request, queryset, services.programa_publicar, _("publicado"))

    @admin.action(description=_("Cerrar los programas seleccionados"))
    def cerrar(self, request, queryset):
        self._cambiar_estado(request, queryset, services.programa_cerrar, _("cerrado"))

    @admin.action(description=_("Copiar la estructura a un año nuevo"))
    def clonar(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(
                request, _("Seleccione un solo programa para copiar."), messages.ERROR
            )
            return None
        origen = queryset.get()
        if "aplicar" in request.POST:
            form = ClonarProgramaForm(request.POST)
            if form.is_valid():
                try:
                    nuevo = services.programa_clonar(
                        programa=origen, anio=form.cleaned_data["anio"], actor=request.user
                    )
                except ValidationError as exc:
                    form.add_error("anio", _texto(exc))
                else:
                    self.message_user(
                        request,
                        _("Se creó el programa %(a)s en borrador con la estructura de %(o)s.")
                        % {"a": nuevo.anio, "o": origen.anio},
                        messages.SUCCESS,
                    )
                    return HttpResponseRedirect(
                        reverse("admin:oela_programa_change", args=[nuevo.pk])
                    )
        else:
            form = ClonarProgramaForm(initial={"anio": origen.anio + 1})
        return TemplateResponse(
            request,
            "oela/admin/clonar.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Copiar el programa %(a)s") % {"a": origen.anio},
                "origen": origen,
                "form": form,
                "opts": self.model._meta,
                "accion_checkbox": admin.helpers.ACTION_CHECKBOX_NAME,
            },
        )

    # Importar y exportar la Matriz de Programación
    def get_urls(self):
        propias = [
            path(
                "<int:pk>/importar-matriz/",
                self.admin_site.admin_view(self.importar_matriz),
                name="oela_programa_importar_matriz",
            ),
            path(
                "<int:pk>/exportar-matriz/<str:formato>/",
                self.admin_site.admin_view(self.exportar_matriz),
                name="oela_programa_exportar_matriz",
            ),
        ]
        return propias + super().get_urls()

    def importar_matriz(self, request, pk):
        """Importar en dos pasos: el archivo se revisa (nada se guarda) y se muestra qué
        cambiará; al confirmar se aplica ese mismo archivo, sin pedirlo otra vez."""
        programa = self.registro_visible(request, pk)
        if not puede_importar_matriz(request.user):
            raise PermissionDenied
        resultado, errores, pendiente = None, None, ""
        form = ImportarMatrizForm()
        if request.method == "POST" and request.POST.get("pendiente"):
            guardado = importacion_pendiente.tomar(
                request, clave=request.POST["pendiente"], programa=programa
            )
            if guardado is None:
                self.message_user(
                    request,
                    _(
                        "La revisión ya no está disponible (venció o ya se aplicó): elija el "
                        "archivo otra vez."
                    ),
                    messages.WARNING,
                )
            else:
                try:
                    resultado = importacion.importar_matriz(
                        programa=programa,
                        archivo=guardado.archivo(),
                        nombre=guardado.nombre,
                        actor=request.user,
                    )
                except ErrorDeImportacion as exc:
                    errores = exc
        elif request.method == "POST":
            form = ImportarMatrizForm(request.POST, request.FILES)
            if form.is_valid():
                archivo = form.cleaned_data["archivo"]
                try:
                    resultado = importacion.importar_matriz(
                        programa=programa,
                        archivo=archivo,
                        nombre=archivo.name,
                        actor=request.user,
                        ensayo=True,
                    )
                except ErrorDeImportacion as exc:
                    errores = exc
                else:
                    if not resultado.sin_cambios:
                        pendiente = importacion_pendiente.guardar(
                            request, archivo=archivo, programa=programa
                        )
        return TemplateResponse(
            request,
            "oela/admin/importar_matriz.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Importar la Matriz de Programación %(a)s") % {"a": programa.anio},
                "programa": programa,
                "form": form,
                "resultado": resultado,
                "errores": errores,
                "pendiente": pendiente,
                "opts": self.model._meta,
                "original": programa,
            },
        )

    def exportar_matriz(self, request, pk, formato):
        programa = self.registro_visible(request, pk)
        if not self.has_view_permission(request, programa) or formato not in {"xlsx", "csv"}:
            raise PermissionDenied
        tipo = TIPOS_DE_TABLA[formato]
        respuesta = HttpResponse(
            services.matriz_exportar(programa=programa, formato=formato), content_type=tipo
        )
        return nombrar(respuesta, f"matriz-programacion-{programa.anio}.{formato}")


def _texto(exc) -> str:
    if isinstance(exc, ValidationError):
        return " ".join(exc.messages)
    return str(exc)


# ── Niveles del árbol ──────────────────────────────────────────────────────────────────


@admin.register(Objetivo)
class ObjetivoAdmin(BusquedaConProgramaMixin, ClaveMixin, ExportMixin, AdminAuditado):
    camino_al_programa = "programa"
    resource_classes = [resources.ObjetivoResource]
    list_display = ["clave", "texto", "programa"]
    list_filter = ["programa"]
    search_fields = ["texto", "eje_problematico", "problematica"]
    list_select_related = ["programa"]
    autocomplete_fields = ["programa"]
    readonly_fields = ["clave"]
    inlines = [EstrategiaInline]
    ordering = ["-programa__anio", "numero"]


@admin.register(Estrategia)
class EstrategiaAdmin(
    BusquedaConProgramaMixin, EtiquetaParaElegirMixin, ClaveMixin, ExportMixin, AdminAuditado
):
    camino_al_programa = "objetivo__programa"
    list_display = ["clave", "texto", "programa"]
    list_filter = ["objetivo__programa"]
    search_fields = ["texto", "objetivo__texto"]
    list_select_related = ["objetivo__programa"]
    autocomplete_fields = ["objetivo"]
    readonly_fields = ["clave"]
    inlines = [LineaAccionInline]
    ordering = ["-objetivo__programa__anio", "objetivo__numero", "numero"]

    @admin.display(description=_("programa"), ordering="objetivo__programa__anio")
    def programa(self, obj):
        return obj.objetivo.programa.anio


@admin.register(LineaAccion)
class LineaAccionAdmin(
    BusquedaConProgramaMixin, EtiquetaParaElegirMixin, ClaveMixin, ExportMixin, AdminAuditado
):
    camino_al_programa = "estrategia__objetivo__programa"
    resource_classes = [resources.LineaAccionResource]
    list_display = ["clave", "texto", "programa", "alineacion"]
    list_filter = ["estrategia__objetivo__programa", "disposiciones", "metas_ods__ods"]
    search_fields = ["texto", "estrategia__texto"]
    list_select_related = ["estrategia__objetivo__programa"]
    autocomplete_fields = ["estrategia", "disposiciones", "metas_ods"]
    readonly_fields = ["clave"]
    inlines = [AccionInline]
    fields = [
        "estrategia",
        "numero",
        "clave",
        "texto",
        "peso",
        "disposiciones",
        "metas_ods",
        "origen_alineacion",
        "fuente_alineacion",
    ]
    ordering = [
        "-estrategia__objetivo__programa__anio",
        "estrategia__objetivo__numero",
        "estrategia__numero",
        "numero",
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("disposiciones")

    @admin.display(description=_("programa"), ordering="estrategia__objetivo__programa__anio")
    def programa(self, obj):
        return obj.estrategia.objetivo.programa.anio

    @admin.display(description=_("alineación normativa"))
    def alineacion(self, obj):
        return "; ".join(str(d) for d in obj.disposiciones.all()) or "—"


@admin.register(Accion)
class AccionAdmin(
    BusquedaConProgramaMixin, EtiquetaParaElegirMixin, ClaveMixin, ExportMixin, AdminAuditado
):
    camino_al_programa = "linea__estrategia__objetivo__programa"
    resource_classes = [resources.AccionResource]
    list_display = ["clave", "descripcion", "meta", "unidad_medida", "responsable"]
    list_filter = ["linea__estrategia__objetivo__programa"]
    search_fields = ["descripcion", "indicador", "responsable", "linea__texto"]
    list_select_related = ["linea__estrategia__objetivo"]
    autocomplete_fields = ["linea"]
    readonly_fields = ["clave"]
    ordering = [
        "-linea__estrategia__objetivo__programa__anio",
        "linea__estrategia__objetivo__numero",
        "linea__estrategia__numero",
        "linea__numero",
        "numero",
    ]


@admin.register(Avance)
class AvanceAdmin(EtiquetaParaElegirMixin, AdminAuditado):
    form = AvanceAdminForm
    list_display = ["accion", "mes", "realizado"]
    list_filter = ["mes", "accion__linea__estrategia__objetivo__programa"]
    search_fields = ["accion__descripcion", "comentario"]
    autocomplete_fields = ["accion"]
    list_select_related = ["accion__linea__estrategia__objetivo"]

    def save_model(self, request, obj, form, change):
        guardado = services.avance_registrar(
            accion=obj.accion,
            mes=obj.mes,
            realizado=obj.realizado,
            comentario=obj.comentario,
            enlace=obj.enlace_evidencia,
            evidencia=form.cleaned_data.get("evidencia"),
            actor=request.user,
        )
        obj.pk = guardado.pk


@admin.register(Actividad)
class ActividadAdmin(EtiquetaParaElegirMixin, ExportMixin, AdminAuditado):
    resource_classes = [resources.ActividadResource]
    list_display = ["fecha", "tipo", "modalidad", "accion", "mujeres", "hombres", "no_especificado"]
    list_filter = ["tipo", "modalidad", "accion__linea__estrategia__objetivo__programa"]
    search_fields = ["descripcion", "accion__descripcion"]
    autocomplete_fields = ["accion", "sujetos_obligados", "organizaciones"]
    list_select_related = ["accion__linea__estrategia__objetivo"]
    date_hierarchy = "fecha"


@admin.register(Requerimiento)
class RequerimientoAdmin(ExportMixin, AdminAuditado):
    resource_classes = [resources.RequerimientoResource]
    list_display = ["descripcion", "tipo", "cantidad", "estado", "programa"]
    list_filter = ["tipo", "estado", "programa"]
    search_fields = ["descripcion"]
    autocomplete_fields = ["programa"]
