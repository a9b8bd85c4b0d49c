from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class StgaoConfig(AppConfig):
    name = "stgao"
    verbose_name = _("Secretariado Técnico de Gobierno Abierto")
    # Datos reales que ``make run`` carga (ver ``cargar_datos_reales``), en orden.
    datos_reales: list = [("cargar_plan_accion", "stgao_compromiso_oaxaca.json")]

    def ready(self):
        from cocreacion.permissions import sincronizar_permisos_de_grupos

        # Los permisos de esta app existen sólo después de su propio post_migrate: se vuelven
        # a sincronizar los grupos (idempotente) para que los roles los reciban.
        post_migrate.connect(
            sincronizar_permisos_de_grupos, sender=self, dispatch_uid="stgao_sincronizar_grupos"
        )
