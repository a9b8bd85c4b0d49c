"""Lecturas de los listados de interés público para páginas, PDF y secciones de otras páginas.

Cada función hace un número fijo de consultas, sin importar cuántos elementos o sujetos haya.
"""

from django.core.paginator import Page, Paginator
from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.http import Http404

from cocreacion.listados.models import ESTADOS_APROBADOS, ESTADOS_DICTAMINADOS, ESTADOS_PRESENTADOS
from cocreacion.models import (
    Dictamen,
    ElementoListado,
    EstadoListado,
    Listado,
    PeriodoListado,
    Resolucion,
    SujetoObligado,
    TipoSujetoObligado,
)


def sujetos_por_requerir(
    *,
    periodo: PeriodoListado,
    tipos: list[str] | None = None,
    ordenes: list[str] | None = None,
    sujetos: list | None = None,
) -> QuerySet[SujetoObligado]:
    """A quiénes pediría el listado ``periodo_abrir`` con esta selección (una consulta).

    Sólo sujetos del padrón de Oaxaca activos y vigentes hoy, que aún no tienen listado en el
    periodo. ``tipos``/``ordenes`` acotan; ``sujetos`` (modelos o claves) es una lista
    explícita, también dentro del padrón requerible.
    """
    elegidos = SujetoObligado.objects.requeribles()
    if periodo.pk:
        elegidos = elegidos.exclude(
            pk__in=Listado.objects.filter(periodo=periodo).values("sujeto_obligado_id")
        )
    if tipos:
        elegidos = elegidos.filter(tipo__in=tipos)
    if ordenes:
        elegidos = elegidos.filter(orden__in=ordenes)
    if sujetos is not None:
        elegidos = elegidos.filter(pk__in=[getattr(s, "pk", s) for s in sujetos])
    return elegidos.select_related("municipio").order_by("nombre", "pk")


def _folio_vigente():
    """Subconsulta: folio del dictamen aprobado más reciente de cada listado."""
    return Subquery(
        Dictamen.objects.publicados()
        .filter(listado=OuterRef("pk"))
        .order_by("-version")
        .values("folio")[:1]
    )


def periodos_con_cifras() -> QuerySet[PeriodoListado]:
    """Periodos abiertos con cuántos sujetos se requirieron, enviaron, dictaminaron y aprobaron."""
    return PeriodoListado.objects.publicados().annotate(
        requeridos=Count("listados"),
        presentados=Count("listados", filter=Q(listados__estado__in=ESTADOS_PRESENTADOS)),
        dictaminados=Count("listados", filter=Q(listados__estado__in=ESTADOS_DICTAMINADOS)),
        aprobados=Count("listados", filter=Q(listados__estado__in=ESTADOS_APROBADOS)),
        no_presentados=Count("listados", filter=Q(listados__estado=EstadoListado.NO_PRESENTADO)),
    )


def listados_del_periodo(periodo: PeriodoListado) -> QuerySet[Listado]:
    """Tabla de estado por sujeto obligado de un periodo (una consulta)."""
    return (
        Listado.objects.publicados()
        .filter(periodo=periodo)
        .select_related("sujeto_obligado")
        .annotate(folio_vigente=_folio_vigente())
        .order_by("sujeto_obligado__nombre")
        .only(
            "pk",
            "estado",
            "periodo_id",
            "sujeto_obligado__nombre",
            "sujeto_obligado__slug",
            "sujeto_obligado__tipo",
        )
    )


FILAS_POR_PAGINA_DEL_PERIODO = 50


def tabla_del_periodo(periodo: PeriodoListado, *, pagina=1) -> Page:
    """Una página de la tabla por sujeto obligado, con ``tipo_texto`` y ``estado_texto`` resueltos.

    ``get_FOO_display`` traduce todas las opciones en cada llamada; con 1,000 filas eso domina
    el tiempo de la página, así que las etiquetas se traducen una vez por petición. Un número de
    página inválido o fuera de rango da la última (como la búsqueda), nunca un error.
    """
    tipos = {valor: str(etiqueta) for valor, etiqueta in TipoSujetoObligado.choices}
    estados = {valor: str(etiqueta) for valor, etiqueta in EstadoListado.choices}
    paginador = Paginator(listados_del_periodo(periodo), FILAS_POR_PAGINA_DEL_PERIODO)
    pagina = paginador.get_page(pagina)
    pagina.object_list = list(pagina.object_list)
    for fila in pagina.object_list:
        fila.tipo_texto = tipos.get(fila.sujeto_obligado.tipo, fila.sujeto_obligado.tipo)
        fila.estado_texto = estados.get(fila.estado, fila.estado)
    return pagina


