from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MetricasConfig(AppConfig):
    name = "metricas"
    verbose_name = _("Métrica de Gobierno Abierto")
    # Datos reales que ``make run`` carga (ver ``cargar_datos_reales``), en orden: las ediciones
    # (pesos 2017, bandas, promedios por entidad), los indicadores de referencia y los resultados
    # 2017 de BSO.csv. ``importar_metrica`` es idempotente: reimportar no cambia nada. La ruta es
    # relativa a la raíz del proyecto (``settings.BASE_DIR``).
    datos_reales: list = [
        "metricas_ediciones.json",
        "metricas_indicadores.json",
        ("importar_metrica", "fixtures/metrica-2017/BSO.csv", "--edicion", "2017"),
    ]
