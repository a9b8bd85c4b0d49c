# ruff: noqa: F811 (los fixtures de informe_ayudas llegan por importación)
"""El informe de una consulta (página y PDF) y el canal Atom de sus propuestas."""

import datetime as dt
import io
import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from pypdf import PdfReader

from cocreacion.participacion import services
from cocreacion.participacion.models import PasoPropuesta, Propuesta
from cocreacion.participacion.pdf import informe_pdf
from cocreacion.participacion.selectors.informe import informe_de_consulta

from .informe_ayudas import CORREO_DE_PRUEBA, municipios, poblar  # noqa: F401

ATOM = "{http://www.w3.org/2005/Atom}"


def _texto_pdf(datos: bytes) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(datos)).pages)


def _consultas_de(client, url) -> int:
    with CaptureQueriesContext(connection) as capturadas:
        respuesta = client.get(url)
    assert respuesta.status_code == 200, (url, respuesta.status_code)
    return len(capturadas)


@pytest.mark.django_db
def test_el_informe_agrupa_por_tema_y_municipio_y_dice_que_paso(
    client,
    institucion,
    consulta,
    poblar,
):
    poblar(consulta, 8)
    respuesta = client.get(f"/participa/{consulta.slug}/informe/")
    assert respuesta.status_code == 200
    html = respuesta.content.decode()
    informe = respuesta.context["total"]
    assert informe.propuestas == 8
    assert informe.apoyos == 3
    assert informe.por_estado == {
        "recibida": 2,
        "en_analisis": 2,
        "incorporada": 2,
        "no_incorporada": 2,
    }
    temas = {g.etiqueta: g.propuestas for g in respuesta.context["por_tema"]}
    assert temas == {"Presupuesto y gasto público": 3, "Datos abiertos": 3, "Sin tema": 2}
    municipios_ = {g.etiqueta: g.propuestas for g in respuesta.context["por_municipio"]}
    assert municipios_ == {"Sin municipio": 3, "Oaxaca de Juárez": 2, "Santa Lucía": 3}
    # Qué pasó con cada una: respuesta pública y, si se incorporó, a qué, con su enlace.
    assert "Se incorpora la propuesta 2." in html
    assert "No se incorpora la propuesta 3: fuera de alcance." in html
    compromiso = Propuesta.objects.get(titulo="Propuesta 2").compromiso
    assert f'href="{compromiso.get_absolute_url()}"' in html
    # Las rechazadas sólo se cuentan por motivo; ni su texto ni las sin confirmar aparecen.
    assert "1 por «lenguaje ofensivo»" in html
    assert "Texto ofensivo" not in html and "Sin confirmar" not in html
    assert "Quien ofende" not in html and "Quien no confirma" not in html
    # Nunca correos; el nombre sólo de quien lo publicó.
    assert CORREO_DE_PRUEBA not in html and "@" not in respuesta.context["filas"][0].autoria
    assert "Persona 0" in html and "Persona 1" not in html
    assert f'href="/participa/{consulta.slug}/propuestas.atom"' in html
    assert f"/participa/{consulta.slug}/informe.pdf" in html


@pytest.mark.django_db
def test_la_consulta_enlaza_su_informe_y_su_canal(client, institucion, consulta):
    html = client.get(consulta.get_absolute_url()).content.decode()
    assert f'href="/participa/{consulta.slug}/informe/"' in html
    assert (
        f'<link rel="alternate" type="application/atom+xml" title="Propuestas de la consulta '
        f'«{consulta.titulo}»" href="/participa/{consulta.slug}/propuestas.atom">' in html
    )


@pytest.mark.django_db
def test_un_borrador_no_tiene_informe_ni_canal(client, institucion, crear_consulta):
    borrador = crear_consulta(slug="borrador", publicada=False)
    for ruta in ("informe/", "informe.pdf", "propuestas.atom"):
        assert client.get(f"/participa/{borrador.slug}/{ruta}").status_code == 404


