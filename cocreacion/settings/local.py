"""Desarrollo y primera ejecución (``make run``): SQLite y DEBUG por omisión."""

import os

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = env_bool("DEBUG", True)
# Clave sólo para desarrollo local; production.py exige la suya.
SECRET_KEY = os.environ.get("SECRET_KEY") or "desarrollo-local-no-usar-en-produccion"  # noqa: S105

STORAGES = {
    "default": {"BACKEND": "cocreacion.almacenamiento.AlmacenamientoSinArchivosParciales"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
