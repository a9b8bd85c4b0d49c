"""Todas las páginas públicas, los PDF y las exportaciones con datos sintéticos a escala 1.

``make bench`` (o ``python tests/benchmarks/correr.py bench_portal``) con
``DATABASE_URL=postgres://…``. Vacía la base temporal, la llena con
``generar_datos_sinteticos`` (``BENCH_ESCALA``, 1 por omisión; meta ≤ 300 s), mide cada página
con el cliente de pruebas (mediana, p95 y consultas; sin la caché de páginas y después con
ella) junto a ``/salud/`` como piso, y corre la
prueba de carga (``carga.py``: gunicorn 2×4 + locust, 50 usuarios, 60 s) salvo con
``BENCH_SIN_CARGA=1``. Al terminar vacía la base otra vez para los demás benchmarks.
"""

import os
import time

from tests.benchmarks.comun import Medicion, medir_get

ESCALA = float(os.environ.get("BENCH_ESCALA", "1"))
REPETICIONES = int(os.environ.get("BENCH_REPETICIONES", "20"))
LENTO = float(os.environ.get("BENCH_LENTO", "3"))


def urls_publicas() -> dict[str, str]:
    """Una ruta por página pública, con registros publicados reales de la base."""
    from cocreacion.models import Dictamen, SujetoObligado
    from metricas.models import Edicion
    from oela.models import Programa
    from stgao.models import Compromiso, Sesion

    programa = Programa.objects.publicados().order_by("-anio").first()
    sesion = Sesion.objects.publicadas().order_by("-fecha_hora").first()
    compromiso = Compromiso.objects.publicados().order_by("pk").first()
    dictamen = Dictamen.objects.vigentes().order_by("-pk").first()
    edicion = Edicion.objects.publicadas().order_by("-anio").first()
    # El perfil más cargado: un sujeto con listados, compromisos y resultados de la Métrica.
    sujeto = (
        SujetoObligado.objects.filter(compromisos_que_lidera__isnull=False).order_by("pk").first()
    ) or SujetoObligado.objects.order_by("pk").first()
    urls = {
        "/": "/",
        "/programa/": "/programa/",
        "/stgao/": "/stgao/",
        "sesiones": "/stgao/sesiones/",
        "acuerdos": "/stgao/acuerdos/",
        "/compromisos/": "/compromisos/",
        "/interes-publico/": "/interes-publico/",
        "/metricas/": "/metricas/",
        "/sujetos-obligados/": "/sujetos-obligados/",
        "/datos/": "/datos/",
        "buscar": "/buscar/?q=municipio",
        "/cambios/": "/cambios/",
    }
    if programa:
        urls["programa"] = f"/programa/{programa.anio}/"
        urls["matriz"] = f"/programa/{programa.anio}/matriz/"
        urls["pdf programa"] = f"/programa/{programa.anio}/documento.pdf"
    if sesion:
        urls["sesion"] = f"/stgao/sesiones/{sesion.pk}/"
        urls["pdf acta"] = f"/stgao/sesiones/{sesion.pk}/acta.pdf"
    if compromiso:
        urls["compromiso"] = compromiso.get_absolute_url()
        urls["historial"] = f"{compromiso.get_absolute_url()}historial/"
    if dictamen:
        urls["dictamen"] = dictamen.get_absolute_url()
        urls["pdf dictamen"] = dictamen.get_pdf_url()
    if edicion:
        urls["edicion"] = f"/metricas/{edicion.anio}/"
    if sujeto:
        urls["sujeto"] = f"/sujetos-obligados/{sujeto.slug}/"
    return urls


PAGINAS = [
    ("/", "portada"),
    ("/programa/", "programas"),
    ("programa", "un programa (árbol de 250 acciones)"),
    ("matriz", "matriz de programación"),
    ("/stgao/", "secretariado"),
    ("sesiones", "sesiones (300)"),
    ("sesion", "una sesión"),
    ("acuerdos", "acuerdos (900)"),
    ("/compromisos/", "compromisos (2,000)"),
    ("compromiso", "un compromiso (10 hitos)"),
    ("historial", "historial del compromiso"),
    ("/interes-publico/", "interés público (periodo de 500 listados)"),
    ("dictamen", "un dictamen"),
    ("/metricas/", "Métrica"),
    ("edicion", "una edición (2,000 resultados)"),
    ("/sujetos-obligados/", "sujetos obligados (2,000)"),
    ("sujeto", "perfil de un sujeto obligado"),
    ("/datos/", "centro de datos"),
    ("buscar", "búsqueda"),
    ("/cambios/", "cambios recientes"),
]
PDFS = [
    ("pdf programa", "PDF del programa (250 acciones)"),
    ("pdf acta", "PDF del acta"),
    ("pdf dictamen", "PDF del dictamen"),
]


