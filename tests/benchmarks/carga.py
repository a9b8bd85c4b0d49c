"""Prueba de carga: gunicorn (2 procesos × 4 hilos, ajustes de producción) y locust en 127.0.0.1.

La usa ``bench_portal`` sobre la base temporal ya llena de datos sintéticos; también corre
sola contra una base existente::

    DATABASE_URL=postgres://…/coc_sinteticos .venv/bin/python tests/benchmarks/carga.py

Dura lo que ``DURACION`` (60 s) más el arranque; se detiene sola y sólo escucha en 127.0.0.1.
Meta: 0 errores y p95 ≤ 300 ms.
"""

import csv
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.benchmarks.comun import RAIZ, Medicion  # noqa: E402

USUARIOS = int(os.environ.get("CARGA_USUARIOS", "50"))
DURACION = int(os.environ.get("CARGA_SEGUNDOS", "60"))
PROCESOS, HILOS = 2, 4
BIN = Path(sys.executable).parent


def _puerto_libre() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _entorno(url_bd: str, static_root: str) -> dict:
    entorno = dict(os.environ)
    entorno.update(
        DJANGO_SETTINGS_MODULE="cocreacion.settings.production",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        DATABASE_URL=url_bd,
        STATIC_ROOT=static_root,
        MEDIA_ROOT=str(Path(static_root).parent / "media"),
        LOG_LEVEL="WARNING",
    )
    return entorno


def _esperar(url: str, segundos: float = 60) -> None:
    limite = time.monotonic() + segundos
    while time.monotonic() < limite:
        try:
            with urllib.request.urlopen(url, timeout=2) as r:  # noqa: S310 (127.0.0.1)
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"gunicorn no respondió en {url}")


def _calentar(base: str, rutas) -> list[str]:
    """Pide cada ruta una vez (cachés calientes); devuelve las que no respondieron 200."""
    fallidas = []
    for ruta, _peso, _nombre in rutas:
        peticion = urllib.request.Request(base + ruta, headers={"X-Forwarded-Proto": "https"})
        try:
            with urllib.request.urlopen(peticion, timeout=60) as r:  # noqa: S310 (127.0.0.1)
                r.read()
        except OSError as error:
            fallidas.append(f"{ruta}: {error}")
    return fallidas


def _detener(proceso) -> None:
    """Detiene gunicorn y sus procesos (su grupo); ninguno queda con conexiones abiertas."""
    import signal

    try:
        os.killpg(proceso.pid, signal.SIGTERM)
        proceso.wait(timeout=40)
    except subprocess.TimeoutExpired:
        os.killpg(proceso.pid, signal.SIGKILL)
        proceso.wait(timeout=10)
    except ProcessLookupError:
        pass
    time.sleep(1)


def _leer_resultados(prefijo: str) -> list[dict]:
    with open(f"{prefijo}_stats.csv", encoding="utf-8") as archivo:
        return list(csv.DictReader(archivo))


def correr_carga(url_bd: str, rutas: list[tuple[str, int, str]]) -> list[Medicion]:
    """Levanta gunicorn contra ``url_bd``, corre locust y devuelve las cifras por ruta y total."""
    carpeta = Path(tempfile.mkdtemp(prefix="carga-"))
    entorno = _entorno(url_bd, str(carpeta / "static"))
    subprocess.run(  # noqa: S603
        [str(BIN / "python"), "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=RAIZ,
        env=entorno,
        check=True,
    )
    puerto = _puerto_libre()
    base = f"http://127.0.0.1:{puerto}"
    gunicorn = subprocess.Popen(  # noqa: S603
        [
            str(BIN / "gunicorn"),
            # La configuración de producción (ganchos y límites); lo de abajo la sobreescribe.
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
        stderr=open(carpeta / "gunicorn.log", "w"),  # noqa: SIM115
        start_new_session=True,  # su propio grupo: se detiene con todos sus procesos
    )
    try:
        _esperar(f"{base}/salud/")
        fallidas = _calentar(base, rutas)
        (carpeta / "rutas.json").write_text(json.dumps(rutas), encoding="utf-8")
        prefijo = str(carpeta / "locust")
        inicio = time.monotonic()
        subprocess.run(  # noqa: S603
            [
                str(BIN / "locust"),
                "-f",
                str(Path(__file__).with_name("locustfile.py")),
                "--headless",
                "--users",
                str(USUARIOS),
                "--spawn-rate",
                str(USUARIOS),
                "--run-time",
                f"{DURACION}s",
                "--stop-timeout",
                "5",
                "--host",
                base,
                "--csv",
                prefijo,
                "--only-summary",
                "--loglevel",
                "WARNING",
            ],
            cwd=RAIZ,
            env={**entorno, "CARGA_RUTAS": str(carpeta / "rutas.json")},
            timeout=DURACION + 60,
            check=False,
            stdout=subprocess.DEVNULL,
        )
        segundos = time.monotonic() - inicio
        filas = _leer_resultados(prefijo)
    finally:
        _detener(gunicorn)
    mediciones = []
    total = next(f for f in filas if f["Name"] == "Aggregated")
    n, errores = int(total["Request Count"]), int(total["Failure Count"])
    mediciones.append(
        Medicion(
            que=(
                f"CARGA gunicorn {PROCESOS}×{HILOS}, locust {USUARIOS} usuarios, "
                f"{DURACION} s: total"
            ),
            mediana_ms=float(total["50%"]),
            p95_ms=float(total["95%"]),
            meta="0 errores, p95 ≤ 300 ms",
            nota=(
                f"p99 {float(total['99%']):.0f} ms · {float(total['Requests/s']):.1f} req/s · "
                f"{n:,} peticiones · {errores} errores ({segundos:.0f} s)"
                + (f" · sin 200 al calentar: {'; '.join(fallidas)}" if fallidas else "")
            ),
        )
    )
    for fila in sorted(filas, key=lambda f: -float(f["95%"] or 0)):
        if fila["Name"] == "Aggregated":
            continue
        mediciones.append(
            Medicion(
                que=f"  carga {fila['Name']}",
                mediana_ms=float(fila["50%"]),
                p95_ms=float(fila["95%"]),
                nota=f"p99 {float(fila['99%']):.0f} ms · {int(fila['Request Count']):,} "
                f"peticiones · {int(fila['Failure Count'])} errores",
            )
        )
    shutil.rmtree(carpeta, ignore_errors=True)
    return mediciones


def rutas_de_la_mezcla(urls: dict[str, str]) -> list[tuple[str, int, str]]:
    """La mezcla de la carga: portada y listas pesan más que los detalles."""
    pesos = {
        "/": 10,
        "programa": 4,
        "matriz": 1,
        "/stgao/": 2,
        "sesiones": 2,
        "sesion": 3,
        "acuerdos": 1,
        "/compromisos/": 6,
        "compromiso": 6,
        "historial": 1,
        "/interes-publico/": 3,
        "dictamen": 3,
        "/metricas/": 2,
        "edicion": 3,
        "/sujetos-obligados/": 3,
        "sujeto": 4,
        "/datos/": 1,
        "buscar": 2,
        "/cambios/": 1,
    }
    return [(urls[clave], peso, clave) for clave, peso in pesos.items() if clave in urls]


def main():
    from tests.benchmarks.comun import imprimir, preparar_django

    preparar_django()
    from django.db import connection

    from tests.benchmarks.bench_portal import urls_publicas

    urls = urls_publicas()
    connection.close()
    imprimir(correr_carga(os.environ["DATABASE_URL"], rutas_de_la_mezcla(urls)))


if __name__ == "__main__":
    main()