@pytest.mark.django_db
def test_las_paginas_nuevas_hacen_las_mismas_consultas_con_1_y_con_20_propuestas(
    client,
    institucion,
    crear_consulta,
    poblar,
):
    chica, grande = crear_consulta(slug="chica"), crear_consulta(slug="grande")
    poblar(chica, 1, prefijo="c")
    poblar(grande, 20, prefijo="g")
    # La de una propuesta también tiene cada tipo de paso (incorporada, etc.) con la de 4.
    mediana = crear_consulta(slug="mediana")
    poblar(mediana, 4, prefijo="m")
    for ruta in ("informe/", "propuestas.atom", "informe/?corte=2026-01-01"):
        poca = _consultas_de(client, f"/participa/{mediana.slug}/{ruta}")
        mucha = _consultas_de(client, f"/participa/{grande.slug}/{ruta}")
        una = _consultas_de(client, f"/participa/{chica.slug}/{ruta}")
        assert una == poca == mucha, ruta
    # El selector del informe en sí: seis consultas, sin importar cuántas filas.
    for consulta in (chica, grande):
        with CaptureQueriesContext(connection) as capturadas:
            informe_de_consulta(consulta)
        assert len(capturadas) == 6


@pytest.mark.django_db
def test_el_informe_guarda_los_hechos_de_su_fecha(
    client, institucion, consulta, enviar, apoyar, usuario_personal
):
    propuesta = enviar(consulta, confirmar=True, nombre="Ana López", titulo="Datos de obra")
    propuesta = services.propuesta_publicar(propuesta=propuesta, actor=usuario_personal)
    ayer = timezone.localdate() - dt.timedelta(days=1)
    # Publicada y apoyada «ayer»; analizada hoy.
    Propuesta.objects.filter(pk=propuesta.pk).update(
        moderada_en=timezone.now() - dt.timedelta(days=1)
    )
    apoyo = apoyar(propuesta, "alguien@ejemplo.mx")
    type(apoyo).objects.filter(pk=apoyo.pk).update(
        confirmado_en=timezone.now() - dt.timedelta(days=1)
    )
    apoyar(propuesta, "otra@ejemplo.mx")
    services.propuesta_avanzar(
        propuesta=propuesta, codigo="analizar", respuesta="La analizamos.", actor=usuario_personal
    )
    de_ayer = informe_de_consulta(consulta, corte=ayer)
    assert [(f.estado, f.apoyos, f.respuesta) for f in de_ayer["filas"]] == [("recibida", 1, "")]
    de_hoy = informe_de_consulta(consulta)
    assert [(f.estado, f.apoyos) for f in de_hoy["filas"]] == [("en_analisis", 2)]
    antes = informe_de_consulta(consulta, corte=ayer - dt.timedelta(days=1))
    assert antes["filas"] == []
    # El paso de hoy no cambia el PDF de ayer: dice lo mismo y sale de la misma caché.
    pdf_ayer = informe_pdf(consulta, ayer)
    PasoPropuesta.objects.filter(propuesta=propuesta).update(respuesta="La analizamos mucho.")
    assert informe_pdf(consulta, ayer) == pdf_ayer
    # Una fecha mal escrita se explica; una futura vale como hoy.
    respuesta = client.get(f"/participa/{consulta.slug}/informe/?corte=ayer")
    assert respuesta.status_code == 400
    assert "AAAA-MM-DD" in respuesta.content.decode()
    assert client.get(f"/participa/{consulta.slug}/informe.pdf?corte=31-12-2026").status_code == 400
    futura = client.get(f"/participa/{consulta.slug}/informe/?corte=2999-01-01")
    assert futura.context["corte"] == timezone.localdate()


