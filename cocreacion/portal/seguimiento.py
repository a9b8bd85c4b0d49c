"""Qué se puede seguir por correo: el registro de «objetos seguibles» de todas las apps.

Cada app declara en su módulo ``seguibles.py`` una lista ``SEGUIBLES_POR_CORREO`` de
``ObjetoSeguible``; el núcleo declara aquí los suyos (el sujeto obligado). La participación
ciudadana (``cocreacion.participacion``) guarda las suscripciones y arma el resumen diario con
este registro; nunca nombra un modelo de otra app.

Un objeto seguible dice:

- ``clave``: su nombre en la dirección (``/seguir/<clave>/<id>/``) y en las suscripciones;
  no se cambia una vez que hay suscripciones.
- ``modelo``, ``nombre`` (para la gente, en singular: «compromiso») y ``articulo`` («este
  compromiso», «esta consulta»).
- ``publicados``: la única puerta; nunca se sigue ni se informa de un borrador o de algo
  retirado (si se retira, sus suscripciones se quedan pero el resumen lo calla).
- ``url`` y ``titulo`` del objeto vigente.
- de dónde salen sus cambios entre dos instantes, para muchos objetos a la vez: por omisión,
  del historial público (``portal.cambios``) con el ámbito ``ambito``: cada ``Seguible``
  del historial que declara ``pertenencia[ambito]`` aporta sus versiones (el compromiso, sus
  hitos y sus evidencias; del sujeto obligado, su ficha, sus compromisos, hitos, acuerdos,
  integrantes, dictámenes y elementos aprobados). Así el correo dice lo mismo que
  ``/cambios/`` y el canal Atom del objeto, con sus reglas (campos públicos, sin borradores).
  Quien necesite otra fuente da ``cambios`` (función ``(ids, desde, hasta) → {id: [Cambio]}``).

Para agregar, p. ej., las consultas ciudadanas (``cocreacion/participacion/seguibles.py``)::

    SEGUIBLES_POR_CORREO = [
        ObjetoSeguible(
            clave="consulta",
            modelo=Consulta,
            nombre="consulta",
            articulo="esta",
            publicados=lambda: Consulta.objects.publicadas(),
            url=lambda c: c.get_absolute_url(),
            ambito="consulta",
        ),
    ]

y, en el ``Seguible`` del historial de la consulta (``participacion/publicacion.py``),
``pertenencia={"consulta": "id"}``; en el de sus propuestas, ``{"consulta": "consulta_id",
"propuesta": "id"}``. Luego, en la página de la consulta::

    {% include "components/seguir_por_correo.html" with seguible_clave="consulta"
       objeto=consulta nombre_seguible="esta consulta" %}

(en una sola línea: las etiquetas de Django no se parten).
"""

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db.models import QuerySet

from cocreacion.models import SujetoObligado
from cocreacion.portal.cambios import Cambio, cambios_entre
from cocreacion.registro import reunir


@dataclass
class ObjetoSeguible:
    """Un tipo de registro público que cualquiera puede seguir por correo."""

    clave: str
    modelo: type
    nombre: str
    publicados: Callable[[], QuerySet]
    url: Callable[[object], str]
    articulo: str = "este"
    titulo: Callable[[object], str] = field(default=str)
    # Ámbito del historial público (``Seguible.pertenencia``) cuyos cambios se informan.
    ambito: str | None = None
    # Otra fuente de cambios: (ids, desde, hasta) → {id: [Cambio]}. Sin ella, ``ambito``.
    cambios: Callable[[list[int], dt.datetime, dt.datetime], dict[int, list[Cambio]]] | None = None
    # Lo que ``titulo`` y ``url`` leen de otras tablas (una consulta para todos los objetos).
    relacionados: list[str] = field(default_factory=list)

    def cambios_entre(
        self, ids: Iterable[int], desde: dt.datetime, hasta: dt.datetime
    ) -> dict[int, list[Cambio]]:
        """Cambios públicos en (``desde``, ``hasta``] de los objetos ``ids``, por id."""
        ids = list(ids)
        if self.cambios is not None:
            return self.cambios(ids, desde, hasta)
        return cambios_entre(ambito=self.ambito, ids=ids, desde=desde, hasta=hasta)

    def publicados_con_ids(self, ids: Iterable[int]) -> dict[int, object]:
        """Los objetos publicados de ``ids``, por id (una consulta)."""
        consulta = self.publicados().filter(pk__in=list(ids))
        if self.relacionados:
            consulta = consulta.select_related(*self.relacionados)
        return {objeto.pk: objeto for objeto in consulta}

    @property
    def nombre_con_articulo(self) -> str:
        return f"{self.articulo} {self.nombre}"


def objetos_seguibles() -> dict[str, ObjetoSeguible]:
    """Todos los objetos seguibles, por clave, en el orden de las apps."""
    todos = [*SEGUIBLES_DEL_NUCLEO, *reunir("seguibles", "SEGUIBLES_POR_CORREO")]
    return {s.clave: s for s in todos}


def objeto_seguible(clave: str) -> ObjetoSeguible | None:
    return objetos_seguibles().get(clave)


SEGUIBLES_DEL_NUCLEO = [
    ObjetoSeguible(
        clave="sujeto-obligado",
        modelo=SujetoObligado,
        nombre="sujeto obligado",
        publicados=lambda: SujetoObligado.objects.activos(),
        url=lambda s: s.get_absolute_url(),
        titulo=lambda s: s.nombre,
        ambito="sujeto",
    ),
]
