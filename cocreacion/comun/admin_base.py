"""Piezas comunes del admin: una sola puerta para cada registro, historial de sólo lectura,
autoría y control de edición concurrente."""

from django.contrib import messages
from django.contrib.admin import helpers
from django.contrib.admin.utils import flatten_fieldsets, unquote
from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.utils.translation import gettext as _
from import_export.admin import ImportExportMixin
from import_export.forms import ImportForm
from simple_history.admin import SimpleHistoryAdmin

from cocreacion.comun.admin_puerta import sin_nul
from cocreacion.comun.concurrencia import CAMPO_VERSION, describir_conflicto, version_actual
from cocreacion.comun.historial import guardar
from cocreacion.comun.importacion import ErrorDeImportacion, leer_tabla
from cocreacion.permissions import enlace_de


class AdminAuditado(SimpleHistoryAdmin):
    """Admin con historial por registro; cada guardado queda a nombre de ``request.user``.

    Si otra persona guardó el registro mientras se editaba, el segundo guardado se rechaza
    mostrando qué cambió (ver ``cocreacion.comun.concurrencia``). Los admins con reglas propias
    sobrescriben ``save_model`` para llamar a su servicio.

    **Una sola puerta.** Las vistas que agrega django-simple-history (lista del historial y
    vista de una versión) obedecen lo mismo que la vista de cambio: sin permiso de ver el
    modelo, 403; un registro fuera de ``get_queryset`` (p. ej. de otro sujeto obligado), 404,
    aunque su historial exista; y las diferencias muestran sólo los campos que el formulario
    de ese rol muestra (``campos_visibles``). ``versiones_visibles`` permite a cada admin
    ocultar versiones enteras (p. ej. el proyecto de un dictamen antes de aprobarse).

    **El historial no revierte.** La vista de una versión es de sólo lectura para todos,
    superusuario incluido: un POST responde 403 y no guarda nada. Revertir un registro
    público a una versión anterior no es «deshacer»: es volver a escribir título, estado,
    fechas o publicación, y esas escrituras tienen reglas que viven en los servicios
    (quién publica, qué transiciones son legales, qué queda fijo tras aprobarse). La vista
    de simple-history guarda directo con el formulario del admin, saltándose esas reglas, y
    ``SIMPLE_HISTORY_REVERT_DISABLED`` sólo esconde el botón. Quien necesite recuperar un
    valor lo copia de la versión y lo guarda en la vista de cambio, que sí pasa por el
    servicio y queda en el historial a su nombre.
    """

    change_form_template = "admin/auditado/change_form.html"

    # ── Escritura ──────────────────────────────────────────────────────────────────────

    def save_model(self, request, obj, form, change):
        # El formulario ya validó; ``guardar`` fija el autor para el historial.
        guardar(obj, actor=request.user, validar=False)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        extra_context = dict(extra_context or {})
        if object_id:
            objeto = self.get_object(request, object_id)
            if objeto is not None:
                # Como texto: un número se mostraría con separador de miles («4,271»).
                version = version_actual(objeto)
                extra_context["version_historial"] = "" if version is None else str(version)
        extra_context["campo_version"] = CAMPO_VERSION
        return super().changeform_view(request, object_id, form_url, extra_context)

    def get_form(self, request, obj=None, change=False, **kwargs):
        formulario = super().get_form(request, obj, change=change, **kwargs)
        if obj is None or request.method != "POST":
            return formulario
        enviada = request.POST.get(CAMPO_VERSION)

        class FormularioConControlDeVersion(formulario):
            def clean(self):
                datos = super().clean()
                conflicto = describir_conflicto(self.instance, enviada)
                if conflicto:
                    raise ValidationError(conflicto, code="edicion_concurrente")
                return datos

        FormularioConControlDeVersion.__name__ = formulario.__name__
        return FormularioConControlDeVersion

    def response_action(self, request, queryset):
        # Django filtraría ``pk__in`` con lo que llegue y un id no numérico sería un 500.
        for valor in request.POST.getlist(helpers.ACTION_CHECKBOX_NAME):
            try:
                self.model._meta.pk.to_python(valor)
            except ValidationError:
                self.message_user(
                    request,
                    _("La selección trae identificadores no válidos; no se hizo ningún cambio."),
                    messages.ERROR,
                )
                return HttpResponseRedirect(request.get_full_path())
        return super().response_action(request, queryset)

    # ── Búsqueda y autocompletar ───────────────────────────────────────────────────────

    def get_search_results(self, request, queryset, search_term):
        # El mismo método atiende la búsqueda de la lista y ``/admin/autocomplete/``.
        return super().get_search_results(request, queryset, sin_nul(search_term))

    # ── Historial ──────────────────────────────────────────────────────────────────────

    def registro_visible(self, request, object_id):
        """El registro ``object_id`` si este rol lo ve en su vista de cambio; si no, 403 o 404.

        Lo usan el historial y los botones propios de cada admin para que ninguna ruta con un
        id en la dirección tenga reglas distintas de la vista de cambio.
        """
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        objeto = self.get_object(request, unquote(str(object_id)))
        if objeto is None:
            raise Http404(_("No existe un registro con ese identificador."))
        if not self.has_view_or_change_permission(request, objeto):
            raise PermissionDenied
        return objeto

    def versiones_visibles(self, request, versiones):
        """Versiones del historial que este rol puede consultar (por omisión, todas)."""
        return versiones

    def campos_visibles(self, request, obj=None) -> list[str]:
        """Campos del modelo que el formulario de este rol muestra (editables o de lectura)."""
        nombres = []
        for nombre in flatten_fieldsets(self.get_fieldsets(request, obj)):
            try:
                self.model._meta.get_field(nombre)
            except FieldDoesNotExist:
                continue  # un método de solo lectura, no un campo con historial
            nombres.append(nombre)
        return nombres

    def get_history_queryset(self, request, history_manager, pk_name, object_id):
        versiones = super().get_history_queryset(request, history_manager, pk_name, object_id)
        return self.versiones_visibles(request, versiones)

    def history_view(self, request, object_id, extra_context=None):
        request._registro_del_historial = self.registro_visible(request, object_id)
        self._solo_consulta(request)
        return super().history_view(request, object_id, extra_context)

    def _solo_consulta(self, request):
        if request.method not in ("GET", "HEAD"):
            raise PermissionDenied(
                _("El historial sólo se consulta; los cambios se guardan en la ficha del registro.")
            )

    def set_history_delta_changes(self, request, historical_records, foreign_keys_are_objs=True):
        # Igual que simple-history, pero sólo con los campos que este rol ve en su formulario.
        visibles = set(
            self.campos_visibles(request, getattr(request, "_registro_del_historial", None))
        )
        anterior = None
        for actual in historical_records:
            if anterior is not None:
                # Lo que simple-history compara por omisión (campos editables con historial),
                # menos lo que este rol no ve.
                comparables = {f.name for f in actual.tracked_fields if f.editable}
                comparables |= {f.name for f in actual._history_m2m_fields}
                delta = anterior.diff_against(
                    actual,
                    included_fields=comparables & visibles,
                    foreign_keys_are_objs=foreign_keys_are_objs,
                )
                ayuda = self.get_historical_record_context_helper(request, anterior)
                anterior.history_delta_changes = ayuda.context_for_delta_changes(delta)
            anterior = actual

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """Una versión anterior, en sólo lectura (ver «El historial no revierte» arriba)."""
        registro = self.registro_visible(request, object_id)
        self._solo_consulta(request)
        try:
            version = int(version_id)
        except (TypeError, ValueError):
            version = 0
        if not 0 < version < 2**63:
            raise Http404(_("No existe esa versión."))
        opts = self.model._meta
        historial = getattr(self.model, opts.simple_history_manager_attribute).filter(
            **{"history_id": version, opts.pk.attname: registro.pk}
        )
        if not self.versiones_visibles(request, historial).exists():
            raise Http404(_("No existe esa versión."))
        return super().history_form_view(request, str(registro.pk), version, extra_context)

    def render_history_view(self, request, template, context, **kwargs):
        if template == self.object_history_form_template:
            formulario = context["adminform"]
            # Todos los campos en lectura: la versión se consulta, no se edita.
            context["adminform"] = helpers.AdminForm(
                formulario.form,
                list(formulario.fieldsets),
                {},
                readonly_fields=flatten_fieldsets(formulario.fieldsets),
                model_admin=self,
            )
            context.update(
                revert_disabled=True,
                change_history=False,
                has_change_permission=False,
                has_add_permission=False,
                has_delete_permission=False,
                has_file_field=False,
            )
        return super().render_history_view(request, template, context, **kwargs)

    def revert_disabled(self, request, obj=None):
        return True


