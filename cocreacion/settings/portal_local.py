"""El portal en esta máquina como lo verán las personas (``make run``).

Sin depuración: una dirección desconocida da la página 404 del portal, en español, y nunca la
lista de rutas de Django; los estáticos salen de ``collectstatic`` con nombres con huella y
compresión (WhiteNoise), igual que en producción. Sólo escucha en 127.0.0.1 (``make run``) y
no exige HTTPS, por eso no es ``production.py``, que sigue negándose a arrancar sin su
``SECRET_KEY`` y su ``ALLOWED_HOSTS``.

La clave criptográfica, si no llega en ``SECRET_KEY``, se genera la primera vez y se guarda
fuera del repositorio (ver ``clave_secreta_local``): una máquina nueva arranca sin configurar
nada y las sesiones sobreviven a un reinicio.
"""

import os

from cocreacion.settings.base import *  # noqa: F403
from cocreacion.settings.base import clave_secreta_local

DEBUG = False
SECRET_KEY = os.environ.get("SECRET_KEY") or clave_secreta_local()
