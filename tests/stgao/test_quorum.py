"""Reglas del quórum y del equilibrio de la mesa."""

import datetime as dt

import pytest

from stgao.models import Asistencia
from stgao.reglas import calcular_quorum

from .conftest import momento

pytestmark = pytest.mark.django_db


def test_mas_de_la_mitad_de_asientos_titulares(crear_integrante, crear_sesion):
    titulares = [crear_integrante() for _ in range(4)]
    sesion = crear_sesion()
    for t in titulares[:2]:
        Asistencia.objects.create(sesion=sesion, integrante=t, estado="presente")
    q = sesion.quorum()
    assert (q.asientos, q.presentes, q.requeridos, q.hay_quorum) == (4, 2, 3, False)
    assert q.texto.startswith("No hay quórum: 2 de 4")
    Asistencia.objects.create(sesion=sesion, integrante=titulares[2], estado="presente")
    q = sesion.quorum()
    assert q.hay_quorum and q.texto.startswith("Hay quórum: 3 de 4")


def test_suplente_presente_cuenta_por_titular_ausente(crear_integrante, crear_sesion):
    a, b, c = crear_integrante(), crear_integrante(), crear_integrante()
    suplente_de_c = crear_integrante(suplente_de=c)
    sesion = crear_sesion()
    Asistencia.objects.create(sesion=sesion, integrante=a, estado="presente")
    Asistencia.objects.create(sesion=sesion, integrante=c, estado="ausente")
    assert not sesion.quorum().hay_quorum  # 1 de 3
    Asistencia.objects.create(sesion=sesion, integrante=suplente_de_c, estado="presente")
    q = sesion.quorum()
    assert (q.asientos, q.presentes, q.hay_quorum) == (3, 2, True)
    del b


def test_cada_asiento_cuenta_una_vez(crear_integrante, crear_sesion):
    a, b, c = crear_integrante(), crear_integrante(), crear_integrante()
    suplente_a = crear_integrante(suplente_de=a)
    sesion = crear_sesion()
    Asistencia.objects.create(sesion=sesion, integrante=a, estado="presente")
    Asistencia.objects.create(sesion=sesion, integrante=suplente_a, estado="presente")
    q = sesion.quorum()
    assert (q.asientos, q.presentes, q.hay_quorum) == (3, 1, False)
    del b, c


def test_representado_por_suplente_cuenta(crear_integrante, crear_sesion):
    a, b = crear_integrante(), crear_integrante()
    sesion = crear_sesion()
    Asistencia.objects.create(sesion=sesion, integrante=a, estado="representado")
    Asistencia.objects.create(sesion=sesion, integrante=b, estado="presente")
    assert sesion.quorum().presentes == 2


def test_quien_dejo_el_secretariado_antes_no_cuenta(crear_integrante, crear_sesion):
    sesion = crear_sesion(fecha=momento(2021, 6, 1))
    activos = [crear_integrante() for _ in range(2)]
    salio = crear_integrante(fecha_baja=dt.date(2021, 5, 1))
    sale_ese_dia = crear_integrante(fecha_baja=dt.date(2021, 6, 1))
    llega_despues = crear_integrante(fecha_alta=dt.date(2021, 7, 1))
    Asistencia.objects.create(sesion=sesion, integrante=activos[0], estado="presente")
    Asistencia.objects.create(sesion=sesion, integrante=activos[1], estado="presente")
    q = sesion.quorum()
    assert (q.asientos, q.presentes, q.hay_quorum) == (2, 2, True)
    # Una asistencia mal capturada de alguien que ya no integraba no suma.
    q2 = calcular_quorum(
        sesion.fecha,
        [*activos, salio, sale_ese_dia, llega_despues],
        [Asistencia(integrante=salio, estado="presente")],
    )
    assert (q2.asientos, q2.presentes) == (2, 0)


def test_invitados_no_tienen_asiento(crear_integrante, crear_sesion):
    a = crear_integrante()
    invitado = crear_integrante(rol="invitado_permanente", sector="agentes_locales")
    sesion = crear_sesion()
    Asistencia.objects.create(sesion=sesion, integrante=invitado, estado="presente")
    q = sesion.quorum()
    assert (q.asientos, q.presentes, q.hay_quorum) == (1, 0, False)
    del a


def test_asistencia_de_quien_no_integraba_se_rechaza(crear_integrante, crear_sesion):
    from django.core.exceptions import ValidationError

    sesion = crear_sesion(fecha=momento(2021, 6, 1))
    salio = crear_integrante(fecha_baja=dt.date(2021, 5, 1))
    with pytest.raises(ValidationError, match="no integraba"):
        Asistencia(sesion=sesion, integrante=salio).full_clean()


def test_balance_avisa_si_falta_un_poder_o_hay_desequilibrio(crear_integrante):
    from stgao.selectors import balance_en, integrantes_en

    crear_integrante(sector="poder_ejecutivo")
    crear_integrante(sector="sociedad_civil")
    crear_integrante(sector="academia")
    balance = balance_en(integrantes_en())
    assert balance.gobierno == 1 and balance.sociedad == 2
    assert any("Poder Legislativo" in a and "Poder Judicial" in a for a in balance.avisos)
    assert any("no está equilibrada" in a for a in balance.avisos)
    crear_integrante(sector="poder_legislativo")
    crear_integrante(sector="poder_judicial")
    crear_integrante(sector="agentes_locales")
    assert balance_en(integrantes_en()).avisos == []
