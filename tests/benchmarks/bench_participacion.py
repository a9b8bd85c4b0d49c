"""Cifras de la participación ciudadana a escala: 50 consultas, 20,000 propuestas y 200,000
apoyos (``tests/benchmarks/datos_participacion.py``).

Mide sin caché de páginas la página de una consulta, la de una propuesta, el informe y el canal
Atom, en una consulta con pocas propuestas (5) y en otra con muchas (5,000): mediana y p90 en
ms y consultas SQL, y comprueba que el número de consultas no cambia entre las dos. Meta:
consulta y propuesta ≤ 50 ms de mediana en PostgreSQL. Imprime su propia tabla (con p90) y
devuelve las mediciones para la tabla de ``correr.py``.

Solo: ``make bench BENCH=bench_participacion``.
"""

import math
import statistics
import time

from tests.benchmarks.comun import (
    Medicion,
    como_proceso_del_servidor,
    estadisticas_al_dia,
)

CONSULTAS = 50
PROPUESTAS = 20_000
APOYOS = 200_000
REPETICIONES = 30


def _medir(cliente, url: str, repeticiones: int = REPETICIONES) -> dict:
    from django.db import connection
    from django.test import override_settings
    from django.test.utils import CaptureQueriesContext

    with override_settings(CACHE_PAGINAS_SEGUNDOS=0):
        estadisticas_al_dia()
        respuesta = cliente.get(url)  # calienta plantillas y cachés de proceso
        assert respuesta.status_code == 200, (url, respuesta.status_code)
        with CaptureQueriesContext(connection) as capturadas:
            cliente.get(url)
        consultas = len(capturadas)
        # Tiempo de la base en esa petición: en una máquina compartida, el tiempo total sube
        # con la carga de las demás corridas; este dice cuánto es de las consultas SQL.
        sql_ms = sum(float(q["time"]) for q in capturadas.captured_queries) * 1000
        tiempos = []
        with como_proceso_del_servidor():
            for _ in range(repeticiones):
                inicio = time.perf_counter()
                cliente.get(url)
                tiempos.append((time.perf_counter() - inicio) * 1000)
    tiempos.sort()
    return {
        "mediana": statistics.median(tiempos),
        "p90": tiempos[min(len(tiempos) - 1, math.ceil(len(tiempos) * 0.9) - 1)],
        "p95": tiempos[min(len(tiempos) - 1, math.ceil(len(tiempos) * 0.95) - 1)],
        "consultas": consultas,
        "sql_ms": sql_ms,
    }


def _vacuum() -> None:
    """``VACUUM ANALYZE`` de las tablas recién llenadas (sólo PostgreSQL).

    Tras una carga masiva, el autovacuum de producción las limpia en cuanto pasa el umbral de
    inserciones y marca sus páginas como visibles; sin eso, los conteos por índice parcial
    (``propuesta_publica_estado``) tienen que ir a la tabla por cada fila y se mide un estado
    que un servidor en marcha no tiene.
    """
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "VACUUM ANALYZE participacion_propuesta, participacion_apoyo, "
            "participacion_pasopropuesta, participacion_consulta"
        )


def correr() -> list[Medicion]:
    from django.core.cache import cache
    from django.test import Client

    from cocreacion.participacion.models import Propuesta
    from tests.benchmarks.datos_participacion import generar

    inicio = time.perf_counter()
    datos = generar(consultas=CONSULTAS, propuestas=PROPUESTAS, apoyos=APOYOS)
    generado = time.perf_counter() - inicio
    print(
        f"  generados {datos.consultas} consultas, {datos.propuestas:,} propuestas, "
        f"{datos.apoyos:,} apoyos y {datos.pasos:,} pasos en {generado:.1f} s",
        flush=True,
    )
    _vacuum()
    cache.clear()
    cliente = Client()

    def propuesta_de(consulta):
        # La más apoyada e incorporada: la página con más que mostrar.
        return (
            Propuesta.objects.publicadas()
            .filter(consulta=consulta, estado="incorporada")
            .order_by("pk")
            .first()
        )

    paginas = []
    for nombre, consulta in (("pocas (5)", datos.chica), ("muchas (5,000)", datos.grande)):
        propuesta = propuesta_de(consulta)
        base = f"/participa/{consulta.slug}/"
        paginas += [
            ("consulta", nombre, base, "≤ 50 ms"),
            ("consulta, página 100" if consulta == datos.grande else "consulta, página 1",
             nombre, f"{base}?pagina={100 if consulta == datos.grande else 1}", "≤ 50 ms"),
            ("propuesta", nombre, f"{base}propuestas/{propuesta.pk}/", "≤ 50 ms"),
            ("informe", nombre, f"{base}informe/", ""),
            ("canal Atom", nombre, f"{base}propuestas.atom", ""),
        ]  # fmt: skip
    resultados = []
    for que, nombre, url, meta in paginas:
        r = _medir(cliente, url, repeticiones=10 if que == "informe" else REPETICIONES)
        resultados.append((que, nombre, url, meta, r))

    print(
        f"\n  {'página':22} {'consulta con':16} {'mediana ms':>10} {'p90 ms':>8} {'SQL':>4}  meta"
    )
    for que, nombre, _url, meta, r in resultados:
        print(
            f"  {que:22} {nombre:16} {r['mediana']:>10.1f} {r['p90']:>8.1f} "
            f"{r['consultas']:>4} {r['sql_ms']:>9.1f}  {meta}"
        )
    # El número de consultas SQL no depende de cuántas propuestas tenga la consulta.
    por_pagina: dict[str, set[int]] = {}
    for que, _nombre, _url, _meta, r in resultados:
        por_pagina.setdefault(que.split(",")[0], set()).add(r["consultas"])
    distintas = {que: sorted(n) for que, n in por_pagina.items() if len(n) > 1}
    if distintas:
        print(f"  ¡AVISO! consultas SQL que cambian con el número de propuestas: {distintas}")
    else:
        print("  Consultas SQL iguales con 5 y con 5,000 propuestas en cada página.")
    return [
        Medicion(
            que=f"/participa/ {que} — consulta con {nombre}",
            mediana_ms=r["mediana"],
            p95_ms=r["p95"],
            consultas=r["consultas"],
            meta=meta,
            nota=f"(p90 {r['p90']:.1f} ms; {r['sql_ms']:.1f} ms en SQL)",
        )
        for que, nombre, _url, meta, r in resultados
    ]
