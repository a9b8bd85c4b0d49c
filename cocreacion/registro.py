"""Descubrimiento de lo que cada app aporta al portal, en un solo lugar.

Las apps del portal declaran piezas en módulos con nombre fijo (``selectors``,
``publicacion``, ``resources``, ``permissions``, ``pdf``, ``pendientes``, ``sinteticos``…); el
núcleo las reúne con ``modulos_de_apps``. Un dominio que vive en un sub-paquete del núcleo
(``cocreacion.listados``) se declara en ``subpaquetes`` de su AppConfig y se descubre igual, justo
después de su app: nadie reexporta nada para que el descubrimiento lo encuentre.
"""

from collections.abc import Iterator
from importlib import import_module
from types import ModuleType

from django.conf import settings

# Etiquetas de las apps del portal (``app_label``), en orden, tal como las declara la
# configuración; el módulo de cada una sale de su AppConfig, porque la participación ciudadana
# vive en ``cocreacion.participacion``.
APPS_DEL_PORTAL = settings.APPS_DEL_PORTAL


def paquetes_del_portal() -> list[str]:
    """Los paquetes que aportan piezas: cada app y, tras ella, sus ``subpaquetes``."""
    from django.apps import apps

    paquetes = []
    for etiqueta in APPS_DEL_PORTAL:
        config = apps.get_app_config(etiqueta)
        paquetes += [config.name, *getattr(config, "subpaquetes", [])]
    return paquetes


def modulos_de_apps(nombre: str) -> Iterator[ModuleType]:
    """Cada ``<paquete>.<nombre>`` que exista, en el orden de ``paquetes_del_portal``.

    Un módulo ausente se omite; un error *dentro* de un módulo que sí existe se propaga.
    """
    for ruta in [f"{paquete}.{nombre}" for paquete in paquetes_del_portal()]:
        try:
            yield import_module(ruta)
        except ModuleNotFoundError as error:
            if error.name != ruta:
                raise


def reunir(nombre_modulo: str, atributo: str) -> list:
    """Concatena las listas ``atributo`` de los módulos ``<paquete>.<nombre_modulo>``."""
    reunidos = []
    for modulo in modulos_de_apps(nombre_modulo):
        reunidos.extend(getattr(modulo, atributo, []))
    return reunidos
