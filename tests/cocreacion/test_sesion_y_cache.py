"""La barra de sesión del sitio público nunca entra en la caché compartida de páginas.

Con ``transaction=True``: las escrituras se confirman y la caché de páginas trabaja como en
producción (ver ``cocreacion/operacion/cache_paginas.py``).
"""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from cocreacion.operacion.cache_paginas import invalidar

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def rosa(institucion):
    invalidar()
    return get_user_model().objects.create_user(
        username="rosa",
        password="contraseña-de-prueba-larga",
        first_name="Rosa Pérez",
        is_staff=True,
    )


@pytest.mark.parametrize("primero", ["con_sesion", "anonimo"])
def test_la_cache_publica_no_muestra_la_sesion_de_otro(rosa, primero):
    con_sesion, anonimo, otro_anonimo = Client(), Client(), Client()
    con_sesion.force_login(rosa)
    if primero == "con_sesion":
        propia = con_sesion.get("/sujetos-obligados/")
        assert "Sesión de <strong>Rosa Pérez</strong>" in propia.content.decode()
        assert "private" in propia["Cache-Control"] and "no-store" in propia["Cache-Control"]
    for cliente in (anonimo, otro_anonimo):
        respuesta = cliente.get("/sujetos-obligados/")
        html = respuesta.content.decode()
        assert (
            "Rosa Pérez" not in html
            and "Sesión de" not in html
            and "csrfmiddlewaretoken" not in html
        )
        assert "public" in respuesta["Cache-Control"]
    # La segunda anónima salió de la caché; aun así, quien tiene sesión recibe la suya.
    propia = con_sesion.get("/sujetos-obligados/")
    assert "Sesión de <strong>Rosa Pérez</strong>" in propia.content.decode()
    assert "public" not in propia["Cache-Control"]
