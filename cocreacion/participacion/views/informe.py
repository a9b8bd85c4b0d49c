"""El informe de una consulta: página, PDF y canal Atom de sus propuestas.

Páginas de lectura sin formularios con CSRF (el corte se elige con un formulario GET): salen
de la caché de páginas para quien no tiene sesión.
"""

import datetime as dt

from django.core.paginator import Paginator
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from cocreacion.comun.pdf import respuesta_pdf

from .. import selectors
from ..models import Consulta
from ..pdf import informe_pdf, nombre_archivo
from ..selectors.informe import informe_de_consulta

POR_PAGINA = 50


class CorteInvalido(ValueError):
    pass


def _leer_corte(request) -> dt.date | None:
    """La fecha de ``?corte=AAAA-MM-DD``; vacía, hoy. Una fecha futura vale como hoy."""
    texto = (request.GET.get("corte") or "").strip()
    if not texto:
        return None
    try:
        corte = dt.date.fromisoformat(texto[:10]) if len(texto) == 10 else None
    except ValueError:
        corte = None
    if corte is None:
        raise CorteInvalido(
            f"La fecha del corte «{texto[:20]}» no es válida: escríbala como AAAA-MM-DD "
            "(por ejemplo, 2026-12-01)."
        )
    return min(corte, timezone.localdate())


def _consulta_publicada(slug) -> Consulta:
    try:
        return selectors.consulta_publica(slug)
    except Consulta.DoesNotExist as exc:
        raise Http404("Consulta no encontrada") from exc


@require_GET
def informe(request, slug):
    consulta = _consulta_publicada(slug)
    error, estado = "", 200
    try:
        corte = _leer_corte(request)
    except CorteInvalido as exc:
        corte, error, estado = None, str(exc), 400
    datos = informe_de_consulta(consulta, corte=corte)
    pagina = Paginator(datos["filas"], POR_PAGINA).get_page(request.GET.get("pagina"))
    parametro_corte = "" if datos["corte_es_hoy"] else f"?corte={datos['corte'].isoformat()}"
    return render(
        request,
        "participacion/informe.html",
        {
            **datos,
            "consulta": consulta,
            "pagina": pagina,
            "error_corte": error,
            "descargas_informe": [
                ("PDF", f"{consulta.get_absolute_url()}informe.pdf{parametro_corte}")
            ],
            "migas": [
                ("Participa", "/participa/"),
                (consulta.titulo, consulta.get_absolute_url()),
                ("Informe", ""),
            ],
        },
        status=estado,
    )


@require_GET
def informe_en_pdf(request, slug):
    consulta = _consulta_publicada(slug)
    try:
        corte = _leer_corte(request)
    except CorteInvalido as exc:
        return HttpResponseBadRequest(str(exc), content_type="text/plain; charset=utf-8")
    return respuesta_pdf(informe_pdf(consulta, corte), nombre_archivo(consulta, corte))
