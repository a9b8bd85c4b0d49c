# ruff: noqa: F811
"""La máquina de estados de los listados es una sola tabla, y todo camino la obedece."""

import pytest

from cocreacion.listados import services as servicios
from cocreacion.listados.services import EN_ESTADO, TRANSICIONES, TransicionInvalida
from cocreacion.models import EstadoListado, Listado
from tests.cocreacion.test_listados_apoyo import (  # noqa: F401
    abierto,
    crear_periodo,
    elementos,
    enlace,
    listado,
    periodo,
)

pytestmark = pytest.mark.django_db

CON_SERVICIO = [t for t in TRANSICIONES if t.servicio is not None]


def test_la_tabla_solo_nombra_estados_que_existen_y_los_alcanza_todos():
    validos = set(EstadoListado.values)
    alcanzables = {EstadoListado.BORRADOR, EstadoListado.NO_PRESENTADO}  # inicial y al cerrar
    for paso in TRANSICIONES:
        assert set(paso.origenes) <= validos and paso.destino in validos, paso.codigo
        alcanzables.add(paso.destino)
    for estados, _accion in EN_ESTADO.values():
        assert set(estados) <= validos
    assert alcanzables == validos
    assert len({t.codigo for t in TRANSICIONES}) == len(TRANSICIONES)


@pytest.mark.parametrize("paso", CON_SERVICIO, ids=lambda t: t.codigo)
def test_ningun_servicio_sale_de_un_estado_que_la_tabla_no_permite(
    paso, listado, usuario_coordinacion
):
    ajenos = [e for e in EstadoListado.values if e not in paso.origenes]
    for estado in ajenos:
        Listado.objects.filter(pk=listado.pk).update(estado=estado)
        listado.refresh_from_db()
        with pytest.raises(TransicionInvalida, match="sólo se permite desde"):
            servicios.ejecutar_transicion(
                paso.codigo, listado=listado, actor=usuario_coordinacion, motivo="Motivo"
            )
        listado.refresh_from_db()
        assert listado.estado == estado


@pytest.mark.parametrize("paso", CON_SERVICIO, ids=lambda t: t.codigo)
def test_los_botones_del_admin_son_los_de_la_tabla(paso, listado, usuario_coordinacion):
    for estado in EstadoListado.values:
        Listado.objects.filter(pk=listado.pk).update(estado=estado)
        listado.refresh_from_db()
        ofrecidos = servicios.transiciones_disponibles(listado, usuario_coordinacion)
        assert (paso in ofrecidos) == (
            estado in paso.origenes and paso.permiso(usuario_coordinacion, listado)
        )


def test_aprobar_no_se_despacha_sin_los_datos_de_la_sesion(listado, usuario_coordinacion):
    with pytest.raises(TransicionInvalida, match="desconocida"):
        servicios.ejecutar_transicion("aprobar", listado=listado, actor=usuario_coordinacion)
    with pytest.raises(TransicionInvalida, match="desconocida"):
        servicios.ejecutar_transicion("inventada", listado=listado, actor=usuario_coordinacion)
