# ruff: noqa: F811 (los fixtures de informe_ayudas llegan por importación)
"""La participación en datos abiertos: sólo lo publicado y ningún dato personal."""

import io
import json

import pytest
from openpyxl import load_workbook

from cocreacion.participacion import services
from cocreacion.participacion.models import Apoyo, Propuesta
from cocreacion.portal.datos_abiertos import conjuntos
from tests.datos_abiertos.ayudas import filas

from .informe_ayudas import CORREO_DE_PRUEBA, municipios, poblar  # noqa: F401

CONJUNTOS = [
    "participacion-consultas",
    "participacion-propuestas",
    "participacion-apoyos",
    "participacion-respuestas",
]
# Columnas que nunca pueden salir: contacto, huellas y la persona de la DGA.
PERSONALES = {"correo", "huella_correo", "nombre", "moderada_por", "actor", "ip"}


def _todo_el_conjunto(client, nombre) -> str:
    partes = []
    for formato in ("csv", "json"):
        respuesta = client.get(f"/datos/{nombre}.{formato}")
        assert respuesta.status_code == 200, (nombre, formato)
        partes.append(b"".join(respuesta.streaming_content).decode("utf-8-sig"))
    respuesta = client.get(f"/datos/{nombre}.xlsx")
    assert respuesta.status_code == 200
    libro = load_workbook(io.BytesIO(b"".join(respuesta.streaming_content)), read_only=True)
    for hoja in libro.worksheets:
        for fila in hoja.iter_rows(values_only=True):
            partes.append(" ".join("" if v is None else str(v) for v in fila))
    return "\n".join(partes)


@pytest.fixture
def participacion(institucion, crear_consulta, poblar, usuario_coordinacion, crear_compromiso):
    consulta = crear_consulta()
    propuestas = poblar(consulta, 4)
    # Un compromiso en borrador al que se incorporó una propuesta: su id no debe asomarse.
    borrador = crear_compromiso(titulo="Compromiso clandestino", publicado=False)
    analizada = next(p for p in propuestas if p.estado == "en_analisis")
    services.propuesta_avanzar(
        propuesta=analizada,
        codigo="incorporar",
        respuesta="Se incorpora a un compromiso que aún se redacta.",
        actor=usuario_coordinacion,
        compromiso=borrador,
    )
    # Una consulta en borrador con una propuesta publicada en ella (a mano): no sale nada.
    oculta = crear_consulta(slug="oculta", publicada=False, titulo="Consulta clandestina")
    Propuesta.objects.create(
        consulta=oculta,
        titulo="Propuesta clandestina",
        problema="x",
        texto="x",
        correo=f"oculta.{CORREO_DE_PRUEBA}",
        confirmada_en=consulta.inicio,
        moderacion="publicada",
    )
    return consulta, propuestas, borrador


def test_los_conjuntos_aparecen_en_datos_y_en_el_paquete(client, institucion):
    html = client.get("/datos/").content.decode()
    paquete = json.loads(client.get("/datos/datapackage.json").content)
    recursos = {r["name"]: r for r in paquete["resources"]}
    for nombre in CONJUNTOS:
        assert nombre in conjuntos()
        assert f"/datos/{nombre}.csv" in html
        campos = {c["name"]: c for c in recursos[nombre]["schema"]["fields"]}
        assert campos and all(c.get("description") for c in campos.values())
        assert not PERSONALES & set(campos), nombre
    propuestas = {c["name"]: c for c in recursos["participacion-propuestas"]["schema"]["fields"]}
    assert propuestas["estado"]["constraints"]["enum"] == [
        "recibida",
        "en_analisis",
        "incorporada",
        "no_incorporada",
    ]
    assert "«Anónimo»" in propuestas["autoria"]["description"]


def test_ningun_dato_personal_en_csv_json_ni_xlsx(client, participacion):
    for nombre in CONJUNTOS:
        texto = _todo_el_conjunto(client, nombre)
        assert CORREO_DE_PRUEBA not in texto, nombre
        assert "@" not in texto, nombre
        for huella in Propuesta.objects.exclude(huella_correo="").values_list(
            "huella_correo", flat=True
        ):
            assert huella not in texto, nombre
        for huella in Apoyo.objects.values_list("huella_correo", flat=True):
            assert huella not in texto, nombre
        # El nombre sólo de quien lo publicó; ni borradores, ni rechazadas, ni sin confirmar.
        assert "Persona 1" not in texto and "Persona 3" not in texto, nombre
        for oculto in ("Texto ofensivo", "Quien ofende", "Sin confirmar", "Quien no confirma"):
            assert oculto not in texto, (nombre, oculto)
        assert "clandestin" not in texto.lower(), nombre


def test_propuestas_apoyos_y_respuestas_publicas(client, participacion):
    consulta, propuestas, borrador = participacion
    filas_propuestas = {int(f["id"]): f for f in filas(client, "participacion-propuestas")}
    assert set(filas_propuestas) == {p.pk for p in propuestas}
    autorias = sorted(f["autoria"] for f in filas_propuestas.values())
    assert autorias == ["Anónimo", "Anónimo", "Persona 0", "Persona 2"]
    incorporadas = [f for f in filas_propuestas.values() if f["estado"] == "incorporada"]
    assert len(incorporadas) == 2
    publica = next(f for f in incorporadas if f["incorporada_a"])
    assert publica["incorporada_a"] == "compromiso" and publica["compromiso"]
    a_borrador = next(f for f in incorporadas if not f["incorporada_a"])
    assert a_borrador["compromiso"] == "" and a_borrador["hito"] == ""
    apoyos = {
        int(f["propuesta"]): int(f["apoyos_confirmados"])
        for f in filas(client, "participacion-apoyos")
    }
    assert apoyos == {p.pk: (1 if i < 3 else 0) for i, p in enumerate(propuestas)}
    respuestas = filas(client, "participacion-respuestas")
    assert {f["a"] for f in respuestas} == {"en_analisis", "incorporada", "no_incorporada"}
    assert all(int(f["propuesta"]) in filas_propuestas for f in respuestas)
    [fila_consulta] = filas(client, "participacion-consultas")
    assert fila_consulta["slug"] == consulta.slug
    assert fila_consulta["propuestas_publicadas"] == "4"
    assert fila_consulta["apoyos_confirmados"] == "3"
    # Las rechazadas se cuentan por motivo, sin su texto; las sin confirmar, ni eso.
    assert fila_consulta["propuestas_rechazadas"] == "1"
    assert fila_consulta["rechazadas_lenguaje_ofensivo"] == "1"
    assert fila_consulta["rechazadas_duplicada"] == "0"
