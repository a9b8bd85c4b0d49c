# ruff: noqa: F811
"""Valores que terminan en direcciones: siglas del área, folios de dictamen y slugs.

El caso que tumbaba el portal: con «Siglas del área» = «D.G.A.», el siguiente dictamen aprobado
recibía el folio «D.G.A./DIP/2021-S1/0001», que no cabe en ``/interes-publico/dictamenes/<folio>/``;
desde entonces ``/``, la ficha del sujeto obligado y ``/sitemap.xml`` daban 500 para siempre.
"""

import logging
from datetime import date

import pytest
from django.core.exceptions import ValidationError

from cocreacion.comun.enlaces import folio_enlazable, validar_siglas_del_area
from cocreacion.listados import services as servicios
from cocreacion.models import Dictamen, Institucion, PeriodoListado
from stgao.models import Compromiso
from tests.cocreacion.test_listados_apoyo import (  # noqa: F401
    RUTAS,
    abierto,
    enlace,
    listado,
    llevar_a,
    periodo,
)
from tests.datos_abiertos.ayudas import mapa_del_sitio

pytestmark = [pytest.mark.django_db, pytest.mark.urls(RUTAS)]

FOLIO_MALO = "D.G.A./DIP/2021-S1/0001"


@pytest.mark.parametrize("siglas", ["D.G.A.", "DGA/DIP", "D G A", "DGÁ", "", "DGA-", "-DGA"])
def test_siglas_que_no_caben_en_un_folio_se_rechazan_con_el_campo(institucion, siglas):
    institucion.siglas_area = siglas
    with pytest.raises(ValidationError) as error:
        institucion.full_clean()
    mensajes = error.value.message_dict["siglas_area"]
    if siglas:
        assert any("Siglas del área" in m and "sin puntos" in m for m in mensajes), mensajes


@pytest.mark.parametrize("siglas", ["DGA", "DGAyPD", "DGA-OAX", "dga2"])
def test_siglas_validas(siglas):
    validar_siglas_del_area(siglas)
    assert folio_enlazable(f"{siglas}/DIP/2021-S1/0001")


def test_el_admin_de_la_institucion_muestra_el_error_y_no_guarda(client, institucion, superusuario):
    client.force_login(superusuario)
    url = f"/admin/cocreacion/institucion/{institucion.pk}/change/"
    formulario = client.get(url).context["adminform"].form
    datos = {k: v for k, v in formulario.initial.items() if v is not None and k != "logo"}
    datos["siglas_area"] = "D.G.A."
    respuesta = client.post(url, datos)
    assert respuesta.status_code == 200
    assert "Siglas del área «D.G.A.» no válidas" in respuesta.content.decode()
    institucion.refresh_from_db()
    assert institucion.siglas_area == "DGA"


@pytest.fixture
def dictaminado(listado, enlace, usuario_personal):
    return llevar_a(listado, "dictaminado", enlace=enlace, analista=usuario_personal)


def test_aprobar_con_siglas_viejas_no_enlazables_se_niega_sin_gastar_folio(
    dictaminado, institucion, usuario_coordinacion
):
    # Un registro capturado antes de la validación (no pasa por full_clean): el del órgano
    # garante vigente el día de la sesión que aprueba, que es el que le da su folio.
    vigente = Institucion.objects.vigente_en(date(2021, 9, 15))
    Institucion.objects.filter(pk=vigente.pk).update(siglas_area="D.G.A.")
    with pytest.raises(ValidationError, match="siglas del área «D.G.A.»"):
        servicios.dictamen_aprobar(
            dictamen=dictaminado,
            actor=usuario_coordinacion,
            sesion="Décima Sesión Ordinaria",
            fecha_sesion=date(2021, 9, 15),
            numero_acuerdo="CG/SO-10/2021/05",
        )
    dictaminado.refresh_from_db()
    assert dictaminado.folio is None and not dictaminado.aprobado
    assert PeriodoListado.objects.get().ultimo_folio == 0


@pytest.fixture
def folio_viejo_no_enlazable(listado, enlace, usuario_personal, usuario_coordinacion):
    """Un dictamen aprobado y publicado cuyo folio quedó guardado con las siglas «D.G.A.»."""
    dictamen = llevar_a(
        listado,
        "publicado",
        enlace=enlace,
        analista=usuario_personal,
        aprobador=usuario_coordinacion,
    )
    Dictamen.objects.filter(pk=dictamen.pk).update(folio=FOLIO_MALO)
    return Dictamen.objects.get(pk=dictamen.pk)


def test_un_folio_no_enlazable_no_tumba_ninguna_pagina(
    client, folio_viejo_no_enlazable, sujeto_obligado, caplog
):
    with caplog.at_level(logging.ERROR, logger="cocreacion.comun.enlaces"):
        for url in [
            "/",
            f"/sujetos-obligados/{sujeto_obligado.slug}/",
            "/sitemap.xml",
            "/sitemap-dictamenes.xml",
            "/interes-publico/",
            "/buscar/?q=DIP",
            "/cambios/",
        ]:
            respuesta = client.get(url)
            assert respuesta.status_code == 200, url
    # La ficha muestra el folio, sin liga.
    ficha = client.get(f"/sujetos-obligados/{sujeto_obligado.slug}/").content.decode()
    assert FOLIO_MALO in ficha
    assert f"/interes-publico/dictamenes/{FOLIO_MALO}" not in ficha
    assert "dictamenes/D.G.A." not in mapa_del_sitio(client)
    assert folio_viejo_no_enlazable.get_absolute_url() == ""
    assert folio_viejo_no_enlazable.get_pdf_url() == ""
    # Y queda registrado para que alguien lo corrija.
    assert any(FOLIO_MALO in r.getMessage() for r in caplog.records)


def test_slug_vacio_de_un_dato_viejo_no_lanza(sujeto_obligado, caplog):
    type(sujeto_obligado).objects.filter(pk=sujeto_obligado.pk).update(slug="")
    sujeto_obligado.refresh_from_db()
    with caplog.at_level(logging.ERROR, logger="cocreacion.comun.enlaces"):
        assert sujeto_obligado.get_absolute_url() == ""
        assert Compromiso(slug="").get_absolute_url() == ""
    assert len(caplog.records) == 2
