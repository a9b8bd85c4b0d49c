"""Varios servidores de aplicación: con ``REDIS_URL`` lo que una petición deja para la siguiente
vive en lo compartido (Redis, la base, el almacenamiento de archivos); sin ella, todo sigue en
la caché de cada proceso y en la base.

La prueba de dos servidores de verdad detrás de nginx es ``tests/benchmarks/varios_servidores.py``
(``.ci/run`` corre su versión pequeña); aquí, lo que se comprueba dentro de un proceso.
Redis: 127.0.0.1:6379, base 2, cada prueba con su propio prefijo de claves.
"""

import pathlib
import runpy
import sys
import time
import uuid
from pathlib import Path

import pytest
import redis
from django.core.cache import cache, caches
from django.core.files.storage import default_storage
from django.test import Client
from import_export.tmp_storages import MediaStorage

from cocreacion.operacion import cache_paginas, generacion_local
from cocreacion.operacion.cache_paginas import CLAVE_GENERACION, generacion_vigente, invalidar
from tests.benchmarks.comun import RAIZ

REDIS_DE_PRUEBAS = "redis://127.0.0.1:6379/2"
SETTINGS = RAIZ / "cocreacion" / "settings"


@pytest.fixture
def con_redis(settings):
    """La caché en Redis, como con ``REDIS_URL`` (sesiones incluidas); al salir se borran las
    claves de la prueba (nunca FLUSHDB: la base de Redis puede ser de otros)."""
    prefijo = f"pruebas-{uuid.uuid4().hex}"
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_DE_PRUEBAS,
            "KEY_PREFIX": prefijo,
        }
    }
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    generacion_local.olvidar()
    yield prefijo
    generacion_local.olvidar()
    cliente = redis.Redis.from_url(REDIS_DE_PRUEBAS)
    for clave in cliente.scan_iter(f"{prefijo}:*"):
        cliente.delete(clave)


# --- Configuración -------------------------------------------------------------------------


def _ajustes(monkeypatch, modulo: str, **entorno) -> dict:
    """Los valores de un módulo de configuración leído otra vez con ``entorno``."""
    for nombre in ("REDIS_URL", "CACHE_PREFIJO"):
        monkeypatch.delenv(nombre, raising=False)
    for nombre, valor in entorno.items():
        monkeypatch.setenv(nombre, valor)
    # Que «from .base import *» vuelva a leer base.py con este entorno.
    for cargado in [m for m in sys.modules if m.startswith("cocreacion.settings.")]:
        monkeypatch.delitem(sys.modules, cargado)
    return runpy.run_module(f"cocreacion.settings.{modulo}")


@pytest.mark.parametrize("modulo", ["local", "portal_local", "production"])
def test_con_redis_url_la_cache_y_las_sesiones_van_a_redis(monkeypatch, modulo):
    ajustes = _ajustes(
        monkeypatch,
        modulo,
        REDIS_URL="redis://redis.interno:6379/3",
        SECRET_KEY="k" * 60,
        ALLOWED_HOSTS="portal.example.org",
    )
    assert ajustes["CACHES"]["default"] == {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://redis.interno:6379/3",
        "KEY_PREFIX": "cocreacion",
    }
    assert ajustes["SESSION_ENGINE"] == "django.contrib.sessions.backends.cached_db"


@pytest.mark.parametrize("modulo", ["local", "portal_local", "production"])
def test_sin_redis_url_todo_sigue_en_cada_proceso_y_en_la_base(monkeypatch, modulo):
    ajustes = _ajustes(monkeypatch, modulo, SECRET_KEY="k" * 60, ALLOWED_HOSTS="portal.example.org")
    assert ajustes["CACHES"]["default"]["BACKEND"].endswith("LocMemCache")
    assert ajustes["SESSION_ENGINE"] == "django.contrib.sessions.backends.db"


def test_las_pruebas_nunca_comparten_cache_aunque_haya_redis_url(monkeypatch):
    ajustes = _ajustes(monkeypatch, "test", REDIS_URL="redis://127.0.0.1:6379/0")
    assert ajustes["CACHES"]["default"]["BACKEND"].endswith("LocMemCache")
    assert ajustes["SESSION_ENGINE"] == "django.contrib.sessions.backends.db"


def test_lo_demas_que_cruza_peticiones_ya_vive_en_la_base(settings):
    """Bloqueos de accesos y sesiones sin Redis: en PostgreSQL, compartidos por todos."""
    from axes.conf import settings as axes

    assert axes.AXES_HANDLER == "axes.handlers.database.AxesDatabaseHandler"
    assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.db"


