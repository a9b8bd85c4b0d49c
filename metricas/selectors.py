"""Lecturas de la Métrica para páginas, descargas y las secciones de otras apps.

Todas parten de ``publicadas()``/``publicados()`` y tienen un número fijo de consultas, sin
importar cuántos sujetos obligados o resultados haya.
"""

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property

from django.db.models import Avg, Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.urls import reverse

from cocreacion.models import EntidadFederativa, OrdenGobierno, TipoSujetoObligado

from .models import Edicion, IndicadorReferencia, PromedioEntidad, Resultado
from .models.ediciones import banda_de
from .models.resultados import CUADRANTES, CUADRANTES_CORTOS

OAXACA = EntidadFederativa.OAXACA.value


# Los valores de un resultado: los cuatro componentes, los dos subíndices y el IGA.
VALORES = ("tg", "tc", "pg", "pc", "t", "p", "iga")


@dataclass
class FilaRanking:
    posicion: int
    nombre: str
    slug: str
    tipo: str
    orden: str
    tg: Decimal
    tc: Decimal
    pg: Decimal
    pc: Decimal
    t: Decimal
    p: Decimal
    iga: Decimal
    banda: str
    cuadrante: str
    cuadrante_corto: str
    url: str

    @cached_property
    def txt(self) -> dict[str, str]:
        """Valores con dos decimales, como las tablas oficiales (sólo para las filas que se
        muestran: formatear en la plantilla con ``floatformat`` cuesta más)."""
        return {c: f"{getattr(self, c):.2f}" for c in VALORES}


def _por_edicion(agregado, **filtro) -> Subquery:
    """``agregado`` de los resultados de cada edición (con ``filtro``), como subconsulta."""
    return Subquery(
        Resultado.objects.filter(edicion=OuterRef("pk"), **filtro)
        .order_by()
        .values("edicion")
        .annotate(valor=agregado)
        .values("valor")
    )


def _iga_de_oaxaca() -> Coalesce:
    """El IGA de Oaxaca en cada edición: el promedio de Oaxaca que publicó la edición o, si no
    publicó ninguno, el promedio de sus resultados de sujetos obligados de Oaxaca (éste sólo se
    calcula si hace falta: ``COALESCE`` no evalúa lo que no usa)."""
    publicado = PromedioEntidad.objects.filter(
        edicion=OuterRef("pk"), entidad_federativa=OAXACA
    ).values("iga")[:1]
    return Coalesce(Subquery(publicado), _por_edicion(Avg("iga"), sujeto_obligado__isnull=False))


def ediciones_publicadas() -> list[Edicion]:
    """Ediciones publicadas (de la más antigua a la más reciente) con Oaxaca frente al país.

    A cada edición se agregan ``iga_oaxaca`` (``_iga_de_oaxaca``), ``n_resultados`` y
    ``n_oaxaca``. Todo como subconsultas por edición: junto a un ``GROUP BY`` de los
    resultados, PostgreSQL evaluaba el promedio de Oaxaca una vez por resultado (10,000 a
    escala 1: 2.3 s) y no una vez por edición.
    """
    return list(
        Edicion.objects.publicadas()
        .annotate(
            n_resultados=Coalesce(_por_edicion(Count("pk")), 0),
            n_oaxaca=Coalesce(_por_edicion(Count("pk"), sujeto_obligado__isnull=False), 0),
            iga_oaxaca=_iga_de_oaxaca(),
        )
        .order_by("anio")
    )


def ediciones_con_iga_de_oaxaca() -> list[Edicion]:
    """Las ediciones publicadas con IGA de Oaxaca, de la más antigua a la más reciente, con
    ``iga_oaxaca``; sin contar sus resultados (la portada no los muestra y contarlos recorría
    los 10,000 resultados a escala 1)."""
    # Se descartan aquí y no con ``filter``: en el ``WHERE`` el promedio se calcularía dos veces.
    ediciones = Edicion.objects.publicadas().annotate(iga_oaxaca=_iga_de_oaxaca()).order_by("anio")
    return [edicion for edicion in ediciones if edicion.iga_oaxaca is not None]


