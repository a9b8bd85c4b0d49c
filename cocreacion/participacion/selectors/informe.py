"""El informe de una consulta: qué se propuso, con cuántos apoyos y qué pasó con cada propuesta.

Lo leen la página ``/participa/<consulta>/informe/`` y su PDF para la sesión del Secretariado
Técnico. Todo sale «al corte» de una fecha: sólo cuentan las propuestas publicadas hasta el fin
de ese día (hora de la Ciudad de México), los apoyos confirmados hasta entonces y el último paso
de cada propuesta dado hasta entonces (``PasoPropuesta`` es la bitácora que nunca se edita). Así
el informe que recibió una sesión se puede volver a pedir con su fecha y dice lo mismo: los
documentos guardan los hechos de su fecha.

Datos personales: nunca el correo ni su huella (ni se leen de la base); el nombre sólo si la
persona lo escribió para publicarse, y siempre el de hoy (si pidió borrar sus datos, tampoco
aparece en un informe de una fecha anterior). Las propuestas rechazadas en moderación sólo se
cuentan por motivo, sin su texto: lo que la moderación no publicó no se publica aquí.

Consultas fijas, sin importar cuántas propuestas tenga la consulta: propuestas (1), apoyos por
propuesta (1), pasos (1), incorporadas con su vínculo (1), rechazos por motivo (1) y dictámenes
publicados de los listados vinculados (1).
"""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count
from django.urls import reverse
from django.utils import timezone

from ..models import (
    ANONIMO,
    Apoyo,
    EstadoPropuesta,
    Moderacion,
    MotivoRechazo,
    PasoPropuesta,
    Propuesta,
    TemaPropuesta,
)

SIN_TEMA = "Sin tema"
# Lo que se lee de una propuesta incorporada para decir a qué se incorporó.
CAMPOS_DEL_VINCULO = (
    "id",
    "hito_id",
    "hito__numero",
    "hito__compromiso__slug",
    "hito__compromiso__titulo",
    "hito__compromiso__publicado",
    "hito__compromiso__plan__publicado",
    "compromiso_id",
    "compromiso__slug",
    "compromiso__titulo",
    "compromiso__publicado",
    "compromiso__plan__nombre",
    "compromiso__plan__publicado",
    "elemento_listado_id",
    "elemento_listado__titulo",
    "elemento_listado__listado_id",
    "elemento_listado__listado__sujeto_obligado__nombre",
    "accion_id",
    "accion__numero",
    "accion__linea__numero",
    "accion__linea__estrategia__numero",
    "accion__linea__estrategia__objetivo__numero",
    "accion__linea__estrategia__objetivo__programa__anio",
    "accion__linea__estrategia__objetivo__programa__estado",
)
SIN_MUNICIPIO = "Sin municipio"


def limite_del_corte(corte: dt.date) -> dt.datetime:
    """El primer instante después del día ``corte`` en la Ciudad de México."""
    siguiente = dt.datetime.combine(corte + dt.timedelta(days=1), dt.time.min)
    return timezone.make_aware(siguiente, timezone.get_default_timezone())


@dataclass
class Vinculo:
    """A qué se incorporó una propuesta, como lo puede leer cualquiera (``url`` vacía si el
    registro aún no es público: entonces sólo se dice de qué tipo es)."""

    tipo: str
    texto: str
    url: str = ""


@dataclass
class FilaInforme:
    id: int
    titulo: str
    url: str
    tema: str
    tema_texto: str
    municipio: str
    autoria: str
    organizacion: str
    apoyos: int
    estado: str
    estado_texto: str
    respuesta: str
    respondida_en: dt.datetime | None
    vinculo: Vinculo | None = None


@dataclass
class Grupo:
    """Propuestas de un tema o de un municipio: cuántas, sus apoyos y qué pasó con ellas."""

    clave: str
    etiqueta: str
    propuestas: int = 0
    apoyos: int = 0
    por_estado: dict = field(default_factory=lambda: dict.fromkeys(EstadoPropuesta.values, 0))

    def sumar(self, fila: FilaInforme) -> None:
        self.propuestas += 1
        self.apoyos += fila.apoyos
        self.por_estado[fila.estado] += 1

    @property
    def estados(self) -> list[int]:
        """Los conteos en el orden de ``EstadoPropuesta`` (para las columnas de la tabla)."""
        return [self.por_estado[clave] for clave in EstadoPropuesta.values]

    @property
    def pares(self) -> list[tuple[str, int]]:
        """(etiqueta, número) de cada estado, en el orden de ``EstadoPropuesta``."""
        return [(str(e), self.por_estado[v]) for v, e in EstadoPropuesta.choices]


