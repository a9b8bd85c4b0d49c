"""Cifras de ``limpiar_archivos_huerfanos``: 20,000 archivos sueltos y 20,000 con registro.

Los referenciados son evidencias de hito (con su versión en el historial); los sueltos tienen
dos días, así que todos salen como huérfanos. Se mide la revisión sola (``revisar``), el
informe completo del comando (imprime 20,000 líneas) y el borrado. Meta: consultas fijas (una
por campo de archivo), sin importar cuántos archivos haya. ``BENCH_HUERFANOS_ARCHIVOS`` cambia
la cantidad de cada grupo. Todo corre en una transacción que se deshace al final y en una
carpeta temporal que se borra.
"""

import datetime as dt
import os
import shutil
import statistics
import tempfile
import time
from io import StringIO
from pathlib import Path

from tests.benchmarks.comun import Medicion, cronometrar, medir_funcion

N = int(os.environ.get("BENCH_HUERFANOS_ARCHIVOS", "20000"))
DOS_DIAS = 48 * 3600


def _poblar(raiz: Path) -> None:
    from simple_history.utils import bulk_create_with_history

    from cocreacion.models import SujetoObligado
    from stgao.models import Compromiso, Evidencia, Hito, PlanAccionLocal

    sujeto = SujetoObligado.objects.create(
        nombre="Sujeto de medición", tipo="poder_ejecutivo", orden="estatal"
    )
    plan = PlanAccionLocal.objects.create(
        nombre="Plan de medición", slug="plan-medicion", anio_inicio=2021, anio_fin=2022
    )
    compromiso = Compromiso.objects.create(
        plan=plan, numero=1, slug="medicion", titulo="Medición", problema="-", tema="presupuesto",
        lider=sujeto,
    )  # fmt: skip
    hito = Hito.objects.create(
        compromiso=compromiso, numero=1, descripcion="-", responsable=sujeto,
        fecha_fin_planeada=dt.date(2030, 1, 1),
    )  # fmt: skip
    carpeta = raiz / "stgao" / "evidencias"
    carpeta.mkdir(parents=True)
    viejo = time.time() - DOS_DIAS
    evidencias = []
    for i in range(N):
        for prefijo in ("con-registro", "suelto"):
            ruta = carpeta / f"{prefijo}-{i:05d}.pdf"
            ruta.write_bytes(b"%PDF-1.4\n")
            os.utime(ruta, (viejo, viejo))
        evidencias.append(
            Evidencia(
                hito=hito, descripcion="-", archivo=f"stgao/evidencias/con-registro-{i:05d}.pdf"
            )
        )
    bulk_create_with_history(evidencias, Evidencia, batch_size=2000)


def correr() -> list[Medicion]:
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.test import override_settings
    from django.test.utils import CaptureQueriesContext

    from cocreacion.operacion.archivos_huerfanos import borrar, revisar

    raiz = Path(tempfile.mkdtemp(prefix="bench-huerfanos-"))
    mediciones = []
    try:
        with transaction.atomic(), override_settings(MEDIA_ROOT=raiz):
            inicio = time.perf_counter()
            _poblar(raiz)
            poblar_s = time.perf_counter() - inicio

            with CaptureQueriesContext(connection) as consultas:
                revision = revisar()
            assert len(revision.huerfanos) == N, len(revision.huerfanos)
            assert revision.revisados == 2 * N
            tiempos = cronometrar(revisar)
            memoria = medir_funcion(revisar, que="", repeticiones=1).memoria_mib
            mediciones.append(
                Medicion(
                    que=f"revisar(): {N:,} sueltos + {N:,} con registro",
                    mediana_ms=statistics.median(tiempos),
                    p95_ms=tiempos[-1],
                    consultas=len(consultas),
                    memoria_mib=memoria,
                    meta="consultas fijas (una por campo de archivo)",
                    nota=f"(poblar: {poblar_s:.0f} s)",
                )
            )

            def informe():
                call_command("limpiar_archivos_huerfanos", stdout=StringIO())

            tiempos = cronometrar(informe)
            mediciones.append(
                Medicion(
                    que="limpiar_archivos_huerfanos (informe, sin borrar)",
                    mediana_ms=statistics.median(tiempos),
                    p95_ms=tiempos[-1],
                    consultas=len(consultas),
                )
            )

            inicio = time.perf_counter()
            borrados, _bytes = borrar(revision)
            borrar_ms = (time.perf_counter() - inicio) * 1000
            assert borrados == N
            assert revisar().huerfanos == []
            mediciones.append(Medicion(que=f"borrar {N:,} huérfanos", mediana_ms=borrar_ms))
            transaction.set_rollback(True)
    finally:
        shutil.rmtree(raiz, ignore_errors=True)
    return mediciones


if __name__ == "__main__":
    print("Use: python tests/benchmarks/correr.py bench_huerfanos")
