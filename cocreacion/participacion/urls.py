"""Direcciones públicas de la participación ciudadana (``/participa/`` y el seguimiento)."""

from django.urls import path

from . import views
from .canales import CanalDePropuestas
from .views import informe as vistas_informe
from .views import seguimiento

app_name = "participacion"

urlpatterns = [
    # Seguir por correo (las fijas antes de ``seguir/<clave>/<id>/``).
    path("seguir/revise-su-correo/", seguimiento.revise_su_correo, name="seguir_revise"),
    path("seguir/confirmar/<str:token>/", seguimiento.confirmar, name="seguir_confirmar"),
    path("seguir/baja/<str:token>/", seguimiento.baja, name="seguir_baja"),
    path("seguir/mis-suscripciones/", seguimiento.pedir_enlace, name="pedir_enlace"),
    path(
        "seguir/mis-suscripciones/<str:token>/",
        seguimiento.mis_suscripciones,
        name="mis_suscripciones",
    ),
    path("seguir/<slug:clave>/<int:pk>/", seguimiento.seguir, name="seguir"),
    path("participa/", views.participa, name="participa"),
    path("participa/aviso-de-privacidad/", views.privacidad, name="privacidad"),
    path("participa/mis-datos/borrar/", views.borrar, name="borrar"),
    path("participa/mis-datos/borrar/enviado/", views.borrar_enviado, name="borrar_enviado"),
    path(
        "participa/mis-datos/borrar/<str:token>/",
        views.borrar_confirmar,
        name="borrar_confirmar",
    ),
    path(
        "participa/confirmar/propuesta/<str:token>/",
        views.propuesta_confirmar,
        name="propuesta_confirmar",
    ),
    path(
        "participa/confirmar/apoyo/<str:token>/",
        views.apoyo_confirmar,
        name="apoyo_confirmar",
    ),
    path("participa/<slug:slug>/", views.consulta, name="consulta"),
    path("participa/<slug:slug>/informe/", vistas_informe.informe, name="informe"),
    path("participa/<slug:slug>/informe.pdf", vistas_informe.informe_en_pdf, name="informe_pdf"),
    path("participa/<slug:slug>/propuestas.atom", CanalDePropuestas(), name="propuestas_atom"),
    path("participa/<slug:slug>/proponer/", views.proponer, name="proponer"),
    path(
        "participa/<slug:slug>/proponer/enviada/",
        views.propuesta_enviada,
        name="propuesta_enviada",
    ),
    path("participa/<slug:slug>/propuestas/<int:pk>/", views.propuesta, name="propuesta"),
    path("participa/<slug:slug>/propuestas/<int:pk>/apoyar/", views.apoyar, name="apoyar"),
    path(
        "participa/<slug:slug>/propuestas/<int:pk>/apoyar/enviado/",
        views.apoyo_enviado,
        name="apoyo_enviado",
    ),
]
