"""Páginas del seguimiento por correo (``/seguir/…``), sin cuenta.

Ninguna se guarda en la caché de páginas ni en el navegador (``never_cache``): llevan
formularios con CSRF o enlaces firmados de una persona. La baja de un clic
(``/seguir/baja/<token>/``) es la única ruta del portal que acepta un POST sin CSRF (RFC 8058:
el programa de correo la llama sin cookies); su GET sólo muestra un botón, para que los
antivirus que abren los enlaces de los correos no den de baja a nadie.
"""

from axes.helpers import get_client_ip_address
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from cocreacion.portal.seguimiento import objeto_seguible

from .. import selectors, services
from ..forms import PedirEnlaceForm, SeguirForm

MAYOR_ID = 2**63 - 1
MIGAS = ("Seguir por correo", "")


def _objeto_o_404(clave: str, pk: int):
    seguible = objeto_seguible(clave)
    if seguible is None or not 0 < pk <= MAYOR_ID:
        raise Http404("No existe ese registro.")
    objeto = seguible.publicados().filter(pk=pk).first()
    if objeto is None:
        raise Http404("No existe ese registro.")
    return seguible, objeto


def _enlace_roto(request, *, caducado: bool = False, volver: str = ""):
    return render(
        request,
        "participacion/seguimiento/enlace_no_valido.html",
        {"caducado": caducado, "volver": volver, "migas": [MIGAS]},
        status=410 if caducado else 400,
    )


@never_cache
@require_http_methods(["GET", "POST"])
def seguir(request, clave, pk):
    """«Seguir por correo» de un registro publicado; al enviarlo, sale la confirmación."""
    seguible, objeto = _objeto_o_404(clave, pk)
    formulario = SeguirForm(request.POST or None)
    estado = 200
    if request.method == "POST":
        if formulario.es_robot():
            return redirect("participacion:seguir_revise")
        if formulario.is_valid():
            try:
                services.suscripcion_solicitar(
                    correo=formulario.cleaned_data["correo"],
                    seguible_clave=clave,
                    objeto_id=pk,
                    ip=get_client_ip_address(request),
                )
            except ValidationError as exc:
                estado = 429 if exc.code == "limite" else 200
                formulario.add_error(None if exc.code == "limite" else "correo", exc.messages)
            else:
                return redirect("participacion:seguir_revise")
    return render(
        request,
        "participacion/seguimiento/seguir.html",
        {
            "seguible": seguible,
            "objeto": objeto,
            "titulo_objeto": seguible.titulo(objeto),
            "url_objeto": seguible.url(objeto),
            "formulario": formulario,
            "migas": [(seguible.titulo(objeto), seguible.url(objeto)), MIGAS],
        },
        status=estado,
    )


@never_cache
@require_GET
def revise_su_correo(request):
    return render(
        request,
        "participacion/seguimiento/revise_su_correo.html",
        {"migas": [MIGAS], "dias": services.seguimiento.DIAS_PARA_CONFIRMAR},
    )


@never_cache
@require_GET
def confirmar(request, token):
    """Abrir el enlace del correo confirma la suscripción (abrirlo otra vez no cambia nada)."""
    try:
        confirmacion = services.suscripcion_confirmar(token=token)
    except services.EnlaceCaducado:
        return _enlace_roto(request, caducado=True)
    except services.EnlaceNoValido:
        return _enlace_roto(request)
    suscriptor = confirmacion.suscripcion.suscriptor
    return render(
        request,
        "participacion/seguimiento/confirmado.html",
        {
            "confirmacion": confirmacion,
            "titulo_objeto": confirmacion.seguible.titulo(confirmacion.objeto),
            "url_objeto": confirmacion.seguible.url(confirmacion.objeto),
            "enlace_suscripciones": services.enlace_suscripciones(suscriptor),
            "migas": [MIGAS],
        },
    )


@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def baja(request, token):
    """Baja de todo lo que sigue: GET pregunta, POST (el botón o el programa de correo) la hace."""
    try:
        suscriptor = services.suscriptor_de_baja(token)
    except services.EnlaceNoValido:
        return _enlace_roto(request)
    hecha = False
    if request.method == "POST":
        services.baja_de_un_clic(token=token)
        hecha = True
    return render(
        request,
        "participacion/seguimiento/baja.html",
        {
            "hecha": hecha or suscriptor is None,
            "seguidos": selectors.suscripciones_de(suscriptor) if suscriptor and not hecha else [],
            "migas": [MIGAS],
        },
    )


@never_cache
@require_http_methods(["GET", "POST"])
def pedir_enlace(request):
    """Pide por correo el enlace a «Mis suscripciones»; responde igual exista o no el correo."""
    formulario = PedirEnlaceForm(request.POST or None)
    estado = 200
    if request.method == "POST":
        if formulario.es_robot():
            return HttpResponseRedirect(reverse("participacion:pedir_enlace") + "?enviado=1")
        if formulario.is_valid():
            try:
                services.enlace_suscripciones_solicitar(
                    correo=formulario.cleaned_data["correo"], ip=get_client_ip_address(request)
                )
            except ValidationError as exc:
                estado = 429 if exc.code == "limite" else 200
                formulario.add_error(None if exc.code == "limite" else "correo", exc.messages)
            else:
                return HttpResponseRedirect(reverse("participacion:pedir_enlace") + "?enviado=1")
    return render(
        request,
        "participacion/seguimiento/pedir_enlace.html",
        {
            "formulario": formulario,
            "enviado": request.method == "GET" and request.GET.get("enviado") == "1",
            "migas": [("Mis suscripciones", "")],
        },
        status=estado,
    )


@never_cache
@require_http_methods(["GET", "POST"])
def mis_suscripciones(request, token):
    """Lo que sigue quien abrió el enlace firmado, con botones para quitar."""
    try:
        suscriptor = services.suscriptor_de_suscripciones(token)
    except services.EnlaceCaducado:
        return _enlace_roto(request, caducado=True, volver=reverse("participacion:pedir_enlace"))
    except services.EnlaceNoValido:
        return _enlace_roto(request, volver=reverse("participacion:pedir_enlace"))
    if request.method == "POST":
        if "todo" in request.POST:
            ids = None
        else:
            try:
                ids = [int(request.POST.get("quitar", ""))]
            except ValueError:
                ids = []
            ids = [i for i in ids if 0 < i <= MAYOR_ID]
        if ids is None or ids:
            services.suscripciones_quitar(suscriptor=suscriptor, ids=ids)
        if not type(suscriptor).objects.filter(pk=suscriptor.pk).exists():
            return render(
                request,
                "participacion/seguimiento/baja.html",
                {"hecha": True, "seguidos": [], "migas": [("Mis suscripciones", "")]},
            )
        return HttpResponseRedirect(request.path + "?quitada=1")
    return render(
        request,
        "participacion/seguimiento/mis_suscripciones.html",
        {
            "suscriptor": suscriptor,
            "seguidos": selectors.suscripciones_de(suscriptor),
            "quitada": request.GET.get("quitada") == "1",
            "migas": [("Mis suscripciones", "")],
        },
    )
