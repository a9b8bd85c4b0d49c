"""Direcciones del sitio completo; cada app define sus rutas completas (ver DESIGN.md)."""

from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from cocreacion import medios, views, views_busqueda, views_cambios, views_datos
from cocreacion.feeds import CanalDeCambios, CanalDeSujetoObligado
from cocreacion.sitemaps import todos as mapas_del_sitio

# Lo que se escapa de las vistas (errores al dibujar una página de error, middleware, subidas a
# un temporal lleno) también recibe su página clara: 503 sin base, 507 sin disco.
handler500 = "cocreacion.middleware.error_del_servidor"

rutas_del_nucleo = [
    path("", views.inicio, name="inicio"),
    path("salud/", views.salud, name="salud"),
    path("robots.txt", views.robots, name="robots"),
    path(
        "sitemap.xml",
        sitemap,
        {"sitemaps": mapas_del_sitio()},
        name="django.contrib.sitemaps.views.sitemap",
    ),
    path("sujetos-obligados/", views.sujetos_lista, name="sujetos_lista"),
    path("sujetos-obligados/<slug:slug>/", views.sujeto_detalle, name="sujeto_detalle"),
    path("organizaciones/", views.organizaciones, name="organizaciones"),
    path("buscar/", views_busqueda.busqueda, name="buscar"),
    path("cambios/", views_cambios.cambios, name="cambios"),
    path("cambios.atom", CanalDeCambios(), name="cambios_atom"),
    path(
        "sujetos-obligados/<slug:slug>/cambios.atom",
        CanalDeSujetoObligado(),
        name="sujeto_cambios_atom",
    ),
    path("datos/", views_datos.centro_de_datos, name="datos"),
    path("datos/datapackage.json", views_datos.paquete, name="datos_paquete"),
    path(
        "datos/<slug:nombre>.<str:formato>",
        views_datos.descargar,
        name="datos_descarga",
    ),
]

# Los archivos subidos pasan siempre por ``medios.descargar`` (permiso y encabezados seguros).
ruta_de_medios = path(
    f"{settings.MEDIA_URL.strip('/')}/<path:ruta>", medios.descargar, name="medios_descargar"
)

urlpatterns = [
    path("admin/", admin.site.urls),
    ruta_de_medios,
    path("", include((rutas_del_nucleo, "cocreacion"))),
    path("", include("cocreacion.listados.urls")),
    path("", include("oela.urls")),
    path("", include("stgao.urls")),
    path("", include("metricas.urls")),
    path("", include("cocreacion.participacion.urls")),
]
