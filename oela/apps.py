from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OelaConfig(AppConfig):
    name = "oela"
    verbose_name = _("Programa anual de trabajo")
    # Datos reales que ``make run`` carga (ver ``cargar_datos_reales``), en orden.
    datos_reales: list = ["oela_programa_2021.json", "oela_programa_2021_secciones.json"]
