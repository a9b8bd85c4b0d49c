"""Desarrollo (``make dev`` y ``manage.py``): SQLite, DEBUG y estáticos desde las carpetas de
origen. ``make run`` usa ``portal_local``, sin depuración."""

import os

from cocreacion.settings.base import *  # noqa: F403
from cocreacion.settings.base import clave_secreta_local, env_bool

DEBUG = env_bool("DEBUG", True)
# La misma clave de esta máquina que ``make run`` (fuera del repositorio); production.py exige
# la suya.
SECRET_KEY = os.environ.get("SECRET_KEY") or clave_secreta_local()

STORAGES = {
    "default": {
        "BACKEND": "cocreacion.operacion.almacenamiento.AlmacenamientoSinArchivosParciales"
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
