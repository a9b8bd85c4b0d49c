"""Lo que el Secretariado aporta a la búsqueda, al historial público y al mapa del sitio.

Sólo registros públicos: compromisos publicados (con plan publicado) y sesiones publicadas.
Un compromiso es público desde que se publicaron por primera vez él y su plan; una versión
del compromiso, de sus hitos o de sus evidencias es pública sólo si es posterior a ese
momento, y una de un acuerdo, si es posterior a la primera versión publicada de su sesión: lo
capturado en borrador nunca aparece (ni un título viejo, ni una evidencia quitada antes).
El avance (no editable) no se sigue: cambia con los hitos, que sí se siguen. Nunca se siguen
campos internos (``notas_internas``) ni datos personales no publicados (sexo).
"""

from django.db.models import F, OuterRef, Q, Subquery
from django.shortcuts import get_object_or_404
from django.utils.text import Truncator

from cocreacion.operacion.medios import ArchivoServible
from cocreacion.portal.busqueda import Buscable
from cocreacion.portal.cambios import Seguible
from cocreacion.portal.feeds import CanalDeCambios
from cocreacion.portal.sitemaps import SeccionDelMapa

from .models import Acuerdo, Compromiso, Evidencia, Hito, Integrante, PlanAccionLocal, Sesion
from .permissions import filtrar_evidencias


def _compromisos():
    return Compromiso.objects.publicados()


def _sesiones():
    return Sesion.objects.publicadas()


def _desde_publicacion(modelo, ruta: str, **publicado):
    """Filtro de versiones posteriores a la primera versión publicada del padre en ``ruta``."""

    def filtro(historicos):
        primera = (
            modelo.history.filter(id=OuterRef(ruta), **publicado)
            .order_by("history_date")
            .values("history_date")[:1]
        )
        return historicos.annotate(_publico_desde=Subquery(primera)).filter(
            history_date__gte=F("_publico_desde")
        )

    return filtro


def _primera_publicacion(modelo, ruta: str):
    return Subquery(
        modelo.history.filter(id=OuterRef(ruta), publicado=True)
        .order_by("history_date")
        .values("history_date")[:1]
    )


def _desde_publicacion_del_compromiso(ruta: str):
    """Filtro de versiones posteriores a que el compromiso en ``ruta`` se hizo público: la
    primera versión publicada del compromiso y, si su plan se publicó después, la del plan.

    Un plan sin versiones en el historial (cargado sin él) no pone límite.
    """
    ruta_plan = "plan_id" if ruta == "id" else ruta.removesuffix("_id") + "__plan_id"

    def filtro(historicos):
        return (
            historicos.annotate(
                _publico_desde=_primera_publicacion(Compromiso, ruta),
                _plan_publico_desde=_primera_publicacion(PlanAccionLocal, ruta_plan),
            )
            .filter(history_date__gte=F("_publico_desde"))
            .filter(
                Q(_plan_publico_desde__isnull=True) | Q(history_date__gte=F("_plan_publico_desde"))
            )
        )

    return filtro


_compromiso_publico = _desde_publicacion_del_compromiso("id")


def _url_sesion(sesion_id) -> str:
    return f"/stgao/sesiones/{sesion_id}/"


