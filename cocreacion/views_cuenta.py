"""Páginas de la cuenta de cada persona dentro del admin: sus pendientes y sus avisos por correo.

Las sirve ``SitioAdmin`` (``/admin/mis-pendientes/``, ``/admin/mis-avisos/``) dentro de
``admin_view``: sólo con sesión y acceso al admin. Cada persona ve y cambia sólo lo suyo; no hay
identificador en la dirección que pueda apuntar a otra cuenta.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse

from . import selectors_pendientes
from . import services_notificaciones as avisos
from .forms import PreferenciasAvisosForm
from .models import TipoNotificacion
from .permissions import enlace_de
from .registro import modulos_de_apps


def _secciones_de_avisos(usuario) -> list[dict]:
    """Lo que cada app agrega a «Mis avisos» (``seccion_mis_avisos`` en sus ``selectors``)."""
    secciones = []
    for selectores in modulos_de_apps("selectors"):
        funcion = getattr(selectores, "seccion_mis_avisos", None)
        if funcion and (seccion := funcion(usuario)):
            secciones.append(seccion)
    return secciones


def mis_pendientes(request, contexto_admin: dict):
    usuario = request.user
    enlace = enlace_de(usuario)
    pendientes = selectors_pendientes.pendientes(usuario)
    return TemplateResponse(
        request,
        "admin/mis_pendientes.html",
        {
            **contexto_admin,
            "title": "Mis pendientes",
            "enlace": enlace,
            "pendientes": pendientes,
            "vencidos": sum(1 for p in pendientes if p.vencido),
        },
    )


def mis_avisos(request, contexto_admin: dict):
    usuario = request.user
    tipos = avisos.tipos_para(usuario)
    actuales = avisos.preferencias_de(usuario)
    formulario = PreferenciasAvisosForm(
        request.POST or None,
        tipos=tipos,
        initial={"encendidos": [t for t, activo in actuales.items() if activo]},
    )
    if request.method == "POST" and formulario.is_valid():
        try:
            avisos.preferencias_guardar(
                usuario=usuario,
                encendidos=formulario.cleaned_data["encendidos"],
                actor=usuario,
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, "Se guardaron sus preferencias de avisos.")
            return redirect("admin:mis_avisos")
    return TemplateResponse(
        request,
        "admin/mis_avisos.html",
        {
            **contexto_admin,
            "title": "Mis avisos por correo",
            "formulario": formulario,
            "tipos": tipos,
            "sin_correo": not usuario.email,
            "etiquetas": dict(TipoNotificacion.choices),
            "secciones": _secciones_de_avisos(usuario),
        },
    )
