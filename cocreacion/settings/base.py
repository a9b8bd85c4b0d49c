"""Configuración común a todos los entornos.

Todo lo que cambia entre máquinas llega por variables de entorno; los valores por omisión
sirven para desarrollo y nunca para producción (ver ``production.py``).

Por qué ``os.environ`` con dos ayudas (``env_bool``, ``env_list``: 9 líneas) y no
django-environ o environs: la única lectura que no es un texto o un número, la dirección de la
base, ya la hace ``dj-database-url``; una biblioteca más ahorraría esas 9 líneas a cambio de una
dependencia y de una sintaxis distinta de la de Python para cada variable.
"""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

from cocreacion.comun import formatos

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(nombre: str, por_omision: bool = False) -> bool:
    valor = os.environ.get(nombre)
    if valor is None:
        return por_omision
    return valor.strip().lower() in {"1", "true", "si", "sí", "yes", "on"}


def env_list(nombre: str, por_omision: str = "") -> list[str]:
    return [v.strip() for v in os.environ.get(nombre, por_omision).split(",") if v.strip()]


def carpeta_de_configuracion_local() -> Path:
    """Carpeta de esta máquina, fuera del repositorio, para lo que no debe ir en git."""
    if os.environ.get("COCREACION_CONFIG_LOCAL"):
        return Path(os.environ["COCREACION_CONFIG_LOCAL"])
    base = os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config"
    return Path(base) / "cocreacion-oaxaca"


def clave_secreta_local() -> str:
    """Clave criptográfica de esta máquina para servir el portal en 127.0.0.1 sin configurar nada.

    La primera vez se genera al azar y se guarda (sólo legible por su dueño) en
    ``carpeta_de_configuracion_local()/clave-secreta``; después se lee de ahí. Se escribe en un
    temporal y se enlaza con un nombre fijo: si dos procesos arrancan a la vez, ambos terminan
    leyendo la misma clave completa. Producción nunca la usa (``production.py`` exige la suya).
    """
    import secrets
    from tempfile import NamedTemporaryFile

    from django.core.exceptions import ImproperlyConfigured

    carpeta = carpeta_de_configuracion_local()
    ruta = carpeta / "clave-secreta"
    try:
        if not ruta.exists():
            carpeta.mkdir(parents=True, exist_ok=True, mode=0o700)
            with NamedTemporaryFile("w", dir=carpeta, prefix=".clave-", delete=False) as tmp:
                tmp.write(secrets.token_urlsafe(64))
            os.chmod(tmp.name, 0o600)
            try:
                os.link(tmp.name, ruta)
            except FileExistsError:
                pass  # otro proceso la creó primero: vale la suya
            finally:
                os.unlink(tmp.name)
        clave = ruta.read_text(encoding="utf-8").strip()
    except OSError as error:
        raise ImproperlyConfigured(
            f"No se pudo leer ni crear la clave local en {ruta} ({error.strerror}). "
            "Defina la variable de entorno SECRET_KEY (50 o más caracteres aleatorios) "
            "o COCREACION_CONFIG_LOCAL con una carpeta donde se pueda escribir."
        ) from error
    if len(clave) < 50:
        raise ImproperlyConfigured(
            f"La clave local en {ruta} está incompleta: bórrela para que se genere otra."
        )
    return clave


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
# Sólo ``demo.py``: cada página avisa que los datos son inventados.
DATOS_DE_DEMOSTRACION = False

INSTALLED_APPS = [
    # El admin de Django con segundo factor opcional (cocreacion.operacion.segundo_factor).
    "cocreacion.apps.AdminDelPortalConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django.contrib.sitemaps",
    "simple_history",
    "import_export",
    "django_filters",
    "csp",
    "cocreacion.apps.BloqueoDeAccesosConfig",  # django-axes
    "django_otp",
    "django_otp.plugins.otp_totp",
    "cocreacion.apps.CocreacionConfig",
    "oela.apps.OelaConfig",
    "stgao.apps.StgaoConfig",
    "metricas.apps.MetricasConfig",
    "cocreacion.participacion.apps.ParticipacionConfig",
]

# Las apps del portal (etiquetas), en orden: el núcleo descubre en ellas (y en los
# ``subpaquetes`` de cada AppConfig) lo que cada una aporta (``cocreacion.registro``). Es el único
# lugar, con INSTALLED_APPS, que las nombra: el núcleo no importa ninguna.
APPS_DEL_PORTAL = ["cocreacion", "oela", "stgao", "metricas", "participacion"]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # ETag y 304 también para las páginas que salen de la caché (va por fuera de ella).
    "django.middleware.http.ConditionalGetMiddleware",
    # Antes de sesiones y autenticación: un acierto no las toca (ver cache_paginas.py).
    "cocreacion.operacion.cache_paginas.CacheDePaginasPublicas",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # ``request.user.is_verified()``: si la sesión se abrió con el segundo factor.
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "cocreacion.operacion.middleware.ExcepcionesCSPAdmin",
    "cocreacion.operacion.middleware.BaseDeDatosNoDisponible",
    "cocreacion.operacion.middleware.SinEspacioEnDisco",
    "simple_history.middleware.HistoryRequestMiddleware",
    # AxesMiddleware va al final: responde a los bloqueos después de la autenticación.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "cocreacion.urls"
