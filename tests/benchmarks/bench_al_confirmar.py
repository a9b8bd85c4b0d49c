"""Cifras de ``cocreacion.comun.al_confirmar``: registrar de más y confirmar una vez.

10,000 invalidaciones de la caché de páginas en una sola transacción (lo que hace una
importación que guarda fila por fila): cuánto cuesta registrarlas y cuánto confirmar, donde sólo
la primera cambia la generación. Meta: unos milisegundos frente a los segundos de la importación.
Se ejecuta como los demás (``make bench BENCH=bench_al_confirmar``) o solo:
``.venv/bin/python tests/benchmarks/bench_al_confirmar.py``.
"""

import statistics
import sys
import time
import tracemalloc
from pathlib import Path

LLAMADAS = 10_000


def correr():
    from django.db import transaction

    from cocreacion.operacion.cache_paginas import generacion_vigente, invalidar
    from tests.benchmarks.comun import Medicion

    registrar, confirmar, picos = [], [], []
    for vuelta in range(6):
        antes = generacion_vigente()
        if vuelta == 5:  # la memoria, aparte: tracemalloc hace lento todo lo demás
            tracemalloc.start()
        with transaction.atomic():
            inicio = time.perf_counter()
            for _ in range(LLAMADAS):
                invalidar()
            if vuelta < 5:
                registrar.append((time.perf_counter() - inicio) * 1000)
            inicio = time.perf_counter()
        assert generacion_vigente() != antes
        if vuelta == 5:
            picos.append(tracemalloc.get_traced_memory()[1] / (1024 * 1024))
            tracemalloc.stop()
            break
        confirmar.append((time.perf_counter() - inicio) * 1000)
    return [
        Medicion(
            que=f"al_confirmar: registrar {LLAMADAS:,} invalidaciones",
            mediana_ms=statistics.median(registrar),
            p95_ms=max(registrar),
            memoria_mib=max(picos),
        ),
        Medicion(
            que=f"al_confirmar: confirmar (1 cambio de generación, {LLAMADAS - 1:,} sin trabajo)",
            mediana_ms=statistics.median(confirmar),
            p95_ms=max(confirmar),
        ),
    ]


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    from tests.benchmarks.comun import base_de_datos_temporal, imprimir, preparar_django

    preparar_django()
    with base_de_datos_temporal():
        imprimir(correr())