class FormularioImportacionAcotado(ImportForm):
    """Rechaza en el formulario el archivo que pasa un límite de importación o no se lee."""

    def clean_import_file(self):
        archivo = self.cleaned_data["import_file"]
        try:
            leer_tabla(archivo, nombre=archivo.name)
        except ErrorDeImportacion as exc:
            raise ValidationError(exc.resumen(), code="importacion") from exc
        finally:
            archivo.seek(0)
        return archivo


class AdminAuditadoConImportacion(ImportExportMixin, AdminAuditado):
    """Con las vistas de importar de django-import-export y los límites de los importadores.

    Sólo para catálogos sin reglas propias: la importación guarda con el recurso, no con un
    servicio. Un modelo con reglas (publicar, aprobar, transiciones) importa por su servicio.
    Exportar pide el permiso de ver (``IMPORT_EXPORT_EXPORT_PERMISSION_CODE``) y sale de
    ``get_queryset``; importar, agregar y cambiar, y nunca a un enlace.
    """

    import_form_class = FormularioImportacionAcotado

    def has_import_permission(self, request):
        return (
            enlace_de(request.user) is None
            and self.has_add_permission(request)
            and self.has_change_permission(request)
        )

    def get_import_data_kwargs(self, **kwargs):
        # Sin esto, al confirmar, una fila inválida no deshace las válidas (se guardarían).
        return {**super().get_import_data_kwargs(**kwargs), "rollback_on_validation_errors": True}

    def add_data_read_fail_error_to_form(self, form, e):
        if isinstance(e, ErrorDeImportacion):
            form.add_error("import_file", e.resumen())
        else:
            super().add_data_read_fail_error_to_form(form, e)
