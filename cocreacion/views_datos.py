"""Centro de datos abiertos: ``/datos/``, ``/datos/<conjunto>.<formato>`` y el diccionario."""

from django.db import connection
from django.http import FileResponse, Http404, JsonResponse, StreamingHttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from cocreacion.datos_abiertos import (
    FRECUENCIAS,
    conjuntos,
    csv_en_flujo,
    json_en_flujo,
    paquete_de_datos,
    xlsx_temporal,
)
from cocreacion.models import Institucion


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


def _comprobar_la_base(conjunto) -> None:
    """Una consulta diminuta aquí, dentro de la vista, antes de empezar a fluir.

    Una respuesta que fluye se recorre después de todo el middleware: si la base se cae al
    empezar, el servidor de aplicación ya no puede dar el 503 en español y responde un 500
    crudo. Con esta consulta, una base caída se descubre aquí (503). No se adelantan filas del
    flujo: eso abriría aquí el cursor del servidor, y una descarga abandonada lo dejaría abierto
    hasta que el recolector de basura lo cerrara en cualquier momento (incluso a media consulta
    de la misma conexión). Si la base se cae más adelante, la descarga se corta y el cliente ve
    una transferencia incompleta, nunca un archivo que parezca completo.
    """
    consulta = conjunto.consulta()
    if consulta is not None:
        consulta.exists()
    else:  # conjuntos que arman sus filas con su propio generador
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")


@require_GET
def descargar(request, nombre, formato):
    conjunto = conjuntos().get(nombre)
    if conjunto is None:
        raise Http404("No existe ese conjunto de datos.")
    if formato in ("csv", "json"):
        _comprobar_la_base(conjunto)
    if formato == "csv":
        respuesta = StreamingHttpResponse(
            csv_en_flujo(conjunto), content_type="text/csv; charset=utf-8"
        )
    elif formato == "json":
        respuesta = StreamingHttpResponse(
            json_en_flujo(conjunto), content_type="application/json; charset=utf-8"
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
