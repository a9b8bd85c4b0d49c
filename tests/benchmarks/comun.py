"""Herramientas de medición compartidas por los benchmarks (no son pruebas).

Cada ``bench_*.py`` define ``correr() -> list[Medicion]``; ``correr.py`` los ejecuta todos dentro
de una base de datos de pruebas temporal (la de ``DATABASE_URL``, con prefijo ``test_``) y
imprime una tabla.

Por qué cronómetros propios (``time.perf_counter``, ``tracemalloc``) y no pytest-benchmark o
pyperf: aquí una medición junta tiempo de servidor, número de consultas (``CaptureQueriesContext``)
y memoria pico de una página, una exportación o un PDF, sobre una base con datos sintéticos, y
las cifras se imprimen juntas en una tabla. pytest-benchmark las volvería pruebas cronometradas
(la convención del proyecto es que no las haya) y mide sólo tiempo; pyperf calibra con procesos
aparte que no comparten la base temporal. Lo que se ahorraría son las ~30 líneas de
``cronometrar`` y ``medir_funcion``.
"""

import gc
import math
import os
import statistics
import sys
import time
import tracemalloc
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

RAIZ = Path(__file__).resolve().parents[2]


def preparar_django():
    sys.path.insert(0, str(RAIZ))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cocreacion.settings.test")
    import django

    django.setup()


@dataclass
class Medicion:
    que: str
    mediana_ms: float | None = None
    p95_ms: float | None = None
    consultas: int | None = None
    memoria_mib: float | None = None
    meta: str = ""
    nota: str = ""


def estadisticas_al_dia():
    """``ANALYZE`` de las tablas que cambiaron desde su último análisis (sólo PostgreSQL).

    Cada benchmark genera sus datos y mide enseguida; en producción, el autovacuum analiza una
    tabla al minuto de un cambio grande. Sin esto, PostgreSQL planeaba con estadísticas de
    tablas vacías: el árbol de 2,500 acciones se medía en 250 ms en vez de 60 ms porque unía
    con ciclos anidados lo que creía de una fila, según qué benchmarks habían corrido antes y
    si el autovacuum había alcanzado a pasar.
    """
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        # Las cuentas de este proceso llegan a las vistas al terminar la transacción.
        cursor.execute("SELECT pg_stat_force_next_flush()")
        cursor.execute(
            "SELECT schemaname, relname FROM pg_stat_user_tables WHERE n_mod_since_analyze > 0"
        )
        tablas = [
            f"{connection.ops.quote_name(esquema)}.{connection.ops.quote_name(tabla)}"
            for esquema, tabla in cursor.fetchall()
        ]
        if tablas:
            cursor.execute("ANALYZE " + ", ".join(tablas))  # nombres citados del catálogo


@contextmanager
def como_proceso_del_servidor():
    """Congela (``gc.freeze``) lo que el proceso ya tiene vivo mientras se mide.

    El proceso del benchmark carga en memoria los datos que generó (millones de objetos) que
    ningún proceso de gunicorn tiene; cada recolección completa del recolector de basura los
    recorría y sumaba 100–150 ms a peticiones al azar (p95 de ``/programa/<año>/``: 200 ms con
    ellos, 68 ms sin ellos; la mediana no cambia). gunicorn hace lo mismo con lo que tiene
    vivo al terminar de cargar la aplicación (``post_worker_init`` en
    ``cocreacion/operacion/despliegue/gunicorn.conf.py``), así que se mide en las mismas
    condiciones.
    """
    gc.collect()
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


@contextmanager
def base_de_datos_temporal():
    """Crea la base de pruebas, aplica migraciones y la destruye al salir."""
    from django.db import connection
    from django.test.utils import setup_test_environment, teardown_test_environment

    setup_test_environment()
    nombre_original = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        yield
    finally:
        connection.creation.destroy_test_db(nombre_original, verbosity=0)
        teardown_test_environment()


def medir_get(
    cliente,
    url: str,
    *,
    repeticiones: int = 20,
    que: str = "",
    meta: str = "",
    con_cache_de_paginas: bool = False,
):
    """Tiempo de servidor (cliente de pruebas) de ``GET url``: mediana, p95 y consultas.

    Por omisión con la caché de páginas apagada: las metas hablan de lo que cuesta generar la
    página; servirla guardada se mide aparte (``con_cache_de_paginas=True``, bench_portal).
    """
    from django.test import override_settings

    if con_cache_de_paginas:
        return _medir_get(cliente, url, repeticiones=repeticiones, que=que, meta=meta)
    with override_settings(CACHE_PAGINAS_SEGUNDOS=0):
        return _medir_get(cliente, url, repeticiones=repeticiones, que=que, meta=meta)


