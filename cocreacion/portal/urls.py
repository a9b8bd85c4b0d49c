"""Rutas de las funciones de todo el portal: búsqueda, cambios, canales, datos y mapa del sitio.

Se suman a ``rutas_del_nucleo`` (``cocreacion/urls.py``), en el mismo espacio de nombres
``cocreacion`` de siempre (``cocreacion:buscar``, ``cocreacion:datos``…).
"""

from django.contrib.sitemaps.views import index, sitemap
from django.urls import path

from cocreacion.portal import views
from cocreacion.portal.feeds import CanalDeCambios, CanalDeSujetoObligado
from cocreacion.portal.sitemaps import todos as mapas_del_sitio

rutas = [
    # Un índice y una sección por tipo, paginada (``LIMITE_POR_PAGINA``): un solo archivo con
    # todo crecía con las propuestas (20,000 a escala 1: 577 ms y 2 MB por petición).
    path(
        "sitemap.xml",
        index,
        {
            "sitemaps": mapas_del_sitio(),
            "sitemap_url_name": "cocreacion:django.contrib.sitemaps.views.sitemap",
        },
        name="django.contrib.sitemaps.views.index",
    ),
    path(
        "sitemap-<slug:section>.xml",
        sitemap,
        {"sitemaps": mapas_del_sitio()},
        name="django.contrib.sitemaps.views.sitemap",
    ),
    path("buscar/", views.busqueda, name="buscar"),
    path("cambios/", views.cambios, name="cambios"),
    path("cambios.atom", CanalDeCambios(), name="cambios_atom"),
    path(
        "sujetos-obligados/<slug:slug>/cambios.atom",
        CanalDeSujetoObligado(),
        name="sujeto_cambios_atom",
    ),
    path("datos/", views.centro_de_datos, name="datos"),
    path("datos/datapackage.json", views.paquete, name="datos_paquete"),
    path("datos/<slug:nombre>.<str:formato>", views.descargar, name="datos_descarga"),
]
