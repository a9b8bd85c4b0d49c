"""Piezas comunes de las pruebas: usuarios por rol, catálogos reales y Chromium de Debian."""

import os

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command

from cocreacion.models import Enlace, Institucion, SujetoObligado
from cocreacion.permissions import (
    GRUPO_CONSEJO,
    GRUPO_COORDINACION,
    GRUPO_ENLACES,
    GRUPO_PERSONAL,
)


def pytest_runtest_setup(item):
    """Las marcas ``postgresql`` y ``sqlite``: pruebas de algo que por diseño sólo existe en un
    motor (trigramas, el planificador de PostgreSQL…); cada una tiene su contraparte marcada
    con el otro, así que las dos corridas de CI (SQLite y PostgreSQL) cubren ambos caminos."""
    from django.db import connection

    motor = connection.vendor
    for marca in ("postgresql", "sqlite"):
        if item.get_closest_marker(marca) and motor != marca:
            pytest.skip(f"sólo en {marca} (esta corrida usa {motor})")


# Playwright corre su propio bucle de eventos; con live_server el ORM se usa desde la prueba.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {
        **browser_context_args,
        "locale": "es-MX",
        "timezone_id": "America/Mexico_City",
    }


@pytest.fixture(autouse=True)
def _cache_vacia():
    """Cada prueba empieza con la caché vacía: LocMem vive todo el proceso y la base no."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def institucion(db):
    """El registro real de la institución (fixture ``institucion.json``)."""
    call_command("loaddata", "institucion.json", verbosity=0)
    return Institucion.objects.actual()


@pytest.fixture
def catalogos(db, institucion):
    """Catálogos reales: ODS, municipios, disposiciones, organizaciones y sujetos obligados.

    Pídala antes que ``sujeto_obligado`` y compañía: los fixtures traen ids fijos y ``loaddata``
    pisaría en silencio un registro creado antes con el mismo id (pasa siempre en SQLite, donde
    los ids de cada prueba vuelven a empezar en 1, y en PostgreSQL según el orden de las pruebas).
    """
    if SujetoObligado.objects.exists():
        pytest.fail(
            "El fixture «catalogos» se pidió después de crear sujetos obligados: sus ids fijos "
            "los pisarían. Póngalo antes en los argumentos de la prueba o del fixture."
        )
    for fixture in [
        "ods.json",
        "municipios.json",
        "disposiciones.json",
        "organizaciones.json",
        "sujetos_obligados.json",
    ]:
        call_command("loaddata", fixture, verbosity=0)


def _usuario(username, grupo=None, **extra):
    usuario = get_user_model().objects.create_user(
        username=username,
        password="contraseña-de-prueba-larga",  # noqa: S106
        first_name=username.capitalize(),
        is_staff=True,
        **extra,
    )
    if grupo:
        usuario.groups.add(Group.objects.get(name=grupo))
    return usuario


@pytest.fixture
def usuario_coordinacion(db):
    return _usuario("coordinadora", GRUPO_COORDINACION)


@pytest.fixture
def usuario_personal(db):
    return _usuario("analista", GRUPO_PERSONAL)


@pytest.fixture
def usuario_consejo(db):
    return _usuario("consejera", GRUPO_CONSEJO)


@pytest.fixture
def superusuario(db):
    return _usuario("raiz", is_superuser=True)


@pytest.fixture
def sujeto_obligado(db):
    return SujetoObligado.objects.create(
        nombre="Secretaría de Prueba", tipo="poder_ejecutivo", orden="estatal"
    )


@pytest.fixture
def otro_sujeto_obligado(db):
    return SujetoObligado.objects.create(
        nombre="Municipio de Prueba", tipo="municipio", orden="municipal"
    )


@pytest.fixture
def crear_enlace(db):
    """Fábrica: ``crear_enlace(sujeto, username="enlace")`` → usuario enlace de ese sujeto."""

    def fabrica(sujeto, username="enlace"):
        usuario = _usuario(username, GRUPO_ENLACES)
        Enlace.objects.create(usuario=usuario, sujeto_obligado=sujeto)
        return usuario

    return fabrica
