"""Todas las páginas públicas sobre una base ya llena: mediana, p90 y consultas, sin caché.

A diferencia de ``bench_portal`` (que genera los datos en una base temporal y la vacía al
terminar), este script mide sobre una base que ya tiene datos sintéticos, para medir muchas
veces sin volver a generarlos (a escala 1 tardan minutos)::

    createdb coc_bench_escala1
    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/coc_bench_escala1
    DJANGO_SETTINGS_MODULE=cocreacion.settings.test python manage.py migrate
    DJANGO_SETTINGS_MODULE=cocreacion.settings.test python manage.py loaddata institucion.json
    DJANGO_SETTINGS_MODULE=cocreacion.settings.test \\
        python manage.py generar_datos_sinteticos --escala 1
    python tests/benchmarks/paginas_publicas.py [--repeticiones 15] [--rondas 3] [--json x.json]

Una muestra de cada ruta pública (la misma lista que revisa ``tests/e2e/test_pantallas.py``,
más los canales Atom, el calendario y algunas descargas ligeras) con registros publicados
reales de la base; la búsqueda con varias palabras. Cada ronda recorre todas las páginas; la
cifra de cada página es la mediana de las medianas de sus rondas (la máquina es compartida y
una ronda suelta puede caer en un momento de carga). Marca con «>» las que pasan de la meta.
No mide PDF ni exportaciones grandes: esos tienen su propia meta en ``bench_portal``.
"""

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.benchmarks.comun import (  # noqa: E402
    como_proceso_del_servidor,
    estadisticas_al_dia,
    preparar_django,
)

META_MS = 50.0
META_PORTADA_MS = 30.0


def direcciones() -> list[tuple[str, str]]:
    """(nombre, dirección) de cada página pública, con registros publicados de la base."""
    from cocreacion.models import Dictamen, SujetoObligado
    from cocreacion.participacion.models import Consulta, Propuesta
    from metricas.models import Edicion
    from oela.models import LineaAccion, Programa
    from stgao.models import Compromiso, Sesion

    programa = Programa.objects.publicados().order_by("-anio").first()
    linea = LineaAccion.objects.filter(estrategia__objetivo__programa=programa).first()
    sesion = Sesion.objects.publicadas().order_by("-fecha_hora").first()
    compromiso = Compromiso.objects.publicados().order_by("pk").first()
    dictamen = Dictamen.objects.vigentes().order_by("-pk").first()
    edicion = Edicion.objects.publicadas().order_by("-anio").first()
    sujeto = (
        SujetoObligado.objects.filter(compromisos_que_lidera__isnull=False).order_by("pk").first()
    )
    consulta = Consulta.objects.publicadas().order_by("pk").first()
    propuesta = (
        Propuesta.objects.publicadas().filter(consulta=consulta, estado="incorporada").first()
    )
    if not all((programa, linea, sesion, compromiso, dictamen, edicion, sujeto, propuesta)):
        raise SystemExit("La base no tiene datos sintéticos publicados: genérelos primero.")
    anio, slug = programa.anio, compromiso.slug
    return [
        ("portada", "/"),
        ("programas", "/programa/"),
        ("programa", f"/programa/{anio}/"),
        ("línea de acción", f"/programa/{anio}/lineas/{linea.clave}/"),
        ("matriz", f"/programa/{anio}/matriz/"),
        ("documento (HTML)", f"/programa/{anio}/documento/"),
        ("canal del programa", f"/programa/{anio}/cambios.atom"),
        ("secretariado", "/stgao/"),
        ("sesiones", "/stgao/sesiones/"),
        ("sesiones.ics", "/stgao/sesiones.ics"),
        ("sesión", f"/stgao/sesiones/{sesion.pk}/"),
        ("acuerdos", "/stgao/acuerdos/"),
        ("compromisos", "/compromisos/"),
        ("compromisos pág. 2", "/compromisos/?pagina=2"),
        ("compromiso", f"/compromisos/{slug}/"),
        ("historial del compromiso", f"/compromisos/{slug}/historial/"),
        ("canal del compromiso", f"/compromisos/{slug}/cambios.atom"),
        ("sujetos obligados", "/sujetos-obligados/"),
        ("sujetos obligados pág. 2", "/sujetos-obligados/?pagina=2"),
        ("sujeto obligado", f"/sujetos-obligados/{sujeto.slug}/"),
        ("canal del sujeto", f"/sujetos-obligados/{sujeto.slug}/cambios.atom"),
        ("organizaciones", "/organizaciones/"),
        ("métrica", "/metricas/"),
        ("indicadores", "/metricas/indicadores-de-referencia/"),
        ("edición de la métrica", f"/metricas/{edicion.anio}/"),
        ("interés público", "/interes-publico/"),
        ("dictamen", dictamen.get_absolute_url()),
        ("datos abiertos", "/datos/"),
        ("datapackage.json", "/datos/datapackage.json"),
        ("buscar «municipio»", "/buscar/?q=municipio"),
        ("buscar «transparencia»", "/buscar/?q=transparencia"),
        ("buscar 2 palabras", "/buscar/?q=participaci%C3%B3n+ciudadana"),
        ("buscar 3 palabras", "/buscar/?q=acceso+a+la+informaci%C3%B3n+p%C3%BAblica"),
        ("buscar error de dedo", "/buscar/?q=trasparensia"),
        ("buscar sin resultados", "/buscar/?q=zzxqw"),
        ("buscar sólo elementos", "/buscar/?q=transparencia&tipo=elementos"),
        ("buscar elementos pág. 3", "/buscar/?q=transparencia&tipo=elementos&pagina=3"),
        ("participa", "/participa/"),
        ("consulta", consulta.get_absolute_url()),
        ("consulta pág. 10", f"{consulta.get_absolute_url()}?pagina=10"),
        ("propuesta", propuesta.get_absolute_url()),
        ("informe de la consulta", f"{consulta.get_absolute_url()}informe/"),
        ("canal de la consulta", f"{consulta.get_absolute_url()}propuestas.atom"),
        ("cambios", "/cambios/"),
        ("cambios de compromisos", "/cambios/?tipo=compromisos"),
        ("cambios.atom", "/cambios.atom"),
        ("sitemap.xml (índice)", "/sitemap.xml"),
        ("sitemap de propuestas", "/sitemap-propuestas.xml?p=2"),
        ("sitemap de compromisos", "/sitemap-compromisos.xml"),
        ("robots.txt", "/robots.txt"),
        ("salud (piso)", "/salud/"),
    ]


