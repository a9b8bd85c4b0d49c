"""Rutas de información de interés público (se incluyen en la raíz del sitio).

El folio lleva diagonales (``DGA/DIP/2021-S1/0007``): el convertidor ``folio`` las admite.
"""

from django.urls import path, register_converter

from cocreacion.comun.enlaces import PATRON_FOLIO
from cocreacion.listados import views as vistas


class ConvertidorFolio:
    regex = PATRON_FOLIO

    def to_python(self, valor: str) -> str:
        return valor

    def to_url(self, valor: str) -> str:
        return valor


register_converter(ConvertidorFolio, "folio")

app_name = "interes_publico"

urlpatterns = [
    path("interes-publico/", vistas.inicio, name="inicio"),
    path("interes-publico/dictamenes/<folio:folio>.pdf", vistas.dictamen_pdf, name="dictamen_pdf"),
    path("interes-publico/dictamenes/<folio:folio>/", vistas.dictamen, name="dictamen"),
    path("interes-publico/mis-listados/", vistas.mis_listados, name="mis_listados"),
    path("interes-publico/mis-listados/plantilla.csv", vistas.plantilla_csv, name="plantilla_csv"),
    path("interes-publico/mis-listados/<int:pk>/", vistas.mi_listado, name="mi_listado"),
    path(
        "interes-publico/mis-listados/<int:pk>/importar/",
        vistas.mi_listado_importar,
        name="mi_listado_importar",
    ),
    path(
        "interes-publico/mis-listados/<int:pk>/enviar/",
        vistas.mi_listado_enviar,
        name="mi_listado_enviar",
    ),
    path(
        "interes-publico/mis-listados/<int:pk>/elementos/<int:elemento_pk>/",
        vistas.mi_elemento,
        name="mi_elemento",
    ),
    path(
        "interes-publico/mis-listados/<int:pk>/elementos/<int:elemento_pk>/eliminar/",
        vistas.mi_elemento_eliminar,
        name="mi_elemento_eliminar",
    ),
]
