from axes.apps import AppConfig as AxesConfig
from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CocreacionConfig(AppConfig):
    name = "cocreacion"
    verbose_name = _("Catálogos e información de interés público")
    # Dominios del núcleo con las mismas piezas que una app (``cocreacion.registro``).
    subpaquetes = ["cocreacion.listados"]
    # Datos reales que ``make run`` carga (ver ``cargar_datos_reales``), en orden.
    datos_reales = [
        "institucion.json",
        "ods.json",
        "municipios.json",
        "disposiciones.json",
        "organizaciones.json",
        "sujetos_obligados.json",
    ]

    def ready(self):
        from simple_history.signals import post_create_historical_record

        from cocreacion import permissions
        from cocreacion.comun import historial, pdf
        from cocreacion.operacion import cache_paginas
        from cocreacion.portal import busqueda, cambios

        cache_paginas.conectar_senales()
        pdf.conectar_pregeneracion()
        # La búsqueda en SQLite compara sin acentos con una función que cada conexión registra.
        connection_created.connect(
            busqueda.registrar_funcion_sqlite, dispatch_uid="busqueda_sin_acentos"
        )

        # El registro público de cambios se escribe al crearse cada versión del historial.
        post_create_historical_record.connect(
            cambios.al_crear_version, dispatch_uid="registro_publico_de_cambios"
        )
        historial.versiones_creadas_en_bloque.connect(
            cambios.al_crear_versiones_en_bloque, dispatch_uid="registro_publico_en_bloque"
        )

        # Sin ``sender``: los permisos de cada app se crean en su propio post_migrate, así que
        # los grupos se sincronizan tras el de cada app (es idempotente y barato).
        post_migrate.connect(
            permissions.sincronizar_permisos_de_grupos, dispatch_uid="sincronizar_grupos"
        )


class AdminDelPortalConfig(AdminConfig):
    """El admin de Django con el segundo factor opcional
    (``cocreacion.operacion.segundo_factor``)."""

    default_site = "cocreacion.operacion.segundo_factor.SitioAdmin"


class BloqueoDeAccesosConfig(AxesConfig):
    """django-axes con nombre en español en el admin (la app no trae catálogo en español)."""

    verbose_name = _("Bloqueo de accesos")
