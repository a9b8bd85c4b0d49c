"""Publicar ediciones e indicadores de referencia es de la Coordinación, en el servicio y en
el admin: ni el personal DGA ni un POST forjado publican nada."""

import pytest
from django.core.exceptions import PermissionDenied

from metricas import services
from metricas.models import Edicion, IndicadorReferencia

pytestmark = pytest.mark.django_db


@pytest.fixture
def indicador(db):
    return IndicadorReferencia.objects.create(
        nombre="Índice de prueba", categoria="relacionado", autor="DGA", descripcion="Borrador"
    )


def test_un_indicador_nuevo_nace_sin_publicar(indicador):
    assert not indicador.publicado
    assert not IndicadorReferencia.objects.publicados().filter(pk=indicador.pk).exists()


def test_personal_dga_no_publica_indicadores_ni_ediciones_por_servicio(
    indicador, usuario_personal, usuario_coordinacion
):
    with pytest.raises(PermissionDenied):
        services.indicador_publicar(indicador=indicador, actor=usuario_personal)
    indicador.publicado = True
    with pytest.raises(PermissionDenied):
        services.indicador_guardar(indicador=indicador, actor=usuario_personal)
    nuevo = IndicadorReferencia(
        nombre="Publicado de origen", categoria="relacionado", autor="X", descripcion="Y",
        publicado=True,
    )  # fmt: skip
    with pytest.raises(PermissionDenied):
        services.indicador_guardar(indicador=nuevo, actor=usuario_personal)
    assert not IndicadorReferencia.objects.filter(publicado=True).exists()

    edicion = Edicion.objects.create(anio=2019, nombre="Métrica 2019", autores="INAI–CIDE")
    with pytest.raises(PermissionDenied):
        services.edicion_publicar(edicion=edicion, actor=usuario_personal)
    edicion.publicada = True
    with pytest.raises(PermissionDenied):
        services.edicion_guardar(edicion=edicion, actor=usuario_personal)
    assert not Edicion.objects.get(pk=edicion.pk).publicada

    services.indicador_publicar(indicador=indicador, actor=usuario_coordinacion)
    services.edicion_publicar(edicion=edicion, actor=usuario_coordinacion)
    assert IndicadorReferencia.objects.get(pk=indicador.pk).publicado
    assert Edicion.objects.get(pk=edicion.pk).publicada
    version = IndicadorReferencia.objects.get(pk=indicador.pk).history.first()
    assert version.history_user == usuario_coordinacion
    assert version.history_change_reason == "Publicación"


def test_personal_dga_captura_un_indicador_en_el_admin_sin_publicarlo(client, usuario_personal):
    client.force_login(usuario_personal)
    respuesta = client.post(
        "/admin/metricas/indicadorreferencia/add/",
        {
            "nombre": "Índice forjado",
            "categoria": "estrategico",
            "autor": "Alguien",
            "descripcion": "Texto",
            "orden": "0",
            "publicado": "on",
        },
    )
    assert respuesta.status_code == 302
    indicador = IndicadorReferencia.objects.get(nombre="Índice forjado")
    assert not indicador.publicado
    client.logout()
    html = client.get("/metricas/indicadores-de-referencia/").content.decode()
    assert "Índice forjado" not in html