WSGI_APPLICATION = "cocreacion.wsgi.application"
ASGI_APPLICATION = "cocreacion.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "cocreacion.portal.context_processors.portal",
            ],
        },
    },
]

# Base de datos: SQLite embebida por omisión; DATABASE_URL=postgres://… cambia a PostgreSQL.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

AUTHENTICATION_BACKENDS = [
    # Axes primero: cuenta intentos fallidos y bloquea antes de comprobar la contraseña.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

LANGUAGE_CODE = "es-mx"
LANGUAGES = [("es-mx", _("Español de México"))]
TIME_ZONE = "America/Mexico_City"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True
# El catálogo del portal va primero: corrige también textos del admin de Django («1 results»,
# «seleccionados/as», «Historia»), y como catálogo de app perdería ante el de ``admin``.
LOCALE_PATHS = [BASE_DIR / "cocreacion" / "locale"]

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Los archivos subidos los sirve ``cocreacion.operacion.medios`` tras comprobar que el registro es
# visible; con esta variable (p. ej. «/media-protegido/») sólo decide y nginx envía los bytes.
MEDIOS_X_ACCEL_REDIRECT = os.environ.get("MEDIOS_X_ACCEL_REDIRECT", "")
FIXTURE_DIRS = [BASE_DIR / "fixtures"]

STORAGES = {
    # Nunca deja un archivo a medias si el disco se llena (ver
    # ``cocreacion.operacion.almacenamiento``).
    "default": {
        "BACKEND": "cocreacion.operacion.almacenamiento.AlmacenamientoSinArchivosParciales"
    },
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Límite de subida: las evidencias y hojas de cálculo no pasan de 20 MB; el formulario
# da el mensaje claro, esto sólo evita que un cuerpo enorme llegue a memoria.
DATA_UPLOAD_MAX_MEMORY_SIZE = 25 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 5000

LOGIN_URL = "admin:login"

# Correo: con EMAIL_HOST, SMTP; sin él, los correos se escriben en la consola (desarrollo).
# Las ligas de los avisos son absolutas y parten de SITIO_URL (el correo no sabe qué servidor
# respondió a la petición, y el comando de recordatorios no tiene petición).
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND") or (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", not EMAIL_USE_SSL)
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "20"))
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "Cocreación Oaxaca <no-responder@localhost>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
SITIO_URL = os.environ.get("SITIO_URL", "http://127.0.0.1:8000")

# Seguridad común (production.py endurece lo que depende de HTTPS).
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_AGE = 60 * 60 * 8
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True

# Política de contenido estricta: nada en línea y nada de fuera.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# Bloqueo de acceso tras intentos fallidos (django-axes).
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 1  # horas
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "admin/bloqueo.html"
# Se bloquea la pareja cuenta + dirección: cinco errores de alguien no dejan fuera a toda la
# oficina (que sale por la misma dirección), y nadie bloquea una cuenta ajena desde fuera.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# Dirección del cliente. Sin proxy, la de la conexión. Detrás de nginx (ver
# despliegue/nginx.conf, que *reemplaza* X-Forwarded-For por la dirección real del cliente),
# AXES_IPWARE_PROXY_COUNT dice cuántas direcciones de proxies vienen en X-Forwarded-For después
# de la del cliente: 0 con el nginx documentado. Sin la variable, X-Forwarded-For se ignora:
# confiar en él sin un proxy que lo reescriba dejaría a cualquiera inventarse direcciones.
AXES_IPWARE_PROXY_ORDER = "left-most"
if os.environ.get("AXES_IPWARE_PROXY_COUNT", "").strip():
    AXES_IPWARE_PROXY_COUNT = int(os.environ["AXES_IPWARE_PROXY_COUNT"])
    AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")
else:
    AXES_IPWARE_PROXY_COUNT = None
    AXES_IPWARE_META_PRECEDENCE_ORDER = ("REMOTE_ADDR",)

# Segundo factor (TOTP) para el admin: opcional por cuenta; obligatorio para todo el personal
# con ADMIN_EXIGIR_2FA=1 (ver cocreacion.operacion.segundo_factor).
ADMIN_EXIGIR_2FA = env_bool("ADMIN_EXIGIR_2FA", False)
OTP_TOTP_ISSUER = "Cocreación Oaxaca"
# La clave de cada dispositivo no se muestra en el admin (ni su código QR): cada quien la
# registra en su propia página (/admin/segundo-factor/).
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

