"""Piezas comunes del admin: historial visible, autoría y control de edición concurrente."""

from django.core.exceptions import ValidationError
from import_export.admin import ImportExportMixin
from import_export.forms import ImportForm
from simple_history.admin import SimpleHistoryAdmin

from .concurrencia import CAMPO_VERSION, describir_conflicto, version_actual
from .historial import guardar
from .importacion import ErrorDeImportacion, leer_tabla


class AdminAuditado(SimpleHistoryAdmin):
    """Admin con historial por registro; cada guardado queda a nombre de ``request.user``.

    Además, si otra persona guardó el registro mientras se editaba, el segundo guardado se
    rechaza mostrando qué cambió (ver ``cocreacion.concurrencia``). Los admins con reglas
    propias sobrescriben ``save_model`` para llamar a su servicio.
    """

    change_form_template = "admin/auditado/change_form.html"

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
    """Admin con importación de django-import-export, con los límites de los importadores."""

    import_form_class = FormularioImportacionAcotado

    def add_data_read_fail_error_to_form(self, form, e):
        if isinstance(e, ErrorDeImportacion):
            form.add_error("import_file", e.resumen())
        else:
            super().add_data_read_fail_error_to_form(form, e)
