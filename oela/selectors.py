"""Lecturas del programa para páginas, PDF y exportaciones.

``arbol_del_programa`` carga el árbol completo con un número fijo de consultas (una por nivel,
más las alineaciones y los requerimientos) y calcula el avance en una sola pasada en Python:
el número de consultas no crece con los objetivos, las líneas ni las acciones.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Sum
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404

from .models import (
    Accion,
    Estrategia,
    LineaAccion,
    LugarSeccion,
    Objetivo,
    Programa,
    Requerimiento,
    SeccionPrograma,
    TipoRequerimiento,
)


def avance_accion(realizado: int | None, meta: int) -> float | None:
    """Avance de una acción en porcentaje: realizado/meta, topado en 100 %."""
    if not meta:
        return None
    return min(100.0, 100.0 * (realizado or 0) / meta)


def promedio_ponderado(hijos) -> float | None:
    """Promedio de los avances de ``hijos`` ponderado por ``peso``.

    Los hijos sin avance (``None``: sin acciones programadas) no cuentan; si ninguno tiene,
    el resultado es ``None`` y las páginas dicen que aún no se han programado acciones.
    """
    con_avance = [h for h in hijos if h.avance is not None]
    pesos = sum(h.peso for h in con_avance)
    if not con_avance or not pesos:
        return None
    return sum(h.avance * h.peso for h in con_avance) / pesos


@dataclass
class Arbol:
    programa: Programa
    objetivos: list = field(default_factory=list)
    requerimientos: list = field(default_factory=list)

    @property
    def estrategias(self):
        return [e for o in self.objetivos for e in o.estrategias_cargadas]

    @property
    def lineas(self):
        return [li for e in self.estrategias for li in e.lineas_cargadas]

    @property
    def acciones(self):
        return [a for li in self.lineas for a in li.acciones_cargadas]

    @property
    def requerimientos_por_tipo(self):
        """[(etiqueta, [requerimientos])] en el orden del programa: humanos, tecnológicos…"""
        return [
            (tipo.label, [r for r in self.requerimientos if r.tipo == tipo.value])
            for tipo in TipoRequerimiento
        ]

    @property
    def disposiciones(self):
        """Disposiciones citadas por alguna línea, sin repetir, con las claves que las citan."""
        vistas = {}
        for linea in self.lineas:
            for d in linea.lista_disposiciones:
                vistas.setdefault(d.pk, (d, []))[1].append(linea.clave)
        return sorted(vistas.values(), key=lambda par: (par[0].orden, par[0].pk))


def disposiciones_en_su_fecha(arbol: Arbol) -> list[dict]:
    """Las disposiciones citadas por el programa, con su estado en la fecha del programa.

    Cada elemento: ``disposicion``, ``claves`` (líneas que la citan), ``estado`` (``EstadoLey``
    en la fecha del documento), ``nota`` (aviso de sustitución, si la ley ya no rige) y
    ``interpretada`` (alguna de esas líneas es alineación de la DGA, no del documento).
    Sin consultas: usa la alineación ya cargada en el árbol.
    """
    fecha = arbol.programa.fecha_referencia
    interpretadas = {li.clave for li in arbol.lineas if li.alineacion_interpretada}
    return [
        {
            "disposicion": d,
            "claves": claves,
            "estado": d.estado_en(fecha),
            "nota": d.nota_de_sustitucion,
            "interpretada": any(c in interpretadas for c in claves),
        }
        for d, claves in arbol.disposiciones
    ]


def secciones_por_lugar(programa: Programa) -> dict[str, list]:
    """Apartados textuales del documento agrupados por su lugar (``LugarSeccion``). Una consulta."""
    grupos: dict[str, list] = {lugar.value: [] for lugar in LugarSeccion}
    for seccion in SeccionPrograma.objects.filter(programa=programa).order_by("orden", "pk"):
        grupos.setdefault(seccion.lugar, []).append(seccion)
    return grupos


def programas_publicados():
    return Programa.objects.publicados().annotate(
        total_lineas=Count("objetivos__estrategias__lineas", distinct=True)
    )


def programa_publicado(anio: int) -> Programa:
    """El programa público de ``anio`` o 404 (los borradores no existen para el público)."""
    return get_object_or_404(Programa.objects.publicados(), anio=anio)


@dataclass
class AccionResumida:
    """Lo mínimo de una acción para calcular el avance (página del árbol y tarjeta del inicio)."""

    pk: int
    linea_id: int
    numero: int
    meta: int
    peso: int
    realizado_total: int
    avance: float | None = None


def arbol_del_programa(
    programa: Programa,
    *,
    con_alineacion: bool = True,
    acciones_completas: bool = True,
    con_requerimientos: bool = True,
) -> Arbol:
    """Árbol completo con avance en cada nivel; 5 consultas (7 con la alineación, 4 sin los
    requerimientos).

    Con ``acciones_completas=False`` las acciones se leen como tuplas (``AccionResumida``):
    basta para el avance y es mucho más rápido con miles de acciones.
    """
    lineas_qs = LineaAccion.objects.order_by("numero")
    if con_alineacion:
        lineas_qs = lineas_qs.prefetch_related("disposiciones", "metas_ods")
    acciones = (
        Accion.objects.filter(linea__estrategia__objetivo__programa=programa)
        .annotate(realizado_total=Coalesce(Sum("avances__realizado"), 0))
        .order_by("linea_id", "numero")
    )
    objetivos = list(
        Objetivo.objects.filter(programa=programa)
        .order_by("numero")
        .prefetch_related(
            Prefetch(
                "estrategias",
                queryset=Estrategia.objects.order_by("numero"),
                to_attr="estrategias_cargadas",
            ),
            Prefetch(
                "estrategias_cargadas__lineas",
                queryset=lineas_qs,
                to_attr="lineas_cargadas",
            ),
        )
    )
    if not acciones_completas:
        campos = ["pk", "linea_id", "numero", "meta", "peso", "realizado_total"]
        acciones = [AccionResumida(*fila) for fila in acciones.values_list(*campos)]
    por_linea: dict[int, list] = {}
    for accion in acciones:
        por_linea.setdefault(accion.linea_id, []).append(accion)
    for objetivo in objetivos:
        objetivo.programa = programa
        for estrategia in objetivo.estrategias_cargadas:
            estrategia.objetivo = objetivo
            for linea in estrategia.lineas_cargadas:
                linea.estrategia = estrategia
                linea.acciones_cargadas = por_linea.get(linea.pk, [])
                linea.total_acciones = len(linea.acciones_cargadas)
                if con_alineacion:
                    linea.lista_disposiciones = list(linea.disposiciones.all())
                    linea.lista_metas = list(linea.metas_ods.all())
                for accion in linea.acciones_cargadas:
                    if acciones_completas:
                        accion.linea = linea
                    accion.avance = avance_accion(accion.realizado_total, accion.meta)
                linea.avance = promedio_ponderado(linea.acciones_cargadas)
            estrategia.avance = promedio_ponderado(estrategia.lineas_cargadas)
        objetivo.avance = promedio_ponderado(objetivo.estrategias_cargadas)
    programa.avance = promedio_ponderado(objetivos)
    requerimientos = (
        list(Requerimiento.objects.filter(programa=programa)) if con_requerimientos else []
    )
    return Arbol(programa=programa, objetivos=objetivos, requerimientos=requerimientos)


def linea_del_programa(programa: Programa, clave: str) -> tuple[Arbol, LineaAccion]:
    """Una línea (por su clave «1.2.3») dentro del árbol ya calculado, o 404."""
    from django.http import Http404

    arbol = arbol_del_programa(programa)
    for linea in arbol.lineas:
        if linea.clave == clave:
            return arbol, linea
    raise Http404("No existe esa línea de acción en el programa.")


def actividades_de_linea(linea: LineaAccion):
    from .models import Actividad

    return (
        Actividad.objects.filter(accion__linea=linea)
        .select_related("accion")
        .prefetch_related("sujetos_obligados", "organizaciones")
        .order_by("-fecha", "pk")
    )


def seccion_inicio() -> dict | None:
    """Tarjeta del inicio con el avance del programa público más reciente."""
    programa = Programa.objects.publicados().order_by("-anio").first()
    if programa is None:
        return None
    arbol = arbol_del_programa(
        programa, con_alineacion=False, acciones_completas=False, con_requerimientos=False
    )
    return {
        "plantilla": "oela/components/tarjeta_inicio.html",
        "datos": {
            "programa": programa,
            "avance": programa.avance,
            "objetivos": len(arbol.objetivos),
            "estrategias": len(arbol.estrategias),
            "lineas": len(arbol.lineas),
            "acciones": len(arbol.acciones),
            "lineas_con_acciones": sum(1 for li in arbol.lineas if li.acciones_cargadas),
        },
    }


def seccion_sujeto_obligado(sujeto) -> dict | None:
    """Actividades del programa (público) en las que participó ``sujeto``; 2 consultas."""
    from django.db.models import Sum

    from .models import Actividad, EstadoPrograma

    actividades = Actividad.objects.filter(
        sujetos_obligados=sujeto,
        accion__linea__estrategia__objetivo__programa__estado__in=[
            EstadoPrograma.PUBLICADO,
            EstadoPrograma.CERRADO,
        ],
    )
    totales = actividades.aggregate(
        mujeres=Sum("mujeres"), hombres=Sum("hombres"), no_especificado=Sum("no_especificado")
    )
    recientes = list(
        actividades.select_related("accion__linea__estrategia__objetivo__programa").order_by(
            "-fecha", "-pk"
        )[:5]
    )
    if not recientes:
        return None
    return {
        "plantilla": "oela/components/seccion_sujeto.html",
        "datos": {"recientes": recientes, "totales": totales, "total": actividades.count()},
    }
