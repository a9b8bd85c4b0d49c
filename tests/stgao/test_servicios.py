"""Reglas de escritura: numeración de acuerdos, avance y estado derivados, seguimiento."""

import datetime as dt
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from stgao import services
from stgao.models import Acuerdo, Compromiso, Hito

from .conftest import momento

pytestmark = pytest.mark.django_db


def test_clave_del_acuerdo_sale_de_la_sesion(crear_sesion, usuario_coordinacion):
    crear_sesion(fecha=momento(2021, 1, 20))
    crear_sesion(fecha=momento(2021, 2, 20))
    tercera = crear_sesion(fecha=momento(2021, 3, 20))
    assert tercera.clave == "SO-03/2021"
    primero = services.acuerdo_crear(sesion=tercera, texto="Uno", actor=usuario_coordinacion)
    segundo = services.acuerdo_crear(sesion=tercera, texto="Dos", actor=usuario_coordinacion)
    assert primero.clave == "STGAO/SO-03/2021/01"
    assert segundo.clave == "STGAO/SO-03/2021/02"
    extra = crear_sesion(fecha=momento(2021, 4, 2), tipo="extraordinaria")
    assert services.acuerdo_crear(sesion=extra, texto="X", actor=usuario_coordinacion).clave == (
        "STGAO/SE-01/2021/01"
    )
    assert segundo.history.first().history_user == usuario_coordinacion


def test_numero_de_sesion_reinicia_cada_anio(crear_sesion):
    crear_sesion(fecha=momento(2021, 11, 20))
    assert crear_sesion(fecha=momento(2022, 1, 20)).clave == "SO-01/2022"


def test_numeracion_reintenta_si_otra_persona_tomo_el_numero(crear_sesion, usuario_coordinacion):
    """Simula la carrera: la primera lectura del siguiente número ya está ocupada."""
    sesion = crear_sesion()
    services.acuerdo_crear(sesion=sesion, texto="Ya existe", actor=usuario_coordinacion)
    original = services._siguiente_numero_acuerdo
    llamadas = []

    def numero_obsoleto(s):
        llamadas.append(1)
        return 1 if len(llamadas) == 1 else original(s)

    with mock.patch.object(services, "_siguiente_numero_acuerdo", numero_obsoleto):
        acuerdo = services.acuerdo_crear(sesion=sesion, texto="Nuevo", actor=usuario_coordinacion)
    assert len(llamadas) == 2
    assert acuerdo.clave.endswith("/02")
    assert sorted(Acuerdo.objects.values_list("numero", flat=True)) == [1, 2]


def test_numero_duplicado_lo_impide_la_base(crear_sesion, usuario_coordinacion):
    sesion = crear_sesion()
    services.acuerdo_crear(sesion=sesion, texto="A", actor=usuario_coordinacion)
    with pytest.raises(IntegrityError):
        Acuerdo.objects.create(sesion=sesion, numero=1, clave="otra", texto="B")


def test_seguimiento_en_sesion_posterior_actualiza_estado(crear_sesion, usuario_coordinacion):
    s1 = crear_sesion(fecha=momento(2021, 1, 20))
    s2 = crear_sesion(fecha=momento(2021, 2, 20))
    acuerdo = services.acuerdo_crear(sesion=s1, texto="A", actor=usuario_coordinacion)
    services.seguimiento_registrar(
        acuerdo=acuerdo,
        sesion=s2,
        texto="Listo",
        estado_resultante="cumplido",
        actor=usuario_coordinacion,
    )
    acuerdo.refresh_from_db()
    assert acuerdo.estado == "cumplido"
    with pytest.raises(ValidationError, match="posterior"):
        services.seguimiento_registrar(
            acuerdo=acuerdo, sesion=s1, texto="Mismo día", actor=usuario_coordinacion
        )


def test_acuerdo_vencido(crear_sesion, usuario_coordinacion):
    sesion = crear_sesion()
    vencido = services.acuerdo_crear(
        sesion=sesion, texto="A", fecha_limite=dt.date(2021, 4, 1), actor=usuario_coordinacion
    )
    al_dia = services.acuerdo_crear(
        sesion=sesion, texto="B", fecha_limite=dt.date(2099, 1, 1), actor=usuario_coordinacion
    )
    assert vencido.esta_vencido() and not al_dia.esta_vencido()
    assert list(Acuerdo.objects.vencidos()) == [vencido]
    vencido.estado = "cumplido"
    assert not vencido.esta_vencido()


