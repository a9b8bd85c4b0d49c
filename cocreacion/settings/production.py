"""Producción: se niega a arrancar sin SECRET_KEY y ALLOWED_HOSTS.

Pensada para correr detrás de un proxy HTTPS (nginx) que envía ``X-Forwarded-Proto``.
"""

import os

from django.core.exceptions import ImproperlyConfigured

from cocreacion.settings.base import *  # noqa: F403
from cocreacion.settings.base import env_bool, env_list

DEBUG = False

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if len(SECRET_KEY) < 50:
    raise ImproperlyConfigured(
        "Falta la variable de entorno SECRET_KEY (al menos 50 caracteres aleatorios): "
        "producción no arranca sin ella."
    )
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "Falta la variable de entorno ALLOWED_HOSTS (p. ej. «cocreacion.ejemplo.gob.mx»): "
        "producción no arranca sin ella."
    )
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Producción corre detrás del nginx documentado, que reescribe X-Forwarded-For con la dirección
# del cliente: el bloqueo de accesos la lee de ahí (ver base.py). Otra cadena de proxies:
# AXES_IPWARE_PROXY_COUNT.
AXES_IPWARE_PROXY_COUNT = int(os.environ.get("AXES_IPWARE_PROXY_COUNT", "0"))
AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_REDIRECT_EXEMPT = [r"^salud/$"]
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
