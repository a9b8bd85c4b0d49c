"""Lo que el programa anual aporta a la búsqueda, al historial público y al mapa del sitio.

Sólo programas publicados o cerrados. Una versión del historial de un objetivo, estrategia,
línea, acción, avance o actividad es pública sólo si es posterior a la primera publicación de
su programa: lo capturado mientras el programa era borrador nunca aparece.
"""

from django.db.models import F, OuterRef, Subquery
from django.shortcuts import get_object_or_404
from django.utils.text import Truncator

from cocreacion.operacion.medios import ArchivoServible
from cocreacion.portal.busqueda import Buscable
from cocreacion.portal.cambios import Seguible
from cocreacion.portal.feeds import CanalDeCambios
from cocreacion.portal.sitemaps import SeccionDelMapa

from .models import MESES as MESES_DEL_CALENDARIO
from .models import (
    Accion,
    Actividad,
    Avance,
    EstadoPrograma,
    Estrategia,
    LineaAccion,
    Objetivo,
    Programa,
)

PUBLICOS = [EstadoPrograma.PUBLICADO, EstadoPrograma.CERRADO]
# Los nombres de las opciones, una vez: ``get_FOO_display`` rearma el diccionario de opciones
# (con sus traducciones) en cada llamada, cerca de medio milisegundo por fila del historial.
_NOMBRE_MES = dict(Avance._meta.get_field("mes").choices)
_NOMBRE_TIPO_ACTIVIDAD = dict(Actividad._meta.get_field("tipo").choices)
MESES = [campo for campo, _encabezado in MESES_DEL_CALENDARIO]


def _publicos():
    return Programa.objects.publicados()


def _desde_publicacion(ruta: str):
    """Filtro de versiones posteriores a la primera versión pública del programa en ``ruta``."""

    def filtro(historicos):
        primera = (
            Programa.history.filter(id=OuterRef(ruta), estado__in=PUBLICOS)
            .order_by("history_date")
            .values("history_date")[:1]
        )
        return historicos.annotate(_publico_desde=Subquery(primera)).filter(
            history_date__gte=F("_publico_desde")
        )

    return filtro


_LINEA = "estrategia__objetivo__programa"
_ACCION = "linea__estrategia__objetivo__programa"


def _linea(version) -> LineaAccion:
    """La línea de acción de la versión, con su estrategia ya traída por ``select_related``.

    ``version.instance`` arma la línea con los valores de esa versión, pero sin sus relaciones:
    su ``clave`` y su dirección las volverían a consultar.
    """
    linea = version.instance
    linea.estrategia = version.estrategia
    return linea