def edicion_publicada(anio: int) -> Edicion:
    return get_object_or_404(
        Edicion.objects.publicadas().prefetch_related("bandas", "componentes"), anio=anio
    )


# Lo que se lee de cada resultado para la clasificación, en este orden. Tuplas y no
# diccionarios ni modelos: con 2,000 sujetos obligados, leerlas cuesta un tercio menos.
CAMPOS_DEL_RANKING = (
    *VALORES,
    "sujeto_obligado__nombre",
    "sujeto_obligado__slug",
    "sujeto_obligado__tipo",
    "sujeto_obligado__orden",
)


def resultados_de_oaxaca(edicion: Edicion, *, tipo: str = "", orden: str = ""):
    """Resultados de Oaxaca en la edición, del IGA más alto al más bajo: tuplas con
    ``CAMPOS_DEL_RANKING``."""
    consulta = Resultado.objects.publicados().de_oaxaca().filter(edicion=edicion)
    if tipo:
        consulta = consulta.filter(sujeto_obligado__tipo=tipo)
    if orden:
        consulta = consulta.filter(sujeto_obligado__orden=orden)
    return consulta.order_by("-iga", "sujeto_obligado__nombre").values_list(*CAMPOS_DEL_RANKING)


def tablero_edicion(edicion: Edicion, *, tipo: str = "", orden: str = "") -> dict:
    """Todo lo que muestra ``/metricas/<año>/``: clasificación de Oaxaca, promedios por entidad,
    cuadrantes, distribución por tipo y bandas. Cinco consultas, con 27 o con 2,000 sujetos.
    """
    bandas = list(edicion.bandas.all())
    bandas_desc = sorted(bandas, key=lambda b: b.mayor_que, reverse=True)
    minima = bandas_desc[-1].nombre if bandas_desc else ""
    # Etiquetas traducidas una sola vez (no una por fila).
    tipos = {k: str(v) for k, v in TipoSujetoObligado.choices}
    ordenes = {k: str(v) for k, v in OrdenGobierno.choices}
    cuadrantes_str = {k: str(v) for k, v in CUADRANTES.items()}
    cortos_str = {k: str(v) for k, v in CUADRANTES_CORTOS.items()}
    umbral = edicion.umbral_cuadrantes
    # Dirección de la ficha armada una vez (``reverse`` por fila pesa con miles de filas).
    url_ficha = reverse("cocreacion:sujeto_detalle", kwargs={"slug": "SLUG"})
    filas: list[FilaRanking] = []
    anterior, posicion = None, 0
    resultados = resultados_de_oaxaca(edicion, tipo=tipo, orden=orden)
    for i, (tg, tc, pg, pc, t, p, iga, nombre, slug, clave_tipo, clave_orden) in enumerate(
        resultados, start=1
    ):
        if iga != anterior:
            posicion, anterior = i, iga
        banda = next((b.nombre for b in bandas_desc if iga > b.mayor_que), minima)
        cuadrante = (t >= umbral, p >= umbral)
        filas.append(
            FilaRanking(
                posicion=posicion,
                nombre=nombre,
                slug=slug,
                tipo=tipos.get(clave_tipo, clave_tipo),
                orden=ordenes.get(clave_orden, clave_orden),
                tg=tg,
                tc=tc,
                pg=pg,
                pc=pc,
                t=t,
                p=p,
                iga=iga,
                banda=banda,
                cuadrante=cuadrantes_str[cuadrante],
                cuadrante_corto=cortos_str[cuadrante],
                url=url_ficha.replace("SLUG", slug),
            )
        )
    promedios = sorted(
        PromedioEntidad.objects.filter(edicion=edicion), key=lambda p: p.iga, reverse=True
    )
    nacional = (
        Resultado.objects.publicados()
        .filter(edicion=edicion)
        .aggregate(iga=Avg("iga"), t=Avg("t"), p=Avg("p"), n=Count("pk"))
    )
    n = len(filas)
    publicado = next((p for p in promedios if p.es_oaxaca), None)
    promedio_oaxaca = {
        "iga": sum((f.iga for f in filas), Decimal(0)) / n if n else None,
        "t": sum((f.t for f in filas), Decimal(0)) / n if n else None,
        "p": sum((f.p for f in filas), Decimal(0)) / n if n else None,
    }
    por_cuadrante = Counter(f.cuadrante for f in filas)
    cuadrantes = [
        {"nombre": nombre, "conteo": por_cuadrante.get(nombre, 0)}
        for nombre in cuadrantes_str.values()
    ]
    nombres_bandas = [b.nombre for b in sorted(bandas, key=lambda b: b.mayor_que)]
    distribucion = _distribucion(filas, nombres_bandas)
    return {
        "filas": filas,
        "promedios": promedios,
        "nacional": nacional,
        "promedio_oaxaca": promedio_oaxaca,
        # El promedio de Oaxaca que publicó la edición (si lo hay) manda sobre el calculado.
        "oaxaca_publicado": publicado,
        "cuadrantes": cuadrantes,
        "bandas": sorted(bandas, key=lambda b: b.mayor_que),
        "nombres_bandas": nombres_bandas,
        "distribucion": distribucion,
    }


