"""Corre todos los benchmarks (``bench_*.py``) e imprime sus cifras.

Uso: ``make bench`` (con ``DATABASE_URL=postgres://…`` para medir en PostgreSQL).
"""

import importlib
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.benchmarks.comun import base_de_datos_temporal, imprimir, preparar_django  # noqa: E402


def main():
    preparar_django()
    from django.db import connection

    print(f"Base de datos: {connection.vendor}")
    solo = sys.argv[1:]
    mediciones = []
    with base_de_datos_temporal():
        for ruta in sorted(Path(__file__).parent.glob("bench_*.py")):
            if solo and ruta.stem not in solo:
                continue
            modulo = importlib.import_module(f"tests.benchmarks.{ruta.stem}")
            print(f"… {ruta.stem}", flush=True)
            mediciones.extend(modulo.correr())
    imprimir(mediciones)


if __name__ == "__main__":
    main()
