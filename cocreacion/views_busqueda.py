"""Página de búsqueda ``/buscar/?q=``."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from cocreacion.busqueda import TOPE_CONTEO, buscables, buscar, limpiar_consulta, paginas_maximas

POR_GRUPO = 5
POR_PAGINA = 20


def _paginas(total: int) -> int:
    return max(1, -(-total // POR_PAGINA))


@require_GET
def busqueda(request):
    texto = limpiar_consulta(request.GET.get("q"))
    claves = {b.clave: b for b in buscables()}
    solo = request.GET.get("tipo") if request.GET.get("tipo") in claves else None
    # Sólo se pagina hasta el tope del conteo: más allá no sabríamos cuántas páginas hay.
    try:
        pagina = max(1, min(int(request.GET.get("pagina", "1")), paginas_maximas(POR_PAGINA)))
    except ValueError:
        pagina = 1
    grupos = (
        buscar(texto, por_grupo=POR_PAGINA if solo else POR_GRUPO, solo=solo, pagina=pagina)
        if texto
        else []
    )
    if solo and not grupos and pagina > 1:
        # Una página más allá de lo que hay (enlace viejo o escrito a mano): se muestra la
        # última en vez de «no encontramos», que sería falso.
        grupos = buscar(texto, por_grupo=POR_PAGINA, solo=solo, pagina=1)
        pagina = _paginas(grupos[0].total) if grupos else 1
        if pagina > 1:
            grupos = buscar(texto, por_grupo=POR_PAGINA, solo=solo, pagina=pagina)
    total_paginas = None
    if solo and grupos:
        total_paginas = _paginas(grupos[0].total)
    return render(
        request,
        "cocreacion/buscar.html",
        {
            "q": texto,
            "grupos": grupos,
            "solo": claves.get(solo),
            "tope": TOPE_CONTEO,
            "pagina_actual": pagina,
            "total_paginas": total_paginas,
            "pagina_anterior": pagina - 1 if pagina > 1 else None,
            "pagina_siguiente": pagina + 1 if total_paginas and pagina < total_paginas else None,
            "migas": [("Búsqueda", "")],
        },
    )
