"""El órgano garante en el tiempo: cada fecha tiene su institución, el sitio nombra a la de hoy
y los periodos no se enciman. También las organizaciones con su página y sus datos."""

import csv
import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError

from cocreacion.models import Institucion

pytestmark = pytest.mark.django_db

IAIP = "Instituto de Acceso a la Información Pública y Protección de Datos Personales del Estado de Oaxaca"  # noqa: E501
OGAIPO = "OGAIPO"
ITPO = "Instituto de Transparencia para el Pueblo de Oaxaca"


def _csv(client, url: str) -> str:
    return b"".join(client.get(url).streaming_content).decode("utf-8-sig")


def test_cada_fecha_tiene_su_institucion(institucion):
    en = Institucion.objects.vigente_en
    assert en(dt.date(2021, 1, 1)).nombre == IAIP
    assert en(dt.date(2021, 6, 2)).nombre == IAIP
    assert en(dt.date(2021, 6, 3)).siglas == OGAIPO
    assert en(dt.date(2026, 1, 31)).siglas == OGAIPO
    assert en(dt.date(2026, 2, 1)).nombre == ITPO
    assert en(dt.date(2030, 1, 1)).nombre == ITPO
    assert institucion.nombre == ITPO, "la actual es la de hoy"


def test_lo_no_verificado_queda_vacio_y_se_dice(institucion):
    for registro in Institucion.objects.all():
        assert registro.fuente, registro
        assert registro.nota, registro
    iaip, ogaipo, itpo = Institucion.objects.en_el_tiempo()
    assert iaip.vigente_desde is None and "no verificad" in iaip.nota.lower()
    assert not itpo.siglas and not itpo.organo_aprobador and not itpo.domicilio
    assert not ogaipo.domicilio and not ogaipo.telefonos


def test_los_periodos_no_se_enciman(institucion):
    nueva = Institucion(nombre="Otra", siglas="OT", vigente_desde=dt.date(2025, 1, 1))
    with pytest.raises(ValidationError, match="se encima"):
        nueva.full_clean()
    al_reves = Institucion(
        nombre="Otra", vigente_desde=dt.date(2040, 1, 2), vigente_hasta=dt.date(2040, 1, 1)
    )
    with pytest.raises(ValidationError):
        al_reves.full_clean()


def test_sin_registros_usa_los_datos_de_la_semilla(db):
    assert Institucion.objects.actual().siglas == "IAIP Oaxaca"


def test_el_sitio_nombra_a_la_actual_y_los_cambios_muestran_la_sucesion(client, institucion):
    inicio = client.get("/").content.decode()
    assert ITPO in inicio
    cambios = client.get("/cambios/").content.decode()
    assert "Cuándo cambió el órgano garante" in cambios
    for nombre in (IAIP, OGAIPO, ITPO):
        assert nombre in cambios
    assert "3 de junio de 2021" in cambios and "1 de febrero de 2026" in cambios
    assert "fecha de inicio no verificada" in cambios


def test_el_organo_garante_es_un_conjunto_de_datos(client, institucion):
    filas = list(csv.DictReader(io.StringIO(_csv(client, "/datos/organo-garante.csv"))))
    assert [f["vigente_desde"] for f in filas] == ["", "2021-06-03", "2026-02-01"]
    assert all(f["fuente"] for f in filas)


def test_organizaciones_con_pagina_y_datos(client, catalogos):
    from cocreacion.models import Organizacion

    pagina = client.get("/organizaciones/").content.decode()
    assert "GovLab" in pagina and "Codeando México" in pagina
    filas = list(csv.DictReader(io.StringIO(_csv(client, "/datos/organizaciones.csv"))))
    assert len(filas) == Organizacion.objects.count() > 0
    paquete = client.get("/datos/datapackage.json").json()
    assert {"organizaciones", "organo-garante", "alineacion-normativa"} <= {
        r["name"] for r in paquete["resources"]
    }


def test_la_lectura_de_la_dga_del_compromiso_oaxaca_se_marca(client, catalogos):
    from django.core.management import call_command

    call_command("cargar_plan_accion", "stgao_compromiso_oaxaca.json", verbosity=0)
    marca = "interpretación de la DGA"
    detalle = client.get("/compromisos/presupuesto-ciudadano-2018/").content.decode()
    assert detalle.count(marca) >= 3  # periodo del plan, tema y valores
    assert "no da tema ni valores" in detalle
    lista = client.get("/compromisos/").content.decode()
    assert marca in lista
    filas = list(csv.DictReader(io.StringIO(_csv(client, "/datos/compromisos.csv"))))
    assert filas[0]["origen_tema_y_valores"] == marca
    assert filas[0]["origen_plan_periodo_y_estado"] == marca
    assert filas[0]["plan_periodo"] == "2018"
