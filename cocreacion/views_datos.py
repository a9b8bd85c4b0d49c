"""Centro de datos abiertos: ``/datos/``, ``/datos/<conjunto>.<formato>`` y el diccionario."""

import itertools

from django.http import FileResponse, Http404, JsonResponse, StreamingHttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from .datos_abiertos import (
    FRECUENCIAS,
    conjuntos,
    csv_en_flujo,
    json_en_flujo,
    paquete_de_datos,
    xlsx_temporal,
)
from .models import Institucion


@require_GET
def centro_de_datos(request):
    registro = conjuntos()
    return render(
        request,
        "cocreacion/datos/centro.html",
        {
            "conjuntos": [
                {
                    "c": c,
                    "frecuencia": FRECUENCIAS.get(c.frecuencia, c.frecuencia),
                    "campos": c.esquema(),
                }
                for c in registro.values()
            ],
            "migas": [("Datos abiertos", "")],
        },
    )


@require_GET
def paquete(request):
    base = request.build_absolute_uri("/").rstrip("/")
    descriptor = paquete_de_datos(
        conjuntos().values(), institucion=Institucion.objects.actual(), base_url=base
    )
    return JsonResponse(descriptor, json_dumps_params={"ensure_ascii": False, "indent": 1})


def _empezado(partes, cuantas: int = 2):
    """Genera las primeras ``cuantas`` partes aquí, dentro de la vista, y luego el resto.

    Una respuesta que fluye se recorre después de todo el middleware: si la base se cae al
    empezar, el servidor de aplicación ya no puede dar el 503 en español y responde un 500
    crudo. El encabezado y el primer registro bastan para que la primera consulta corra aquí;
    si la base se cae más adelante, la descarga se corta (el cliente ve una transferencia
    incompleta, nunca un archivo que parezca completo).
    """
    partes = iter(partes)
    primeras = list(itertools.islice(partes, cuantas))
    return itertools.chain(primeras, partes)


@require_GET
def descargar(request, nombre, formato):
    conjunto = conjuntos().get(nombre)
    if conjunto is None:
        raise Http404("No existe ese conjunto de datos.")
    if formato == "csv":
        respuesta = StreamingHttpResponse(
            _empezado(csv_en_flujo(conjunto)), content_type="text/csv; charset=utf-8"
        )
    elif formato == "json":
        respuesta = StreamingHttpResponse(
            _empezado(json_en_flujo(conjunto)), content_type="application/json; charset=utf-8"
        )
    elif formato == "xlsx":
        respuesta = FileResponse(
            xlsx_temporal(conjunto),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        raise Http404("Formato no disponible.")
    respuesta["Content-Disposition"] = f'attachment; filename="{nombre}.{formato}"'
    respuesta["Access-Control-Allow-Origin"] = "*"
    return respuesta
