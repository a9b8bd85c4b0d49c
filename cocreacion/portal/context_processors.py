"""Contexto común de todas las páginas."""

from django.conf import settings
from django.utils.functional import SimpleLazyObject

from cocreacion.models import Institucion
from cocreacion.permissions import enlace_de


def _sesion(request):
    usuario = request.user
    if not usuario.is_authenticated:
        return None
    return {
        "nombre": usuario.get_full_name() or usuario.get_username(),
        "es_enlace": enlace_de(usuario) is not None,
    }


def portal(request):
    """Expone ``institucion`` (consulta perezosa: sólo si la plantilla la usa),
    ``datos_de_demostracion`` (la demostración de ``make demo``: cada página lo avisa) y, sólo a
    quien trae cookie de sesión, ``sesion_portal``.

    Sin la cookie no se toca ``request.user``: leer la sesión agrega ``Vary: Cookie`` y la
    página pública dejaría de guardarse en la caché. Con la cookie la página nunca se guarda en
    la caché compartida (``cache_paginas``), así que el nombre de una persona no llega a otra.
    """
    con_cookie = settings.SESSION_COOKIE_NAME in getattr(request, "COOKIES", {})
    return {
        "institucion": SimpleLazyObject(lambda: Institucion.objects.actual()),
        "datos_de_demostracion": settings.DATOS_DE_DEMOSTRACION,
        "sesion_portal": SimpleLazyObject(lambda: _sesion(request)) if con_cookie else None,
    }
