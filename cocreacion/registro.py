"""Descubrimiento de lo que cada app aporta al portal, en un solo lugar.

Las apps del portal declaran piezas en módulos con nombre fijo (``selectors``,
``publicacion``, ``resources``, ``permissions``); el núcleo las reúne con ``modulos_de_apps``.
"""

from collections.abc import Iterator
from importlib import import_module
from types import ModuleType

# Etiquetas de las apps del portal (``app_label``), en orden; el módulo de cada una sale de su
# AppConfig, porque la participación ciudadana vive en ``cocreacion.participacion``.
APPS_DEL_PORTAL = ["cocreacion", "oela", "stgao", "metricas", "participacion"]


def _modulo_de_app(etiqueta: str) -> str:
    from django.apps import apps

    return apps.get_app_config(etiqueta).name


def modulos_de_apps(nombre: str, *, extra: tuple[str, ...] = ()) -> Iterator[ModuleType]:
    """Cada ``<app>.<nombre>`` que exista (y los módulos ``extra``), en el orden de las apps.

    Un módulo ausente se omite; un error *dentro* de un módulo que sí existe se propaga.
    """
    for ruta in [f"{_modulo_de_app(app)}.{nombre}" for app in APPS_DEL_PORTAL] + list(extra):
        try:
            yield import_module(ruta)
        except ModuleNotFoundError as error:
            if error.name != ruta:
                raise


def reunir(nombre_modulo: str, atributo: str, *, extra: tuple[str, ...] = ()) -> list:
    """Concatena las listas ``atributo`` de los módulos ``<app>.<nombre_modulo>``."""
    reunidos = []
    for modulo in modulos_de_apps(nombre_modulo, extra=extra):
        reunidos.extend(getattr(modulo, atributo, []))
    return reunidos
