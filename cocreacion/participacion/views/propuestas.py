"""Formularios públicos: proponer, apoyar, confirmar por correo y borrar los propios datos.

Cada formulario lleva CSRF, así que su respuesta trae la cookie y ``Vary: Cookie`` y la caché
de páginas nunca la guarda ni la sirve a otra persona; además se marcan ``no-store``. Los
enlaces de los correos se abren con GET (que no cambia nada: los lectores de correo abren
ligas por su cuenta) y se confirman con un botón (POST).
"""

from axes.helpers import get_client_ip_address
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from .. import selectors, services
from ..forms import ApoyoForm, BorradoForm, PropuestaForm
from ..models import Consulta, Propuesta
from .consultas import MIGA_PARTICIPA

LIMITE = 429


def _cuantas(propuestas: int, apoyos: int) -> str:
    """«Se quitaron su correo y su nombre de 1 propuesta…» con plurales correctos."""
    de_propuestas = ngettext(
        "Se quitaron su correo y su nombre de %(n)s propuesta, que ahora aparece como «Anónimo»",
        "Se quitaron su correo y su nombre de %(n)s propuestas, que ahora aparecen como «Anónimo»",
        propuestas,
    ) % {"n": propuestas}
    de_apoyos = ngettext("se borró %(n)s apoyo", "se borraron %(n)s apoyos", apoyos) % {"n": apoyos}
    return f"{de_propuestas}, y {de_apoyos}."


def _ip(request) -> str | None:
    return get_client_ip_address(request)


def _errores_del_servicio(formulario, error: ValidationError) -> None:
    """Pone los errores del servicio junto a su campo (o arriba, si no son de un campo)."""
    if hasattr(error, "error_dict"):
        for campo, errores in error.error_dict.items():
            formulario.add_error(campo if campo in formulario.fields else None, errores)
    else:
        formulario.add_error(None, error)
    formulario.marcar_errores()


def _consulta_publica(slug) -> Consulta:
    try:
        return selectors.consulta_publica(slug)
    except Consulta.DoesNotExist as exc:
        raise Http404("Consulta no encontrada") from exc


@never_cache
@require_http_methods(["GET", "POST"])
def proponer(request, slug):
    consulta = _consulta_publica(slug)
    formulario = PropuestaForm(request.POST or None)
    estado = 200
    if request.method == "POST" and formulario.is_valid():
        if formulario.es_robot():
            return redirect("participacion:propuesta_enviada", slug=consulta.slug)
        datos = formulario.cleaned_data
        try:
            services.propuesta_enviar(
                consulta=consulta,
                titulo=datos["titulo"],
                problema=datos["problema"],
                texto=datos["texto"],
                correo=datos["correo"],
                nombre=datos["nombre"],
                organizacion=datos["organizacion"],
                municipio=datos["municipio"],
                tema=datos.get("tema", ""),
                ip=_ip(request),
            )
        except ValidationError as error:
            _errores_del_servicio(formulario, error)
            estado = LIMITE if isinstance(error, services.LimiteExcedido) else 400
        else:
            return redirect("participacion:propuesta_enviada", slug=consulta.slug)
    elif request.method == "POST":
        estado = 400
    return render(
        request,
        "participacion/proponer.html",
        {
            "consulta": consulta,
            "abierta": consulta.abierta(),
            "antes": consulta.antes_de_abrir(),
            "formulario": formulario,
            "migas": [
                MIGA_PARTICIPA,
                (consulta.titulo, consulta.get_absolute_url()),
                ("Enviar una propuesta", ""),
            ],
        },
        status=estado,
    )


@require_GET
def propuesta_enviada(request, slug):
    consulta = _consulta_publica(slug)
    return render(
        request,
        "participacion/aviso.html",
        {
            "titulo": "Revise su correo",
            "parrafos": [
                "Le enviamos un enlace para confirmar su propuesta. Ábralo en las próximas "
                "horas: sin confirmar, la propuesta no pasa a revisión.",
                "Después la DGA la revisa y, si cumple las reglas de la consulta, la publica. "
                "Le avisaremos por correo.",
            ],
            "volver": (consulta.get_absolute_url(), f"Volver a «{consulta.titulo}»"),
            "migas": [
                MIGA_PARTICIPA,
                (consulta.titulo, consulta.get_absolute_url()),
                ("Revise su correo", ""),
            ],
        },
    )


