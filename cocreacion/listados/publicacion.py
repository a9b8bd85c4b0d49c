"""Lo que la información de interés público aporta a la búsqueda, al historial y al mapa.

Sólo lo público: periodos abiertos, el estado de los listados de esos periodos, los dictámenes
aprobados y los elementos de listados con dictamen aprobado. Una versión de un elemento es
pública sólo si es posterior a la primera aprobación de su listado (lo revisado antes, el
proyecto, nunca aparece). Nunca se siguen usuarios (``enviado_por``, ``revisado_por``,
``aprobado_por``) ni observaciones internas. El estado del listado no se sigue aquí: es un campo
no editable y ``diff_against`` de simple-history sólo compara campos editables (su cambio
queda en los dictámenes aprobados y en el conjunto «listados-interes-publico»).
"""

from django.db.models import F, OuterRef, Subquery

from cocreacion.comun.enlaces import PATRON_FOLIO, enlace_seguro
from cocreacion.listados.models import ESTADOS_APROBADOS
from cocreacion.models import Dictamen, ElementoListado, Institucion, Listado, PeriodoListado
from cocreacion.operacion.medios import ArchivoServible
from cocreacion.portal.busqueda import Buscable
from cocreacion.portal.cambios import Seguible
from cocreacion.portal.sitemaps import SeccionDelMapa


def _elementos_publicos():
    return ElementoListado.objects.filter(
        listado__estado__in=ESTADOS_APROBADOS, listado__periodo__abierto_en__isnull=False
    )


def _folio_vigente(ruta_listado: str):
    return Subquery(
        Dictamen.objects.publicados()
        .filter(listado=OuterRef(ruta_listado))
        .order_by("-version")
        .values("folio")[:1]
    )


def _url_dictamen(folio) -> str:
    return (folio and enlace_seguro("interes_publico:dictamen", folio=folio)) or "/interes-publico/"


def _elementos_desde_aprobacion(historicos):
    primera = (
        Listado.history.filter(id=OuterRef("listado_id"), estado__in=ESTADOS_APROBADOS)
        .order_by("history_date")
        .values("history_date")[:1]
    )
    return historicos.annotate(_publico_desde=Subquery(primera)).filter(
        history_date__gte=F("_publico_desde")
    )


SEGUIBLES = [
    Seguible(
        clave="periodos-listados",
        tipo="Periodo de información de interés público",
        modelo=PeriodoListado,
        campos_publicos=[
            "clave",
            "convocatoria",
            "fecha_limite_envio",
            "fecha_limite_revision",
            "fecha_limite_aprobacion",
        ],  # fmt: skip
        objetos_publicos=lambda: PeriodoListado.objects.publicados(),
        url=lambda v: f"/interes-publico/?periodo={v.clave}",
        titulo=lambda v: f"Periodo {v.clave}",
        versiones_publicas=lambda qs: qs.filter(abierto_en__isnull=False),
    ),
    Seguible(
        clave="dictamenes",
        tipo="Dictamen de información de interés público",
        modelo=Dictamen,
        campos_publicos=["fecha", "antecedentes", "sesion", "fecha_sesion", "numero_acuerdo"],
        objetos_publicos=lambda: Dictamen.objects.publicados(),
        url=lambda v: _url_dictamen(v.folio),
        titulo=lambda v: f"Dictamen {v.folio}",
        versiones_publicas=lambda qs: qs.filter(aprobado_en__isnull=False),
        pertenencia={"sujeto": "listado__sujeto_obligado_id"},
    ),
    Seguible(
        clave="elementos-listados",
        tipo="Elemento de información de interés público",
        modelo=ElementoListado,
        campos_publicos=[
            "numero",
            "titulo",
            "descripcion",
            "justificacion",
            "unidad_responsable",
            "periodicidad",
            "formato",
            "liga",
            "resolucion",
            "fundamentacion",
            "modificaciones",
        ],  # fmt: skip
        objetos_publicos=_elementos_publicos,
        # El dictamen vigente del listado (hoy), calculado en la misma consulta que la versión.
        url=lambda v: _url_dictamen(v._folio),
        titulo=lambda v: f"{v.numero}. {v.titulo}",
        versiones_publicas=_elementos_desde_aprobacion,
        pertenencia={"sujeto": "listado__sujeto_obligado_id"},
        anotaciones=lambda: {"_folio": _folio_vigente("listado")},
    ),
]


BUSCABLES = [
    Buscable(
        tipo="Dictámenes de información de interés público",
        clave="dictamenes",
        consulta=lambda: Dictamen.objects.publicados().select_related("listado__sujeto_obligado"),
        campo_titulo="folio",
        campo_resumen="antecedentes",
        titulo=lambda d: f"{d.folio} · {d.listado.sujeto_obligado.nombre}",
    ),
    Buscable(
        tipo="Información de interés público dictaminada",
        clave="elementos",
        consulta=lambda: (
            _elementos_publicos()
            .select_related("listado__sujeto_obligado", "listado__periodo")
            .annotate(_folio=_folio_vigente("listado"))
        ),
        campo_titulo="titulo",
        campo_resumen="descripcion",
        url=lambda e: _url_dictamen(e._folio),
        titulo=lambda e: (
            f"{e.titulo} · {e.listado.sujeto_obligado.nombre} ({e.listado.periodo.clave})"
        ),
    ),
]


class Dictamenes(SeccionDelMapa):
    changefreq = "yearly"
    priority = 0.5

    def items(self):
        # Sólo folios que caben en su dirección: uno viejo mal formado no tumba el mapa.
        return (
            Dictamen.objects.publicados()
            .filter(folio__regex=rf"^{PATRON_FOLIO}$")
            .only("folio")
            .order_by("pk")
        )


SITEMAPS = {"dictamenes": Dictamenes}


# El logotipo de la institución es público (``cocreacion.operacion.medios``).
ARCHIVOS = [
    ArchivoServible(
        modelo=Institucion,
        campo="logo",
        publicos=Institucion.objects.all,
        nombre=lambda i: f"logotipo-{i.siglas}",
    ),
]
