"""Demostración (``make demo``): el portal sin depuración, en una base aparte con datos inventados.

La base es siempre ``demo.sqlite3`` (o ``DEMO_DATABASE_URL``), nunca la de ``DATABASE_URL``:
así los datos inventados no se mezclan con los reales aunque esa variable esté definida. Cada
página lleva el aviso «Datos de demostración: no son reales» (``DATOS_DE_DEMOSTRACION``). Los
archivos subidos y las cookies también van aparte: el portal real y la demostración pueden
correr a la vez en 127.0.0.1 sin pisarse la sesión.
"""

import os

import dj_database_url

from cocreacion.settings.portal_local import *  # noqa: F403
from cocreacion.settings.portal_local import BASE_DIR

DATOS_DE_DEMOSTRACION = True

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DEMO_DATABASE_URL") or f"sqlite:///{BASE_DIR / 'demo.sqlite3'}",
        conn_max_age=60,
        conn_health_checks=True,
    )
}
MEDIA_ROOT = BASE_DIR / "media-demo"
SESSION_COOKIE_NAME = "sesion_demo"
CSRF_COOKIE_NAME = "csrf_demo"
