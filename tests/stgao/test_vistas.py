"""Páginas públicas: contenido, borradores ocultos, acta PDF, calendario e historial."""

import datetime as dt
import io

import pypdf
import pytest
from django.utils import timezone
from icalendar import Calendar

from stgao import services
from stgao.models import Asistencia, Hito, PuntoOrden

from .conftest import momento

pytestmark = pytest.mark.django_db


@pytest.fixture
def sesion_completa(crear_sesion, crear_integrante, usuario_coordinacion, institucion):
    sesion = crear_sesion(fecha=momento(2021, 3, 15))
    titular = crear_integrante("Ana Titular", sector="poder_ejecutivo", cargo="Directora")
    ausente = crear_integrante("Beto Ausente", sector="sociedad_civil")
    suplente = crear_integrante("Carla Suplente", sector="sociedad_civil", suplente_de=ausente)
    crear_integrante("Dora Sin Venir", sector="academia")
    Asistencia.objects.create(sesion=sesion, integrante=titular, estado="presente")
    Asistencia.objects.create(sesion=sesion, integrante=ausente, estado="ausente")
    Asistencia.objects.create(sesion=sesion, integrante=suplente, estado="presente")
    PuntoOrden.objects.create(sesion=sesion, numero=1, asunto="Lista de asistencia y quórum")
    PuntoOrden.objects.create(sesion=sesion, numero=2, asunto="Aprobación del Plan de Acción Local")
    services.acuerdo_crear(
        sesion=sesion,
        texto="Se aprueba el Plan de Acción Local.",
        fecha_limite=dt.date(2021, 4, 1),
        responsables=[titular],
        actor=usuario_coordinacion,
    )
    return sesion


def test_portada_con_integrantes_y_balance(client, sesion_completa):
    respuesta = client.get("/stgao/")
    html = respuesta.content.decode()
    assert respuesta.status_code == 200
    assert "Ana Titular" in html and "Suplente de Beto Ausente" in html
    assert "falta: Poder Legislativo, Poder Judicial" in html
    assert "Hay quórum" in html


def test_sesion_detalle_orden_asistencia_quorum_acuerdos(client, sesion_completa):
    html = client.get(f"/stgao/sesiones/{sesion_completa.pk}/").content.decode()
    assert "Aprobación del Plan de Acción Local" in html
    assert "STGAO/SO-01/2021/01" in html
    assert "Hay quórum" in html and "2 de 3 asientos titulares presentes" in html
    assert "Vencido" in html
    assert "Carla Suplente" in html


def test_sesion_borrador_es_404(client, crear_sesion):
    borrador = crear_sesion(publicada=False)
    assert client.get(f"/stgao/sesiones/{borrador.pk}/").status_code == 404
    assert client.get(f"/stgao/sesiones/{borrador.pk}/acta.pdf").status_code == 404
    assert borrador.clave not in client.get("/stgao/sesiones/").content.decode()
    assert b"BEGIN:VEVENT" not in client.get("/stgao/sesiones.ics").content


def test_acta_pdf_contiene_lo_esencial(client, sesion_completa, institucion):
    respuesta = client.get(f"/stgao/sesiones/{sesion_completa.pk}/acta.pdf")
    assert respuesta["Content-Type"] == "application/pdf"
    lector = pypdf.PdfReader(io.BytesIO(respuesta.content))
    texto = " ".join(p.extract_text() for p in lector.pages)
    texto = " ".join(texto.split())
    assert institucion.nombre.split()[0] in texto
    assert "SO-01/2021" in texto
    assert "Hay quórum: 2 de 3" in texto
    assert "Ana Titular" in texto and "Carla Suplente" in texto
    assert "Aprobación del Plan de Acción Local" in texto
    assert "STGAO/SO-01/2021/01" in texto
    assert "Firmas" in texto


def test_calendario_ics_lleva_el_ultimo_anio_y_las_proximas(client, crear_sesion):
    ahora = timezone.now().replace(microsecond=0)
    vieja = crear_sesion(fecha=ahora - dt.timedelta(days=400))
    reciente = crear_sesion(fecha=ahora - dt.timedelta(days=300))
    proxima = crear_sesion(fecha=ahora + dt.timedelta(days=20), tipo="extraordinaria")
    PuntoOrden.objects.create(sesion=proxima, numero=1, asunto="Aprobación del Plan")
    respuesta = client.get("/stgao/sesiones.ics")
    assert respuesta["Content-Type"].startswith("text/calendar")
    eventos = Calendar.from_ical(respuesta.content).walk("VEVENT")
    resumenes = [str(e["SUMMARY"]) for e in eventos]
    assert len(eventos) == 2, resumenes
    assert reciente.clave in resumenes[0] and proxima.clave in resumenes[1]
    assert not any(vieja.clave in r for r in resumenes)
    assert "extraordinaria" in resumenes[1]
    assert eventos[1].decoded("DTSTART") == proxima.fecha_hora
    assert "Aprobación del Plan" in str(eventos[1]["DESCRIPTION"])
    # La sesión vieja sigue en el registro completo.
    assert vieja.clave in client.get("/stgao/sesiones/").content.decode()


