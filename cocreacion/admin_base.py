"""Piezas comunes del admin: historial visible y escritura atribuida a quien actúa."""

from import_export.admin import ImportExportMixin
from simple_history.admin import SimpleHistoryAdmin

from .historial import guardar


class AdminAuditado(SimpleHistoryAdmin):
    """Admin con historial por registro; cada guardado queda a nombre de ``request.user``.

    Los admins con reglas propias sobrescriben ``save_model`` para llamar a su servicio.
    """

    def save_model(self, request, obj, form, change):
        # El formulario ya validó; ``guardar`` fija el autor para el historial.
        guardar(obj, actor=request.user, validar=False)


class AdminAuditadoConImportacion(ImportExportMixin, AdminAuditado):
    pass
