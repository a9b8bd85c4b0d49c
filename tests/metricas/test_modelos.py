"""Derivaciones: T, P e IGA a partir de los subíndices, y subíndices a partir de componentes."""

from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError

from cocreacion.models import SujetoObligado
from metricas.models import Banda, Componente, Resultado
from metricas.models.ediciones import banda_de, validar_pesos
from metricas.models.resultados import cuadrante
from metricas.services import resultado_guardar

pytestmark = pytest.mark.django_db


def test_deriva_t_p_e_iga_de_la_fila_de_la_secretaria_de_seguridad(edicion, sujeto_obligado):
    # Fila real de BSO.csv: TG .7342, TC .7667, PG .6, PC .8487 → T .7505, P .7243, GA .7374
    r = Resultado(edicion=edicion, sujeto_obligado=sujeto_obligado)
    r.tg, r.tc, r.pg, r.pc = D("0.7342"), D("0.7667"), D("0.6"), D("0.8487")
    resultado_guardar(resultado=r, actor=None)
    r.refresh_from_db()
    assert r.t == D("0.750450")  # (0.7342 + 0.7667) / 2 a mano
    assert r.p == D("0.724350")  # (0.6 + 0.8487) / 2
    assert r.iga == D("0.737400")  # (0.75045 + 0.72435) / 2
    assert r.history.count() == 1


def test_fila_en_ceros_y_fila_con_valores_maximos(edicion, sujeto_obligado, otro_sujeto_obligado):
    cero = Resultado(edicion=edicion, sujeto_obligado=sujeto_obligado, tg=0, tc=0, pg=0, pc=0)
    uno = Resultado(edicion=edicion, sujeto_obligado=otro_sujeto_obligado, tg=1, tc=1, pg=1, pc=1)
    resultado_guardar(resultado=cero, actor=None)
    resultado_guardar(resultado=uno, actor=None)
    assert (cero.t, cero.p, cero.iga) == (0, 0, 0)
    assert (uno.t, uno.p, uno.iga) == (1, 1, 1)


def test_los_derivados_no_se_capturan_a_mano(edicion, sujeto_obligado):
    r = Resultado(edicion=edicion, sujeto_obligado=sujeto_obligado, tg=D("0.2"), tc=D("0.4"))
    r.pg, r.pc = D("0.1"), D("0.3")
    r.iga = D("0.99")  # se ignora: se recalcula al guardar
    r.save()
    r.refresh_from_db()
    assert r.iga == D("0.250000")
    assert not Resultado._meta.get_field("iga").editable


@pytest.mark.parametrize("valor", [D("-0.01"), D("1.0001")])
def test_valores_fuera_de_cero_a_uno_se_rechazan(edicion, sujeto_obligado, valor):
    r = Resultado(edicion=edicion, sujeto_obligado=sujeto_obligado, tg=valor, tc=0, pg=0, pc=0)
    with pytest.raises(ValidationError) as exc:
        resultado_guardar(resultado=r, actor=None)
    assert "tg" in exc.value.message_dict
    assert not Resultado.objects.exists()


def test_un_sujeto_no_se_repite_en_la_misma_edicion(edicion, sujeto_obligado):
    Resultado.objects.create(
        edicion=edicion, sujeto_obligado=sujeto_obligado, tg=0, tc=0, pg=0, pc=0
    )
    otro = Resultado(edicion=edicion, sujeto_obligado=sujeto_obligado, tg=1, tc=1, pg=1, pc=1)
    with pytest.raises(ValidationError, match="ya tiene un resultado"):
        resultado_guardar(resultado=otro, actor=None)


def test_subindices_derivados_de_componentes_con_los_pesos_de_2017(edicion, sujeto_obligado):
    # TG = .5·AI + .2·TR + .2·TP + .1·DA = .5·.8 + .2·.5 + .2·.25 + .1·1 = .65
    # PC = .2·MC + .3·AR + .3·AC + .2·CE = .2·1 + .3·.5 + .3·0 + .2·.5 = .45
    r = Resultado(edicion=edicion, sujeto_obligado=sujeto_obligado, tc=D("0.5"), pg=D("0.1"))
    r.tg, r.pc = D("0"), D("0")  # se sustituyen por los derivados
    resultado_guardar(
        resultado=r,
        actor=None,
        valores_componentes={
            "acceso-informacion": D("0.8"),
            "transparencia-reactiva": D("0.5"),
            "transparencia-proactiva": D("0.25"),
            "datos-abiertos": D("1"),
            "metodo-contacto": D("1"),
            "acuse-recepcion": D("0.5"),
            "activacion": D("0"),
            "celeridad-participacion": D("0.5"),
        },
    )
    r.refresh_from_db()
    assert r.tg == D("0.650000")
    assert r.pc == D("0.450000")
    assert r.t == D("0.575000")  # (0.65 + 0.5) / 2
    assert r.p == D("0.275000")  # (0.1 + 0.45) / 2
    assert r.iga == D("0.425000")
    assert r.componentes.count() == 8


def test_componente_desconocido_se_rechaza(edicion, sujeto_obligado):
    r = Resultado(edicion=edicion, sujeto_obligado=sujeto_obligado, tg=0, tc=0, pg=0, pc=0)
    with pytest.raises(ValidationError, match="no existen"):
        resultado_guardar(resultado=r, actor=None, valores_componentes={"inventado": 1})


def test_pesos_de_2017_suman_uno_y_un_peso_malo_se_rechaza(edicion):
    componentes = list(edicion.componentes.all())
    assert len(componentes) == 17
    validar_pesos(componentes)
    componentes[0].peso = D("0.6")
    with pytest.raises(ValidationError, match="deben sumar 1"):
        validar_pesos(componentes)
    assert Componente.objects.filter(edicion=edicion, subindice="tg").count() == 4


def test_bandas_y_cuadrantes_son_datos_de_la_edicion(edicion):
    bandas = list(Banda.objects.filter(edicion=edicion))
    assert banda_de(D("0.6"), bandas).nombre == "No aprobatorio"
    assert banda_de(D("0.61"), bandas).nombre == "Aprobatorio"
    assert banda_de(D("0.81"), bandas).nombre == "Satisfactorio"
    assert banda_de(D("0"), bandas).nombre == "No aprobatorio"
    assert "Alta transparencia y baja" in cuadrante(D("0.5"), D("0.49"), edicion.umbral_cuadrantes)
    assert "Baja transparencia y alta" in cuadrante(D("0.1"), D("0.9"), edicion.umbral_cuadrantes)


def test_queryset_publicados_oculta_ediciones_no_publicadas(edicion, sujeto_obligado):
    Resultado.objects.create(
        edicion=edicion, sujeto_obligado=sujeto_obligado, tg=0, tc=0, pg=0, pc=0
    )
    assert Resultado.objects.publicados().count() == 1
    edicion.publicada = False
    edicion.save()
    assert Resultado.objects.publicados().count() == 0
    assert SujetoObligado.objects.count() == 1
