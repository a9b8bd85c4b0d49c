"""Direcciones públicas de la participación ciudadana (``/participa/`` y el seguimiento)."""

app_name = "participacion"

urlpatterns = []
