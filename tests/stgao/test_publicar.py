"""Publicar o retirar sesiones, planes y compromisos es de la Coordinación: lo revisa el
servicio con la persona que actúa, y en el admin un POST forjado no publica nada."""

import pytest
from django.core.exceptions import PermissionDenied

from stgao import services
from stgao.models import Compromiso, PlanAccionLocal, Sesion

from .conftest import momento

pytestmark = pytest.mark.django_db


def test_personal_dga_no_publica_por_servicio(
    crear_compromiso, crear_sesion, usuario_personal, usuario_coordinacion
):
    compromiso = crear_compromiso("En borrador", publicado=False)
    with pytest.raises(PermissionDenied):
        services.compromiso_publicar(compromiso=compromiso, actor=usuario_personal)
    compromiso.publicado = True
    with pytest.raises(PermissionDenied):
        services.compromiso_guardar(compromiso=compromiso, actor=usuario_personal)
    assert not Compromiso.objects.get(pk=compromiso.pk).publicado

    plan = PlanAccionLocal(nombre="Nuevo", slug="nuevo", anio_inicio=2031, anio_fin=2031)
    plan.publicado = True
    with pytest.raises(PermissionDenied):
        services.plan_guardar(plan=plan, actor=usuario_personal)
    assert not PlanAccionLocal.objects.filter(slug="nuevo").exists()

    sesion = crear_sesion(fecha=momento(2021, 5, 1), publicada=False)
    sesion.publicada = True
    with pytest.raises(PermissionDenied):
        services.sesion_guardar(sesion=sesion, actor=usuario_personal)
    publicada = crear_sesion(fecha=momento(2021, 6, 1))
    publicada.publicada = False
    with pytest.raises(PermissionDenied):
        services.sesion_guardar(sesion=publicada, actor=usuario_personal)
    assert Sesion.objects.filter(publicada=True).count() == 1

    services.compromiso_publicar(compromiso=compromiso, actor=usuario_coordinacion)
    assert Compromiso.objects.get(pk=compromiso.pk).publicado
    # Capturar sin tocar la casilla sí puede.
    compromiso = Compromiso.objects.get(pk=compromiso.pk)
    compromiso.problema = "Problema mejor descrito."
    services.compromiso_guardar(compromiso=compromiso, actor=usuario_personal)


def test_personal_dga_no_publica_un_plan_con_post_forjado(client, usuario_personal):
    plan = PlanAccionLocal.objects.create(
        nombre="Plan en cocreación", slug="cocreacion", anio_inicio=2031, anio_fin=2032
    )
    client.force_login(usuario_personal)
    respuesta = client.post(
        f"/admin/stgao/planaccionlocal/{plan.pk}/change/",
        {
            "nombre": "Plan en cocreación",
            "slug": "cocreacion",
            "anio_inicio": "2031",
            "anio_fin": "2032",
            "estado": "cocreacion",
            "origen_periodo": "documento",
            "publicado": "on",
        },
    )
    assert respuesta.status_code == 302
    plan.refresh_from_db()
    assert not plan.publicado
