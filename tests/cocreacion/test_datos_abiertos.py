"""Centro de datos abiertos: formatos, diccionario, neutralización de fórmulas y flujo."""

import csv
import io
import json

import pytest
from openpyxl import load_workbook

from cocreacion.comun.formulas import neutralizar
from cocreacion.models import SujetoObligado
from cocreacion.portal.datos_abiertos import conjuntos


def _contenido(respuesta) -> bytes:
    if respuesta.streaming:
        return b"".join(respuesta.streaming_content)
    return respuesta.content


@pytest.mark.parametrize(
    ("valor", "esperado"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+52 951", "'+52 951"),
        ("@SUMA(A1)", "'@SUMA(A1)"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "'\rcmd"),
        ("-1.5", "-1.5"),
        ("Texto normal", "Texto normal"),
        (3, 3),
    ],
)
def test_neutralizar_formulas(valor, esperado):
    assert neutralizar(valor) == esperado


@pytest.mark.django_db
def test_csv_utf8_con_encabezados_del_diccionario(client, catalogos):
    respuesta = client.get("/datos/sujetos-obligados.csv")
    assert respuesta.status_code == 200
    assert respuesta.streaming
    assert respuesta["Content-Type"] == "text/csv; charset=utf-8"
    texto = _contenido(respuesta).decode("utf-8-sig")
    filas = list(csv.DictReader(io.StringIO(texto)))
    assert len(filas) == SujetoObligado.objects.count() == 593
    xoxo = next(f for f in filas if f["nombre"] == "Santa Cruz Xoxocotlán")
    assert xoxo["tipo"] == "municipio"
    assert xoxo["municipio_clave"] == "20385"
    assert xoxo["activo"] in {"1", "True"}


@pytest.mark.django_db
def test_cada_conjunto_coincide_con_su_diccionario(client, catalogos):
    paquete = client.get("/datos/datapackage.json").json()
    assert paquete["licenses"][0]["name"].startswith("Creative Commons")
    # Publica la institución en funciones hoy, no la que firmó el programa 2021.
    assert paquete["publisher"]["name"] == "Instituto de Transparencia para el Pueblo de Oaxaca"
    por_nombre = {r["name"]: r for r in paquete["resources"]}
    assert set(por_nombre) == set(conjuntos())
    for nombre, recurso in por_nombre.items():
        texto = _contenido(client.get(f"/datos/{nombre}.csv")).decode("utf-8-sig")
        encabezados = next(csv.reader(io.StringIO(texto)))
        assert encabezados == [c["name"] for c in recurso["schema"]["fields"]], nombre
        assert all(c["description"] for c in recurso["schema"]["fields"])


@pytest.mark.django_db
def test_valores_permitidos_en_el_diccionario(client, catalogos):
    paquete = client.get("/datos/datapackage.json").json()
    sujetos = next(r for r in paquete["resources"] if r["name"] == "sujetos-obligados")
    tipo = next(c for c in sujetos["schema"]["fields"] if c["name"] == "tipo")
    assert "municipio" in tipo["constraints"]["enum"]


@pytest.mark.django_db
def test_formula_en_un_titulo_se_neutraliza_en_csv_y_xlsx(client):
    SujetoObligado.objects.create(
        nombre='=HYPERLINK("http://malo.example","clic")', tipo="persona", orden="estatal"
    )
    texto = _contenido(client.get("/datos/sujetos-obligados.csv")).decode("utf-8-sig")
    fila = list(csv.DictReader(io.StringIO(texto)))[0]
    assert fila["nombre"].startswith("'=")
    libro = load_workbook(io.BytesIO(_contenido(client.get("/datos/sujetos-obligados.xlsx"))))
    hoja = libro.active
    encabezados = [c.value for c in hoja[1]]
    celda = hoja.cell(row=2, column=encabezados.index("nombre") + 1)
    assert celda.value.startswith("'=")
    assert celda.data_type == "s"


@pytest.mark.django_db
def test_json_es_una_lista_de_registros(client, catalogos):
    datos = json.loads(_contenido(client.get("/datos/metas-ods.json")))
    assert len(datos) == 169
    meta = next(d for d in datos if d["clave"] == "16.10")
    assert meta["ods_numero"] == 16


@pytest.mark.django_db
def test_conjunto_o_formato_inexistente_da_404(client):
    assert client.get("/datos/no-existe.csv").status_code == 404
    assert client.get("/datos/municipios.exe").status_code == 404


@pytest.mark.django_db
def test_pagina_del_centro_muestra_diccionario_y_licencia(client, catalogos):
    contenido = client.get("/datos/").content.decode()
    assert "Diccionario de campos" in contenido
    assert "datapackage.json" in contenido
    assert "municipio_clave" in contenido
    assert "Creative Commons" in contenido
