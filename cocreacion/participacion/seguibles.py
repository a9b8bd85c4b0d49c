"""Lo que la participación aporta al seguimiento por correo: consultas y propuestas publicadas.

Sus cambios no salen del historial (que también guarda las ediciones internas de la
moderación) sino de los hechos públicos que ya cuenta el canal Atom de la consulta: que una
propuesta se publicó (``moderada_en``) y cada paso de su estado con su respuesta
(``PasoPropuesta``). De una consulta se informan las propuestas nuevas y los pasos de todas
las suyas; de una propuesta, sus pasos. Nunca el correo, la huella ni quién de la DGA respondió.
"""

import datetime as dt
from collections import defaultdict

from django.urls import reverse

from cocreacion.portal.cambios import Cambio
from cocreacion.portal.seguimiento import ObjetoSeguible

from .models import Consulta, EstadoPropuesta, PasoPropuesta, Propuesta

ETIQUETAS_ESTADO = dict(EstadoPropuesta.choices)


def _url_propuesta(consulta_slug: str, propuesta_id: int) -> str:
    return reverse("participacion:propuesta", kwargs={"slug": consulta_slug, "pk": propuesta_id})


def _pasos(filtro: dict, desde: dt.datetime, hasta: dt.datetime):
    """Los pasos con fecha en (``desde``, ``hasta``] de propuestas públicas (una consulta)."""
    publicas = Propuesta.objects.publicadas().filter(consulta__in=Consulta.objects.publicadas())
    return (
        PasoPropuesta.objects.filter(
            fecha__gt=desde, fecha__lte=hasta, propuesta__in=publicas, **filtro
        )
        .select_related("propuesta__consulta")
        .only(
            "id",
            "de",
            "a",
            "respuesta",
            "fecha",
            "propuesta__id",
            "propuesta__titulo",
            "propuesta__consulta_id",
            "propuesta__consulta__slug",
        )
        .order_by("fecha", "pk")
    )


def _cambio_de_paso(paso) -> Cambio:
    propuesta = paso.propuesta
    return Cambio(
        fecha=paso.fecha,
        clave="propuesta",
        tipo="Propuesta",
        registro_id=propuesta.pk,
        titulo=propuesta.titulo,
        url=_url_propuesta(propuesta.consulta.slug, propuesta.pk),
        accion="~",
        campos=[
            (
                "Estado",
                str(ETIQUETAS_ESTADO.get(paso.de, paso.de)),
                str(ETIQUETAS_ESTADO.get(paso.a, paso.a)),
            ),
            ("Respuesta de la DGA", "", paso.respuesta[:300]),
        ],
        version_id=paso.pk,
    )


def cambios_de_consultas(ids, desde: dt.datetime, hasta: dt.datetime) -> dict[int, list[Cambio]]:
    """Propuestas publicadas y pasos de sus propuestas, por consulta (dos consultas SQL)."""
    por_consulta: dict[int, list[Cambio]] = defaultdict(list)
    nuevas = (
        Propuesta.objects.publicadas()
        .filter(consulta_id__in=ids, moderada_en__gt=desde, moderada_en__lte=hasta)
        .filter(consulta__in=Consulta.objects.publicadas())
        .select_related("consulta")
        .only("id", "titulo", "moderada_en", "consulta_id", "consulta__slug")
        .order_by("moderada_en", "pk")
    )
    for propuesta in nuevas:
        por_consulta[propuesta.consulta_id].append(
            Cambio(
                fecha=propuesta.moderada_en,
                clave="propuesta",
                tipo="Propuesta",
                registro_id=propuesta.pk,
                titulo=propuesta.titulo,
                url=_url_propuesta(propuesta.consulta.slug, propuesta.pk),
                accion="+",
                campos=[],
                version_id=propuesta.pk,
            )
        )
    for paso in _pasos({"propuesta__consulta_id__in": ids}, desde, hasta):
        por_consulta[paso.propuesta.consulta_id].append(_cambio_de_paso(paso))
    for cambios in por_consulta.values():
        cambios.sort(key=lambda c: (c.fecha, c.version_id))
    return dict(por_consulta)


def cambios_de_propuestas(ids, desde: dt.datetime, hasta: dt.datetime) -> dict[int, list[Cambio]]:
    """Los pasos de cada propuesta con su respuesta (una consulta SQL)."""
    por_propuesta: dict[int, list[Cambio]] = defaultdict(list)
    for paso in _pasos({"propuesta_id__in": ids}, desde, hasta):
        por_propuesta[paso.propuesta.pk].append(_cambio_de_paso(paso))
    return dict(por_propuesta)


SEGUIBLES_POR_CORREO = [
    ObjetoSeguible(
        clave="consulta",
        modelo=Consulta,
        nombre="consulta",
        articulo="esta",
        publicados=lambda: Consulta.objects.publicadas(),
        url=lambda c: c.get_absolute_url(),
        titulo=lambda c: c.titulo,
        cambios=cambios_de_consultas,
    ),
    ObjetoSeguible(
        clave="propuesta",
        modelo=Propuesta,
        nombre="propuesta",
        articulo="esta",
        publicados=lambda: Propuesta.objects.publicadas().filter(
            consulta__in=Consulta.objects.publicadas()
        ),
        url=lambda p: p.get_absolute_url(),
        titulo=lambda p: p.titulo,
        cambios=cambios_de_propuestas,
        relacionados=["consulta"],
    ),
]
