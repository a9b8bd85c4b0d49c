"""Mapa del sitio (``/sitemap.xml``): páginas fijas, catálogo y lo que declare cada app.

Cada app puede definir en su ``publicacion.py`` un diccionario ``SITEMAPS`` de clases
``Sitemap`` cuyos ``items()`` salen de ``publicados()``: un borrador nunca aparece.
"""

from django.contrib.sitemaps import Sitemap

from cocreacion.models import SujetoObligado
from cocreacion.registro import modulos_de_apps


class PaginasFijas(Sitemap):
    changefreq = "weekly"
    priority = 0.8

    def items(self):
        return [
            "/",
            "/programa/",
            "/stgao/",
            "/compromisos/",
            "/interes-publico/",
            "/metricas/",
            "/sujetos-obligados/",
            "/participa/",
            "/datos/",
        ]

    def location(self, item):
        return item


class SujetosObligados(Sitemap):
    changefreq = "monthly"
    priority = 0.5
    limit = 5000

    def items(self):
        # Un slug vacío (dato viejo) no cabe en la dirección de la ficha.
        return SujetoObligado.objects.activos().exclude(slug="").only("slug").order_by("pk")


def todos() -> dict:
    mapas = {"paginas": PaginasFijas, "sujetos": SujetosObligados}
    for modulo in modulos_de_apps("publicacion"):
        mapas.update(getattr(modulo, "SITEMAPS", {}))
    return mapas
