"""Historial público: página /cambios/, canales Atom y conjunto de datos «cambios»."""

import csv
import io
import json
import xml.etree.ElementTree as ET
from urllib.parse import urlencode

import pytest

from cocreacion.comun.historial import guardar
from cocreacion.models import SujetoObligado
from cocreacion.portal.cambios import cambios_recientes

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def sujeto_con_historia(db, usuario_personal):
    sujeto = SujetoObligado(
        nombre="Secretaría de las Culturas", tipo="poder_ejecutivo", orden="estatal"
    )
    guardar(sujeto, actor=usuario_personal)
    sujeto.siglas = "SECULTA"
    guardar(sujeto, actor=usuario_personal)
    sujeto.nombre = "Secretaría de las Culturas y Artes"
    guardar(sujeto, actor=usuario_personal)
    return sujeto


def test_cambios_con_campos_publicos_y_sin_datos_de_personal(client, sujeto_con_historia):
    cambios = cambios_recientes(limite=10)
    assert [c.accion for c in cambios] == ["~", "~", "+"]
    assert cambios[0].campos == [
        ("nombre legal", "Secretaría de las Culturas", "Secretaría de las Culturas y Artes")
    ]
    contenido = client.get("/cambios/").content.decode()
    assert "SECULTA" in contenido
    assert "analista" not in contenido.lower()


def test_registro_inactivo_no_aparece(client, sujeto_con_historia):
    SujetoObligado.objects.filter(pk=sujeto_con_historia.pk).update(activo=False)
    assert cambios_recientes(limite=10) == []


def test_canal_atom_valido_del_sitio_y_del_sujeto(client, institucion, sujeto_con_historia):
    for url in ["/cambios.atom", f"/sujetos-obligados/{sujeto_con_historia.slug}/cambios.atom"]:
        respuesta = client.get(url)
        assert respuesta.status_code == 200
        assert respuesta["Content-Type"].startswith("application/atom+xml")
        raiz = ET.fromstring(respuesta.content)
        assert raiz.tag == f"{ATOM}feed"
        for requerido in ["id", "title", "updated"]:
            assert raiz.find(f"{ATOM}{requerido}") is not None
        entradas = raiz.findall(f"{ATOM}entry")
        assert len(entradas) == 3
        for entrada in entradas:
            for requerido in ["id", "title", "updated", "link"]:
                assert entrada.find(f"{ATOM}{requerido}") is not None


def test_canal_escapa_contenido_hostil(client, institucion, usuario_personal):
    sujeto = SujetoObligado(nombre="<script>alert(1)</script>", tipo="persona", orden="estatal")
    guardar(sujeto, actor=usuario_personal)
    contenido = client.get("/cambios.atom").content.decode()
    assert "<script>" not in contenido
    assert "&lt;script&gt;" in contenido


def test_conjunto_cambios_conserva_versiones_anteriores(client, sujeto_con_historia):
    respuesta = client.get("/datos/cambios.csv")
    texto = b"".join(respuesta.streaming_content).decode("utf-8-sig")
    filas = list(csv.DictReader(io.StringIO(texto)))
    del_sujeto = [f for f in filas if f["registro_id"] == str(sujeto_con_historia.pk)]
    assert len(del_sujeto) == 3
    nombres = [json.loads(f["campos"])["nombre"] for f in del_sujeto]
    assert nombres == [
        "Secretaría de las Culturas",
        "Secretaría de las Culturas",
        "Secretaría de las Culturas y Artes",
    ]


def test_cada_pagina_anuncia_sus_canales(client, institucion, sujeto_con_historia):
    """Los lectores de noticias descubren el canal del sitio y el del registro que se mira."""
    sitio = '<link rel="alternate" type="application/atom+xml" title="Cambios en Cocreación Oaxaca"'
    assert sitio in client.get("/").content.decode()
    ficha = client.get(f"/sujetos-obligados/{sujeto_con_historia.slug}/").content.decode()
    propio = f"/sujetos-obligados/{sujeto_con_historia.slug}/cambios.atom"
    assert sitio in ficha
    titulo = f"Cambios de {sujeto_con_historia.nombre}"
    assert f'type="application/atom+xml" title="{titulo}" href="{propio}"' in ficha
    assert f'<a href="{propio}" type="application/atom+xml">' in ficha
    assert client.get(propio).status_code == 200


def test_cambios_paginados_por_cursor_sin_repetir_ni_perder(client, usuario_personal):
    from cocreacion.portal import views as views_cambios

    sujetos = []
    for i in range(7):
        sujeto = SujetoObligado(nombre=f"Sujeto {i}", tipo="municipio", orden="municipal")
        guardar(sujeto, actor=usuario_personal)
        sujetos.append(sujeto)
    todos = [(c.clave, c.version_id) for c in cambios_recientes(limite=100)]
    assert len(todos) == 7
    vistos, direccion, paginas = [], "/cambios/", 0
    original = views_cambios.LIMITE
    views_cambios.LIMITE = 3
    try:
        while direccion and paginas < 10:
            respuesta = client.get(direccion)
            assert respuesta.status_code == 200
            vistos += [(c.clave, c.version_id) for c in respuesta.context["cambios"]]
            siguiente = respuesta.context["cursor_siguiente"]
            direccion = f"/cambios/?{urlencode({'antes': siguiente})}" if siguiente else ""
            paginas += 1
    finally:
        views_cambios.LIMITE = original
    assert vistos == todos
    assert paginas == 3
    assert "Volver a los más recientes" in respuesta.content.decode()


@pytest.mark.parametrize("cursor", ["x", "2026-01-01~1", "2026-01-01T00:00:00~1~sujetos", "a~b~c"])
def test_cursor_de_cambios_invalido_muestra_los_mas_recientes(db, client, cursor):
    respuesta = client.get("/cambios/", {"antes": cursor})
    assert respuesta.status_code == 200
    assert respuesta.context["es_primera_pagina"]
