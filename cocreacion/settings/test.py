"""Pruebas: la base de datos viene de DATABASE_URL (PostgreSQL en CI) o SQLite."""

from cocreacion.settings.base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "pruebas-no-secreta"  # noqa: S105 - sólo pruebas  # nosec B105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    # Nunca deja un archivo a medias si el disco se llena (ver
    # ``cocreacion.operacion.almacenamiento``).
    "default": {
        "BACKEND": "cocreacion.operacion.almacenamiento.AlmacenamientoSinArchivosParciales"
    },
    # El almacenamiento con manifiesto falla sin collectstatic.
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Cada publicación confirmada generaría sus PDF (segundos de WeasyPrint): las pruebas de la
# pregeneración la encienden.
PDF_PREGENERAR = False

# Sin collectstatic: WhiteNoise sirve desde las carpetas de origen.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# Sin red: los correos quedan en django.core.mail.outbox.
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
SITIO_URL = "https://cocreacion.ejemplo.gob.mx"

# Cada proceso de pytest-xdist con su propia caché aunque el entorno traiga REDIS_URL: una
# caché compartida mezclaría las páginas y los PDF de pruebas que corren a la vez. Las pruebas
# de Redis lo configuran ellas mismas, con su propio prefijo.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "cocreacion",
    }
}
SESSION_ENGINE = "django.contrib.sessions.backends.db"
REDIS_URL = ""
