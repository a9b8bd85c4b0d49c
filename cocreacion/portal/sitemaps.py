"""Mapa del sitio (``/sitemap.xml``): páginas fijas, catálogo y lo que declare cada app.

Cada app puede definir en su ``publicacion.py`` un diccionario ``SITEMAPS`` de clases
``SeccionDelMapa`` cuyos ``items()`` salen de ``publicados()``: un borrador nunca aparece.

``/sitemap.xml`` es el índice: enlaza una dirección por sección y página
(``/sitemap-propuestas.xml?p=3``), como piden los buscadores para sitios grandes.
"""

from django.contrib.sitemaps import Sitemap

from cocreacion.models import SujetoObligado
from cocreacion.registro import modulos_de_apps

# Direcciones por página de una sección. Los buscadores aceptan hasta 50,000; con 500 cada
# página se arma en unos 30 ms y pesa unos 75 KB (con 1,000, 55 ms).
LIMITE_POR_PAGINA = 500


class SeccionDelMapa(Sitemap):
    """Una sección del mapa del sitio, en páginas de ``LIMITE_POR_PAGINA`` direcciones."""

    limit = LIMITE_POR_PAGINA


class PaginasFijas(SeccionDelMapa):
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


class SujetosObligados(SeccionDelMapa):
    changefreq = "monthly"
    priority = 0.5

    def items(self):
        # Un slug vacío (dato viejo) no cabe en la dirección de la ficha.
        return SujetoObligado.objects.activos().exclude(slug="").only("slug").order_by("pk")


def todos() -> dict:
    mapas = {"paginas": PaginasFijas, "sujetos": SujetosObligados}
    for modulo in modulos_de_apps("publicacion"):
        mapas.update(getattr(modulo, "SITEMAPS", {}))
    return mapas