SEGUIBLES = [
    Seguible(
        clave="programas",
        tipo="Programa anual de trabajo",
        modelo=Programa,
        campos_publicos=[
            "titulo",
            "area",
            "presentacion",
            "introduccion",
            "objetivo_general",
            "estado",
        ],  # fmt: skip
        objetos_publicos=_publicos,
        url=lambda v: f"/programa/{v.anio}/",
        titulo=lambda v: f"{v.anio} · {v.titulo}",
        versiones_publicas=lambda qs: qs.filter(estado__in=PUBLICOS),
        pertenencia={"programa": "id"},
    ),
    Seguible(
        clave="objetivos",
        tipo="Objetivo del programa",
        modelo=Objetivo,
        campos_publicos=["numero", "eje_problematico", "problematica", "texto", "peso"],
        objetos_publicos=lambda: Objetivo.objects.filter(programa__in=_publicos()),
        url=lambda v: v.programa.get_absolute_url(),
        titulo=lambda v: f"{v.numero}. {Truncator(v.texto).chars(100)}",
        versiones_publicas=_desde_publicacion("programa_id"),
        pertenencia={"programa": "programa_id"},
        relacionados=["programa"],
    ),
    Seguible(
        clave="estrategias",
        tipo="Estrategia del programa",
        modelo=Estrategia,
        campos_publicos=["numero", "texto", "peso"],
        objetos_publicos=lambda: Estrategia.objects.filter(objetivo__programa__in=_publicos()),
        url=lambda v: v.objetivo.programa.get_absolute_url(),
        titulo=lambda v: f"{v.objetivo.numero}.{v.numero}. {Truncator(v.texto).chars(100)}",
        versiones_publicas=_desde_publicacion("objetivo__programa_id"),
        pertenencia={"programa": "objetivo__programa_id"},
        relacionados=["objetivo__programa"],
    ),
    Seguible(
        clave="lineas",
        tipo="Línea de acción",
        modelo=LineaAccion,
        campos_publicos=["numero", "texto", "peso"],
        objetos_publicos=lambda: LineaAccion.objects.filter(**{f"{_LINEA}__in": _publicos()}),
        url=lambda v: _linea(v).get_absolute_url(),
        titulo=lambda v: f"{_linea(v).clave}. {Truncator(v.texto).chars(100)}",
        versiones_publicas=_desde_publicacion(f"{_LINEA}_id"),
        pertenencia={"programa": f"{_LINEA}_id"},
        relacionados=[_LINEA],
    ),
    Seguible(
        clave="acciones",
        tipo="Acción del programa",
        modelo=Accion,
        campos_publicos=[
            "numero",
            "descripcion",
            "meta",
            "unidad_medida",
            "indicador",
            "medio_verificacion",
            "responsable",
            *MESES,
            "peso",
        ],  # fmt: skip
        objetos_publicos=lambda: Accion.objects.filter(**{f"{_ACCION}__in": _publicos()}),
        url=lambda v: v.linea.get_absolute_url(),
        titulo=lambda v: f"{v.linea.clave}.{v.numero}. {Truncator(v.descripcion).chars(100)}",
        versiones_publicas=_desde_publicacion(f"{_ACCION}_id"),
        pertenencia={"programa": f"{_ACCION}_id"},
        relacionados=[_ACCION],
    ),
    Seguible(
        clave="avances",
        tipo="Avance mensual",
        modelo=Avance,
        campos_publicos=["mes", "realizado", "comentario", "enlace_evidencia"],
        objetos_publicos=lambda: Avance.objects.filter(**{f"accion__{_ACCION}__in": _publicos()}),
        url=lambda v: v.accion.linea.get_absolute_url(),
        titulo=lambda v: f"{v.accion.clave} · {_NOMBRE_MES.get(v.mes, v.mes)}",
        versiones_publicas=_desde_publicacion(f"accion__{_ACCION}_id"),
        pertenencia={"programa": f"accion__{_ACCION}_id"},
        relacionados=[f"accion__{_ACCION}"],
    ),
    Seguible(
        clave="actividades",
        tipo="Actividad",
        modelo=Actividad,
        campos_publicos=[
            "tipo",
            "fecha",
            "modalidad",
            "descripcion",
            "mujeres",
            "hombres",
            "no_especificado",
        ],  # fmt: skip
        objetos_publicos=lambda: Actividad.objects.filter(
            **{f"accion__{_ACCION}__in": _publicos()}
        ),
        url=lambda v: v.accion.linea.get_absolute_url(),
        titulo=lambda v: f"{_NOMBRE_TIPO_ACTIVIDAD.get(v.tipo, v.tipo)} · {v.fecha:%d/%m/%Y}",
        versiones_publicas=_desde_publicacion(f"accion__{_ACCION}_id"),
        pertenencia={"programa": f"accion__{_ACCION}_id"},
        relacionados=[f"accion__{_ACCION}"],
    ),
]


def _lineas_publicas():
    return LineaAccion.objects.filter(**{f"{_LINEA}__in": _publicos()}).select_related(
        "estrategia__objetivo__programa"
    )


BUSCABLES = [
    Buscable(
        tipo="Líneas de acción del programa",
        clave="lineas",
        consulta=_lineas_publicas,
        campo_titulo="texto",
        campo_resumen="texto",
        titulo=lambda li: (
            f"{li.estrategia.objetivo.programa.anio} · {li.clave}. {Truncator(li.texto).chars(120)}"
        ),
    ),
    Buscable(
        tipo="Acciones del programa",
        clave="acciones",
        consulta=lambda: Accion.objects.filter(**{f"{_ACCION}__in": _publicos()}).select_related(
            _ACCION
        ),
        campo_titulo="descripcion",
        campo_resumen="descripcion",
        url=lambda a: a.linea.get_absolute_url(),
        titulo=lambda a: (
            f"{a.linea.estrategia.objetivo.programa.anio} · {a.clave}. "
            f"{Truncator(a.descripcion).chars(120)}"
        ),
    ),
]


class Programas(SeccionDelMapa):
    changefreq = "weekly"
    priority = 0.7

    def items(self):
        return _publicos().order_by("anio")


class Lineas(SeccionDelMapa):
    changefreq = "weekly"
    priority = 0.5

    def items(self):
        return _lineas_publicas().order_by("pk")


SITEMAPS = {"programas": Programas, "lineas-programa": Lineas}


class CanalDePrograma(CanalDeCambios):
    """``/programa/<año>/cambios.atom``: cambios del programa y de todo su árbol."""

    ambito_nombre = "programa"

    def get_object(self, request, anio):
        return get_object_or_404(_publicos(), anio=anio)


# Evidencias de avances (``cocreacion.operacion.medios``): públicas cuando su programa lo es.
ARCHIVOS = [
    ArchivoServible(
        modelo=Avance,
        campo="evidencia",
        publicos=lambda: Avance.objects.filter(
            accion__linea__estrategia__objetivo__programa__estado__in=PUBLICOS
        ),
        nombre=lambda a: f"evidencia-avance-{a.accion_id}-mes-{a.mes}-{a.pk}",
    ),
]