def test_gunicorn_recicla_poco_y_de_uno_en_uno(monkeypatch):
    monkeypatch.delenv("GUNICORN_MAX_REQUESTS", raising=False)
    ajustes = runpy.run_path(
        str(RAIZ / "cocreacion" / "operacion" / "despliegue" / "gunicorn.conf.py")
    )
    assert ajustes["max_requests"] >= 10_000
    assert ajustes["max_requests_jitter"] == ajustes["max_requests"] // 2
    # Más que el keepalive_timeout del upstream de nginx (60 s): cierra nginx primero.
    assert ajustes["keepalive"] > 60
    # Un proceso reciclado nace del maestro con la aplicación cargada (milisegundos).
    assert ajustes["preload_app"] is True


# --- Importación en dos pasos de django-import-export ---------------------------------------


def test_el_archivo_entre_revisar_y_confirmar_va_al_almacenamiento_compartido(settings, tmp_path):
    """Otro servidor (otra instancia, otra carpeta temporal) lo encuentra por su nombre."""
    settings.MEDIA_ROOT = tmp_path
    assert settings.IMPORT_EXPORT_TMP_STORAGE_CLASS == "import_export.tmp_storages.MediaStorage"
    subida = MediaStorage(read_mode="rb")
    subida.save(b"clave,nombre\r\n20001,Prueba\r\n")
    assert (tmp_path / "django-import-export" / subida.name).is_file()
    otro_servidor = MediaStorage(name=subida.name, read_mode="rb")
    assert otro_servidor.read() == b"clave,nombre\r\n20001,Prueba\r\n"
    otro_servidor.remove()
    assert not default_storage.exists(f"django-import-export/{subida.name}")


@pytest.mark.django_db
def test_el_archivo_pendiente_no_se_descarga_por_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    subida = MediaStorage(read_mode="rb")
    subida.save(b"clave,nombre\r\n")
    respuesta = Client().get(f"/media/django-import-export/{subida.name}")
    assert respuesta.status_code == 404


def test_el_nombre_de_la_confirmacion_no_sale_de_su_carpeta():
    """django-import-export reduce el nombre recibido a su último componente."""
    from import_export.forms import ConfirmImportForm

    formulario = ConfirmImportForm(
        data={
            "import_file_name": "../../oela/evidencias/acta.pdf",
            "original_file_name": "x.csv",
            "format": "0",
        },
    )
    assert formulario.is_valid(), formulario.errors
    assert formulario.cleaned_data["import_file_name"] == "acta.pdf"


# --- /salud/ ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_salud_informa_redis(con_redis):
    respuesta = Client().get("/salud/")
    assert respuesta.status_code == 200
    assert respuesta.json() == {"estado": "bien", "redis": "bien"}


@pytest.mark.django_db
def test_salud_da_503_si_redis_no_responde(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            # Un puerto donde nada escucha: conexión rechazada al instante.
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }
    respuesta = Client().get("/salud/")
    assert respuesta.status_code == 503
    assert respuesta.json() == {"estado": "sin Redis", "redis": "sin respuesta"}


@pytest.mark.django_db
def test_salud_sin_redis_no_lo_menciona():
    assert Client().get("/salud/").json() == {"estado": "bien"}


# --- Caché de páginas con Redis --------------------------------------------------------------


@pytest.fixture
def portal(transactional_db, institucion, sujeto_obligado):
    invalidar()
    return sujeto_obligado