def _propuestas_al_corte(consulta, limite):
    """Lo que el informe muestra de cada propuesta publicada antes de ``limite``, como
    diccionarios: con miles de filas, armar instancias de modelo costaba más que la consulta."""
    return (
        Propuesta.objects.filter(
            consulta=consulta,
            confirmada_en__isnull=False,
            moderacion=Moderacion.PUBLICADA,
            moderada_en__lt=limite,
        )
        .order_by("pk")
        .values("id", "titulo", "tema", "nombre", "organizacion", "municipio__nombre")
    )


def _incorporadas(consulta) -> dict[int, dict]:
    """Las propuestas incorporadas con aquello a lo que se incorporaron (una consulta).

    «Incorporada» es un estado final: si lo era al corte, hoy lo sigue siendo con el mismo
    vínculo, así que basta leer las de hoy."""
    incorporadas = Propuesta.objects.filter(
        consulta=consulta,
        confirmada_en__isnull=False,
        moderacion=Moderacion.PUBLICADA,
        estado=EstadoPropuesta.INCORPORADA,
    ).values(*CAMPOS_DEL_VINCULO)
    return {p["id"]: p for p in incorporadas}


def _apoyos_al_corte(consulta, limite) -> dict[int, int]:
    """Apoyos confirmados antes de ``limite`` por propuesta (una consulta agrupada sólo sobre
    los apoyos: contar en la consulta de las propuestas agrupaba todas sus columnas unidas)."""
    return dict(
        Apoyo.objects.filter(
            propuesta__consulta=consulta,
            confirmado_en__isnull=False,
            confirmado_en__lt=limite,
        )
        .order_by()
        .values_list("propuesta_id")
        .annotate(n=Count("pk"))
    )


def _ultimos_pasos(consulta, limite) -> dict[int, dict]:
    """El último paso de cada propuesta dado antes de ``limite`` (una consulta)."""
    ultimos = {}
    pasos = (
        PasoPropuesta.objects.filter(propuesta__consulta=consulta, fecha__lt=limite)
        .order_by("fecha", "pk")
        .values("propuesta_id", "a", "respuesta", "fecha")
    )
    for paso in pasos:
        ultimos[paso["propuesta_id"]] = paso
    return ultimos


def _dictamenes_de_listados(consulta) -> dict[int, object]:
    """El dictamen publicado más reciente de cada listado al que se incorporó una propuesta."""
    from cocreacion.models import Dictamen

    dictamenes = {}
    consulta_dictamenes = (
        Dictamen.objects.publicados()
        .filter(listado__elementos__propuestas_ciudadanas__consulta=consulta)
        .only("id", "folio", "listado_id", "aprobado_en")
        .order_by("aprobado_en")
        .distinct()
    )
    for dictamen in consulta_dictamenes:
        dictamenes[dictamen.listado_id] = dictamen
    return dictamenes


def _url_compromiso(slug: str) -> str:
    return reverse("stgao:compromiso_detalle", kwargs={"slug": slug})


def _vinculo(p: dict, dictamenes) -> Vinculo | None:
    """A qué se incorporó, con enlace sólo si aquello es público (la misma regla que la página
    de la propuesta: compromiso y plan publicados, dictamen aprobado, programa publicado)."""
    from oela.models import EstadoPrograma

    if p["hito_id"]:
        if p["hito__compromiso__publicado"] and p["hito__compromiso__plan__publicado"]:
            return Vinculo(
                "hito",
                f"Hito {p['hito__numero']} del compromiso «{p['hito__compromiso__titulo']}»",
                _url_compromiso(p["hito__compromiso__slug"]),
            )
        return Vinculo("hito", "Un hito de un compromiso que aún no es público")
    if p["compromiso_id"]:
        if p["compromiso__publicado"] and p["compromiso__plan__publicado"]:
            return Vinculo(
                "compromiso",
                f"Compromiso «{p['compromiso__titulo']}» del {p['compromiso__plan__nombre']}",
                _url_compromiso(p["compromiso__slug"]),
            )
        return Vinculo("compromiso", "Un compromiso que aún no es público")
    if p["elemento_listado_id"]:
        dictamen = dictamenes.get(p["elemento_listado__listado_id"])
        if dictamen is not None:
            return Vinculo(
                "elemento_listado",
                f"«{p['elemento_listado__titulo']}», información de interés público de "
                f"{p['elemento_listado__listado__sujeto_obligado__nombre']} "
                f"(dictamen {dictamen.folio})",
                dictamen.get_absolute_url(),
            )
        return Vinculo("elemento_listado", "Un listado de interés público aún sin dictamen")
    if p["accion_id"]:
        anio = p["accion__linea__estrategia__objetivo__programa__anio"]
        estado = p["accion__linea__estrategia__objetivo__programa__estado"]
        if estado in (EstadoPrograma.PUBLICADO, EstadoPrograma.CERRADO):
            clave = (
                f"{p['accion__linea__estrategia__objetivo__numero']}."
                f"{p['accion__linea__estrategia__numero']}.{p['accion__linea__numero']}"
            )
            return Vinculo(
                "accion",
                f"Acción {p['accion__numero']} de la línea {clave} del programa anual {anio}",
                reverse("oela:linea_detalle", kwargs={"anio": anio, "clave": clave}),
            )
        return Vinculo("accion", "Una acción de un programa anual que aún no es público")
    return None


