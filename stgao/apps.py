from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StgaoConfig(AppConfig):
    name = "stgao"
    verbose_name = _("Secretariado Técnico de Gobierno Abierto")
    # Datos reales que ``make run`` carga (ver ``cargar_datos_reales``), en orden.
    datos_reales: list = [("cargar_plan_accion", "stgao_compromiso_oaxaca.json")]
