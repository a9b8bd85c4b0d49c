"""Lo que el Secretariado aporta al seguimiento por correo: los compromisos publicados.

Sus cambios salen del historial público (``publicacion.SEGUIBLES``, ámbito «compromiso»): el
compromiso, sus hitos y sus evidencias, desde que el compromiso y su plan se publicaron.
"""

from cocreacion.portal.seguimiento import ObjetoSeguible

from .models import Compromiso

SEGUIBLES_POR_CORREO = [
    ObjetoSeguible(
        clave="compromiso",
        modelo=Compromiso,
        nombre="compromiso",
        publicados=lambda: Compromiso.objects.publicados().para_lista(),
        url=lambda c: c.get_absolute_url(),
        titulo=lambda c: f"Compromiso {c.numero}. {c.titulo}",
        ambito="compromiso",
    ),
]
