"""Formularios de los enlaces con valores hostiles: se guardan (y se muestran escapados) o se
rechazan con un error en español en el campo; nunca un 500 ni un registro a medias.

- Captura e importación de elementos del listado de información de interés público.
- Reporte de avance de un hito (estado, fechas y evidencia) en el admin.
"""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import given
from hypothesis import strategies as st

from cocreacion.models import ElementoListado
from stgao.models import Evidencia, Hito

from .conftest import INYECTADAS, POCOS, SCRIPT, archivo_hostil, archivos_fijos, texto_hostil
from .test_importadores import _evento, base_listado, foto

pytestmark = pytest.mark.django_db

# Mensajes de Django que delatarían una traducción faltante.
EN_INGLES = re.compile(
    r"This field is required|Enter a valid|Ensure this value|Select a valid choice|"
    r"Please correct|is not a valid|Null characters are not allowed",
)


def sin_inyeccion(html: str):
    for fragmento in INYECTADAS:
        assert fragmento not in html, fragmento


def en_espanol(html: str):
    assert not EN_INGLES.search(html), EN_INGLES.search(html).group(0)


def fecha_hostil():
    return st.one_of(
        st.sampled_from(
            [
                "",
                "0000-00-00",
                "0001-01-01",
                "9999-12-31",
                "10000-01-01",
                "31/02/2021",
                "2021-13-45",
                "-1",
                "99999",
                "2021-05-01",
                "01/05/2021",
            ]
        ),
        st.dates().map(lambda d: d.isoformat()),
        texto_hostil(),
    )


# --- Elementos del listado ---------------------------------------------------------------


VALIDOS_ELEMENTO = {
    "titulo": "Padrón",
    "descripcion": "Detalle",
    "justificacion": "Interés",
    "unidad_responsable": "Unidad",
    "periodicidad": "trimestral",
    "formato": "XLSX",
    "liga": "https://ejemplo.gob.mx",
}


@st.composite
def envenenado(draw, validos: dict, hostil: dict):
    """``validos`` con entre cero y tres campos sustituidos por un valor hostil."""
    datos = dict(validos)
    for campo in draw(st.lists(st.sampled_from(sorted(hostil)), max_size=3, unique=True)):
        datos[campo] = draw(hostil[campo])
    return datos


@POCOS
@given(datos=envenenado(VALIDOS_ELEMENTO, {c: texto_hostil() for c in VALIDOS_ELEMENTO}))
def test_captura_de_elemento(client, listado, enlace, datos):
    client.force_login(enlace)
    url = f"/interes-publico/mis-listados/{listado.pk}/"
    antes = foto(ElementoListado)
    respuesta = client.post(url, datos)
    assert respuesta.status_code in {200, 302}
    _evento(f"estado {respuesta.status_code}")
    if respuesta.status_code == 302:
        elemento = ElementoListado.objects.filter(listado=listado).order_by("-numero").first()
        assert elemento.titulo == datos["titulo"].strip()
        html = client.get(url).content.decode()
        sin_inyeccion(html)
        editar = client.get(f"{url}elementos/{elemento.pk}/")
        assert editar.status_code == 200
        sin_inyeccion(editar.content.decode())
        return
    html = respuesta.content.decode()
    assert respuesta.context["formulario"].errors, "rechazado sin decir por qué"
    en_espanol(html)
    sin_inyeccion(html)
    assert foto(ElementoListado) == antes


def test_elemento_con_script_se_guarda_escapado(client, listado, enlace):
    client.force_login(enlace)
    url = f"/interes-publico/mis-listados/{listado.pk}/"
    datos = {
        "titulo": SCRIPT,
        "descripcion": "d" * 10_000,
        "justificacion": SCRIPT,
        "unidad_responsable": "Unidad",
        "periodicidad": "trimestral",
        "formato": "XLSX",
        "liga": "",
    }
    assert client.post(url, datos).status_code == 302
    html = client.get(url).content.decode()
    assert "&lt;script&gt;alerta_xss_9f3()" in html
    sin_inyeccion(html)


def test_titulo_de_diez_mil_caracteres_se_rechaza_en_espanol(client, listado, enlace):
    client.force_login(enlace)
    respuesta = client.post(
        f"/interes-publico/mis-listados/{listado.pk}/",
        {
            "titulo": "t" * 10_000,
            "descripcion": "x",
            "justificacion": "x",
            "unidad_responsable": "x",
            "periodicidad": "trimestral",
            "formato": "XLSX",
        },
    )
    assert respuesta.status_code == 200
    assert "como máximo 255" in respuesta.content.decode()
    assert not ElementoListado.objects.exists()


@POCOS
@given(archivo=archivo_hostil(base_listado()), reemplazar=st.booleans())
def test_importacion_del_enlace(client, listado, enlace, archivo, reemplazar):
    nombre, datos = archivo
    client.force_login(enlace)
    antes = foto(ElementoListado)
    respuesta = client.post(
        f"/interes-publico/mis-listados/{listado.pk}/importar/",
        {
            "archivo": SimpleUploadedFile(nombre, datos),
            **({"reemplazar": "on"} if reemplazar else {}),
        },
    )
    assert respuesta.status_code in {200, 302}
    _evento(f"estado {respuesta.status_code}")
    if respuesta.status_code == 200:
        html = respuesta.content.decode()
        rechazo = respuesta.context["importar"].errors or respuesta.context["errores_importacion"]
        assert rechazo, "rechazado sin decir por qué"
        en_espanol(html)
        sin_inyeccion(html)
        assert foto(ElementoListado) == antes


