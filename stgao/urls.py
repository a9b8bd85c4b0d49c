from django.urls import path

from . import views
from .publicacion import CanalDeCompromiso

app_name = "stgao"

urlpatterns = [
    path("stgao/", views.portada, name="portada"),
    path("stgao/sesiones/", views.sesiones, name="sesiones"),
    path("stgao/sesiones.ics", views.sesiones_ics, name="sesiones_ics"),
    path("stgao/sesiones/<int:pk>/", views.sesion_detalle, name="sesion_detalle"),
    path("stgao/sesiones/<int:pk>/acta.pdf", views.acta_pdf, name="acta_pdf"),
    path("stgao/acuerdos/", views.acuerdos, name="acuerdos"),
    path("compromisos/", views.compromisos, name="compromisos"),
    path("compromisos/<slug:slug>/", views.compromiso_detalle, name="compromiso_detalle"),
    path(
        "compromisos/<slug:slug>/cambios.atom",
        CanalDeCompromiso(),
        name="compromiso_cambios_atom",
    ),
    path(
        "compromisos/<slug:slug>/historial/",
        views.compromiso_historial,
        name="compromiso_historial",
    ),
]