def test_acuerdos_vencidos_primero_y_filtro(client, sesion_completa, usuario_coordinacion):
    services.acuerdo_crear(
        sesion=sesion_completa,
        texto="Acuerdo a tiempo",
        fecha_limite=dt.date(2099, 1, 1),
        actor=usuario_coordinacion,
    )
    html = client.get("/stgao/acuerdos/").content.decode()
    assert html.index("STGAO/SO-01/2021/01") < html.index("STGAO/SO-01/2021/02")
    html = client.get("/stgao/acuerdos/?estado=vencido").content.decode()
    assert "STGAO/SO-01/2021/01" in html and "STGAO/SO-01/2021/02" not in html


def test_compromisos_borradores_no_aparecen(client, crear_compromiso, plan):
    publico = crear_compromiso("Compromiso visible")
    borrador = crear_compromiso("Compromiso en borrador", publicado=False)
    html = client.get("/compromisos/").content.decode()
    assert "Compromiso visible" in html and "Compromiso en borrador" not in html
    assert client.get(f"/compromisos/{borrador.slug}/").status_code == 404
    assert client.get(f"/compromisos/{borrador.slug}/historial/").status_code == 404
    plan.publicado = False
    plan.save()
    assert client.get(f"/compromisos/{publico.slug}/").status_code == 404


def test_filtros_y_orden_de_compromisos(
    client, crear_compromiso, organizacion, otro_sujeto_obligado, usuario_coordinacion
):
    a = crear_compromiso("Alfa", tema="datos_abiertos")
    b = crear_compromiso("Beta", lider=otro_sujeto_obligado, hitos=2)
    a.corresponsables.add(organizacion)
    hito = b.hitos.first()
    hito.estado = "completado"
    services.hito_guardar(hito=hito, actor=usuario_coordinacion)
    html = client.get("/compromisos/?tema=datos_abiertos").content.decode()
    assert "Alfa" in html and "Beta" not in html
    html = client.get(f"/compromisos/?responsable={otro_sujeto_obligado.pk}").content.decode()
    assert "Beta" in html and "Alfa</a>" not in html
    html = client.get(f"/compromisos/?organizacion={organizacion.pk}").content.decode()
    assert "Alfa" in html and "Beta</a>" not in html
    html = client.get("/compromisos/?estado=en_proceso").content.decode()
    assert "Beta" in html and "Alfa</a>" not in html
    html = client.get("/compromisos/?orden=avance_desc").content.decode()
    assert html.index("Beta") < html.index("Alfa")
    html = client.get("/compromisos/?orden=avance_asc").content.decode()
    assert html.index("Alfa") < html.index("Beta")


def test_detalle_cuenta_antes_y_despues_con_linea_de_tiempo(
    client, crear_compromiso, usuario_coordinacion
):
    compromiso = crear_compromiso(
        "Presupuesto claro", solucion="Publicar el presupuesto ciudadano.", beneficios="Uno\nDos"
    )
    services.hito_guardar(
        hito=Hito(
            compromiso=compromiso,
            descripcion="Diseño del portal",
            fecha_fin_planeada=dt.date(2021, 6, 30),
            estado="completado",
            fecha_fin_real=dt.date(2021, 7, 15),
        ),
        actor=usuario_coordinacion,
    )
    services.evidencia_agregar(
        hito=compromiso.hitos.get(),
        descripcion="Portal publicado",
        enlace="https://example.org/",
        actor=usuario_coordinacion,
    )
    html = client.get(compromiso.get_absolute_url()).content.decode()
    for texto in [
        "Antes",
        "¿Cuál era el problema?",
        "Después",
        "¿Cuál fue la solución?",
        "Diseño del portal",
        "30/06/2021",
        "15/07/2021",
        "Se completó después de lo planeado",
        "Portal publicado",
        "Secretaría de Prueba",
        'value="100"',
    ]:
        assert texto in html, texto
    canal = f"{compromiso.get_absolute_url()}cambios.atom"
    assert html.count(f'href="{canal}"') == 2  # <link rel="alternate"> y liga visible


def test_historial_publico_sin_campos_internos_ni_correos(
    client, crear_compromiso, usuario_coordinacion
):
    usuario_coordinacion.email = "coordinadora@example.org"
    usuario_coordinacion.save()
    compromiso = crear_compromiso("Con historia", hitos=1)
    compromiso.notas_internas = "Secreto interno"
    compromiso.titulo = "Con historia nueva"
    services.compromiso_guardar(compromiso=compromiso, actor=usuario_coordinacion)
    hito = compromiso.hitos.get()
    hito.estado = "completado"
    services.hito_guardar(hito=hito, actor=usuario_coordinacion)
    html = client.get(f"/compromisos/{compromiso.slug}/historial/").content.decode()
    assert "Con historia → Con historia nueva" in html
    assert "Pendiente → Completado" in html
    assert "Avance (%)" in html
    assert "Secreto interno" not in html and "notas" not in html.lower()
    assert "coordinadora" not in html


def test_secciones_para_el_nucleo(client, crear_compromiso, sujeto_obligado, sesion_completa):
    crear_compromiso("Compromiso del sujeto")
    crear_compromiso("Borrador del sujeto", publicado=False)
    html = client.get(f"/sujetos-obligados/{sujeto_obligado.slug}/").content.decode()
    assert "Compromiso del sujeto" in html and "Borrador del sujeto" not in html
    html = client.get("/").content.decode()
    assert "Compromisos y Secretariado Técnico" in html and "SO-01/2021" in html
