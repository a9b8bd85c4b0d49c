from django.urls import path

from . import views

app_name = "metricas"

urlpatterns = [
    path("metricas/", views.inicio, name="inicio"),
    path("metricas/indicadores-de-referencia/", views.indicadores, name="indicadores"),
    path("metricas/<int:anio>/", views.edicion, name="edicion"),
    path("metricas/<int:anio>/resultados.<str:formato>", views.descarga, name="descarga"),
]