def _confirmar(request, *, leer, confirmar, plantilla_ok, contexto_ok, titulo):
    """GET muestra el botón; POST confirma. Un enlace malo o una consulta cerrada: 400."""
    token = request.resolver_match.kwargs["token"]
    try:
        objeto = leer(token)
        if request.method == "POST":
            objeto = confirmar(token=token)
            return render(request, plantilla_ok, contexto_ok(objeto))
    except ValidationError as error:
        return render(
            request,
            "participacion/aviso.html",
            {
                "titulo": "No se pudo confirmar",
                "parrafos": error.messages,
                "volver": ("/participa/", "Ir a Participa"),
                "migas": [MIGA_PARTICIPA, ("No se pudo confirmar", "")],
            },
            status=400,
        )
    return render(
        request,
        "participacion/confirmar.html",
        {"objeto": objeto, "titulo": titulo, "migas": [MIGA_PARTICIPA, (titulo, "")]},
    )


@never_cache
@require_http_methods(["GET", "POST"])
def propuesta_confirmar(request, token):
    return _confirmar(
        request,
        leer=services.propuesta_del_enlace,
        confirmar=services.propuesta_confirmar,
        plantilla_ok="participacion/aviso.html",
        contexto_ok=lambda p: {
            "titulo": "Propuesta confirmada",
            "parrafos": [
                f"Gracias. Su propuesta «{p.titulo}» ya está en la lista de la DGA para "
                "revisarla. Si cumple las reglas de la consulta, se publicará y le avisaremos "
                "por correo."
            ],
            "volver": (p.consulta.get_absolute_url(), f"Volver a «{p.consulta.titulo}»"),
            "migas": [MIGA_PARTICIPA, ("Propuesta confirmada", "")],
        },
        titulo="Confirmar su propuesta",
    )


def _propuesta_publica(slug, pk) -> Propuesta:
    try:
        return selectors.propuesta_publica(slug, pk)
    except Propuesta.DoesNotExist as exc:
        raise Http404("Propuesta no encontrada") from exc


@never_cache
@require_http_methods(["GET", "POST"])
def apoyar(request, slug, pk):
    propuesta = _propuesta_publica(slug, pk)
    formulario = ApoyoForm(request.POST or None)
    estado = 200
    if request.method == "POST" and formulario.is_valid():
        enviada = reverse("participacion:apoyo_enviado", args=[slug, pk])
        if formulario.es_robot():
            return redirect(enviada)
        try:
            services.apoyo_pedir(
                propuesta=propuesta, correo=formulario.cleaned_data["correo"], ip=_ip(request)
            )
        except ValidationError as error:
            _errores_del_servicio(formulario, error)
            estado = LIMITE if isinstance(error, services.LimiteExcedido) else 400
        else:
            return redirect(enviada)
    elif request.method == "POST":
        estado = 400
    return render(
        request,
        "participacion/apoyar.html",
        {
            "propuesta": propuesta,
            "consulta": propuesta.consulta,
            "abierta": propuesta.consulta.abierta(),
            "formulario": formulario,
            "migas": [
                MIGA_PARTICIPA,
                (propuesta.consulta.titulo, propuesta.consulta.get_absolute_url()),
                (propuesta.titulo, propuesta.get_absolute_url()),
                ("Apoyar", ""),
            ],
        },
        status=estado,
    )