@pytest.mark.django_db(transaction=True)
class TestCacheDePaginasEnRedis:
    def test_un_acierto_no_toca_la_base(self, con_redis, portal, django_assert_num_queries):
        url = f"/sujetos-obligados/{portal.slug}/"
        primera = Client().get(url)
        assert primera.status_code == 200
        with django_assert_num_queries(0):
            segunda = Client().get(url)
        assert segunda.content == primera.content
        assert segunda["ETag"] == primera["ETag"]

    def test_una_escritura_cambia_la_generacion_en_redis(self, con_redis, portal):
        url = f"/sujetos-obligados/{portal.slug}/"
        Client().get(url)
        antes = cache.get(CLAVE_GENERACION)
        assert antes == generacion_vigente()
        portal.nombre = "Nombre revisado en otro servidor"
        portal.save()
        assert cache.get(CLAVE_GENERACION) != antes
        assert "Nombre revisado en otro servidor" in Client().get(url).content.decode()

    def test_si_redis_pierde_la_generacion_nada_viejo_se_sirve(self, con_redis, portal, settings):
        """Redis se vació sin reiniciarse (no hay aviso): a lo sumo ``CACHE_PAGINAS_REVISION``
        segundos después hay otra generación, y todo lo guardado queda apartado."""
        from cocreacion.models import SujetoObligado

        settings.CACHE_PAGINAS_REVISION = 0.3
        url = f"/sujetos-obligados/{portal.slug}/"
        Client().get(url)
        # Un cambio que no pasa por señales (no cambia la generación) y Redis la pierde.
        SujetoObligado.objects.filter(pk=portal.pk).update(nombre="Cambiado sin señales")
        cache.delete(CLAVE_GENERACION)
        time.sleep(0.35)
        assert "Cambiado sin señales" in Client().get(url).content.decode()
        assert cache.get(CLAVE_GENERACION) is not None

    def test_un_acierto_no_pregunta_a_redis(self, con_redis, portal, monkeypatch):
        """Con la suscripción confirmada, la página sale de la copia del proceso."""
        url = f"/sujetos-obligados/{portal.slug}/"
        primera = Client().get(url)
        assert Client().get(url).content == primera.content  # ya suscrito y copiada
        viajes = []
        redis_de_la_cache = caches["default"]

        def contar(nombre):
            original = getattr(redis_de_la_cache, nombre)

            def contada(*args, **kwargs):
                viajes.append(nombre)
                return original(*args, **kwargs)

            return contada

        for nombre in ("get", "get_many"):
            monkeypatch.setattr(redis_de_la_cache, nombre, contar(nombre))
        segunda = Client().get(url)
        assert segunda.content == primera.content
        assert segunda["ETag"] == primera["ETag"]
        assert viajes == []

    def test_otro_servidor_se_entera_del_cambio_en_la_siguiente_peticion(
        self, con_redis, portal, settings
    ):
        """El aviso de Redis llega al otro proceso antes de que quien publicó responda."""
        settings.CACHE_PAGINAS_REVISION = 3600  # sin revisiones: sólo el aviso
        otro = generacion_local.Vigilante(
            cache.make_key(generacion_local.CANAL), generacion_local.ubicacion_de_redis("default")
        )
        try:
            inicial = _confirmada(otro)
            assert inicial == cache.get(CLAVE_GENERACION)
            portal.nombre = "Cambiado en el otro servidor"
            portal.save()  # fuera de atomic: la generación cambia y se publica ya
            nueva = cache.get(CLAVE_GENERACION)
            assert nueva != inicial

            def no_debe_leer():
                raise AssertionError("la generación debía llegar por el aviso")

            assert otro.generacion(no_debe_leer) == nueva
        finally:
            otro._soltar(0.0)

    def test_sin_redis_para_avisar_se_sigue_por_el_camino_de_siempre(self, caplog):
        caido = generacion_local.Vigilante("canal", "redis://127.0.0.1:1/0")
        with caplog.at_level("WARNING", logger="cocreacion.operacion.generacion_local"):
            assert caido.generacion(lambda: "no-se-lee") is None
        assert "Sin aviso de la generación" in caplog.text
        # No vuelve a intentarlo en cada petición: espera ESPERA_TRAS_ERROR.
        caplog.clear()
        assert caido.generacion(lambda: "no-se-lee") is None
        assert caplog.text == ""

    def test_otra_version_del_codigo_no_usa_las_paginas_de_esta(
        self, con_redis, portal, monkeypatch, django_assert_num_queries
    ):
        """Durante una actualización escalonada conviven dos versiones con el mismo Redis."""
        from cocreacion.models import SujetoObligado

        url = f"/sujetos-obligados/{portal.slug}/"
        Client().get(url)
        SujetoObligado.objects.filter(pk=portal.pk).update(nombre="Dibujado por la nueva")
        monkeypatch.setattr(cache_paginas, "huella_del_codigo", lambda: "otra-version")
        assert "Dibujado por la nueva" in Client().get(url).content.decode()

    def test_sin_redis_la_generacion_sigue_en_la_base(self, portal, django_assert_num_queries):
        url = f"/sujetos-obligados/{portal.slug}/"
        Client().get(url)
        with django_assert_num_queries(1) as capturadas:
            Client().get(url)
        assert "generaciondedatos" in capturadas.captured_queries[0]["sql"]
        assert cache.get(CLAVE_GENERACION) is None


