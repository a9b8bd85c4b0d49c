"""Usuarios de la prueba de carga (locust): recorren una mezcla de páginas públicas.

Las rutas llegan en un archivo JSON ``[[ruta, peso, nombre], …]`` cuyo camino está en
``CARGA_RUTAS`` (lo escribe ``tests/benchmarks/carga.py``). Cada petición lleva
``X-Forwarded-Proto: https`` como la mandaría nginx, para que producción no redirija a HTTPS.
"""

import json
import os
import random

from locust import HttpUser, between, task

with open(os.environ["CARGA_RUTAS"], encoding="utf-8") as archivo:
    RUTAS = [tuple(fila) for fila in json.load(archivo)]
PESOS = [fila[1] for fila in RUTAS]
PAUSA_MIN = float(os.environ.get("CARGA_PAUSA_MIN", "0.5"))
PAUSA_MAX = float(os.environ.get("CARGA_PAUSA_MAX", "1.5"))


class Ciudadania(HttpUser):
    wait_time = between(PAUSA_MIN, PAUSA_MAX)

    @task
    def visitar(self):
        ruta, _peso, nombre = random.choices(RUTAS, weights=PESOS)[0]  # noqa: S311
        self.client.get(ruta, headers={"X-Forwarded-Proto": "https"}, name=nombre)