# django-import-export: toda importación en una transacción.
IMPORT_EXPORT_USE_TRANSACTIONS = True
# Formatos del admin: las exportaciones neutralizan fórmulas con cocreacion.comun.formulas (como
# /datos/ y las demás descargas) y las importaciones leen con los límites de abajo.
EXPORT_FORMATS = [formatos.CSV, formatos.XLSX, formatos.TSV, formatos.JSON]
IMPORT_FORMATS = [formatos.CSVAcotado, formatos.XLSXAcotado]

# Lo más que acepta cualquier importación (matriz, hitos, Métrica, listados, admin); ver
# cocreacion.comun.importacion.Limites. Un archivo que pasa uno se rechaza con un mensaje que dice
# archivo y límite, sin guardar nada.
LIMITES_IMPORTACION = {
    "bytes": 10 * 1024 * 1024,
    "filas": 20_000,
    "columnas": 50,
    "celdas": 300_000,
    "caracteres_por_celda": 32_767,
    "descomprimido": 30 * 1024 * 1024,
}
IMPORT_EXPORT_SKIP_ADMIN_LOG = False
# La importación en dos pasos del admin guarda el archivo entre «revisar» y «confirmar». Por
# omisión, django-import-export lo deja en la carpeta temporal de la máquina que recibió la
# subida: con varios servidores, la confirmación que llega a otro no lo encuentra. En el
# almacenamiento de archivos (compartido, como los medios) lo ve cualquiera; el nombre que
# llega en la confirmación se reduce a su último componente (no sale de su carpeta), ningún
# registro lo nombra (``/media/`` no lo entrega) y lo que nadie confirmó lo barre
# ``limpiar_archivos_huerfanos``.
IMPORT_EXPORT_TMP_STORAGE_CLASS = "import_export.tmp_storages.MediaStorage"
# Sin estos códigos django-import-export deja exportar e importar a cualquier cuenta del
# personal, aun sin permiso de ver el modelo (lo que se exporta sale de ``get_queryset``).
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "view"
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "change"

SIMPLE_HISTORY_HISTORY_ID_USE_UUID = False
SIMPLE_HISTORY_REVERT_DISABLED = True
# El índice compuesto de cocreacion.comun.historial.Historial lo cubre.
SIMPLE_HISTORY_DATE_INDEX = False

# Varios servidores de aplicación (ver docs/varios-servidores.md): todo lo que una petición deja
# para la siguiente debe vivir donde lo vean todos los procesos de todos los servidores, porque
# el balanceador puede mandar la siguiente a otro. La base (PostgreSQL) ya lo es: sesiones,
# bloqueos de django-axes (su manejador de base de datos), intentos del segundo factor y la
# generación de la caché de páginas. Con REDIS_URL también la caché: páginas públicas, PDF y
# el turno que evita generar dos veces el mismo PDF. Sin REDIS_URL, la caché es de cada proceso
# (y se pierde cuando gunicorn lo recicla): correcto, pero cada proceso dibuja sus páginas.
REDIS_URL = os.environ.get("REDIS_URL", "").strip()
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            # Varios portales (o la demostración) pueden compartir un Redis sin pisarse.
            "KEY_PREFIX": os.environ.get("CACHE_PREFIJO", "cocreacion"),
        }
    }
    # La sesión se lee de Redis y se escribe en las dos: una lectura de la base menos en cada
    # petición del admin, y nadie pierde su sesión si Redis se vacía o reinicia. Sólo con una
    # caché compartida: con la de cada proceso, un proceso leería la sesión vieja que guardó.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "cocreacion",
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.db"

# Caché de páginas públicas para visitantes anónimos (cocreacion/operacion/cache_paginas.py): se
# invalida con cada escritura; los segundos sólo acotan cuánto vive en el servidor si nadie escribe
# (0 la apaga) y cuánto la guarda el navegador. El navegador, por omisión, vuelve a preguntar
# cada vez (0): así nadie ve una página vieja después de una publicación; con la ETag de
# ConditionalGetMiddleware la pregunta cuesta un 304 sin cuerpo.
CACHE_PAGINAS_SEGUNDOS = int(os.environ.get("CACHE_PAGINAS_SEGUNDOS", "600"))
CACHE_PAGINAS_NAVEGADOR = int(os.environ.get("CACHE_PAGINAS_NAVEGADOR", "0"))
# Con Redis, cada proceso sabe la generación por los avisos de Redis y además la vuelve a leer
# cada tantos segundos: acota lo que Redis pierda sin avisar (cocreacion/operacion/
# generacion_local.py).
CACHE_PAGINAS_REVISION = float(os.environ.get("CACHE_PAGINAS_REVISION", "1"))

# PDF (cocreacion/comun/pdf.py): pregenerar el documento al confirmar su publicación, para que la
# primera descarga no lo genere (el programa grande tarda segundos).
PDF_PREGENERAR = env_bool("PDF_PREGENERAR", True)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"simple": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "simple"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "weasyprint": {"level": "ERROR"},
        "fontTools": {"level": "ERROR"},
    },
}