def _medir_get(cliente, url: str, *, repeticiones: int, que: str, meta: str):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    estadisticas_al_dia()
    respuesta = cliente.get(url)  # calienta cachés de plantillas
    assert respuesta.status_code == 200, (url, respuesta.status_code)
    with CaptureQueriesContext(connection) as capturadas:
        respuesta = cliente.get(url)
        for _parte in getattr(respuesta, "streaming_content", []):
            pass  # las exportaciones consultan mientras transmiten
    # Contar ya: las peticiones siguientes vacían ``connection.queries_log`` (reset_queries).
    consultas = len(capturadas)
    with como_proceso_del_servidor():
        tiempos = _tiempos_de_get(cliente, url, repeticiones)
    tiempos.sort()
    return Medicion(
        que=que or url,
        mediana_ms=statistics.median(tiempos),
        p95_ms=tiempos[min(len(tiempos) - 1, math.ceil(len(tiempos) * 0.95) - 1)],
        consultas=consultas,
        meta=meta,
    )


def _tiempos_de_get(cliente, url: str, repeticiones: int) -> list[float]:
    tiempos = []
    for _ in range(repeticiones):
        inicio = time.perf_counter()
        respuesta = cliente.get(url)
        if hasattr(respuesta, "streaming_content"):
            for _parte in respuesta.streaming_content:
                pass
        tiempos.append((time.perf_counter() - inicio) * 1000)
    return tiempos


def cronometrar(funcion, repeticiones: int = 3) -> list[float]:
    """Milisegundos de cada una de ``repeticiones`` llamadas a ``funcion()``, de menor a mayor."""
    tiempos = []
    for _ in range(repeticiones):
        inicio = time.perf_counter()
        funcion()
        tiempos.append((time.perf_counter() - inicio) * 1000)
    return sorted(tiempos)


def medir_tiempo_y_memoria(funcion, *, que: str, repeticiones: int = 2, meta: str = "") -> Medicion:
    """Tiempo sin tracemalloc (que hace lento a WeasyPrint varias veces) y, aparte, la memoria
    máxima de una corrida con tracemalloc."""
    estadisticas_al_dia()
    tiempos = cronometrar(funcion, repeticiones)
    memoria = medir_funcion(funcion, que=que, repeticiones=1).memoria_mib
    return Medicion(
        que=que,
        mediana_ms=statistics.median(tiempos),
        p95_ms=tiempos[-1],
        memoria_mib=memoria,
        meta=meta,
        nota="(memoria: pico de tracemalloc)",
    )


def medir_funcion(funcion, *, que: str, repeticiones: int = 3, meta: str = "") -> Medicion:
    """Tiempo y memoria máxima (tracemalloc) de ``funcion()``."""
    estadisticas_al_dia()
    tiempos, picos = [], []
    for _ in range(repeticiones):
        tracemalloc.start()
        inicio = time.perf_counter()
        funcion()
        tiempos.append((time.perf_counter() - inicio) * 1000)
        picos.append(tracemalloc.get_traced_memory()[1] / (1024 * 1024))
        tracemalloc.stop()
    return Medicion(
        que=que,
        mediana_ms=statistics.median(tiempos),
        p95_ms=max(tiempos),
        memoria_mib=max(picos),
        meta=meta,
    )


def medir_estatico(html: bytes, *, que: str = "piso: mismo HTML como archivo estático") -> Medicion:
    """Piso de comparación: servir los mismos bytes desde un archivo con WhiteNoise."""
    import tempfile

    from django.test import RequestFactory
    from whitenoise import WhiteNoise

    carpeta = Path(tempfile.mkdtemp())
    (carpeta / "pagina.html").write_bytes(html)
    app = WhiteNoise(lambda environ, start_response: [], root=str(carpeta), autorefresh=False)
    fabrica = RequestFactory()
    tiempos = []
    for _ in range(50):
        environ = fabrica.get("/pagina.html").environ
        inicio = time.perf_counter()
        partes = app(environ, lambda *a, **k: None)
        for _parte in partes:
            pass
        tiempos.append((time.perf_counter() - inicio) * 1000)
    tiempos.sort()
    return Medicion(que=que, mediana_ms=statistics.median(tiempos), p95_ms=tiempos[46])


def imprimir(mediciones: list[Medicion]) -> None:
    def f(v, fmt="{:.1f}"):
        return "—" if v is None else fmt.format(v)

    print(f"{'medición':70} {'mediana ms':>10} {'p95 ms':>9} {'consultas':>9} {'MiB':>7}  meta")
    for m in mediciones:
        print(
            f"{m.que[:70]:70} {f(m.mediana_ms):>10} {f(m.p95_ms):>9} "
            f"{f(m.consultas, '{}'):>9} {f(m.memoria_mib):>7}  {m.meta} {m.nota}"
        )
