"""Páginas públicas del Secretariado Técnico y de los compromisos del Plan de Acción Local."""

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from cocreacion.comun.descargas import nombrar
from cocreacion.comun.pdf import respuesta_pdf
from cocreacion.portal.vista_previa import marcar_vista_previa, publico_o_vista_previa

from . import selectors
from .calendario import calendario_de_sesiones
from .filters import CAMPOS_ORDEN, FiltroCompromisos, FormularioAcuerdos
from .models import Compromiso, Sesion
from .pdf import acta_de_sesion, nombre_archivo

POR_PAGINA = 20
MIGA_STGAO = ("Secretariado Técnico", "/stgao/")
MIGA_COMPROMISOS = ("Compromisos", "/compromisos/")


@require_GET
def portada(request):
    contexto = selectors.portada_stgao()
    selectors.anotar_quorum(contexto["sesiones"])
    contexto["migas"] = [("Secretariado Técnico", "")]
    return render(request, "stgao/portada.html", contexto)


@require_GET
def sesiones(request):
    pagina = Paginator(selectors.sesiones_publicas(), POR_PAGINA).get_page(
        request.GET.get("pagina")
    )
    selectors.anotar_quorum(pagina.object_list)
    return render(
        request,
        "stgao/sesiones.html",
        {"pagina": pagina, "migas": [MIGA_STGAO, ("Sesiones", "")]},
    )


def _sesion(pk):
    try:
        return selectors.sesion_completa(pk)
    except Sesion.DoesNotExist as exc:
        raise Http404("Sesión no encontrada") from exc


@require_GET
def sesion_detalle(request, pk):
    contexto, vista_previa = publico_o_vista_previa(
        request,
        modelo=Sesion,
        publico=lambda: _sesion(pk),
        cualquiera=lambda: selectors.sesion_completa(pk, solo_publicadas=False),
    )
    contexto["migas"] = [
        MIGA_STGAO,
        ("Sesiones", "/stgao/sesiones/"),
        (contexto["sesion"].clave, ""),
    ]
    contexto["vista_previa"] = vista_previa
    contexto["vista_previa_admin"] = (
        reverse("admin:stgao_sesion_change", args=[pk]) if vista_previa else ""
    )
    respuesta = render(request, "stgao/sesion_detalle.html", contexto)
    return marcar_vista_previa(respuesta, vista_previa)


@require_GET
def acta_pdf(request, pk):
    # Sólo la sesión (una consulta): lo demás lo lee el acta si no está ya en su caché.
    sesion = get_object_or_404(Sesion.objects.publicadas(), pk=pk)
    return respuesta_pdf(acta_de_sesion(sesion), nombre_archivo(sesion))


@require_GET
def sesiones_ics(request):
    datos = calendario_de_sesiones(selectors.sesiones_para_calendario(), request=request)
    respuesta = HttpResponse(datos, content_type="text/calendar; charset=utf-8")
    return nombrar(respuesta, "sesiones-stgao.ics", adjunto=False)


@require_GET
def acuerdos(request):
    formulario = FormularioAcuerdos(request.GET or None)
    estado = formulario.cleaned_data["estado"] if formulario.is_valid() else ""
    pagina = Paginator(selectors.acuerdos_publicos(estado), POR_PAGINA).get_page(
        request.GET.get("pagina")
    )
    return render(
        request,
        "stgao/acuerdos.html",
        {
            "formulario": formulario,
            "pagina": pagina,
            "hoy": timezone.localdate(),
            "migas": [MIGA_STGAO, ("Acuerdos", "")],
        },
    )


@require_GET
def compromisos(request):
    base = selectors.compromisos_para_lista().order_by(*CAMPOS_ORDEN["numero"])
    filtro = FiltroCompromisos(request.GET or None, queryset=base)
    resultado = filtro.qs if filtro.is_bound and filtro.is_valid() else base
    pagina = Paginator(resultado, POR_PAGINA).get_page(request.GET.get("pagina"))
    return render(
        request,
        "stgao/compromisos.html",
        {
            "filtro": filtro,
            "pagina": pagina,
            "total": pagina.paginator.count,
            "migas": [("Compromisos", "")],
        },
    )


def _compromiso(slug):
    try:
        return selectors.compromiso_publico(slug)
    except Compromiso.DoesNotExist as exc:
        raise Http404("Compromiso no encontrado") from exc


@require_GET
def compromiso_detalle(request, slug):
    compromiso, vista_previa = publico_o_vista_previa(
        request,
        modelo=Compromiso,
        publico=lambda: _compromiso(slug),
        cualquiera=lambda: selectors.compromiso_publico(slug, solo_publicados=False),
    )
    respuesta = render(
        request,
        "stgao/compromiso_detalle.html",
        {
            "compromiso": compromiso,
            "hoy": timezone.localdate(),
            "migas": [MIGA_COMPROMISOS, (compromiso.titulo, "")],
            "vista_previa": vista_previa,
            "vista_previa_admin": reverse("admin:stgao_compromiso_change", args=[compromiso.pk])
            if vista_previa
            else "",
        },
    )
    return marcar_vista_previa(respuesta, vista_previa)


@require_GET
def compromiso_historial(request, slug):
    compromiso = _compromiso(slug)
    return render(
        request,
        "stgao/compromiso_historial.html",
        {
            "compromiso": compromiso,
            "entradas": selectors.historial_compromiso(compromiso),
            "migas": [
                MIGA_COMPROMISOS,
                (compromiso.titulo, compromiso.get_absolute_url()),
                ("Historial de cambios", ""),
            ],
        },
    )
