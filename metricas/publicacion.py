"""Lo que la Métrica aporta al historial público y al mapa del sitio (sólo lo publicado).

Los sujetos obligados ya los busca el núcleo; la Métrica no añade tipos a la búsqueda. Los
valores derivados (T, P, IGA: no editables) no se siguen: cambian con TG, TC, PG y PC.
"""

from django.db.models import F, OuterRef, Subquery

from cocreacion.portal.cambios import Seguible
from cocreacion.portal.sitemaps import SeccionDelMapa

from .models import Edicion, IndicadorReferencia, Resultado


def _desde_publicacion_de_la_edicion(historicos):
    primera = (
        Edicion.history.filter(id=OuterRef("edicion_id"), publicada=True)
        .order_by("history_date")
        .values("history_date")[:1]
    )
    return historicos.annotate(_publico_desde=Subquery(primera)).filter(
        history_date__gte=F("_publico_desde")
    )


SEGUIBLES = [
    Seguible(
        clave="metrica-ediciones",
        tipo="Edición de la Métrica",
        modelo=Edicion,
        campos_publicos=[
            "nombre",
            "autores",
            "notas",
            "fuente",
            "iga_nacional",
            "t_nacional",
            "p_nacional",
            "sujetos_evaluados",
        ],  # fmt: skip
        objetos_publicos=lambda: Edicion.objects.publicadas(),
        url=lambda v: f"/metricas/{v.anio}/",
        titulo=lambda v: v.nombre,
        versiones_publicas=lambda qs: qs.filter(publicada=True),
    ),
    Seguible(
        clave="metrica-resultados",
        tipo="Resultado de la Métrica",
        modelo=Resultado,
        campos_publicos=["tg", "tc", "pg", "pc"],
        objetos_publicos=lambda: Resultado.objects.publicados(),
        url=lambda v: f"/metricas/{v.edicion.anio}/",
        titulo=lambda v: (
            f"{(v.sujeto_obligado or v.entidad_comparada).nombre} · Métrica {v.edicion.anio}"
        ),
        # Sólo lo escrito desde que su edición se publicó: lo capturado mientras era borrador
        # no aparece aunque la edición se publique después.
        versiones_publicas=_desde_publicacion_de_la_edicion,
        pertenencia={"sujeto": "sujeto_obligado_id"},
        relacionados=["edicion", "sujeto_obligado", "entidad_comparada"],
    ),
    Seguible(
        clave="indicadores-de-referencia",
        tipo="Indicador de referencia",
        modelo=IndicadorReferencia,
        campos_publicos=["nombre", "siglas", "categoria", "autor", "descripcion", "sitio"],
        objetos_publicos=lambda: IndicadorReferencia.objects.publicados(),
        url=lambda v: "/metricas/indicadores-de-referencia/",
        titulo=lambda v: v.nombre,
        versiones_publicas=lambda qs: qs.filter(publicado=True),
    ),
]


class Ediciones(SeccionDelMapa):
    changefreq = "yearly"
    priority = 0.6

    def items(self):
        return Edicion.objects.publicadas().order_by("anio")


class PaginasDeLaMetrica(SeccionDelMapa):
    changefreq = "monthly"
    priority = 0.4

    def items(self):
        return ["/metricas/indicadores-de-referencia/"]

    def location(self, item):
        return item


SITEMAPS = {"metrica-ediciones": Ediciones, "metrica-paginas": PaginasDeLaMetrica}