@pytest.mark.parametrize("caso", archivos_fijos(base_listado()), ids=lambda c: c[0])
def test_importacion_del_enlace_casos_fijos(client, listado, enlace, caso):
    _id, nombre, datos = caso
    client.force_login(enlace)
    antes = foto(ElementoListado)
    respuesta = client.post(
        f"/interes-publico/mis-listados/{listado.pk}/importar/",
        {"archivo": SimpleUploadedFile(nombre, datos)},
    )
    if _id == "latin1":  # Windows-1252/Latin-1 es lo que exporta Excel: se lee con sus acentos
        assert respuesta.status_code == 302
        assert listado.elementos.filter(unidad_responsable="Dirección de Programas").exists()
        return
    assert respuesta.status_code == 200, "los demás archivos no son importables"
    html = respuesta.content.decode()
    assert respuesta.context["importar"].errors or respuesta.context["errores_importacion"]
    en_espanol(html)
    sin_inyeccion(html)
    assert foto(ElementoListado) == antes
    if _id == "enorme":  # el límite de bytes de importación (LIMITES_IMPORTACION)
        assert "«datos.csv» pesa 20.0 MB; el máximo es 10 MB" in html


# --- Avance de hitos en el admin ----------------------------------------------------------


@pytest.fixture
def hito_del_enlace(crear_compromiso, sujeto_obligado, crear_enlace, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    compromiso = crear_compromiso("Compromiso del enlace", hitos=1)
    return compromiso.hitos.get(), crear_enlace(sujeto_obligado, "enlace_hitos")


def formulario_hito(hito, **cambios):
    datos = {
        "estado": hito.estado,
        "fecha_inicio_planeada": "",
        "fecha_fin_planeada": hito.fecha_fin_planeada.isoformat(),
        "fecha_inicio_real": "",
        "fecha_fin_real": "",
        "evidencias-TOTAL_FORMS": "1",
        "evidencias-INITIAL_FORMS": "0",
        "evidencias-MIN_NUM_FORMS": "0",
        "evidencias-MAX_NUM_FORMS": "1000",
        "evidencias-0-descripcion": "",
        "evidencias-0-enlace": "",
        "evidencias-0-fecha": "",
    }
    datos.update(cambios)
    return datos


VALIDOS_HITO = {
    "estado": "en_proceso",
    "fecha_inicio_planeada": "2021-01-10",
    "fecha_fin_planeada": "2030-01-01",
    "fecha_fin_real": "",
    "evidencias-0-descripcion": "Minuta",
    "evidencias-0-enlace": "https://ejemplo.org/minuta",
    "evidencias-0-fecha": "2021-05-01",
}
HOSTILES_HITO = {
    "estado": st.one_of(st.sampled_from(["pendiente", "completado"]), texto_hostil()),
    "fecha_inicio_planeada": fecha_hostil(),
    "fecha_fin_planeada": fecha_hostil(),
    "fecha_fin_real": fecha_hostil(),
    "evidencias-0-descripcion": texto_hostil(),
    "evidencias-0-enlace": texto_hostil(),
    "evidencias-0-fecha": fecha_hostil(),
}


@POCOS
@given(cambios=envenenado(VALIDOS_HITO, HOSTILES_HITO))
def test_avance_de_hito(client, hito_del_enlace, cambios):
    hito, enlace = hito_del_enlace
    client.force_login(enlace)
    url = f"/admin/stgao/hito/{hito.pk}/change/"
    antes = foto(Hito, Evidencia)
    datos = formulario_hito(hito, **cambios)
    respuesta = client.post(url, datos)
    assert respuesta.status_code in {200, 302}
    _evento(f"estado {respuesta.status_code}")
    if respuesta.status_code == 302:
        pagina = client.get(url)
        assert pagina.status_code == 200
        sin_inyeccion(pagina.content.decode())
        return
    html = respuesta.content.decode()
    assert "errornote" in html or "errorlist" in html, "rechazado sin decir por qué"
    en_espanol(html)
    sin_inyeccion(html)
    assert foto(Hito, Evidencia) == antes


def test_hito_fecha_fuera_de_rango_se_rechaza_en_espanol(client, hito_del_enlace):
    hito, enlace = hito_del_enlace
    client.force_login(enlace)
    respuesta = client.post(
        f"/admin/stgao/hito/{hito.pk}/change/",
        formulario_hito(hito, fecha_fin_planeada="10000-01-01", fecha_fin_real="0000-00-00"),
    )
    assert respuesta.status_code == 200
    assert "Introduzca una fecha válida" in respuesta.content.decode()
    hito.refresh_from_db()
    assert hito.fecha_fin_real is None
