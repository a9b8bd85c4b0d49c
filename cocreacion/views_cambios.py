"""Página «Qué cambió» (``/cambios/``)."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from .cambios import cambios_recientes, seguibles
from .selectors import instituciones_en_el_tiempo

LIMITE = 100


@require_GET
def cambios(request):
    tipos = {s.clave: s.tipo for s in seguibles()}
    clave = request.GET.get("tipo")
    claves = [clave] if clave in tipos else None
    return render(
        request,
        "cocreacion/cambios.html",
        {
            "cambios": cambios_recientes(limite=LIMITE, claves=claves),
            "tipos": sorted(tipos.items(), key=lambda t: t[1]),
            "tipo_elegido": clave if claves else "",
            "instituciones": instituciones_en_el_tiempo(),
            "migas": [("Qué cambió", "")],
        },
    )