SEGUIBLES = [
    Seguible(
        clave="compromisos",
        tipo="Compromiso",
        modelo=Compromiso,
        campos_publicos=[
            "numero",
            "titulo",
            "problema",
            "solucion",
            "beneficios",
            "objetivo",
            "linea_base",
            "valor_transparencia",
            "valor_participacion",
            "valor_rendicion_cuentas",
            "valor_innovacion",
            "tema",
            "lider",
            "sitio_resultado",
            "fecha_inicio",
            "fecha_fin",
        ],  # fmt: skip
        objetos_publicos=_compromisos,
        url=lambda v: f"/compromisos/{v.slug}/",
        titulo=lambda v: f"{v.numero}. {v.titulo}",
        versiones_publicas=lambda qs: _compromiso_publico(qs.filter(publicado=True)),
        pertenencia={"compromiso": "id", "sujeto": "responsables"},
    ),
    Seguible(
        clave="hitos",
        tipo="Hito de compromiso",
        modelo=Hito,
        campos_publicos=[
            "numero",
            "descripcion",
            "responsable",
            "fecha_inicio_planeada",
            "fecha_fin_planeada",
            "fecha_inicio_real",
            "fecha_fin_real",
            "peso",
            "estado",
        ],  # fmt: skip
        objetos_publicos=lambda: Hito.objects.filter(compromiso__in=_compromisos()),
        url=lambda v: v.compromiso.get_absolute_url(),
        titulo=lambda v: f"Hito {v.numero}: {Truncator(v.descripcion).chars(100)}",
        versiones_publicas=_desde_publicacion_del_compromiso("compromiso_id"),
        pertenencia={"compromiso": "compromiso_id", "sujeto": "responsable_id"},
        relacionados=["compromiso"],
    ),
    Seguible(
        clave="evidencias",
        tipo="Evidencia de hito",
        modelo=Evidencia,
        campos_publicos=["descripcion", "enlace", "fecha"],
        objetos_publicos=lambda: Evidencia.objects.filter(hito__compromiso__in=_compromisos()),
        url=lambda v: v.hito.compromiso.get_absolute_url(),
        titulo=lambda v: Truncator(v.descripcion).chars(120),
        versiones_publicas=_desde_publicacion_del_compromiso("hito__compromiso_id"),
        pertenencia={"compromiso": "hito__compromiso_id"},
        relacionados=["hito__compromiso"],
    ),
    Seguible(
        clave="sesiones",
        tipo="Sesión del Secretariado",
        modelo=Sesion,
        campos_publicos=[
            "tipo",
            "numero",
            "fecha_hora",
            "modalidad",
            "sede",
            "enlace_virtual",
            "resumen",
        ],  # fmt: skip
        objetos_publicos=_sesiones,
        url=lambda v: _url_sesion(v.id),
        titulo=lambda v: str(v.instance),
        versiones_publicas=lambda qs: qs.filter(publicada=True),
    ),
    Seguible(
        clave="acuerdos",
        tipo="Acuerdo del Secretariado",
        modelo=Acuerdo,
        campos_publicos=["texto", "fecha_limite", "estado"],
        objetos_publicos=lambda: Acuerdo.objects.publicados(),
        url=lambda v: _url_sesion(v.sesion_id),
        titulo=lambda v: f"{v.clave}: {Truncator(v.texto).chars(100)}",
        versiones_publicas=_desde_publicacion(Sesion, "sesion_id", publicada=True),
        pertenencia={"sujeto": "sujetos_responsables"},
    ),
    Seguible(
        clave="integrantes",
        tipo="Integrante del Secretariado",
        modelo=Integrante,
        campos_publicos=[
            "persona",
            "cargo",
            "sujeto_obligado",
            "organizacion",
            "sector",
            "rol",
            "suplente_de",
            "fecha_alta",
            "fecha_baja",
        ],  # fmt: skip
        objetos_publicos=lambda: Integrante.objects.all(),
        url=lambda v: "/stgao/",
        titulo=lambda v: v.persona,
        pertenencia={"sujeto": "sujeto_obligado_id"},
    ),
]


BUSCABLES = [
    Buscable(
        tipo="Compromisos",
        clave="compromisos",
        consulta=_compromisos,
        campo_titulo="titulo",
        campo_resumen="problema",
        titulo=lambda c: f"{c.numero}. {c.titulo}",
    ),
    Buscable(
        tipo="Hitos de compromisos",
        clave="hitos",
        consulta=lambda: Hito.objects.filter(compromiso__in=_compromisos()).select_related(
            "compromiso"
        ),
        campo_titulo="descripcion",
        campo_resumen="descripcion",
        url=lambda h: h.compromiso.get_absolute_url(),
        titulo=lambda h: f"{h.compromiso.titulo} · hito {h.numero}",
    ),
    Buscable(
        tipo="Sesiones del Secretariado",
        clave="sesiones",
        consulta=_sesiones,
        campo_titulo="sede",
        campo_resumen="resumen",
    ),
    Buscable(
        tipo="Acuerdos del Secretariado",
        clave="acuerdos",
        consulta=lambda: Acuerdo.objects.publicados().select_related("sesion"),
        campo_titulo="clave",
        campo_resumen="texto",
        url=lambda a: a.sesion.get_absolute_url(),
        titulo=lambda a: f"{a.clave}: {Truncator(a.texto).chars(120)}",
    ),
]


class Compromisos(SeccionDelMapa):
    changefreq = "weekly"
    priority = 0.7

    def items(self):
        return _compromisos().only("slug").order_by("pk")


class Sesiones(SeccionDelMapa):
    changefreq = "monthly"
    priority = 0.5

    def items(self):
        return _sesiones().only("pk").order_by("pk")


SITEMAPS = {"compromisos": Compromisos, "sesiones": Sesiones}


class CanalDeCompromiso(CanalDeCambios):
    """``/compromisos/<slug>/cambios.atom``: cambios del compromiso, sus hitos y evidencias."""

    ambito_nombre = "compromiso"

    def get_object(self, request, slug):
        return get_object_or_404(_compromisos(), slug=slug)


def _evidencias_publicas():
    return Evidencia.objects.filter(hito__compromiso__in=Compromiso.objects.publicados())


# Archivos que el portal sirve (``cocreacion.operacion.medios``): evidencias de compromisos
# publicados y actas de sesiones publicadas; en el admin, lo que cada cuenta ve.
ARCHIVOS = [
    ArchivoServible(
        modelo=Evidencia,
        campo="archivo",
        publicos=_evidencias_publicas,
        visibles=filtrar_evidencias,
        nombre=lambda e: f"evidencia-{e.hito.compromiso.slug}-hito-{e.hito.numero}-{e.pk}",
    ),
    ArchivoServible(
        modelo=Sesion,
        campo="acta_firmada",
        publicos=Sesion.objects.publicadas,
        nombre=lambda s: f"acta-firmada-{s.clave.replace('/', '-')}",
    ),
]
