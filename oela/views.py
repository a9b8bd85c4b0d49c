"""Páginas públicas del programa anual: sólo programas publicados (``publicados()``)."""

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from cocreacion.comun.descargas import TIPO_CSV, TIPO_XLSX, nombrar
from cocreacion.comun.pdf import respuesta_pdf
from cocreacion.portal.vista_previa import marcar_vista_previa, publico_o_vista_previa

from . import selectors
from .matriz import COLUMNAS, filas_de_exportacion
from .models import Programa
from .pdf import documento_programa
from .services import matriz_exportar


def _descargas(anio):
    return [
        ("Matriz en XLSX", reverse("oela:matriz_xlsx", args=[anio])),
        ("Matriz en CSV", reverse("oela:matriz_csv", args=[anio])),
        ("Documento en PDF", reverse("oela:documento_pdf", args=[anio])),
    ]


@require_GET
def programa_lista(request):
    programas = list(selectors.programas_publicados())
    return render(
        request,
        "oela/programa_lista.html",
        {"programas": programas, "migas": [("Programa anual de trabajo", "")]},
    )


@require_GET
def programa_detalle(request, anio):
    programa, vista_previa = publico_o_vista_previa(
        request,
        modelo=Programa,
        publico=lambda: selectors.programa_publicado(anio),
        cualquiera=lambda: Programa.objects.get(anio=anio),
    )
    arbol = selectors.arbol_del_programa(programa, acciones_completas=False)
    respuesta = render(
        request,
        "oela/programa_detalle.html",
        {
            "programa": programa,
            "arbol": arbol,
            "disposiciones": selectors.disposiciones_en_su_fecha(arbol),
            "alineacion_interpretada": any(li.alineacion_interpretada for li in arbol.lineas),
            # Las descargas sirven sólo lo público: en la vista previa no se ofrecen.
            "descargas": [] if vista_previa else _descargas(anio),
            "migas": [("Programa anual de trabajo", "/programa/"), (str(anio), "")],
            "vista_previa": vista_previa,
            "vista_previa_admin": reverse("admin:oela_programa_change", args=[programa.pk])
            if vista_previa
            else "",
        },
    )
    return marcar_vista_previa(respuesta, vista_previa)


@require_GET
def documento(request, anio):
    """El documento del programa en la página: sus apartados textuales, en el orden del PDF."""
    programa = selectors.programa_publicado(anio)
    arbol = selectors.arbol_del_programa(programa, acciones_completas=False)
    return render(
        request,
        "oela/documento.html",
        {
            "programa": programa,
            "arbol": arbol,
            "secciones": selectors.secciones_por_lugar(programa),
            "disposiciones": selectors.disposiciones_en_su_fecha(arbol),
            "alineacion_interpretada": any(li.alineacion_interpretada for li in arbol.lineas),
            "descargas": [("Documento en PDF", reverse("oela:documento_pdf", args=[anio]))],
            "migas": [
                ("Programa anual de trabajo", "/programa/"),
                (str(anio), programa.get_absolute_url()),
                ("Documento", ""),
            ],
        },
    )


@require_GET
def linea_detalle(request, anio, clave):
    programa = selectors.programa_publicado(anio)
    arbol, linea = selectors.linea_del_programa(programa, clave)
    return render(
        request,
        "oela/linea_detalle.html",
        {
            "programa": programa,
            "linea": linea,
            "disposiciones": [
                item
                for item in selectors.disposiciones_en_su_fecha(arbol)
                if linea.clave in item["claves"]
            ],
            "actividades": list(selectors.actividades_de_linea(linea)),
            "migas": [
                ("Programa anual de trabajo", "/programa/"),
                (str(anio), programa.get_absolute_url()),
                (f"Línea {linea.clave}", ""),
            ],
        },
    )


@require_GET
def matriz(request, anio):
    programa = selectors.programa_publicado(anio)
    arbol = selectors.arbol_del_programa(programa, con_alineacion=False)
    return render(
        request,
        "oela/matriz.html",
        {
            "programa": programa,
            "columnas": COLUMNAS,
            "filas": filas_de_exportacion(arbol),
            "descargas": _descargas(anio),
            "migas": [
                ("Programa anual de trabajo", "/programa/"),
                (str(anio), programa.get_absolute_url()),
                ("Matriz de programación", ""),
            ],
        },
    )


def _descarga(datos: bytes, tipo: str, nombre: str) -> HttpResponse:
    respuesta = HttpResponse(datos, content_type=tipo)
    return nombrar(respuesta, nombre)


@require_GET
def matriz_xlsx(request, anio):
    programa = selectors.programa_publicado(anio)
    return _descarga(
        matriz_exportar(programa=programa, formato="xlsx"),
        TIPO_XLSX,
        f"matriz-programacion-{anio}.xlsx",
    )


@require_GET
def matriz_csv(request, anio):
    programa = selectors.programa_publicado(anio)
    return _descarga(
        matriz_exportar(programa=programa, formato="csv"),
        TIPO_CSV,
        f"matriz-programacion-{anio}.csv",
    )


@require_GET
def documento_pdf(request, anio):
    programa = selectors.programa_publicado(anio)
    return respuesta_pdf(documento_programa(programa), f"programa-anual-{anio}.pdf")