def _confirmada(vigilante, segundos: float = 5.0) -> str:
    """La generación que da ``vigilante`` en cuanto Redis confirma su suscripción."""
    limite = time.monotonic() + segundos
    while time.monotonic() < limite:
        valor = vigilante.generacion(generacion_vigente)
        if valor is not None:
            return valor
        time.sleep(0.01)
    raise AssertionError("Redis no confirmó la suscripción")


def test_la_huella_del_codigo_cambia_con_una_plantilla(settings, tmp_path):
    for carpeta in cache_paginas.CARPETAS_FUERA_DE_LAS_APPS:
        (tmp_path / carpeta).mkdir()
    plantilla = tmp_path / "templates" / "pagina.html"
    plantilla.write_text("<h1>Antes</h1>", encoding="utf-8")
    settings.BASE_DIR = tmp_path
    settings.STATIC_ROOT = tmp_path / "estaticos"
    cache_paginas.huella_del_codigo.cache_clear()
    try:
        antes = cache_paginas.huella_del_codigo()
        plantilla.write_text("<h1>Después</h1>", encoding="utf-8")
        cache_paginas.huella_del_codigo.cache_clear()
        assert cache_paginas.huella_del_codigo() != antes
    finally:
        cache_paginas.huella_del_codigo.cache_clear()


def test_la_huella_del_codigo_cubre_el_codigo_de_las_apps(monkeypatch):
    """Cambiar un módulo de una app (no sólo del núcleo) cambia la huella."""
    import oela.views

    cache_paginas.huella_del_codigo.cache_clear()
    antes = cache_paginas.huella_del_codigo()
    original = pathlib.Path.read_bytes
    modulo = pathlib.Path(oela.views.__file__)

    def leer(ruta):
        contenido = original(ruta)
        return contenido + b"# cambio" if ruta == modulo else contenido

    monkeypatch.setattr(pathlib.Path, "read_bytes", leer)
    cache_paginas.huella_del_codigo.cache_clear()
    try:
        assert cache_paginas.huella_del_codigo() != antes
    finally:
        cache_paginas.huella_del_codigo.cache_clear()


# --- El nginx de ejemplo para la prueba de dos servidores ---------------------------------------


def test_la_configuracion_local_de_nginx_sale_del_ejemplo(tmp_path):
    from tests.benchmarks.varios_servidores import configuracion_nginx

    principal = configuracion_nginx(tmp_path, 18080, [18001, 18002], tmp_path / "medios")
    sitio = (tmp_path / "sitio.conf").read_text(encoding="utf-8")
    assert "server 127.0.0.1:18001 fail_timeout=0;" in sitio
    assert "server 127.0.0.1:18002 fail_timeout=0;" in sitio
    assert "server 127.0.0.1:8000" not in sitio and "10.0.0.12" not in sitio
    assert "listen 127.0.0.1:18080;" in sitio and "ssl" not in sitio.replace("ssl_", "")
    assert "return 301" not in sitio
    # Lo que se prueba es lo del ejemplo: keepalive hacia gunicorn y los encabezados.
    for linea in (
        "keepalive 32;",
        "proxy_http_version 1.1;",
        'proxy_set_header Connection "";',
        "proxy_set_header X-Forwarded-For $remote_addr;",
    ):
        assert linea in sitio
    assert f"alias {tmp_path / 'medios'}/;" in sitio
    assert "/etc/nginx/sites" not in principal.read_text(encoding="utf-8")
    assert Path(principal).parent == tmp_path


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    ("vary", "idiomas", "dibujos"),
    [
        ("Accept-Language", ["es-MX", "es-MX"], 1),
        ("Accept-Language", ["es-MX", "en-US"], 2),  # cada valor, su propia copia
        ("User-Agent", ["es-MX", "es-MX"], 2),  # varía por algo fuera de VARIA_POR: no se guarda
        ("Cookie", ["es-MX", "es-MX"], 2),
    ],
)
def test_solo_se_guarda_lo_que_varia_por_lo_conocido(institucion, vary, idiomas, dibujos):
    from django.http import HttpResponse
    from django.test import RequestFactory

    invalidar()
    dibujadas = []

    def vista(request):
        dibujadas.append(request)
        respuesta = HttpResponse("<p>Página</p>", content_type="text/html")
        respuesta["Vary"] = vary
        return respuesta

    middleware = cache_paginas.CacheDePaginasPublicas(vista)
    for idioma in idiomas:
        middleware(RequestFactory().get("/prueba/", HTTP_ACCEPT_LANGUAGE=idioma))
    assert len(dibujadas) == dibujos