def dictamen_publico(folio: str) -> Dictamen:
    """Dictamen aprobado por su folio, con su listado, sujeto, periodo y versión posterior."""
    dictamen = (
        Dictamen.objects.publicados()
        .select_related("listado__periodo", "listado__sujeto_obligado", "sustituye")
        .annotate(
            folio_sustituto=Subquery(
                Dictamen.objects.publicados()
                .filter(sustituye=OuterRef("pk"))
                .order_by("-version")
                .values("folio")[:1]
            )
        )
        .filter(folio=folio)
        .first()
    )
    if dictamen is None:
        raise Http404("No hay un dictamen aprobado con ese folio.")
    return dictamen


def dictamen_para_admin(pk) -> Dictamen:
    return (
        Dictamen.objects.select_related("listado__periodo", "listado__sujeto_obligado", "sustituye")
        .annotate(
            folio_sustituto=Subquery(
                Dictamen.objects.publicados()
                .filter(sustituye=OuterRef("pk"))
                .order_by("-version")
                .values("folio")[:1]
            )
        )
        .get(pk=pk)
    )


def listado_con_elementos(queryset: QuerySet[Listado], pk) -> Listado:
    """Un listado (del conjunto permitido) con sus elementos precargados."""
    return (
        queryset.select_related("periodo", "sujeto_obligado")
        .prefetch_related("elementos")
        .annotate(folio_vigente=_folio_vigente())
        .get(pk=pk)
    )


def listados_de_sujeto(sujeto) -> QuerySet[Listado]:
    return (
        Listado.objects.publicados()
        .filter(sujeto_obligado=sujeto)
        .select_related("periodo")
        .annotate(folio_vigente=_folio_vigente(), total_elementos=Count("elementos"))
        .order_by("-periodo__clave")
    )


def seccion_sujeto_obligado(sujeto) -> dict | None:
    """Sección «Información de interés público» de la ficha de un sujeto obligado.

    Lista sus listados por periodo con estado y la liga al dictamen vigente. Dos consultas.
    """
    listados = list(listados_de_sujeto(sujeto))
    if not listados:
        return None
    return {
        "plantilla": "cocreacion/listados/components/seccion_sujeto.html",
        "datos": {"listados": listados, "sujeto": sujeto},
    }


ULTIMOS_DICTAMENES_EN_INICIO = 3


def ultimos_dictamenes(cuantos: int = ULTIMOS_DICTAMENES_EN_INICIO) -> list[Dictamen]:
    """Los dictámenes aprobados más recientes, con su sujeto obligado y periodo (una consulta)."""
    return list(
        Dictamen.objects.publicados()
        .select_related("listado__sujeto_obligado", "listado__periodo")
        .order_by("-aprobado_en", "-pk")[:cuantos]
    )


def seccion_inicio() -> dict | None:
    """Tarjeta de la página de inicio: cifras del último periodo abierto y últimos dictámenes."""
    # Las cifras sólo del último periodo: con ``periodos_con_cifras().order_by(...).first()``
    # PostgreSQL contaba los listados de todos los periodos (20,000 a escala 1) para mostrar uno.
    ultimo = PeriodoListado.objects.publicados().order_by("-clave").values("pk")[:1]
    periodo = periodos_con_cifras().filter(pk__in=Subquery(ultimo)).first()
    if periodo is None:
        return None
    elementos_procedentes = ElementoListado.objects.filter(
        listado__periodo=periodo,
        listado__estado__in=ESTADOS_APROBADOS,
        resolucion__in=[Resolucion.PROCEDENTE, Resolucion.CON_MODIFICACIONES],
    ).count()
    return {
        "plantilla": "cocreacion/listados/components/tarjeta_inicio.html",
        "datos": {
            "periodo": periodo,
            "elementos_procedentes": elementos_procedentes,
            "ultimos_dictamenes": ultimos_dictamenes(),
        },
    }
