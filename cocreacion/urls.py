"""Direcciones del sitio completo; cada app define sus rutas completas (ver DESIGN.md).

Las rutas de cada app y de cada sub-paquete con dominio propio se descubren
(``cocreacion.registro``): este archivo no nombra ninguna app.
"""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from cocreacion import views
from cocreacion.operacion import medios
from cocreacion.portal.urls import rutas as rutas_del_portal
from cocreacion.registro import paquetes_del_portal

# Lo que se escapa de las vistas (errores al dibujar una página de error, middleware, subidas a
# un temporal lleno) también recibe su página clara: 503 sin base, 507 sin disco.
handler500 = "cocreacion.operacion.middleware.error_del_servidor"

rutas_del_nucleo = [
    path("", views.inicio, name="inicio"),
    path("salud/", views.salud, name="salud"),
    path("robots.txt", views.robots, name="robots"),
    path("sujetos-obligados/", views.sujetos_lista, name="sujetos_lista"),
    path("sujetos-obligados/<slug:slug>/", views.sujeto_detalle, name="sujeto_detalle"),
    path("organizaciones/", views.organizaciones, name="organizaciones"),
    *rutas_del_portal,
]

# Los archivos subidos pasan siempre por ``medios.descargar`` (permiso y encabezados seguros).
ruta_de_medios = path(
    f"{settings.MEDIA_URL.strip('/')}/<path:ruta>", medios.descargar, name="medios_descargar"
)

urlpatterns = [
    path("admin/", admin.site.urls),
    ruta_de_medios,
    path("", include((rutas_del_nucleo, "cocreacion"))),
    # Las de cada app y sub-paquete (``<paquete>/urls.py``), en el orden del registro; éste es
    # el ``urls`` del paquete ``cocreacion`` mismo, que no se incluye a sí mismo.
    *[
        path("", include(f"{paquete}.urls"))
        for paquete in paquetes_del_portal()
        if paquete != "cocreacion"
    ],
]