@pytest.mark.django_db
def test_el_pdf_del_informe_lleva_corte_temas_respuestas_y_ningun_correo(
    client,
    institucion,
    consulta,
    poblar,
    settings,
):
    settings.PDF_PREGENERAR = False
    poblar(consulta, 4)
    respuesta = client.get(f"/participa/{consulta.slug}/informe.pdf")
    assert respuesta.status_code == 200
    assert respuesta["Content-Type"] == "application/pdf"
    hoy = timezone.localdate()
    assert (
        f'filename="informe-{consulta.slug}-{hoy.isoformat()}.pdf"'
        in respuesta["Content-Disposition"]
    )
    texto = " ".join(_texto_pdf(respuesta.content).split())
    assert f"Informe de la consulta ciudadana «{consulta.titulo}»" in texto
    assert f"Corte al {hoy.day} de" in texto
    assert institucion.nombre.split()[0] in texto
    for esperado in (
        "Propuestas por tema",
        "Presupuesto y gasto público",
        "Propuestas por municipio",
        "Oaxaca de Juárez",
        "Se incorpora la propuesta 2.",
        "No se incorpora la propuesta 3: fuera de alcance.",
        "Persona 0",
        "lenguaje ofensivo: 1",
    ):
        assert esperado in texto, esperado
    for prohibido in (CORREO_DE_PRUEBA, "@", "Texto ofensivo", "Quien ofende", "Sin confirmar"):
        assert prohibido not in texto, prohibido
    # En caché: la segunda vez es el mismo documento; un apoyo nuevo lo cambia.
    assert client.get(f"/participa/{consulta.slug}/informe.pdf").content == respuesta.content
    propuesta = Propuesta.objects.publicadas().filter(consulta=consulta, estado="recibida").first()
    services.propuesta_avanzar(
        propuesta=propuesta,
        codigo="analizar",
        respuesta="Respuesta nueva del corte.",
        actor=propuesta.moderada_por,
    )
    nuevo = client.get(f"/participa/{consulta.slug}/informe.pdf").content
    assert nuevo != respuesta.content
    assert "Respuesta nueva del corte." in " ".join(_texto_pdf(nuevo).split())


@pytest.mark.django_db
def test_el_canal_atom_trae_publicaciones_y_respuestas_sin_datos_personales(
    client,
    institucion,
    consulta,
    poblar,
):
    poblar(consulta, 4)
    respuesta = client.get(f"/participa/{consulta.slug}/propuestas.atom")
    assert respuesta.status_code == 200
    assert respuesta["Content-Type"].startswith("application/atom+xml")
    raiz = ET.fromstring(respuesta.content)  # XML bien formado
    assert raiz.tag == f"{ATOM}feed"
    assert raiz.findtext(f"{ATOM}title") == f"Propuestas de la consulta «{consulta.titulo}»"
    assert raiz.find(f"{ATOM}id") is not None and raiz.find(f"{ATOM}updated") is not None
    entradas = raiz.findall(f"{ATOM}entry")
    titulos = [e.findtext(f"{ATOM}title") for e in entradas]
    # 4 publicadas + 3 análisis + 1 incorporada + 1 no incorporada.
    assert len(entradas) == 9
    assert sorted(t for t in titulos if t.startswith("Nueva propuesta")) == [
        f"Nueva propuesta: Propuesta {i}" for i in range(4)
    ]
    assert "Incorporada: Propuesta 2" in titulos
    assert "No incorporada: Propuesta 3" in titulos
    for entrada in entradas:
        assert entrada.find(f"{ATOM}id").text
        assert entrada.find(f"{ATOM}updated").text
        enlace = entrada.find(f"{ATOM}link").get("href")
        assert f"/participa/{consulta.slug}/propuestas/" in enlace
    fechas = [e.findtext(f"{ATOM}updated") for e in entradas]
    assert fechas == sorted(fechas, reverse=True)
    texto = respuesta.content.decode()
    assert "Respuesta de la DGA: Se incorpora la propuesta 2." in texto
    for prohibido in (CORREO_DE_PRUEBA, "Texto ofensivo", "Sin confirmar", "Persona 1<"):
        assert prohibido not in texto


def test_los_temas_de_las_propuestas_son_los_de_los_compromisos():
    """Copiados para no importar el Secretariado desde la participación: deben coincidir."""
    from cocreacion.participacion.models import TemaPropuesta
    from stgao.models import Tema

    assert [(v, str(e)) for v, e in TemaPropuesta.choices] == [(v, str(e)) for v, e in Tema.choices]
