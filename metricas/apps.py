from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MetricasConfig(AppConfig):
    name = "metricas"
    verbose_name = _("Métrica de Gobierno Abierto")
    # Datos reales que ``make run`` carga (ver ``cargar_datos_reales``), en orden.
    datos_reales: list = []
