"""Las páginas públicas y el acta hacen las mismas consultas con 1 que con 50 registros."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from stgao import services
from stgao.models import (
    Asistencia,
    Compromiso,
    Evidencia,
    Hito,
    Integrante,
    PuntoOrden,
    SeguimientoAcuerdo,
)

from .conftest import momento

pytestmark = pytest.mark.django_db


def contar(client, url):
    client.get(url)  # calienta cachés (p. ej. tipos de contenido)
    with CaptureQueriesContext(connection) as consultas:
        respuesta = client.get(url)
    assert respuesta.status_code == 200, url
    return len(consultas)


def poblar_compromisos(crear_compromiso, organizacion, sujeto_obligado, n):
    creados = []
    for i in range(n):
        compromiso = crear_compromiso(f"Compromiso número {i}")
        compromiso.corresponsables.add(organizacion)
        for j in range(n):
            hito = Hito.objects.create(
                compromiso=compromiso,
                numero=j + 1,
                descripcion=f"Hito {j}",
                responsable=sujeto_obligado,
                fecha_fin_planeada=dt.date(2021, 1, 1),
                estado="completado" if j % 2 else "pendiente",
                fecha_fin_real=dt.date(2021, 1, 1) if j % 2 else None,
            )
            Evidencia.objects.create(hito=hito, descripcion="Liga", enlace="https://example.org")
        creados.append(compromiso)
    return creados


def test_compromisos_misma_cantidad_1_y_50(
    client, crear_compromiso, organizacion, sujeto_obligado, usuario_coordinacion
):
    """Misma base: primero 1 compromiso con 1 hito; luego 50 compromisos y 50 hitos en él."""
    poblar_compromisos(crear_compromiso, organizacion, sujeto_obligado, 1)
    slug = "compromiso-numero-0"
    urls = [
        "/compromisos/",
        f"/compromisos/{slug}/",
        f"/compromisos/{slug}/historial/",
        f"/sujetos-obligados/{sujeto_obligado.slug}/",
        "/",
    ]
    antes = [contar(client, u) for u in urls]
    for i in range(49):
        c = crear_compromiso(f"Otro {i}")
        c.corresponsables.add(organizacion)
    uno = Compromiso.objects.get(slug=slug)
    for j in range(2, 51):
        h = Hito.objects.create(
            compromiso=uno,
            numero=100 + j,
            descripcion=f"Más {j}",
            fecha_fin_planeada=dt.date(2030, 1, 1),
        )
        Evidencia.objects.create(hito=h, descripcion="Liga", enlace="https://example.org")
        h.estado = "en_proceso"
        services.hito_guardar(hito=h, actor=usuario_coordinacion)
    despues = [contar(client, u) for u in urls]
    assert antes == despues
    # Las tres páginas propias, fijadas (el detalle y el historial traen también las propuestas
    # ciudadanas de origen); ficha del sujeto e inicio incluyen otras apps.
    assert despues[:3] == [8, 8, 12], despues


def test_secretariado_misma_cantidad_1_y_50(
    client, crear_sesion, usuario_coordinacion, institucion, monkeypatch
):
    from stgao import selectors
    from stgao.models import Sesion

    # Las sesiones de la prueba son de 2021: que el calendario las lleve todas.
    monkeypatch.setattr(selectors, "DIAS_PASADOS_DEL_CALENDARIO", 100_000)

    primera = crear_sesion(fecha=momento(2021, 1, 1))
    crear_sesion(fecha=momento(2021, 1, 2))
    integrante = Integrante.objects.create(
        persona="Única", sector="poder_ejecutivo", fecha_alta=dt.date(2020, 1, 1), sexo="mujer"
    )
    Asistencia.objects.create(sesion=primera, integrante=integrante, estado="presente")
    PuntoOrden.objects.create(sesion=primera, numero=1, asunto="Único punto")
    services.acuerdo_crear(
        sesion=primera, texto="Único acuerdo", responsables=[integrante], actor=usuario_coordinacion
    )
    urls = [
        "/stgao/",
        "/stgao/sesiones/",
        f"/stgao/sesiones/{primera.pk}/",
        f"/stgao/sesiones/{primera.pk}/acta.pdf",
        "/stgao/acuerdos/",
        "/stgao/sesiones.ics",
    ]
    antes = [contar(client, u) for u in urls]
    # Ahora 50 integrantes, puntos y acuerdos en la misma sesión y 25 sesiones.
    for i in range(3, 26):
        crear_sesion(fecha=momento(2021, 1, 1) + dt.timedelta(days=i))
    segunda = Sesion.objects.order_by("fecha_hora")[1]
    for i in range(50):
        integrante = Integrante.objects.create(
            persona=f"Más {i}", sector="academia", fecha_alta=dt.date(2020, 1, 1), sexo="hombre"
        )
        Asistencia.objects.create(sesion=primera, integrante=integrante, estado="presente")
        PuntoOrden.objects.create(sesion=primera, numero=100 + i, asunto=f"Punto {i}")
        acuerdo = services.acuerdo_crear(
            sesion=primera,
            texto=f"Acuerdo {i}",
            fecha_limite=dt.date(2021, 2, 1),
            responsables=[integrante],
            actor=usuario_coordinacion,
        )
        SeguimientoAcuerdo.objects.create(acuerdo=acuerdo, sesion=segunda, texto="Avance")
    despues = [contar(client, u) for u in urls]
    assert antes == despues
    # El acta: la sesión (1) y, si no está en su caché, lo que dibuja (9) y la institución (1).
    assert despues == [5, 5, 10, 11, 6, 2], despues
