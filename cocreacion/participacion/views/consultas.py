"""Páginas públicas de lectura: consultas, sus propuestas y el aviso de privacidad.

No llevan formularios: salen de la caché de páginas para quien no tiene sesión. Los
formularios (con CSRF) viven en sus propias direcciones (``views.propuestas``).
"""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from cocreacion.portal.vista_previa import marcar_vista_previa, publico_o_vista_previa

from .. import selectors
from ..models import Consulta, Propuesta

POR_PAGINA = 20
MIGA_PARTICIPA = ("Participa", "/participa/")


@require_GET
def participa(request):
    return render(
        request,
        "participacion/participa.html",
        {**selectors.consultas_por_momento(), "migas": [("Participa", "")]},
    )


def _consulta(request, slug):
    return publico_o_vista_previa(
        request,
        modelo=Consulta,
        publico=lambda: selectors.consulta_publica(slug),
        cualquiera=lambda: selectors.consulta_publica(slug, solo_publicadas=False),
    )


@require_GET
def consulta(request, slug):
    consulta, vista_previa = _consulta(request, slug)
    por_estado = selectors.conteo_por_estado(consulta)
    paginador = Paginator(selectors.propuestas_publicadas(consulta, con_apoyos=False), POR_PAGINA)
    # El total ya está en los conteos por estado: el paginador no vuelve a contar.
    paginador.count = sum(n for _clave, _etiqueta, n in por_estado)
    pagina = paginador.get_page(request.GET.get("pagina"))
    pagina.object_list = selectors.anotar_apoyos(pagina.object_list)
    respuesta = render(
        request,
        "participacion/consulta.html",
        {
            "consulta": consulta,
            "abierta": consulta.abierta(),
            "antes": consulta.antes_de_abrir(),
            "pagina": pagina,
            "por_estado": por_estado,
            "migas": [MIGA_PARTICIPA, (consulta.titulo, "")],
            "vista_previa": vista_previa,
        },
    )
    return marcar_vista_previa(respuesta, vista_previa)


@require_GET
def propuesta(request, slug, pk):
    try:
        propuesta = selectors.propuesta_publica(slug, pk)
    except Propuesta.DoesNotExist as exc:
        raise Http404("Propuesta no encontrada") from exc
    consulta = propuesta.consulta
    return render(
        request,
        "participacion/propuesta.html",
        {
            "propuesta": propuesta,
            "consulta": consulta,
            "abierta": consulta.abierta(),
            "atendio": selectors.lo_que_la_atendio(propuesta),
            "hoy": timezone.localdate(),
            "migas": [
                MIGA_PARTICIPA,
                (consulta.titulo, consulta.get_absolute_url()),
                (propuesta.titulo, ""),
            ],
        },
    )


@require_GET
def privacidad(request):
    from ..services.privacidad import horas_de_vigencia

    return render(
        request,
        "participacion/privacidad.html",
        {
            "horas": horas_de_vigencia(),
            "migas": [MIGA_PARTICIPA, ("Aviso de privacidad", "")],
        },
    )
