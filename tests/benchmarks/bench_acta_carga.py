"""Carga de PDF: 8 clientes anónimos piden ``acta.pdf`` durante 20 s mientras se mide la portada.

gunicorn con la configuración de producción (2 procesos × 4 hilos, como ``carga.py``), sólo en
127.0.0.1 y acotado en tiempo. Meta: p95 de la portada ≤ 100 ms mientras dura la carga. Se
informan también las peticiones por segundo del acta y cuántas veces se generó (líneas «Se
generó el PDF» de la bitácora de gunicorn): con la política de ``cocreacion.comun.pdf``, una vez por
proceso con la caché LocMem, una en total con ``REDIS_URL``.

Con ``make bench BENCH=bench_acta_carga`` corre en la base temporal; solo, contra una base
existente con una sesión publicada::

    DATABASE_URL=postgres://…/coc_x .venv/bin/python tests/benchmarks/bench_acta_carga.py <pk>
"""

import math
import multiprocessing
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.benchmarks.comun import RAIZ, Medicion  # noqa: E402

CLIENTES = int(os.environ.get("ACTA_CLIENTES", "8"))
DURACION = int(os.environ.get("ACTA_SEGUNDOS", "20"))
PAUSA_PORTADA = 0.05  # s entre peticiones de quien mide la portada
ENCABEZADOS = {"X-Forwarded-Proto": "https"}  # como nginx: producción no redirige


def _p95(valores: list[float]) -> float:
    ordenados = sorted(valores)
    return ordenados[min(len(ordenados) - 1, math.ceil(len(ordenados) * 0.95) - 1)]


def _pedir(url: str) -> tuple[int, float]:
    inicio = time.perf_counter()
    peticion = urllib.request.Request(url, headers=ENCABEZADOS)
    try:
        with urllib.request.urlopen(peticion, timeout=60) as r:  # noqa: S310 (127.0.0.1)
            r.read()
            estado = r.status
    except urllib.error.HTTPError as error:
        estado = error.code
    except OSError:
        estado = 0
    return estado, (time.perf_counter() - inicio) * 1000


def _clientes_del_acta(url: str, cola) -> None:
    """``CLIENTES`` hilos que piden ``url`` sin pausa durante ``DURACION`` segundos."""
    alto = threading.Event()
    resultados: list[tuple[int, float]] = []
    guardia = threading.Lock()

    def pedir():
        while not alto.is_set():
            resultado = _pedir(url)
            with guardia:
                resultados.append(resultado)

    hilos = [threading.Thread(target=pedir) for _ in range(CLIENTES)]
    for hilo in hilos:
        hilo.start()
    time.sleep(DURACION)
    alto.set()
    for hilo in hilos:
        hilo.join(timeout=70)
    cola.put(resultados)


def medir(url_bd: str, ruta_acta: str) -> list[Medicion]:
    from tests.benchmarks.carga import HILOS, PROCESOS, _detener, _entorno, _esperar, _puerto_libre

    carpeta = Path(tempfile.mkdtemp(prefix="carga-acta-"))
    entorno = _entorno(url_bd, str(carpeta / "static"))
    entorno["LOG_LEVEL"] = "INFO"  # para contar los «Se generó el PDF»
    entorno["PDF_PREGENERAR"] = "0"
    subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=RAIZ,
        env=entorno,
        check=True,
    )
    puerto = _puerto_libre()
    base = f"http://127.0.0.1:{puerto}"
    bitacora = carpeta / "gunicorn.log"
    gunicorn = subprocess.Popen(  # noqa: S603
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "--config",
            str(RAIZ / "cocreacion" / "operacion" / "despliegue" / "gunicorn.conf.py"),
            "cocreacion.wsgi",
            "--bind",
            f"127.0.0.1:{puerto}",
            "--workers",
            str(PROCESOS),
            "--threads",
            str(HILOS),
            "--timeout",
            "60",
        ],
        cwd=RAIZ,
        env=entorno,
        stdout=subprocess.DEVNULL,
        stderr=open(bitacora, "w"),  # noqa: SIM115
        start_new_session=True,
    )
    portada: list[tuple[int, float]] = []
    try:
        _esperar(f"{base}/salud/")
        _pedir(base + "/")  # la portada ya en su caché, como en producción
        sin_carga = [_pedir(base + "/")[1] for _ in range(20)]
        # Los clientes del acta en otro proceso: sus hilos no le quitan el GIL a quien mide.
        contexto = multiprocessing.get_context("fork")
        cola = contexto.Queue()
        clientes = contexto.Process(target=_clientes_del_acta, args=(base + ruta_acta, cola))
        inicio = time.monotonic()
        clientes.start()
        while time.monotonic() - inicio < DURACION:
            portada.append(_pedir(base + "/"))
            time.sleep(PAUSA_PORTADA)
        actas = cola.get(timeout=90)
        clientes.join(timeout=10)
        segundos = time.monotonic() - inicio
    finally:
        _detener(gunicorn)
    renders = bitacora.read_text(encoding="utf-8", errors="replace").count("Se generó el PDF")
    tiempos_portada = [ms for estado, ms in portada if estado == 200]
    tiempos_acta = [ms for estado, ms in actas if estado == 200]
    errores_acta = sum(1 for estado, _ in actas if estado != 200)
    errores_portada = len(portada) - len(tiempos_portada)
    cache = "Redis" if os.environ.get("REDIS_URL") else "LocMem por proceso"
    return [
        Medicion(
            que="portada sin carga (gunicorn, caché de páginas)",
            mediana_ms=statistics.median(sin_carga),
            p95_ms=_p95(sin_carga),
        ),
        Medicion(
            que=f"portada mientras {CLIENTES} clientes piden acta.pdf ({DURACION} s)",
            mediana_ms=statistics.median(tiempos_portada) if tiempos_portada else None,
            p95_ms=_p95(tiempos_portada) if tiempos_portada else None,
            meta="p95 ≤ 100 ms",
            nota=f"{len(portada):,} peticiones · {errores_portada} errores",
        ),
        Medicion(
            que=f"acta.pdf con {CLIENTES} clientes ({DURACION} s, caché {cache})",
            mediana_ms=statistics.median(tiempos_acta) if tiempos_acta else None,
            p95_ms=_p95(tiempos_acta) if tiempos_acta else None,
            nota=(
                f"{len(actas) / segundos:.1f} req/s · {len(actas):,} peticiones · "
                f"{errores_acta} errores · {renders} renders"
            ),
        ),
    ]


def correr() -> list[Medicion]:
    from django.core.management import call_command
    from django.db import connection

    from tests.benchmarks.bench_portal import _url_bd_temporal
    from tests.benchmarks.bench_stgao import _poblar_sesion

    if connection.vendor != "postgresql":
        return [Medicion(que="carga de acta.pdf", nota="sólo en PostgreSQL (gunicorn aparte)")]
    from cocreacion.models import Institucion

    if not Institucion.objects.exists():
        call_command("loaddata", "institucion.json", verbosity=0)
    sesion = _poblar_sesion()
    connection.close()
    return medir(_url_bd_temporal(), f"/stgao/sesiones/{sesion.pk}/acta.pdf")


def main():
    from tests.benchmarks.comun import imprimir

    imprimir(medir(os.environ["DATABASE_URL"], f"/stgao/sesiones/{int(sys.argv[1])}/acta.pdf"))


if __name__ == "__main__":
    main()
