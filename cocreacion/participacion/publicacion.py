"""Lo que la participación aporta al mapa del sitio: sólo consultas y propuestas públicas.

El canal Atom de cada consulta está en ``canales.py``.
"""

from cocreacion.portal.sitemaps import SeccionDelMapa

from .models import Consulta, Propuesta


class Consultas(SeccionDelMapa):
    changefreq = "daily"
    priority = 0.6

    def items(self):
        return Consulta.objects.publicadas().only("slug").order_by("pk")


class Propuestas(SeccionDelMapa):
    changefreq = "weekly"
    priority = 0.4

    def items(self):
        return (
            Propuesta.objects.publicadas()
            .select_related("consulta")
            .only("pk", "consulta__slug")
            .order_by("pk")
        )


SITEMAPS = {"consultas": Consultas, "propuestas": Propuestas}
