"""Dos personas editan el mismo registro: la segunda no pisa en silencio a la primera."""

import re

import pytest
from django.urls import reverse

from cocreacion.comun.historial import guardar


def _datos(sujeto, **cambios):
    datos = {
        "nombre": sujeto.nombre,
        "siglas": sujeto.siglas,
        "slug": sujeto.slug,
        "tipo": sujeto.tipo,
        "orden": sujeto.orden,
        "activo": "on",
    }
    datos.update(cambios)
    return datos


def _version_del_formulario(html: str) -> str:
    return re.search(r'name="_version_historial" value="(\d+)"', html).group(1)


@pytest.mark.django_db
def test_segundo_guardado_se_rechaza_mostrando_lo_que_cambio(
    client, usuario_personal, usuario_coordinacion, sujeto_obligado
):
    guardar(sujeto_obligado, actor=usuario_coordinacion)
    url = reverse("admin:cocreacion_sujetoobligado_change", args=[sujeto_obligado.pk])
    client.force_login(usuario_personal)
    version_abierta = _version_del_formulario(client.get(url).content.decode())

    # Mientras tanto, la coordinadora cambia las siglas.
    sujeto_obligado.siglas = "SEPRU"
    guardar(sujeto_obligado, actor=usuario_coordinacion)

    respuesta = client.post(
        url,
        _datos(
            sujeto_obligado, siglas="", nombre="Otro nombre", _version_historial=version_abierta
        ),
    )
    assert respuesta.status_code == 200
    contenido = respuesta.content.decode()
    assert "Mientras usted editaba, Coordinadora guardó este registro" in contenido
    assert "«» → «SEPRU»" in contenido
    sujeto_obligado.refresh_from_db()
    assert sujeto_obligado.nombre == "Secretaría de Prueba"
    assert sujeto_obligado.siglas == "SEPRU"

    # Con la versión nueva (el formulario ya la trae), guardar de nuevo sí procede.
    version_nueva = _version_del_formulario(contenido)
    respuesta = client.post(
        url, _datos(sujeto_obligado, nombre="Otro nombre", _version_historial=version_nueva)
    )
    assert respuesta.status_code == 302
    sujeto_obligado.refresh_from_db()
    assert sujeto_obligado.nombre == "Otro nombre"


@pytest.mark.django_db
def test_sin_cambios_intermedios_se_guarda(client, usuario_personal, sujeto_obligado):
    guardar(sujeto_obligado, actor=usuario_personal)
    url = reverse("admin:cocreacion_sujetoobligado_change", args=[sujeto_obligado.pk])
    client.force_login(usuario_personal)
    version = _version_del_formulario(client.get(url).content.decode())
    respuesta = client.post(url, _datos(sujeto_obligado, siglas="SP", _version_historial=version))
    assert respuesta.status_code == 302


@pytest.mark.django_db
def test_version_grande_no_se_formatea_con_separador_de_miles(
    client, usuario_personal, sujeto_obligado
):
    guardar(sujeto_obligado, actor=usuario_personal)
    historico = sujeto_obligado.history.model
    ultima = sujeto_obligado.history.first().history_id
    historico.objects.filter(history_id=ultima).update(history_id=1234567)
    url = reverse("admin:cocreacion_sujetoobligado_change", args=[sujeto_obligado.pk])
    client.force_login(usuario_personal)
    version = _version_del_formulario(client.get(url).content.decode())
    assert version == "1234567"
    respuesta = client.post(url, _datos(sujeto_obligado, siglas="SP", _version_historial=version))
    assert respuesta.status_code == 302
