"""Páginas públicas de la Métrica de Gobierno Abierto."""

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from cocreacion.comun.descargas import TIPOS_DE_TABLA, nombrar
from cocreacion.comun.formulas import neutralizar_dataset

from . import graficas
from .filters import FiltroResultados
from .models.resultados import CUADRANTES
from .resources import ResultadoResource
from .selectors import (
    edicion_publicada,
    ediciones_publicadas,
    indicadores_publicados,
    resultados_para_descarga,
    tablero_edicion,
)

POR_PAGINA = 50
FORMATOS = TIPOS_DE_TABLA


def inicio(request):
    ediciones = ediciones_publicadas()
    grafica = graficas.barras_agrupadas(
        id="grafica-ediciones",
        titulo="Índice de Gobierno Abierto: Oaxaca frente al valor nacional, por edición",
        descripcion="; ".join(
            f"{e.anio}: nacional {graficas.dos_decimales(e.iga_nacional)}, "
            f"Oaxaca {graficas.dos_decimales(e.iga_oaxaca)}"
            for e in ediciones
        ),
        categorias=[str(e.anio) for e in ediciones],
        series=[
            graficas.Serie("Nacional", [e.iga_nacional for e in ediciones], "solido"),
            graficas.Serie("Oaxaca", [e.iga_oaxaca for e in ediciones], "rayado"),
        ],
    )
    return render(
        request,
        "metricas/inicio.html",
        {
            "ediciones": ediciones,
            "grafica": grafica,
            "migas": [("Métrica de Gobierno Abierto", "")],
        },
    )


def edicion(request, anio: int):
    edicion = edicion_publicada(anio)
    filtro = FiltroResultados(request.GET or None)
    valido = filtro.is_bound and filtro.is_valid()
    tipo = (filtro.form.cleaned_data.get("tipo") or "") if valido else ""
    orden = (filtro.form.cleaned_data.get("orden") or "") if valido else ""
    tablero = tablero_edicion(edicion, tipo=tipo, orden=orden)
    filas = tablero["filas"]
    pagina = Paginator(filas, POR_PAGINA).get_page(request.GET.get("pagina"))
    umbral = edicion.umbral_cuadrantes
    contexto = {
        "edicion": edicion,
        "filtro": filtro,
        "filtrado": bool(tipo or orden),
        "pagina": pagina,
        "total": len(filas),
        **tablero,
        "migas": [
            ("Métrica de Gobierno Abierto", reverse("metricas:inicio")),
            (str(edicion.anio), ""),
        ],
        "descargas": [
            (formato.upper(), reverse("metricas:descarga", args=[anio, formato]))
            for formato in FORMATOS
        ],
    }
    if filas:
        contexto["grafica_ranking"] = graficas.barras_horizontales(
            id="grafica-ranking",
            titulo=f"IGA {anio} de los sujetos obligados de Oaxaca, de mayor a menor",
            descripcion=(
                f"{len(pagina.object_list)} sujetos obligados de esta página; el más alto es "
                f"{filas[0].nombre} con {graficas.dos_decimales(filas[0].iga)}. Líneas punteadas: "
                + ", ".join(
                    f"{b.nombre} (IGA > {b.mayor_que:.1f})"
                    for b in tablero["bandas"]
                    if b.mayor_que
                )
                + ". Los datos están en la tabla de clasificación."
            ),
            barras=[graficas.Barra(f.nombre, f.iga) for f in pagina.object_list],
            referencias=[(b.mayor_que, b.nombre) for b in tablero["bandas"] if b.mayor_que],
        )
        contexto["grafica_cuadrantes"] = graficas.cuadrantes(
            id="grafica-cuadrantes",
            titulo=f"Transparencia contra participación {anio}: cuadrantes, umbral {umbral:.1f}",
            descripcion="; ".join(f"{c['nombre']}: {c['conteo']}" for c in tablero["cuadrantes"]),
            puntos=[graficas.Punto(f.nombre, f.t, f.p) for f in filas],
            umbral=umbral,
            nombres={k: str(v) for k, v in CUADRANTES.items()},
        )
        contexto["grafica_distribucion"] = graficas.barras_apiladas(
            id="grafica-distribucion",
            titulo=f"Sujetos obligados de Oaxaca por tipo y banda de calificación, {anio}",
            descripcion="; ".join(f"{d['tipo']}: {d['conteo']}" for d in tablero["distribucion"]),
            filas=[(d["tipo"], d["por_banda"]) for d in tablero["distribucion"]],
            segmentos=tablero["nombres_bandas"],
        )
    if tablero["promedios"]:
        contexto["grafica_entidades"] = graficas.barras_horizontales(
            id="grafica-entidades",
            titulo=f"IGA promedio por entidad federativa, {anio} (Oaxaca destacada)",
            descripcion="; ".join(
                f"{p.nombre_entidad} {graficas.dos_decimales(p.iga)}" for p in tablero["promedios"]
            ),
            barras=[
                graficas.Barra(
                    p.nombre_entidad,
                    p.iga,
                    destacada=p.es_oaxaca,
                )
                for p in tablero["promedios"]
            ],
            referencias=[(edicion.iga_nacional, "Nacional")] if edicion.iga_nacional else [],
            largo_etiqueta=36,
        )
    return render(request, "metricas/edicion.html", contexto)


def descarga(request, anio: int, formato: str):
    if formato not in FORMATOS:
        raise Http404("Formato no disponible.")
    edicion = edicion_publicada(anio)
    datos = neutralizar_dataset(
        ResultadoResource().export(queryset=resultados_para_descarga(edicion))
    )
    contenido = getattr(datos, formato)
    respuesta = HttpResponse(contenido, content_type=FORMATOS[formato])
    return nombrar(respuesta, f"metrica-gobierno-abierto-{anio}-resultados.{formato}")


def indicadores(request):
    return render(
        request,
        "metricas/indicadores.html",
        {
            "indicadores": indicadores_publicados(),
            "migas": [
                ("Métrica de Gobierno Abierto", reverse("metricas:inicio")),
                ("Indicadores de referencia", ""),
            ],
        },
    )
