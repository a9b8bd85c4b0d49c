"""Páginas públicas del núcleo: inicio y catálogo de sujetos obligados."""

import logging

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db import DatabaseError, connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from cocreacion.filters import FiltroSujetosObligados
from cocreacion.models import SujetoObligado
from cocreacion.registro import modulos_de_apps
from cocreacion.selectors import organizaciones_por_ambito, sujetos_obligados_para_catalogo

logger = logging.getLogger(__name__)


@require_GET
def salud(request):
    """Comprobación para el balanceador: 200 si la base de datos (y Redis, si el portal lo usa)
    responden; 503 si no.

    Con ``REDIS_URL`` la caché de páginas y de PDF y la lectura de las sesiones dependen de
    Redis: sin él, el servidor no puede atender, y el balanceador debe saberlo.
    """
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"estado": "sin base de datos"}, status=503)
    if "redis" not in settings.CACHES["default"]["BACKEND"].lower():
        return JsonResponse({"estado": "bien"})
    try:
        cache.get("salud")
    except Exception:  # cualquier error del cliente de Redis (conexión, tiempo, respuesta)
        logger.exception("Redis no responde")
        return JsonResponse({"estado": "sin Redis", "redis": "sin respuesta"}, status=503)
    return JsonResponse({"estado": "bien", "redis": "bien"})


@require_GET
def robots(request):
    lineas = [
        "User-agent: *",
        "Disallow: /admin/",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lineas) + "\n", content_type="text/plain; charset=utf-8")


def inicio(request):
    secciones = []
    for selectores in modulos_de_apps("selectors"):
        funcion = getattr(selectores, "seccion_inicio", None)
        if funcion and (seccion := funcion()):
            secciones.append(seccion)
    return render(request, "cocreacion/inicio.html", {"secciones": secciones})


def sujetos_lista(request):
    filtro = FiltroSujetosObligados(request.GET or None, queryset=sujetos_obligados_para_catalogo())
    sujetos = filtro.qs if filtro.is_bound and filtro.is_valid() else filtro.queryset
    pagina = Paginator(sujetos, 50).get_page(request.GET.get("pagina"))
    return render(
        request,
        "cocreacion/sujetos_lista.html",
        {
            "filtro": filtro,
            "pagina": pagina,
            "total": pagina.paginator.count,
            "migas_sujetos": [("Sujetos obligados", "")],
        },
    )


@require_GET
def organizaciones(request):
    return render(
        request,
        "cocreacion/organizaciones.html",
        {
            "organizaciones": list(organizaciones_por_ambito()),
            "migas_sujetos": [("Organizaciones", "")],
        },
    )


def sujeto_detalle(request, slug):
    """Ficha de un sujeto obligado; cada app aporta su sección (``seccion_sujeto_obligado``)."""
    sujeto = get_object_or_404(SujetoObligado.objects.select_related("municipio"), slug=slug)
    secciones = []
    for selectores in modulos_de_apps("selectors"):
        funcion = getattr(selectores, "seccion_sujeto_obligado", None)
        if funcion and (seccion := funcion(sujeto)):
            secciones.append(seccion)
    return render(
        request,
        "cocreacion/sujeto_detalle.html",
        {
            "sujeto": sujeto,
            "secciones": secciones,
            "migas": [("Sujetos obligados", "/sujetos-obligados/"), (sujeto.nombre, "")],
        },
    )
