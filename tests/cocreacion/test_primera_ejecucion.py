"""La primera hora de quien llega: ``make run`` sirve el portal como lo verán las personas,
``make dev`` depura y ``make demo`` muestra datos inventados en su propia base, con aviso."""

import importlib
import os
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError, call_command
from django.test import Client, override_settings

from cocreacion.models import Institucion, SujetoObligado
from cocreacion.sinteticos import HayDatosReales, demostracion, generar

RAIZ = Path(__file__).resolve().parents[2]
AVISO = "Datos de demostración: no son reales"


def _make_n(objetivo: str) -> list[str]:
    """Los comandos que correría ``make objetivo`` (``make -n``: sólo los muestra)."""
    resultado = subprocess.run(  # noqa: S603
        ["make", "-n", objetivo],  # noqa: S607
        cwd=RAIZ,
        capture_output=True,
        text=True,
        check=True,
        env={k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"},
    )
    return [
        linea
        for linea in resultado.stdout.splitlines()
        if not linea.startswith("echo") and ("manage.py" in linea or "gunicorn" in linea)
    ]


def _ajustes(modulo: str, monkeypatch, **entorno):
    """El módulo de configuración ``modulo`` importado de nuevo con ``entorno``."""
    for nombre in ("SECRET_KEY", "DATABASE_URL", "DEMO_DATABASE_URL"):
        monkeypatch.delenv(nombre, raising=False)
    for nombre, valor in entorno.items():
        monkeypatch.setenv(nombre, valor)
    for nombre in ("portal_local", "demo"):
        sys.modules.pop(f"cocreacion.settings.{nombre}", None)
    return importlib.import_module(f"cocreacion.settings.{modulo}")


@pytest.fixture
def config_local(tmp_path, monkeypatch):
    carpeta = tmp_path / "config"
    monkeypatch.setenv("COCREACION_CONFIG_LOCAL", str(carpeta))
    yield carpeta
    for nombre in ("portal_local", "demo"):
        sys.modules.pop(f"cocreacion.settings.{nombre}", None)


# --- make run / make dev / make demo -------------------------------------------------------


def test_make_run_sirve_sin_depuracion_con_gunicorn_en_127_0_0_1():
    comandos = _make_n("run")
    assert comandos, "make -n run no mostró comandos"
    assert all("DJANGO_SETTINGS_MODULE=cocreacion.settings.portal_local" in c for c in comandos)
    assert any("manage.py collectstatic --noinput" in c for c in comandos)
    assert any("manage.py cargar_datos_reales" in c for c in comandos)
    (servidor,) = [c for c in comandos if "gunicorn" in c]
    assert "GUNICORN_BIND=127.0.0.1:8000" in servidor
    assert "cocreacion/operacion/despliegue/gunicorn.conf.py" in servidor
    assert not any("runserver" in c for c in comandos)


def test_make_dev_depura_con_runserver():
    comandos = _make_n("dev")
    assert any("manage.py runserver 127.0.0.1:8000" in c for c in comandos)
    assert not any("portal_local" in c or "settings.demo" in c for c in comandos)


def test_make_demo_usa_su_configuracion_y_otro_puerto():
    comandos = _make_n("demo")
    assert all("DJANGO_SETTINGS_MODULE=cocreacion.settings.demo" in c for c in comandos)
    assert any("manage.py preparar_demostracion" in c for c in comandos)
    assert not any("cargar_datos_reales" in c for c in comandos)
    assert any("GUNICORN_BIND=127.0.0.1:8001" in c for c in comandos)


def test_el_readme_dice_en_sus_primeras_lineas_como_ver_la_demostracion():
    primeras = "\n".join((RAIZ / "README.md").read_text(encoding="utf-8").splitlines()[:12])
    assert "make demo" in primeras and "make run" in primeras and "make dev" in primeras
    assert "demo.sqlite3" in primeras


# --- Configuración de make run (portal_local) ---------------------------------------------


def test_portal_local_como_produccion_pero_en_esta_maquina(config_local, monkeypatch):
    ajustes = _ajustes("portal_local", monkeypatch)
    assert ajustes.DEBUG is False
    assert ajustes.ALLOWED_HOSTS == ["127.0.0.1", "localhost"]
    assert ajustes.STORAGES["staticfiles"]["BACKEND"] == (
        "whitenoise.storage.CompressedManifestStaticFilesStorage"
    )
    assert not getattr(ajustes, "WHITENOISE_USE_FINDERS", False)
    assert ajustes.MIDDLEWARE[1] == "whitenoise.middleware.WhiteNoiseMiddleware"
    assert ajustes.DATOS_DE_DEMOSTRACION is False


def test_clave_local_se_genera_una_vez_fuera_del_repositorio(config_local, monkeypatch):
    primera = _ajustes("portal_local", monkeypatch).SECRET_KEY
    archivo = config_local / "clave-secreta"
    assert len(primera) >= 50
    assert archivo.read_text(encoding="utf-8") == primera
    assert stat.S_IMODE(archivo.stat().st_mode) == 0o600
    assert not archivo.resolve().is_relative_to(RAIZ)
    assert primera == _ajustes("portal_local", monkeypatch).SECRET_KEY  # se reutiliza
    assert list(config_local.iterdir()) == [archivo]  # sin temporales
    # La variable de entorno manda; production.py sigue exigiéndola (test_nucleo).
    assert _ajustes("portal_local", monkeypatch, SECRET_KEY="z" * 60).SECRET_KEY == "z" * 60


def test_sin_donde_guardar_la_clave_lo_dice_en_espanol(tmp_path, monkeypatch):
    archivo = tmp_path / "no-es-carpeta"
    archivo.write_text("x")
    monkeypatch.setenv("COCREACION_CONFIG_LOCAL", str(archivo / "sub"))
    with pytest.raises(ImproperlyConfigured, match="Defina la variable de entorno SECRET_KEY"):
        _ajustes("portal_local", monkeypatch)
    sys.modules.pop("cocreacion.settings.portal_local", None)


@pytest.fixture(scope="module")
def estaticos_recolectados(tmp_path_factory):
    """``collectstatic`` con el almacenamiento de ``make run``, una vez por módulo (comprimir
    cada archivo cuesta segundos)."""
    from cocreacion.settings.base import STORAGES

    raiz = tmp_path_factory.mktemp("estaticos")
    with override_settings(STORAGES=STORAGES, STATIC_ROOT=raiz):
        call_command("collectstatic", interactive=False, verbosity=0)
    yield raiz
    shutil.rmtree(raiz, ignore_errors=True)


@pytest.fixture
def como_make_run(config_local, monkeypatch, settings, estaticos_recolectados, institucion):
    """La configuración de ``make run`` (sin depuración, estáticos de collectstatic con huella
    servidos por WhiteNoise) sobre la base de pruebas."""
    ajustes = _ajustes("portal_local", monkeypatch)
    settings.DEBUG = ajustes.DEBUG
    settings.STORAGES = ajustes.STORAGES
    settings.STATIC_ROOT = estaticos_recolectados
    settings.WHITENOISE_USE_FINDERS = False
    settings.WHITENOISE_AUTOREFRESH = False
    return Client()  # nuevo: su WhiteNoise lee el STATIC_ROOT de arriba


def test_en_make_run_una_direccion_desconocida_da_la_404_del_portal(como_make_run):
    respuesta = como_make_run.get("/no-existe/ni/esto/")
    assert respuesta.status_code == 404
    html = respuesta.content.decode()
    assert 'lang="es-MX"' in html and "No encontramos esta página" in html
    # Nada de la página técnica de Django: ni inglés ni la lista de rutas.
    delatores = ("Page not found", "URLconf", "URL patterns", "stgao/sesiones/<int", "DEBUG = True")
    for delator in delatores:
        assert delator not in html


def test_en_make_run_los_estaticos_llevan_huella_y_se_sirven_comprimidos(como_make_run):
    html = como_make_run.get("/").content.decode()
    (hoja,) = re.findall(r'href="(/static/css/portal\.[0-9a-f]{12}\.css)"', html)
    respuesta = como_make_run.get(hoja, HTTP_ACCEPT_ENCODING="gzip, br")
    assert respuesta.status_code == 200
    assert respuesta["Content-Encoding"] in {"gzip", "br"}
    assert "immutable" in respuesta["Cache-Control"]


# --- make demo ----------------------------------------------------------------------------


def test_la_demostracion_usa_su_propia_base_aunque_haya_database_url(config_local, monkeypatch):
    ajustes = _ajustes(
        "demo", monkeypatch, DATABASE_URL="postgres://alguien@127.0.0.1:5432/la_real"
    )
    base = ajustes.DATABASES["default"]
    assert base["ENGINE"] == "django.db.backends.sqlite3"
    assert Path(base["NAME"]) == RAIZ / "demo.sqlite3"
    assert ajustes.DATOS_DE_DEMOSTRACION is True and ajustes.DEBUG is False
    assert ajustes.MEDIA_ROOT != RAIZ / "media"
    assert ajustes.SESSION_COOKIE_NAME != "sessionid"
    assert ajustes.CSRF_COOKIE_NAME != "csrftoken"
    ignorados = (RAIZ / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert "demo.sqlite3" in ignorados and "media-demo/" in ignorados


@pytest.mark.django_db
@pytest.mark.parametrize(
    "ruta", ["/", "/compromisos/", "/buscar/?q=x", "/no-existe/", "/admin/login/"]
)
def test_el_aviso_de_demostracion_en_cada_pagina(client, settings, institucion, ruta):
    settings.DATOS_DE_DEMOSTRACION = True
    html = client.get(ruta).content.decode()
    assert AVISO in html
    assert "css/demostracion.css" in html
    settings.DATOS_DE_DEMOSTRACION = False
    assert AVISO not in client.get(ruta).content.decode()


@pytest.mark.django_db
def test_preparar_la_demostracion_solo_en_su_configuracion(settings):
    settings.DATOS_DE_DEMOSTRACION = False
    with pytest.raises(ImproperlyConfigured, match="cocreacion.settings.demo"):
        demostracion.preparar(escala=0.002)
    with pytest.raises(CommandError, match="su propia base"):
        call_command("preparar_demostracion")
    assert not SujetoObligado.objects.exists()


@pytest.mark.django_db
def test_preparar_la_demostracion_una_vez(settings):
    settings.DATOS_DE_DEMOSTRACION = True
    assert not Institucion.objects.exists()
    resumen = demostracion.preparar(escala=0.002)
    # La sucesión real de órganos garantes (fixture ``institucion.json``).
    assert resumen is not None and Institucion.objects.count() == 3
    sujetos = SujetoObligado.objects.count()
    assert sujetos and not SujetoObligado.objects.exclude(nombre__startswith="[SINTÉTICO]").exists()
    assert demostracion.preparar(escala=0.002) is None  # la segunda vez no genera nada
    assert SujetoObligado.objects.count() == sujetos


@pytest.mark.django_db
def test_los_sinteticos_nunca_se_mezclan_con_datos_reales(catalogos):
    with pytest.raises(HayDatosReales, match="593 sujetos obligados"):
        generar(escala=0.002)
    with pytest.raises(CommandError, match="nunca se mezclan"):
        call_command("generar_datos_sinteticos", "--escala", "0.002")
    assert not SujetoObligado.objects.filter(nombre__startswith="[SINTÉTICO]").exists()
