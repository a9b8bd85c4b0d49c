"""Direcciones públicas de la participación ciudadana (``/participa/`` y el seguimiento)."""

from django.urls import path

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
]
