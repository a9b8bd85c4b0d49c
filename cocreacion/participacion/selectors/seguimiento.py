"""Lecturas del seguimiento por correo: «Mis suscripciones» y su parte en «Mis avisos»."""

from dataclasses import dataclass

from cocreacion.portal.seguimiento import ObjetoSeguible, objetos_seguibles

from ..models import Suscripcion, Suscriptor


@dataclass
class Seguido:
    """Una suscripción con su objeto vigente (``None`` si ya no está publicado)."""

    suscripcion: Suscripcion
    seguible: ObjetoSeguible | None
    objeto: object | None

    @property
    def titulo(self) -> str:
        if self.objeto is None:
            return "Registro que ya no está publicado"
        return self.seguible.titulo(self.objeto)

    @property
    def url(self) -> str:
        return self.seguible.url(self.objeto) if self.objeto is not None else ""

    @property
    def tipo(self) -> str:
        return self.seguible.nombre.capitalize() if self.seguible else "Registro"


def suscripciones_de(suscriptor: Suscriptor) -> list[Seguido]:
    """Lo que sigue (y lo pendiente de confirmar) ``suscriptor``, con sus objetos publicados.

    Una consulta para las suscripciones y una por tipo de objeto seguido, nunca una por fila.
    """
    suscripciones = list(
        Suscripcion.objects.filter(suscriptor=suscriptor).order_by("seguible", "objeto_id")
    )
    seguibles = objetos_seguibles()
    ids_por_tipo: dict[str, list[int]] = {}
    for s in suscripciones:
        ids_por_tipo.setdefault(s.seguible, []).append(s.objeto_id)
    publicados = {
        clave: seguibles[clave].publicados_con_ids(ids)
        for clave, ids in ids_por_tipo.items()
        if clave in seguibles
    }
    return [
        Seguido(
            suscripcion=s,
            seguible=seguibles.get(s.seguible),
            objeto=publicados.get(s.seguible, {}).get(s.objeto_id),
        )
        for s in suscripciones
    ]


def suscriptor_de_cuenta(usuario) -> Suscriptor | None:
    """El suscriptor con el correo de la cuenta, si sigue algo confirmado."""
    from ..services.seguimiento import huella_de

    if not usuario.email:
        return None
    return Suscriptor.objects.con_confirmadas().filter(huella=huella_de(usuario.email)).first()


def seccion_mis_avisos(usuario) -> dict | None:
    """Lo que sigue la cuenta con su correo, para «Mis avisos» (2 consultas)."""
    from ..services.seguimiento import enlace_suscripciones

    suscriptor = suscriptor_de_cuenta(usuario)
    if suscriptor is None:
        return None
    return {
        "plantilla": "participacion/seguimiento/seccion_mis_avisos.html",
        "datos": {
            "seguidos": suscriptor.suscripciones.confirmadas().count(),
            "enlace": enlace_suscripciones(suscriptor),
        },
    }
