"""Cifras del historial público sobre datos sintéticos (``generar_datos_sinteticos``).

- ``/cambios/`` (los 100 cambios más recientes de todos los tipos), ``/cambios.atom`` y un canal
  por ámbito (programa, compromiso y sujeto obligado): tiempo de servidor y consultas.
- ``/datos/cambios.csv``: cada versión pública de cada registro público, transmitida por trozos.

Meta: las consultas no crecen con las filas (antes: una o dos por fila). La escala se elige con
``BENCH_CAMBIOS_ESCALA`` (0.2 por omisión; 1 son las proporciones del issue 7). Todo corre en
una transacción que se deshace al final: los demás benchmarks encuentran la base como estaba.
"""

import os
import time

from tests.benchmarks.comun import Medicion, medir_get

ESCALA = float(os.environ.get("BENCH_CAMBIOS_ESCALA", "0.2"))


def _urls():
    from cocreacion.models import SujetoObligado
    from oela.models import Programa
    from stgao.models import Compromiso

    programa = Programa.objects.publicados().order_by("anio").first()
    compromiso = Compromiso.objects.publicados().order_by("pk").first()
    sujeto = (
        SujetoObligado.objects.activos()
        .filter(listados_interes_publico__isnull=False, hitos__isnull=False)
        .order_by("pk")
        .first()
    )
    return [
        ("/cambios/", 5),
        ("/cambios.atom", 5),
        (f"/programa/{programa.anio}/cambios.atom", 5),
        (f"/compromisos/{compromiso.slug}/cambios.atom", 5),
        (f"/sujetos-obligados/{sujeto.slug}/cambios.atom", 5),
        ("/datos/cambios.csv", 1),
    ]


def correr() -> list[Medicion]:
    from django.core.management import call_command
    from django.db import transaction
    from django.test import Client

    from cocreacion.sinteticos import generar

    mediciones = []
    with transaction.atomic():
        call_command("loaddata", "institucion.json", verbosity=0)
        inicio = time.perf_counter()
        resumen = generar(escala=ESCALA)
        poblar_s = time.perf_counter() - inicio
        cliente = Client()
        for url, repeticiones in _urls():
            mediciones.append(
                medir_get(
                    cliente,
                    url,
                    repeticiones=repeticiones,
                    que=f"{url} (sintéticos, escala {ESCALA:g})",
                    meta="consultas fijas",
                )
            )
        transaction.set_rollback(True)
    total = sum(resumen.conteos.values())
    mediciones[0].nota = f"(poblar {total:,} registros: {poblar_s:.0f} s)"
    return mediciones


if __name__ == "__main__":
    print("Use: python tests/benchmarks/correr.py bench_cambios")