def _agrupar(filas, clave, etiqueta) -> list[Grupo]:
    grupos: dict[str, Grupo] = {}
    for fila in filas:
        llave = clave(fila)
        if llave not in grupos:
            grupos[llave] = Grupo(llave, etiqueta(fila))
        grupos[llave].sumar(fila)
    return sorted(grupos.values(), key=lambda g: (-g.propuestas, -g.apoyos, g.etiqueta))


def informe_de_consulta(consulta, *, corte: dt.date | None = None) -> dict:
    """Todo lo del informe de ``consulta`` al corte ``corte`` (hoy, por omisión)."""
    hoy = timezone.localdate()
    corte = min(corte or hoy, hoy)
    limite = limite_del_corte(corte)
    pasos = _ultimos_pasos(consulta, limite)
    apoyos = _apoyos_al_corte(consulta, limite)
    dictamenes = _dictamenes_de_listados(consulta)
    # Etiquetas traducidas una vez: traducir miles de veces costaba más que las consultas.
    temas = {valor: str(etiqueta) for valor, etiqueta in TemaPropuesta.choices}
    estados = {valor: str(etiqueta) for valor, etiqueta in EstadoPropuesta.choices}
    anonimo = str(ANONIMO)
    filas = []
    incorporadas = _incorporadas(consulta)
    for propuesta in _propuestas_al_corte(consulta, limite):
        pk = propuesta["id"]
        paso = pasos.get(pk)
        estado = paso["a"] if paso else EstadoPropuesta.RECIBIDA
        vinculada = incorporadas.get(pk) if estado == EstadoPropuesta.INCORPORADA else None
        filas.append(
            FilaInforme(
                id=pk,
                titulo=propuesta["titulo"],
                url=f"/participa/{consulta.slug}/propuestas/{pk}/",
                tema=propuesta["tema"],
                tema_texto=temas.get(propuesta["tema"], SIN_TEMA),
                municipio=propuesta["municipio__nombre"] or "",
                autoria=propuesta["nombre"] or anonimo,
                organizacion=propuesta["organizacion"],
                apoyos=apoyos.get(pk, 0),
                estado=estado,
                estado_texto=estados[estado],
                respuesta=paso["respuesta"] if paso else "",
                respondida_en=paso["fecha"] if paso else None,
                vinculo=_vinculo(vinculada, dictamenes) if vinculada else None,
            )
        )
    orden_temas = {valor: i for i, valor in enumerate(TemaPropuesta.values)}
    filas.sort(key=lambda f: (orden_temas.get(f.tema, len(orden_temas)), -f.apoyos, f.id))
    rechazos = dict(
        Propuesta.objects.filter(
            consulta=consulta,
            confirmada_en__isnull=False,
            moderacion=Moderacion.RECHAZADA,
            moderada_en__lt=limite,
        )
        .order_by()
        .values_list("motivo_rechazo")
        .annotate(n=Count("pk"))
    )
    total = Grupo("total", "Total")
    for fila in filas:
        total.sumar(fila)
    return {
        "corte": corte,
        "corte_es_hoy": corte == hoy,
        "filas": filas,
        "total": total,
        "estados": EstadoPropuesta.choices,
        "por_tema": _agrupar(filas, lambda f: f.tema, lambda f: f.tema_texto),
        "por_municipio": _agrupar(
            filas, lambda f: f.municipio, lambda f: f.municipio or SIN_MUNICIPIO
        ),
        "rechazadas": [
            (etiqueta, rechazos[valor])
            for valor, etiqueta in MotivoRechazo.choices
            if rechazos.get(valor)
        ],
        "total_rechazadas": sum(rechazos.values()),
    }