def _cuadrante(t, p, umbral) -> str:
    return str(CUADRANTES[(t >= umbral, p >= umbral)])


def _distribucion(filas: list[FilaRanking], nombres_bandas: list[str]) -> list[dict]:
    """Por tipo de sujeto obligado: cuántos hay, su IGA promedio y cuántos en cada banda."""
    grupos: dict[str, list[FilaRanking]] = {}
    for fila in filas:
        grupos.setdefault(fila.tipo, []).append(fila)
    distribucion = []
    for tipo, del_tipo in grupos.items():
        por_banda = Counter(f.banda for f in del_tipo)
        distribucion.append(
            {
                "tipo": tipo,
                "conteo": len(del_tipo),
                "promedio": sum((f.iga for f in del_tipo), Decimal(0)) / len(del_tipo),
                "por_banda": [por_banda.get(b, 0) for b in nombres_bandas],
            }
        )
    return sorted(distribucion, key=lambda d: (-d["conteo"], d["tipo"]))


def resultados_para_descarga(edicion: Edicion):
    """Todos los resultados publicados de la edición (padrón de Oaxaca y entradas de
    comparación de las demás entidades), para CSV/JSON/XLSX."""
    return (
        Resultado.objects.publicados()
        .filter(edicion=edicion)
        .select_related("edicion", "sujeto_obligado", "entidad_comparada")
        .por_iga()
    )


def indicadores_publicados():
    return IndicadorReferencia.objects.publicados().order_by("categoria", "orden", "nombre")


def seccion_sujeto_obligado(sujeto) -> dict | None:
    """Resultados del sujeto obligado en cada edición publicada (para su ficha); dos consultas."""
    resultados = list(
        Resultado.objects.publicados()
        .filter(sujeto_obligado=sujeto)
        .select_related("edicion")
        .prefetch_related("edicion__bandas")
        .order_by("edicion__anio")
    )
    if not resultados:
        return None
    for r in resultados:
        banda = banda_de(r.iga, list(r.edicion.bandas.all()))
        r.banda = banda.nombre if banda else ""
        r.nombre_cuadrante = _cuadrante(r.t, r.p, r.edicion.umbral_cuadrantes)
    return {
        "plantilla": "metricas/components/seccion_sujeto.html",
        "datos": {"sujeto": sujeto, "resultados": resultados},
    }


def seccion_inicio() -> dict | None:
    """Tarjeta de la portada: Oaxaca frente al país en la edición más reciente con datos."""
    con_datos = ediciones_con_iga_de_oaxaca()
    if not con_datos:
        return None
    edicion = con_datos[-1]
    return {
        "plantilla": "metricas/components/tarjeta_inicio.html",
        "datos": {"edicion": edicion, "ediciones": con_datos},
    }
