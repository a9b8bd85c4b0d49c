"""El admin habla español también donde las bibliotecas no traen catálogo (simple-history, axes)."""

import pytest

from cocreacion.comun.historial import guardar

TEXTOS_EN_INGLES = [
    "Changed by",
    "Change reason",
    ">Changes<",
    ">Created<",
    ">Changed<",
    "Access attempts",
    "Access logs",
    "Access failures",
    ">Axes<",
    ">Object<",
    ">Comment<",
]


def _sin_ingles(html: str):
    return [texto for texto in TEXTOS_EN_INGLES if texto in html]


@pytest.mark.django_db
def test_historial_de_un_registro_en_espanol(client, superusuario, sujeto_obligado):
    sujeto_obligado.siglas = "SP"
    guardar(sujeto_obligado, actor=superusuario, motivo="Siglas oficiales")
    client.force_login(superusuario)
    respuesta = client.get(
        f"/admin/cocreacion/sujetoobligado/{sujeto_obligado.pk}/history/", HTTP_HOST="127.0.0.1"
    )
    html = respuesta.content.decode()
    assert respuesta.status_code == 200
    assert _sin_ingles(html) == []
    for texto in [
        "Cambiado por",
        "Motivo del cambio",
        "Siglas oficiales",
        "Alta",
        "Cambio",
        "Movimiento",
        "Registro",
    ]:
        assert texto in html, texto


@pytest.mark.django_db
def test_bloqueo_de_accesos_en_espanol(client, superusuario):
    client.force_login(superusuario)
    indice = client.get("/admin/", HTTP_HOST="127.0.0.1").content.decode()
    registros = client.get("/admin/axes/accesslog/", HTTP_HOST="127.0.0.1").content.decode()
    assert _sin_ingles(indice) == [] and _sin_ingles(registros) == []
    assert "Bloqueo de accesos" in indice and "Intentos de acceso" in indice
    assert "Registros de acceso" in registros and "Dirección IP" in registros


@pytest.mark.django_db
def test_busqueda_acciones_e_historial_del_admin_sin_errores_del_catalogo(
    client, superusuario, sujeto_obligado, otro_sujeto_obligado
):
    client.force_login(superusuario)
    html = client.get(
        "/admin/cocreacion/sujetoobligado/", {"q": sujeto_obligado.nombre}, HTTP_HOST="127.0.0.1"
    ).content.decode()
    assert "1 resultado (" in html and "1 results" not in html
    assert "2 en total" in html and "/as" not in html
    ficha = client.get(
        f"/admin/cocreacion/sujetoobligado/{sujeto_obligado.pk}/change/", HTTP_HOST="127.0.0.1"
    ).content.decode()
    assert ">Historial<" in ficha and ">Historia<" not in ficha


@pytest.mark.django_db
def test_admin_del_segundo_factor_en_espanol(client, superusuario, usuario_personal):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    # El dispositivo es de otra persona: quien tiene uno debe verificarlo para entrar.
    dispositivo = TOTPDevice.objects.create(user=usuario_personal, name="Teléfono")
    client.force_login(superusuario)
    lista = client.get("/admin/otp_totp/totpdevice/", HTTP_HOST="127.0.0.1").content.decode()
    ficha = client.get(
        f"/admin/otp_totp/totpdevice/{dispositivo.pk}/change/", HTTP_HOST="127.0.0.1"
    ).content.decode()
    for html in (lista, ficha):
        for ingles in (">Name<", "Drift", "Throttling", "Created at", "Last used at", ">Key<"):
            assert ingles not in html, ingles
    assert "Desfase" in ficha and "Límite de intentos" in ficha and "Nombre" in ficha
    assert "Teléfono" in lista


def test_el_javascript_del_admin_cuenta_la_seleccion_sin_diagonales(client, superusuario):
    """El contador de las acciones («3 de 10 seleccionados») viene del catálogo JavaScript;
    el de Django para es-MX dice «seleccionados/as» y el del proyecto lo corrige."""
    client.force_login(superusuario)
    catalogo = client.get("/admin/jsi18n/").content.decode()
    assert "%(sel)s de %(cnt)s seleccionados" in catalogo
    assert "seleccionados/as" not in catalogo and "seleccionado/a" not in catalogo
