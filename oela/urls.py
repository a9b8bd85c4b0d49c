from django.urls import path

from . import views
from .publicacion import CanalDePrograma

app_name = "oela"

urlpatterns = [
    path("programa/", views.programa_lista, name="programa_lista"),
    path("programa/<int:anio>/", views.programa_detalle, name="programa_detalle"),
    path("programa/<int:anio>/cambios.atom", CanalDePrograma(), name="programa_cambios_atom"),
    path("programa/<int:anio>/matriz/", views.matriz, name="matriz"),
    path("programa/<int:anio>/matriz.xlsx", views.matriz_xlsx, name="matriz_xlsx"),
    path("programa/<int:anio>/matriz.csv", views.matriz_csv, name="matriz_csv"),
    path("programa/<int:anio>/documento/", views.documento, name="documento"),
    path("programa/<int:anio>/documento.pdf", views.documento_pdf, name="documento_pdf"),
    path(
        "programa/<int:anio>/lineas/<str:clave>/",
        views.linea_detalle,
        name="linea_detalle",
    ),
]
