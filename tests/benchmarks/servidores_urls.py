"""Las rutas del portal y un admin de prueba con la importación de django-import-export.

Ver ``servidores_ajustes.py``: sólo lo cargan los servidores de ``varios_servidores.py``.
"""

from django.contrib import admin
from django.urls import path

from cocreacion.comun.admin_base import AdminAuditadoConImportacion
from cocreacion.models import Municipio
from cocreacion.resources import MunicipioResource
from cocreacion.urls import urlpatterns as rutas_del_portal


class MunicipiosImportables(AdminAuditadoConImportacion):
    resource_classes = [MunicipioResource]
    search_fields = ["nombre", "clave"]


# ``admin.site`` es perezoso: ``__class__`` da la clase del sitio del portal.
sitio_de_prueba = admin.site.__class__(name="prueba_importacion")
sitio_de_prueba.register(Municipio, MunicipiosImportables)

urlpatterns = [path("prueba-importacion/", sitio_de_prueba.urls), *rutas_del_portal]
