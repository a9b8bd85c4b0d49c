"""El admin habla español también donde las bibliotecas no traen catálogo (simple-history, axes)."""

import pytest

from cocreacion.historial import guardar

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
