# ruff: noqa: F811
"""Texto no confiable guardado en la base sale escapado en cada salida del portal.

Un título o una descripción capturados por un enlace o importados de un archivo pueden traer
HTML o fórmulas. Se comprueba cada tipo de salida con el mismo registro hostil: páginas,
canales Atom (incluido el resumen, que los lectores interpretan como HTML), administración e
historial, PDF (el texto aparece literal, no interpretado) y exportaciones (fórmulas
neutralizadas).
"""

import csv
import io
import xml.etree.ElementTree as ET

import pypdf
import pytest

from cocreacion.comun.historial import guardar
from tests.cocreacion.test_listados_apoyo import (  # noqa: F401
    abierto,
    crear_periodo,
    elementos,
    enlace,
    listado,
    llevar_a,
    periodo,
)

from .conftest import INYECTADAS, SCRIPT

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
IMAGEN = "<img src=x onerror=alerta_xss_9f3()>"
FORMULA = '=HYPERLINK("http://malo.example","clic")'


def _sin_inyeccion(html: str, donde: str):
    for fragmento in INYECTADAS:
        assert fragmento not in html, (donde, fragmento)


def _texto_pdf(datos: bytes) -> str:
    return "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(datos)).pages)


@pytest.fixture
def hostil(portal, usuario_coordinacion):
    """El compromiso y una línea del programa con títulos hostiles, editados por servicios."""
    from stgao.services import compromiso_guardar

    compromiso = portal["compromiso"]
    compromiso.titulo = f"{FORMULA} {SCRIPT}"
    compromiso_guardar(compromiso=compromiso, actor=usuario_coordinacion)
    linea = portal["programa"].objetivos.get(numero=1).estrategias.get(numero=1).lineas.first()
    linea.texto = f"{IMAGEN} línea hostil"
    guardar(linea, actor=usuario_coordinacion)
    return {**portal, "linea": linea}


def test_paginas_publicas_escapan(client, hostil):
    for url in [
        hostil["compromiso"].get_absolute_url(),
        "/compromisos/",
        f"{hostil['compromiso'].get_absolute_url()}historial/",
        "/programa/2021/",
        hostil["linea"].get_absolute_url(),
        "/cambios/",
        "/buscar/?q=hostil",
    ]:
        respuesta = client.get(url)
        assert respuesta.status_code == 200, url
        _sin_inyeccion(respuesta.content.decode(), url)
    assert "&lt;script&gt;alerta_xss_9f3()" in client.get("/cambios/").content.decode()


def test_canales_atom_escapan_titulo_y_resumen(client, hostil):
    """El resumen va como ``type="html"``: el texto debe llegar escapado dos veces."""
    for url in ["/cambios.atom", f"{hostil['compromiso'].get_absolute_url()}cambios.atom"]:
        respuesta = client.get(url)
        assert respuesta.status_code == 200
        raiz = ET.fromstring(respuesta.content)  # XML bien formado pese al contenido
        entradas = raiz.findall(f"{ATOM}entry")
        titulos = [e.findtext(f"{ATOM}title") for e in entradas]
        assert any(SCRIPT in t for t in titulos), titulos  # texto plano: se lee tal cual
        for entrada in entradas:
            resumen = entrada.find(f"{ATOM}summary")
            if resumen is None:
                continue
            assert resumen.get("type") == "html"
            # Lo que el lector interpretará como HTML no contiene etiquetas vivas.
            _sin_inyeccion(resumen.text or "", url)
        resumenes = " ".join(e.findtext(f"{ATOM}summary") or "" for e in entradas)
        assert "&lt;script&gt;alerta_xss_9f3()" in resumenes


def test_administracion_e_historial_escapan(client, hostil, superusuario):
    client.force_login(superusuario)
    compromiso = hostil["compromiso"]
    for url in [
        "/admin/stgao/compromiso/",
        f"/admin/stgao/compromiso/{compromiso.pk}/change/",
        f"/admin/stgao/compromiso/{compromiso.pk}/history/",
        "/admin/oela/lineaaccion/",
        f"/admin/oela/lineaaccion/{hostil['linea'].pk}/change/",
    ]:
        respuesta = client.get(url)
        assert respuesta.status_code == 200, url
        _sin_inyeccion(respuesta.content.decode(), url)


def test_pdf_muestra_el_texto_literal(client, hostil):
    texto = _texto_pdf(client.get("/programa/2021/documento.pdf").content)
    # WeasyPrint recibió el texto escapado: se imprime la etiqueta, no se interpreta.
    assert "<img src=x onerror=alerta_xss_9f3()>" in texto.replace("\n", " ")


def test_pdf_del_dictamen_muestra_el_texto_literal(
    client, listado, enlace, usuario_personal, usuario_coordinacion
):
    elementos(listado, 2, prefijo=SCRIPT)
    dictamen = llevar_a(
        listado,
        "aprobado",
        enlace=enlace,
        analista=usuario_personal,
        aprobador=usuario_coordinacion,
    )
    texto = _texto_pdf(client.get(dictamen.get_pdf_url()).content).replace("\n", " ")
    assert "<script>alerta_xss_9f3()</script> número 1" in texto


def test_exportaciones_neutralizan_formulas(client, hostil):
    respuesta = client.get("/datos/compromisos.csv")
    cuerpo = b"".join(respuesta.streaming_content).decode("utf-8-sig")
    celdas = [c for fila in csv.reader(io.StringIO(cuerpo)) for c in fila]
    titulo = next(c for c in celdas if "alerta_xss_9f3" in c)
    assert not titulo.startswith(("=", "+", "-", "@"))
    # El HTML viaja como dato (no es una página): intacto, salvo la neutralización.
    assert SCRIPT in titulo and FORMULA in titulo
