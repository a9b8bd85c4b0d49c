"""Segundo factor opcional para el personal: TOTP con django-otp, junto a django-axes y la CSP."""

import re
import time

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

pytestmark = pytest.mark.django_db

CONTRASENA = "contraseña-de-prueba-larga"  # noqa: S105 - la de tests/conftest.py
LOGIN = "/admin/login/?next=/admin/"


def codigo(dispositivo, desfase=0):
    """El código que la aplicación del teléfono mostraría ahora (o ``desfase`` pasos después)."""
    totp = TOTP(dispositivo.bin_key, dispositivo.step, dispositivo.t0, dispositivo.digits)
    totp.time = time.time() + desfase * dispositivo.step
    return f"{totp.token():0{dispositivo.digits}d}"


def entrar(client, usuario, **extra):
    return client.post(LOGIN, {"username": usuario.username, "password": CONTRASENA, **extra})


@pytest.fixture
def con_dispositivo(usuario_personal):
    TOTPDevice.objects.create(user=usuario_personal, name="Teléfono", confirmed=True)
    return usuario_personal


def test_sin_dispositivo_entra_con_contrasena(client, usuario_personal):
    respuesta = entrar(client, usuario_personal)
    assert respuesta.status_code == 302 and respuesta["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_con_dispositivo_debe_dar_su_codigo(client, con_dispositivo):
    dispositivo = TOTPDevice.objects.get(user=con_dispositivo)
    respuesta = entrar(client, con_dispositivo)
    assert respuesta.status_code == 200
    assert "Su cuenta tiene segundo factor" in respuesta.content.decode()
    respuesta = entrar(
        client, con_dispositivo, codigo="000000" if codigo(dispositivo) != "000000" else "111111"
    )
    assert "no es correcto" in respuesta.content.decode()
    assert client.get("/admin/").status_code == 302
    dispositivo.refresh_from_db()  # el intento fallido aumentó su espera (throttling)
    dispositivo.throttling_failure_count = 0
    dispositivo.throttling_failure_timestamp = None
    dispositivo.save()
    respuesta = entrar(client, con_dispositivo, codigo=codigo(dispositivo))
    assert respuesta.status_code == 302 and respuesta["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_sesion_sin_verificar_de_quien_tiene_dispositivo_no_entra(client, con_dispositivo):
    client.force_login(con_dispositivo)  # p. ej., sesión abierta antes de registrar el teléfono
    respuesta = client.get("/admin/")
    assert respuesta.status_code == 302 and respuesta["Location"].startswith("/admin/login/")
    assert client.get("/admin/oela/programa/").status_code == 302


def test_codigos_equivocados_cuentan_para_el_bloqueo_de_axes(client, con_dispositivo, settings):
    dispositivo = TOTPDevice.objects.get(user=con_dispositivo)
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # aísla el bloqueo de axes de la espera de django-otp
    correcto = codigo(dispositivo)
    equivocado = f"{(int(correcto) + 1) % 10**6:06d}"
    for _ in range(settings.AXES_FAILURE_LIMIT):
        entrar(client, con_dispositivo, codigo=equivocado)
    respuesta = entrar(client, con_dispositivo, codigo=correcto)
    assert respuesta.status_code == 429
    assert "Acceso bloqueado temporalmente" in respuesta.content.decode()


def test_obligatorio_lleva_a_registrar_y_luego_exige_el_codigo(client, usuario_personal, settings):
    settings.ADMIN_EXIGIR_2FA = True
    respuesta = entrar(client, usuario_personal)
    assert respuesta.status_code == 302
    # Sin segundo factor no ve el admin: se le lleva a registrarlo.
    assert client.get("/admin/").status_code == 302
    assert client.get("/admin/login/")["Location"] == "/admin/segundo-factor/"
    pagina = client.get("/admin/segundo-factor/")
    html = pagina.content.decode()
    assert "La Coordinación exige segundo factor" in html
    dispositivo = TOTPDevice.objects.get(user=usuario_personal, confirmed=False)
    assert dispositivo.config_url in html.replace("&amp;", "&")
    settings.OTP_TOTP_THROTTLE_FACTOR = 3600  # la espera tras un error, larga a propósito
    respuesta = client.post("/admin/segundo-factor/", {"codigo": "12345x"})
    assert "El código no coincide" in respuesta.content.decode()
    # Tras un código equivocado, django-otp hace esperar antes del siguiente intento.
    respuesta = client.post("/admin/segundo-factor/", {"codigo": codigo(dispositivo)})
    assert "Espere unos segundos" in respuesta.content.decode()
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    respuesta = client.post("/admin/segundo-factor/", {"codigo": codigo(dispositivo)})
    assert respuesta.status_code == 302 and respuesta["Location"] == "/admin/"
    dispositivo.refresh_from_db()
    assert dispositivo.confirmed
    assert client.get("/admin/").status_code == 200
    # La próxima vez, la contraseña sola ya no basta.
    client.logout()
    assert "Su cuenta tiene segundo factor" in entrar(client, usuario_personal).content.decode()
    respuesta = entrar(client, usuario_personal, codigo=codigo(dispositivo, desfase=1))
    assert respuesta.status_code == 302 and client.get("/admin/").status_code == 200


def test_registro_opcional_desde_el_admin(client, usuario_coordinacion):
    client.force_login(usuario_coordinacion)
    assert 'href="/admin/segundo-factor/"' in client.get("/admin/").content.decode()
    client.get("/admin/segundo-factor/")
    dispositivo = TOTPDevice.objects.get(user=usuario_coordinacion)
    client.post("/admin/segundo-factor/", {"codigo": codigo(dispositivo)})
    assert "ya tiene segundo factor" in client.get("/admin/segundo-factor/").content.decode()


def test_anonimo_no_registra_nada(client):
    respuesta = client.get("/admin/segundo-factor/")
    assert respuesta.status_code == 302 and respuesta["Location"].startswith("/admin/login/")
    assert not TOTPDevice.objects.exists()


def test_paginas_sin_scripts_ni_estilos_en_linea(client, usuario_personal):
    for url in [LOGIN, "/admin/segundo-factor/"]:
        respuesta = client.get(url)
        html = respuesta.content.decode()
        assert "'unsafe-inline'" not in respuesta["Content-Security-Policy"]
        assert "script-src 'self'" in respuesta["Content-Security-Policy"]
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)
        assert not re.search(r"\s(style|on[a-z]+)=", html)
        client.force_login(usuario_personal)


def test_solo_el_superusuario_administra_dispositivos(client, usuario_coordinacion, superusuario):
    client.force_login(usuario_coordinacion)
    assert client.get("/admin/otp_totp/totpdevice/").status_code == 403
    client.force_login(superusuario)
    assert client.get("/admin/otp_totp/totpdevice/").status_code == 200
