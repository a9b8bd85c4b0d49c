from django.apps import AppConfig
from django.db.models.signals import post_migrate
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

    def ready(self):
        from cocreacion.permissions import sincronizar_permisos_de_grupos

        # Los permisos de esta app existen sólo después de su propio post_migrate: se vuelven a
        # sincronizar los grupos (idempotente) para que los roles los reciban.
        post_migrate.connect(
            sincronizar_permisos_de_grupos, sender=self, dispatch_uid="metricas_sincronizar_grupos"
        )
