"""Vista previa de borradores: el personal ve la página con aviso; el resto, el 404 de siempre."""

import pytest
from django.contrib.auth import get_user_model

from oela.models import EstadoPrograma
from tests.oela.conftest import generar_programa

pytestmark = pytest.mark.django_db

AVISO = "Vista previa: este registro no es público"


@pytest.fixture
def borradores(crear_sesion, crear_compromiso):
    programa = generar_programa(2077, objetivos=1, estrategias=1, lineas=1, acciones=1)
    programa.estado = EstadoPrograma.BORRADOR
    programa.save()
    sesion = crear_sesion(publicada=False)
    compromiso = crear_compromiso(publicado=False)
    return [
        f"/programa/{programa.anio}/",
        f"/stgao/sesiones/{sesion.pk}/",
        compromiso.get_absolute_url(),
    ]


def test_anonimos_y_cuentas_sin_admin_reciben_404(client, borradores):
    for url in borradores:
        assert client.get(url).status_code == 404, url
    cualquiera = get_user_model().objects.create_user("vecina", password="x")  # noqa: S106
    client.force_login(cualquiera)
    for url in borradores:
        assert client.get(url).status_code == 404, url


def test_personal_ve_la_vista_previa_con_aviso_y_sin_cache(client, borradores, usuario_personal):
    client.force_login(usuario_personal)
    for url in borradores:
        respuesta = client.get(url)
        assert respuesta.status_code == 200, url
        assert AVISO in respuesta.content.decode(), url
        control = respuesta["Cache-Control"]
        assert "private" in control and "no-store" in control, url
    # Y quien sale de su sesión vuelve a recibir el 404 (nada quedó guardado para el público).
    client.logout()
    for url in borradores:
        assert client.get(url).status_code == 404, url


def test_lo_publico_no_lleva_aviso(client, crear_compromiso, usuario_personal):
    compromiso = crear_compromiso(publicado=True)
    client.force_login(usuario_personal)
    respuesta = client.get(compromiso.get_absolute_url())
    assert respuesta.status_code == 200 and AVISO not in respuesta.content.decode()