def _medir(cliente, ruta: str, que: str, repeticiones: int) -> Medicion:
    """``medir_get`` con menos repeticiones para lo que tarda (acota la corrida).

    Lo que tarda más de ``LENTO`` segundos se informa con una sola petición (con sus consultas).
    """
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as capturadas:
        inicio = time.perf_counter()
        respuesta = cliente.get(ruta)
        for _parte in getattr(respuesta, "streaming_content", []):
            pass
        primera = time.perf_counter() - inicio
    consultas = len(capturadas)
    if primera > LENTO:
        assert respuesta.status_code == 200, (ruta, respuesta.status_code)
        return Medicion(
            que=que,
            mediana_ms=primera * 1000,
            consultas=consultas,
            nota="(1 petición: lenta)",
        )
    if primera > 0.5:
        repeticiones = min(repeticiones, 5)
    medicion = medir_get(cliente, ruta, repeticiones=repeticiones, que=que)
    medicion.nota = f"({repeticiones} rep.)"
    return medicion


def _vaciar():
    from django.core.cache import cache
    from django.core.management import call_command

    call_command("flush", interactive=False, verbosity=0)
    cache.clear()


def _url_bd_temporal() -> str:
    """La misma DATABASE_URL apuntando a la base temporal de pruebas (para gunicorn)."""
    from urllib.parse import urlsplit, urlunsplit

    from django.db import connection

    partes = urlsplit(os.environ["DATABASE_URL"])
    return urlunsplit(partes._replace(path="/" + connection.settings_dict["NAME"]))


def correr() -> list[Medicion]:
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client, override_settings

    from cocreacion.portal.datos_abiertos import conjuntos
    from cocreacion.sinteticos import generar

    _vaciar()
    mediciones = []
    try:
        call_command("loaddata", "institucion.json", verbosity=0)
        inicio = time.perf_counter()
        resumen = generar(escala=ESCALA)
        segundos = time.perf_counter() - inicio
        mediciones.append(
            Medicion(
                que=f"generar_datos_sinteticos --escala {ESCALA:g}",
                mediana_ms=segundos * 1000,
                meta="≤ 300 s a escala 1",
                nota=f"{sum(resumen.conteos.values()):,} registros",
            )
        )
        urls = urls_publicas()
        cliente = Client()
        mediciones.append(
            medir_get(cliente, "/salud/", repeticiones=REPETICIONES, que="PISO /salud/")
        )
        # Lo que cuesta generar cada página (caché de páginas apagada) y luego servirla
        # guardada, que es lo que recibe casi siempre un visitante anónimo.
        with override_settings(CACHE_PAGINAS_SEGUNDOS=0):
            for clave, descripcion in PAGINAS:
                if clave not in urls:
                    mediciones.append(Medicion(que=f"{clave}: sin registro publicado"))
                    continue
                mediciones.append(
                    _medir(cliente, urls[clave], f"{urls[clave]} · {descripcion}", REPETICIONES)
                )
        for clave, _descripcion in PAGINAS:
            if clave in urls:
                mediciones.append(
                    medir_get(
                        cliente,
                        urls[clave],
                        repeticiones=REPETICIONES,
                        que=f"caché de páginas: {urls[clave]}",
                        meta="1 consulta (la generación)",
                        con_cache_de_paginas=True,
                    )
                )
        for clave, descripcion in PDFS:
            if clave in urls:
                mediciones.append(_medir(cliente, urls[clave], f"{urls[clave]} · {descripcion}", 5))
        for nombre in sorted(conjuntos()):
            mediciones.append(
                medir_get(
                    cliente, f"/datos/{nombre}.csv", repeticiones=2, que=f"/datos/{nombre}.csv"
                )
            )
        if os.environ.get("BENCH_SIN_CARGA") != "1":
            from tests.benchmarks.carga import correr_carga, rutas_de_la_mezcla

            connection.close()
            mediciones.extend(correr_carga(_url_bd_temporal(), rutas_de_la_mezcla(urls)))
    finally:
        try:
            _vaciar()
        except Exception as error:  # noqa: BLE001 (las cifras valen aunque no se vacíe)
            mediciones.append(Medicion(que=f"no se pudo vaciar la base: {error}"[:200]))
    return mediciones