def medir(cliente, url: str, repeticiones: int) -> tuple[list[float], int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    respuesta = cliente.get(url)  # calienta plantillas y cachés de proceso
    assert respuesta.status_code == 200, (url, respuesta.status_code)
    with CaptureQueriesContext(connection) as capturadas:
        respuesta = cliente.get(url)
        for _parte in getattr(respuesta, "streaming_content", []):
            pass
    consultas = len(capturadas)
    tiempos = []
    with como_proceso_del_servidor():
        for _ in range(repeticiones):
            inicio = time.perf_counter()
            respuesta = cliente.get(url)
            for _parte in getattr(respuesta, "streaming_content", []):
                pass
            tiempos.append((time.perf_counter() - inicio) * 1000)
    return tiempos, consultas


def percentil(valores: list[float], p: float) -> float:
    ordenados = sorted(valores)
    return ordenados[min(len(ordenados) - 1, round(p * (len(ordenados) - 1)))]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeticiones", type=int, default=15)
    parser.add_argument("--rondas", type=int, default=3)
    parser.add_argument("--solo", default="", help="sólo las páginas cuyo nombre contiene esto")
    parser.add_argument("--json", default="", help="guarda las cifras en este archivo")
    args = parser.parse_args()

    preparar_django()
    from django.db import connection
    from django.test import Client, override_settings
    from django.test.utils import setup_test_environment

    setup_test_environment()
    print(f"Base de datos: {connection.vendor} {connection.settings_dict['NAME']}")
    paginas = [(n, u) for n, u in direcciones() if args.solo in n]
    estadisticas_al_dia()
    cliente = Client()
    rondas: dict[str, list[list[float]]] = {n: [] for n, _ in paginas}
    consultas: dict[str, int] = {}
    with override_settings(CACHE_PAGINAS_SEGUNDOS=0):
        for _ronda in range(args.rondas):
            for nombre, url in paginas:
                tiempos, consultas[nombre] = medir(cliente, url, args.repeticiones)
                rondas[nombre].append(tiempos)
    filas = []
    for nombre, url in paginas:
        medianas = [statistics.median(t) for t in rondas[nombre]]
        p90s = [percentil(t, 0.9) for t in rondas[nombre]]
        filas.append(
            {
                "pagina": nombre,
                "url": url,
                "mediana_ms": round(statistics.median(medianas), 1),
                "p90_ms": round(statistics.median(p90s), 1),
                "consultas": consultas[nombre],
            }
        )
    print(f"{'página':28} {'mediana':>8} {'p90':>8} {'consultas':>9}  dirección")
    for fila in filas:
        meta = META_PORTADA_MS if fila["url"] == "/" else META_MS
        marca = ">" if fila["mediana_ms"] > meta else " "
        print(
            f"{fila['pagina'][:28]:28} {fila['mediana_ms']:>7.1f}{marca} {fila['p90_ms']:>8.1f} "
            f"{fila['consultas']:>9}  {fila['url']}"
        )
    if args.json:
        Path(args.json).write_text(json.dumps(filas, ensure_ascii=False, indent=1), "utf-8")


if __name__ == "__main__":
    main()
