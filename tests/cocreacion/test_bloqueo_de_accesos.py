"""Bloqueo de accesos (django-axes) detrás del nginx documentado.

nginx reescribe X-Forwarded-For con la dirección del cliente, y a gunicorn todo le llega desde
127.0.0.1. El bloqueo es por cuenta *y* dirección: cinco errores de alguien no dejan fuera a
toda la oficina ni a la cuenta desde otro lugar. La Coordinación DGA ve y levanta bloqueos.
"""

import pytest
from axes.models import AccessAttempt
from django.contrib.admin.models import DELETION, LogEntry
from django.core.exceptions import PermissionDenied
from django.test import Client

from cocreacion.operacion.bloqueos import bloqueo_levantar

pytestmark = pytest.mark.django_db

CONTRASENA = "contraseña-de-prueba-larga"  # noqa: S105 - la de tests/conftest.py
LOGIN = "/admin/login/?next=/admin/"


@pytest.fixture
def detras_de_nginx(settings):
    """Lo que production.py configura por omisión (el nginx documentado)."""
    settings.AXES_IPWARE_PROXY_COUNT = 0
    settings.AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")


def entrar(usuario, direccion, contrasena=CONTRASENA):
    """Un intento desde ``direccion`` tal como llega de nginx (conexión desde 127.0.0.1)."""
    return Client().post(
        LOGIN,
        {"username": usuario.username, "password": contrasena},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR=direccion,
    )


def equivocarse(usuario, direccion, settings):
    estados = [
        entrar(usuario, direccion, "equivocada").status_code
        for _ in range(settings.AXES_FAILURE_LIMIT)
    ]
    # El formulario con su error hasta el último intento, que ya responde el bloqueo.
    assert estados == [200] * (settings.AXES_FAILURE_LIMIT - 1) + [429]


def test_la_configuracion_de_produccion_lee_x_forwarded_for():
    import importlib
    import os
    from unittest import mock

    entorno = {"SECRET_KEY": "x" * 60, "ALLOWED_HOSTS": "portal.ejemplo.mx"}
    with mock.patch.dict(os.environ, entorno):
        import cocreacion.settings.production as produccion

        produccion = importlib.reload(produccion)
    assert produccion.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]
    assert produccion.AXES_IPWARE_PROXY_COUNT == 0
    assert produccion.AXES_IPWARE_META_PRECEDENCE_ORDER[0] == "HTTP_X_FORWARDED_FOR"


def test_cinco_errores_no_bloquean_a_la_oficina(
    detras_de_nginx, settings, usuario_personal, usuario_coordinacion
):
    equivocarse(usuario_personal, "203.0.113.7", settings)
    # Esa cuenta, desde esa dirección: bloqueada aunque la contraseña sea la buena.
    bloqueada = entrar(usuario_personal, "203.0.113.7")
    assert bloqueada.status_code == 429
    # Otra cuenta desde la misma dirección (la misma oficina) entra.
    assert entrar(usuario_coordinacion, "203.0.113.7").status_code == 302
    # La misma cuenta desde otra dirección también: nadie bloquea una cuenta ajena desde fuera.
    assert entrar(usuario_personal, "198.51.100.20").status_code == 302
    intento = AccessAttempt.objects.get()
    assert (intento.username, intento.ip_address) == (usuario_personal.username, "203.0.113.7")


def test_sin_proxy_configurado_x_forwarded_for_no_cuenta(settings, usuario_personal):
    """Sin nginx delante (desarrollo), nadie puede inventarse la dirección con el encabezado."""
    for n in range(settings.AXES_FAILURE_LIMIT):
        entrar(usuario_personal, f"192.0.2.{n}", "equivocada")
    assert entrar(usuario_personal, "192.0.2.99").status_code == 429
    assert AccessAttempt.objects.get().ip_address == "127.0.0.1"


def test_pagina_de_bloqueo_en_espanol_con_el_encabezado_del_portal(
    detras_de_nginx, settings, usuario_personal, institucion
):
    equivocarse(usuario_personal, "203.0.113.7", settings)
    respuesta = entrar(usuario_personal, "203.0.113.7")
    html = respuesta.content.decode()
    assert respuesta.status_code == 429
    assert 'lang="es-MX"' in html and "Acceso bloqueado temporalmente" in html
    assert 'id="contenido"' in html and "Cocreación Oaxaca" in html  # la plantilla del portal
    assert "pida a la Coordinación" in html and "sólo desde esta dirección" in html


def test_la_coordinacion_ve_y_levanta_bloqueos_con_registro(
    client, detras_de_nginx, settings, usuario_personal, usuario_coordinacion
):
    equivocarse(usuario_personal, "203.0.113.7", settings)
    intento = AccessAttempt.objects.get()
    client.force_login(usuario_coordinacion)
    lista = client.get("/admin/axes/accessattempt/")
    assert lista.status_code == 200 and "203.0.113.7" in lista.content.decode()
    assert "Levantar el bloqueo" in lista.content.decode()
    assert client.get(f"/admin/axes/accessattempt/{intento.pk}/change/").status_code == 200
    assert client.get("/admin/axes/accesslog/").status_code == 200
    # Borrar directamente no: sólo la acción, que deja registro.
    assert client.get(f"/admin/axes/accessattempt/{intento.pk}/delete/").status_code == 403
    respuesta = client.post(
        "/admin/axes/accessattempt/",
        {"action": "levantar_bloqueo", "_selected_action": [intento.pk]},
        follow=True,
    )
    assert "Se levantó el bloqueo de 1" in respuesta.content.decode()
    assert not AccessAttempt.objects.exists()
    registro = LogEntry.objects.get(action_flag=DELETION)
    assert registro.user == usuario_coordinacion
    assert "usuario_personal" in registro.change_message or usuario_personal.username in (
        registro.change_message
    )
    assert "203.0.113.7" in registro.change_message
    assert entrar(usuario_personal, "203.0.113.7").status_code == 302


@pytest.mark.parametrize("rol", ["usuario_personal", "usuario_consejo"])
def test_otros_roles_no_ven_ni_levantan_bloqueos(
    client, request, rol, detras_de_nginx, settings, usuario_coordinacion
):
    equivocarse(usuario_coordinacion, "203.0.113.7", settings)
    usuario = request.getfixturevalue(rol)
    client.force_login(usuario)
    assert client.get("/admin/axes/accessattempt/").status_code == 403
    with pytest.raises(PermissionDenied):
        bloqueo_levantar(intentos=list(AccessAttempt.objects.all()), actor=usuario)
    assert AccessAttempt.objects.count() == 1
