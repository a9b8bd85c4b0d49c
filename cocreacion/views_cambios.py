"""Página «Qué cambió» (``/cambios/``)."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from cocreacion.cambios import Cursor, cambios_recientes, seguibles
from cocreacion.selectors import instituciones_en_el_tiempo

LIMITE = 100


@require_GET
def cambios(request):
    tipos = {s.clave: s.tipo for s in seguibles()}
    clave = request.GET.get("tipo")
    claves = [clave] if clave in tipos else None
    cursor = Cursor.leer(request.GET.get("antes"))
    # Uno de más para saber si hay otra página sin contar todo el historial.
    cambios = cambios_recientes(limite=LIMITE + 1, claves=claves, despues_de=cursor)
    siguiente = None
    if len(cambios) > LIMITE:
        cambios = cambios[:LIMITE]
        ultimo = cambios[-1]
        siguiente = Cursor(fecha=ultimo.fecha, version_id=ultimo.version_id, clave=ultimo.clave)
    return render(
        request,
        "cocreacion/cambios.html",
        {
            "cambios": cambios,
            "es_primera_pagina": cursor is None,
            "cursor_siguiente": siguiente.texto() if siguiente else "",
            "tipos": sorted(tipos.items(), key=lambda t: t[1]),
            "tipo_elegido": clave if claves else "",
            "instituciones": instituciones_en_el_tiempo(),
            "migas": [("Qué cambió", "")],
        },
    )