def _hito(compromiso, usuario, **datos):
    datos.setdefault("descripcion", "Hito")
    datos.setdefault("fecha_fin_planeada", dt.date(2030, 1, 1))
    return services.hito_guardar(hito=Hito(compromiso=compromiso, **datos), actor=usuario)


def _estado(compromiso):
    return Compromiso.objects.con_estado().get(pk=compromiso.pk).estado


def test_avance_ponderado_y_estado_derivado(crear_compromiso, usuario_coordinacion):
    compromiso = crear_compromiso()
    assert _estado(compromiso) == "sin_hitos"
    h1 = _hito(compromiso, usuario_coordinacion, peso=3)
    h2 = _hito(compromiso, usuario_coordinacion, peso=1)
    compromiso.refresh_from_db()
    assert compromiso.avance == 0 and _estado(compromiso) == "no_iniciado"
    h2.estado = "en_proceso"
    services.hito_guardar(hito=h2, actor=usuario_coordinacion)
    assert h2.fecha_inicio_real is not None
    assert _estado(compromiso) == "en_proceso"
    h1.estado = "completado"
    services.hito_guardar(hito=h1, actor=usuario_coordinacion)
    compromiso.refresh_from_db()
    assert compromiso.avance == 75
    assert h1.fecha_fin_real is not None
    h2.estado = "completado"
    services.hito_guardar(hito=h2, actor=usuario_coordinacion)
    compromiso.refresh_from_db()
    assert compromiso.avance == 100 and _estado(compromiso) == "concluido"


def test_hito_vencido_marca_compromiso_con_retraso(crear_compromiso, usuario_coordinacion):
    compromiso = crear_compromiso()
    _hito(
        compromiso,
        usuario_coordinacion,
        estado="completado",
        fecha_fin_planeada=dt.date(2020, 1, 1),
    )
    atrasado = _hito(compromiso, usuario_coordinacion, fecha_fin_planeada=dt.date(2021, 1, 1))
    assert atrasado.esta_atrasado()
    assert _estado(compromiso) == "atrasado"


def test_avance_no_se_escribe_a_mano(crear_compromiso, usuario_coordinacion):
    compromiso = crear_compromiso(hitos=2)
    assert Compromiso._meta.get_field("avance").editable is False
    compromiso.avance = 99
    services.compromiso_recalcular(compromiso=compromiso, actor=usuario_coordinacion)
    assert compromiso.avance == 0


def test_fechas_reales_coherentes(crear_compromiso, usuario_coordinacion):
    compromiso = crear_compromiso()
    with pytest.raises(ValidationError):
        _hito(compromiso, usuario_coordinacion, fecha_fin_real=dt.date(2021, 1, 1))
    with pytest.raises(ValidationError):
        _hito(
            compromiso,
            usuario_coordinacion,
            estado="completado",
            fecha_inicio_real=dt.date(2021, 5, 1),
            fecha_fin_real=dt.date(2021, 4, 1),
        )
    with pytest.raises(ValidationError, match="futuro"):
        _hito(
            compromiso,
            usuario_coordinacion,
            estado="en_proceso",
            fecha_inicio_real=dt.date(2099, 1, 1),
        )


def test_lider_queda_entre_responsables(crear_compromiso, sujeto_obligado):
    compromiso = crear_compromiso()
    assert list(compromiso.responsables.all()) == [sujeto_obligado]
    assert compromiso.slug and compromiso.numero == 1


def test_historial_con_autor(crear_compromiso, usuario_coordinacion):
    compromiso = crear_compromiso(hitos=1)
    hito = compromiso.hitos.get()
    hito.estado = "completado"
    services.hito_guardar(hito=hito, actor=usuario_coordinacion, motivo="Cumplido")
    ultima = hito.history.first()
    assert ultima.history_user == usuario_coordinacion
    assert ultima.history_change_reason == "Cumplido"
    assert compromiso.history.first().avance == 100


def test_recursos_de_datos_abiertos_sin_borradores_ni_notas(crear_compromiso):
    from stgao.resources import CompromisoResource, HitoResource

    publico = crear_compromiso("Público", hitos=2, notas_internas="Interno")
    crear_compromiso("Borrador", publicado=False, hitos=1)
    datos = CompromisoResource().export()
    assert datos["titulo"] == ["Público"]
    assert "notas_internas" not in datos.headers
    assert datos["responsables"] == [publico.lider.slug]
    assert len(HitoResource().export()) == 2
