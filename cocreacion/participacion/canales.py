"""El canal Atom de cada consulta (``/participa/<consulta>/propuestas.atom``).

El canal no sale del historial de cambios (que también registra ediciones internas de la
moderación) sino de los dos hechos públicos de una propuesta: que se publicó
(``moderada_en``) y cada paso de su estado con su respuesta (``PasoPropuesta``, la bitácora que
nunca se edita). Nunca lleva correo, huella ni quién de la DGA dio el paso; el nombre, sólo si
la persona lo publicó.
"""

from dataclasses import dataclass
from datetime import datetime

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape

from cocreacion.models import Institucion

from .models import Consulta, EstadoPropuesta, Moderacion, PasoPropuesta, Propuesta
from .selectors import consulta_publica

ETIQUETAS_ESTADO = dict(EstadoPropuesta.choices)


@dataclass
class Suceso:
    clave: str
    titulo: str
    resumen: str
    url: str
    fecha: datetime


def sucesos_de_consulta(consulta: Consulta, *, limite: int = 50) -> list[Suceso]:
    """Las publicaciones y los pasos más recientes de las propuestas públicas (2 consultas)."""
    publicadas = (
        Propuesta.objects.publicadas()
        .filter(consulta=consulta, moderada_en__isnull=False)
        .select_related("municipio")
        .only("id", "titulo", "problema", "nombre", "moderada_en", "municipio__nombre")
        .order_by("-moderada_en", "-pk")[:limite]
    )
    pasos = (
        # ``consulta`` ya es publicada (la trae ``consulta_publica``): basta pedir que cada
        # propuesta lo sea, con una unión que usa el índice parcial de las publicadas.
        PasoPropuesta.objects.filter(
            propuesta__consulta=consulta,
            propuesta__confirmada_en__isnull=False,
            propuesta__moderacion=Moderacion.PUBLICADA,
        )
        .select_related("propuesta")
        .only("id", "a", "respuesta", "fecha", "propuesta__id", "propuesta__titulo")
        .order_by("-fecha", "-pk")[:limite]
    )
    base = consulta.get_absolute_url()
    sucesos = [
        Suceso(
            clave=f"propuesta-{p.pk}-publicada",
            titulo=f"Nueva propuesta: {p.titulo}",
            resumen=f"{p.autoria}"
            + (f" ({p.municipio.nombre})" if p.municipio_id else "")
            + f": {p.problema[:500]}",
            url=f"{base}propuestas/{p.pk}/",
            fecha=p.moderada_en,
        )
        for p in publicadas
    ]
    sucesos += [
        Suceso(
            clave=f"propuesta-{paso.propuesta.pk}-paso-{paso.pk}",
            titulo=f"{ETIQUETAS_ESTADO.get(paso.a, paso.a)}: {paso.propuesta.titulo}",
            resumen=f"Respuesta de la DGA: {paso.respuesta}",
            url=f"{base}propuestas/{paso.propuesta.pk}/",
            fecha=paso.fecha,
        )
        for paso in pasos
    ]
    sucesos.sort(key=lambda s: (s.fecha, s.clave), reverse=True)
    return sucesos[:limite]


class CanalDePropuestas(Feed):
    """Propuestas publicadas en una consulta y cada cambio de estado con su respuesta."""

    feed_type = Atom1Feed
    limite = 50

    def get_object(self, request, slug):
        try:
            return consulta_publica(slug)
        except Consulta.DoesNotExist as exc:
            raise Http404("Consulta no encontrada") from exc

    def title(self, consulta):
        return f"Propuestas de la consulta «{consulta.titulo}»"

    def link(self, consulta):
        return consulta.get_absolute_url()

    def subtitle(self, consulta):
        return "Propuestas publicadas y las respuestas de la DGA a cada una."

    def author_name(self, consulta):
        return Institucion.objects.actual().nombre

    def items(self, consulta):
        return sucesos_de_consulta(consulta, limite=self.limite)

    def item_title(self, suceso):
        return suceso.titulo

    def item_description(self, suceso):
        # Atom1Feed publica el resumen como ``type="html"``: se escapa el texto ciudadano.
        return escape(suceso.resumen)

    def item_link(self, suceso):
        return suceso.url

    def item_guid(self, suceso):
        return suceso.clave

    item_guid_is_permalink = False

    def item_pubdate(self, suceso):
        return suceso.fecha

    def item_updateddate(self, suceso):
        return suceso.fecha
