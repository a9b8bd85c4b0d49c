"""Lecturas de las páginas públicas de participación (consultas fijas, sin N+1).

Sirven también para el informe de una consulta y los datos abiertos: ``propuestas_publicadas``
trae cada propuesta con su conteo de apoyos anotado y lo que su lista muestra.
"""

from django.db.models import Count, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from ..models import Apoyo, EstadoPropuesta, Moderacion, PasoPropuesta, Propuesta
from ..models.consultas import Consulta


def consultas_publicas():
    """Consultas publicadas con cuántas propuestas públicas tiene cada una (1 consulta)."""
    contar = (
        Propuesta.objects.filter(
            consulta=OuterRef("pk"),
            confirmada_en__isnull=False,
            moderacion=Moderacion.PUBLICADA,
        )
        .order_by()
        .values("consulta")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        Consulta.objects.publicadas()
        .annotate(num_propuestas=Coalesce(Subquery(contar), 0))
        .defer("reglas")
    )


def consultas_por_momento(momento=None) -> dict:
    """Abiertas, próximas y pasadas, para ``/participa/`` (1 consulta en total)."""
    momento = momento or timezone.now()
    grupos = {"abiertas": [], "proximas": [], "pasadas": []}
    for consulta in consultas_publicas().order_by("-inicio", "pk"):
        if consulta.abierta(momento):
            grupos["abiertas"].append(consulta)
        elif consulta.antes_de_abrir(momento):
            grupos["proximas"].append(consulta)
        else:
            grupos["pasadas"].append(consulta)
    grupos["abiertas"].sort(key=lambda c: c.cierre)
    grupos["proximas"].sort(key=lambda c: c.inicio)
    return grupos


def consulta_publica(slug: str, *, solo_publicadas: bool = True) -> Consulta:
    base = Consulta.objects.publicadas() if solo_publicadas else Consulta.objects.all()
    return base.select_related("plan", "compromiso", "sujeto_obligado", "programa").get(slug=slug)


def propuestas_publicadas(consulta=None, *, con_apoyos: bool = True):
    """Propuestas públicas (de ``consulta``, si se da) con ``apoyos_confirmados`` anotado, su
    municipio y el compromiso al que se incorporaron: consultas fijas para cualquier página.

    Para paginar, ``con_apoyos=False`` y luego ``anotar_apoyos`` sobre la página: con la cuenta
    en la misma consulta, PostgreSQL agrupaba *todas* las propuestas de la consulta con sus
    apoyos antes de ordenar y cortar 20 (0.5 s con 5,000 propuestas y 50,000 apoyos), y el
    conteo del paginador repetía el agrupamiento.
    """
    propuestas = Propuesta.objects.publicadas()
    if consulta is not None:
        propuestas = propuestas.filter(consulta=consulta)
    if con_apoyos:
        propuestas = propuestas.con_apoyos()
    return (
        propuestas.select_related("municipio", "compromiso__plan", "consulta")
        .defer("correo", "huella_correo")
        .order_by("-creada_en", "-pk")
    )


def anotar_apoyos(propuestas) -> list:
    """Pone ``apoyos_confirmados`` a cada propuesta de la lista (una consulta, sólo sobre sus
    apoyos) y devuelve la lista."""
    propuestas = list(propuestas)
    conteos = dict(
        Apoyo.objects.confirmados()
        .filter(propuesta_id__in=[p.pk for p in propuestas])
        .order_by()
        .values_list("propuesta_id")
        .annotate(n=Count("pk"))
    )
    for propuesta in propuestas:
        propuesta.apoyos_confirmados = conteos.get(propuesta.pk, 0)
    return propuestas


def conteo_por_estado(consulta) -> list[tuple[str, str, int]]:
    """(clave, etiqueta, número) de propuestas públicas por estado: qué se hizo con ellas."""
    conteos = dict(
        Propuesta.objects.publicadas()
        .filter(consulta=consulta)
        .order_by()
        .values_list("estado")
        .annotate(n=Count("pk"))
    )
    return [(clave, etiqueta, conteos.get(clave, 0)) for clave, etiqueta in EstadoPropuesta.choices]


def propuesta_publica(slug: str, pk: int) -> Propuesta:
    """Una propuesta pública con su consulta, sus pasos y lo que la atendió."""
    return (
        Propuesta.objects.publicadas()
        .con_apoyos()
        .select_related(
            "consulta",
            "municipio",
            "compromiso__plan",
            "hito",
            "elemento_listado__listado__periodo",
            "elemento_listado__listado__sujeto_obligado",
            "accion__linea__estrategia__objetivo__programa",
        )
        .defer("correo", "huella_correo")
        .prefetch_related(Prefetch("pasos", queryset=PasoPropuesta.objects.order_by("fecha", "pk")))
        .get(pk=pk, consulta__slug=slug)
    )


def lo_que_la_atendio(propuesta: Propuesta) -> dict:
    """Lo público de aquello a lo que se incorporó (sólo lo publicado), en consultas fijas.

    El compromiso llega con sus hitos, su avance y sus evidencias tal como estén hoy (el mismo
    selector que su página); el elemento de interés público, si su dictamen está aprobado; la
    acción, si su programa está publicado.
    """
    from cocreacion.models import Dictamen
    from oela.models import Programa
    from stgao.models import Compromiso
    from stgao.selectors import compromiso_publico

    datos = {"compromiso": None, "hito": None, "dictamen": None, "elemento": None, "accion": None}
    if propuesta.compromiso_id:
        try:
            datos["compromiso"] = compromiso_publico(propuesta.compromiso.slug)
        except Compromiso.DoesNotExist:
            datos["compromiso"] = None
        if datos["compromiso"] is not None and propuesta.hito_id:
            datos["hito"] = next(
                (h for h in datos["compromiso"].hitos.all() if h.pk == propuesta.hito_id), None
            )
    if propuesta.elemento_listado_id:
        dictamen = (
            Dictamen.objects.publicados()
            .filter(listado_id=propuesta.elemento_listado.listado_id)
            .order_by("-aprobado_en")
            .first()
        )
        if dictamen is not None:
            datos["dictamen"] = dictamen
            datos["elemento"] = propuesta.elemento_listado
    if propuesta.accion_id:
        programa = propuesta.accion.linea.estrategia.objetivo.programa
        if Programa.objects.publicados().filter(pk=programa.pk).exists():
            datos["accion"] = propuesta.accion
    return datos


def prefetch_propuestas_de_origen() -> Prefetch:
    """Para la página de un compromiso: las propuestas públicas de las que surgió
    (``compromiso.propuestas_de_origen``), con su consulta, en una consulta más."""
    return Prefetch(
        "propuestas_ciudadanas",
        queryset=Propuesta.objects.publicadas()
        .select_related("consulta")
        .defer("correo", "huella_correo", "problema", "texto")
        .order_by("consulta__inicio", "pk"),
        to_attr="propuestas_de_origen",
    )
