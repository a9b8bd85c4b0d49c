"""Páginas de las funciones de todo el portal: búsqueda, cambios, datos abiertos y la cuenta.

- Centro de datos abiertos: ``/datos/``, ``/datos/<conjunto>.<formato>`` y el diccionario.
- Búsqueda: ``/buscar/?q=``.
- «Qué cambió»: ``/cambios/``.
- La cuenta de cada persona dentro del admin: sus pendientes y sus avisos por correo. Las
  sirve ``SitioAdmin`` (``/admin/mis-pendientes/``, ``/admin/mis-avisos/``) dentro de
  ``admin_view``: sólo con sesión y acceso al admin. Cada persona ve y cambia sólo lo suyo; no
  hay identificador en la dirección que pueda apuntar a otra cuenta.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import connection
from django.http import FileResponse, Http404, JsonResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.template.response import TemplateResponse
from django.views.decorators.http import require_GET

from cocreacion.comun.descargas import TIPO_CSV, TIPO_JSON, TIPO_XLSX, nombrar
from cocreacion.listados.forms import PreferenciasAvisosForm
from cocreacion.models import Institucion, TipoNotificacion
from cocreacion.permissions import enlace_de
from cocreacion.portal import selectors as selectors_pendientes
from cocreacion.portal import services as avisos
from cocreacion.portal.busqueda import (
    TOPE_CONTEO,
    buscables,
    buscar,
    limpiar_consulta,
    paginas_maximas,
)
from cocreacion.portal.cambios import Cursor, cambios_recientes, seguibles
from cocreacion.portal.datos_abiertos import (
    FRECUENCIAS,
    conjuntos,
    csv_en_flujo,
    json_en_flujo,
    paquete_de_datos,
    xlsx_temporal,
)
from cocreacion.registro import modulos_de_apps
from cocreacion.selectors import instituciones_en_el_tiempo


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
        respuesta = StreamingHttpResponse(csv_en_flujo(conjunto), content_type=TIPO_CSV)
    elif formato == "json":
        respuesta = StreamingHttpResponse(json_en_flujo(conjunto), content_type=TIPO_JSON)
    elif formato == "xlsx":
        respuesta = FileResponse(
            xlsx_temporal(conjunto),
            content_type=TIPO_XLSX,
        )
    else:
        raise Http404("Formato no disponible.")
    nombrar(respuesta, f"{nombre}.{formato}")
    respuesta["Access-Control-Allow-Origin"] = "*"
    return respuesta


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


def _secciones_de_avisos(usuario) -> list[dict]:
    """Lo que cada app agrega a «Mis avisos» (``seccion_mis_avisos`` en sus ``selectors``)."""
    secciones = []
    for selectores in modulos_de_apps("selectors"):
        funcion = getattr(selectores, "seccion_mis_avisos", None)
        if funcion and (seccion := funcion(usuario)):
            secciones.append(seccion)
    return secciones


def mis_pendientes(request, contexto_admin: dict):
    usuario = request.user
    enlace = enlace_de(usuario)
    pendientes = selectors_pendientes.pendientes(usuario)
    return TemplateResponse(
        request,
        "admin/mis_pendientes.html",
        {
            **contexto_admin,
            "title": "Mis pendientes",
            "enlace": enlace,
            "pendientes": pendientes,
            "vencidos": sum(1 for p in pendientes if p.vencido),
        },
    )


def mis_avisos(request, contexto_admin: dict):
    usuario = request.user
    tipos = avisos.tipos_para(usuario)
    actuales = avisos.preferencias_de(usuario)
    formulario = PreferenciasAvisosForm(
        request.POST or None,
        tipos=tipos,
        initial={"encendidos": [t for t, activo in actuales.items() if activo]},
    )
    if request.method == "POST" and formulario.is_valid():
        try:
            avisos.preferencias_guardar(
                usuario=usuario,
                encendidos=formulario.cleaned_data["encendidos"],
                actor=usuario,
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, "Se guardaron sus preferencias de avisos.")
            return redirect("admin:mis_avisos")
    return TemplateResponse(
        request,
        "admin/mis_avisos.html",
        {
            **contexto_admin,
            "title": "Mis avisos por correo",
            "formulario": formulario,
            "tipos": tipos,
            "sin_correo": not usuario.email,
            "etiquetas": dict(TipoNotificacion.choices),
            "secciones": _secciones_de_avisos(usuario),
        },
    )
