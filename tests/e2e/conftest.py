"""Pruebas de navegador: Chromium de Debian contra ``live_server``."""

import pytest


@pytest.fixture
def url(live_server):
    """Construye direcciones absolutas del servidor de pruebas: ``url("/programa/")``."""
    return lambda ruta: f"{live_server.url}{ruta}"


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)