@require_GET
def apoyo_enviado(request, slug, pk):
    propuesta = _propuesta_publica(slug, pk)
    return render(
        request,
        "participacion/aviso.html",
        {
            "titulo": "Revise su correo",
            "parrafos": [
                "Le enviamos un enlace para confirmar su apoyo. Su apoyo cuenta cuando lo "
                "confirma, y cada correo cuenta una sola vez por propuesta."
            ],
            "volver": (propuesta.get_absolute_url(), f"Volver a «{propuesta.titulo}»"),
            "migas": [MIGA_PARTICIPA, ("Revise su correo", "")],
        },
    )


@never_cache
@require_http_methods(["GET", "POST"])
def apoyo_confirmar(request, token):
    return _confirmar(
        request,
        leer=lambda t: services.apoyo_del_enlace(t).propuesta,
        confirmar=lambda token: services.apoyo_confirmar(token=token).propuesta,
        plantilla_ok="participacion/aviso.html",
        contexto_ok=lambda p: {
            "titulo": "Apoyo confirmado",
            "parrafos": [f"Gracias. Su apoyo a «{p.titulo}» ya cuenta."],
            "volver": (p.get_absolute_url(), f"Volver a «{p.titulo}»"),
            "migas": [MIGA_PARTICIPA, ("Apoyo confirmado", "")],
        },
        titulo="Confirmar su apoyo",
    )


MIGA_BORRAR = ("Borrar mis datos", "/participa/mis-datos/borrar/")


@never_cache
@require_http_methods(["GET", "POST"])
def borrar(request):
    formulario = BorradoForm(request.POST or None)
    estado = 200
    if request.method == "POST" and formulario.is_valid():
        if formulario.es_robot():
            return redirect("participacion:borrar_enviado")
        try:
            services.borrado_pedir(correo=formulario.cleaned_data["correo"], ip=_ip(request))
        except ValidationError as error:
            _errores_del_servicio(formulario, error)
            estado = LIMITE if isinstance(error, services.LimiteExcedido) else 400
        else:
            return redirect("participacion:borrar_enviado")
    elif request.method == "POST":
        estado = 400
    return render(
        request,
        "participacion/borrar.html",
        {"formulario": formulario, "migas": [MIGA_PARTICIPA, ("Borrar mis datos", "")]},
        status=estado,
    )


@require_GET
def borrar_enviado(request):
    return render(
        request,
        "participacion/aviso.html",
        {
            "titulo": "Revise su correo",
            "parrafos": [
                "Si ese correo participó en alguna consulta, le enviamos un enlace para borrar "
                "sus datos. Ábralo y confirme.",
                "Si no le llega nada en unos minutos, revise su carpeta de correo no deseado o "
                "escriba otra vez el correo con el que participó.",
            ],
            "volver": ("/participa/", "Ir a Participa"),
            "migas": [MIGA_PARTICIPA, MIGA_BORRAR, ("Revise su correo", "")],
        },
    )


@never_cache
@require_http_methods(["GET", "POST"])
def borrar_confirmar(request, token):
    try:
        resumen = services.resumen_de_borrado(token)
        if request.method == "POST":
            constancia = services.datos_personales_borrar(token=token)
            return render(
                request,
                "participacion/aviso.html",
                {
                    "titulo": "Sus datos se borraron",
                    "parrafos": [
                        _cuantas(constancia.propuestas, constancia.apoyos),
                        "Ya no guardamos su correo. El texto de sus propuestas publicadas "
                        "sigue en la consulta, sin su nombre.",
                    ],
                    "volver": ("/participa/", "Ir a Participa"),
                    "migas": [MIGA_PARTICIPA, ("Sus datos se borraron", "")],
                },
            )
    except ValidationError as error:
        return render(
            request,
            "participacion/aviso.html",
            {
                "titulo": "No se pudo borrar",
                "parrafos": error.messages,
                "volver": (reverse("participacion:borrar"), "Pedir un enlace nuevo"),
                "migas": [MIGA_PARTICIPA, MIGA_BORRAR, ("No se pudo borrar", "")],
            },
            status=400,
        )
    return render(
        request,
        "participacion/borrar_confirmar.html",
        {"resumen": resumen, "migas": [MIGA_PARTICIPA, MIGA_BORRAR, ("Confirmar", "")]},
    )
