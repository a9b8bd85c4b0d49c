"""Las páginas públicas del Secretariado y de los compromisos sin violaciones graves (axe)."""

import datetime as dt

import pytest

from stgao import services
from stgao.models import (
    Asistencia,
    Compromiso,
    Hito,
    Integrante,
    PlanAccionLocal,
    PuntoOrden,
    Sesion,
)

from .accesibilidad import violaciones_graves


@pytest.fixture
def datos(db, institucion, sujeto_obligado, usuario_coordinacion):
    integrante = Integrante.objects.create(
        persona="Titular",
        sector="poder_ejecutivo",
        fecha_alta=dt.date(2020, 1, 1),
        sexo="mujer",
        sujeto_obligado=sujeto_obligado,
    )
    sesion = services.sesion_guardar(
        sesion=Sesion(
            tipo="ordinaria",
            fecha_hora=dt.datetime(2021, 3, 15, 16, tzinfo=dt.UTC),
            modalidad="presencial",
            sede="Sala de plenos",
            publicada=True,
        ),
        actor=usuario_coordinacion,
    )
    Asistencia.objects.create(sesion=sesion, integrante=integrante, estado="presente")
    PuntoOrden.objects.create(sesion=sesion, numero=1, asunto="Lista de asistencia")
    services.acuerdo_crear(
        sesion=sesion,
        texto="Acuerdo",
        fecha_limite=dt.date(2021, 4, 1),
        responsables=[integrante],
        actor=usuario_coordinacion,
    )
    plan = PlanAccionLocal.objects.create(
        nombre="PAL", slug="pal", anio_inicio=2021, anio_fin=2021, publicado=True
    )
    compromiso = services.compromiso_guardar(
        compromiso=Compromiso(
            plan=plan,
            titulo="Compromiso accesible",
            problema="Problema",
            solucion="Solución",
            beneficios="Uno\nDos",
            tema="presupuesto",
            lider=sujeto_obligado,
            publicado=True,
        ),
        actor=usuario_coordinacion,
    )
    hito = services.hito_guardar(
        hito=Hito(
            compromiso=compromiso,
            descripcion="Primer hito",
            fecha_fin_planeada=dt.date(2021, 5, 1),
            estado="completado",
            fecha_fin_real=dt.date(2021, 5, 2),
        ),
        actor=usuario_coordinacion,
    )
    services.evidencia_agregar(
        hito=hito, descripcion="Liga", enlace="https://example.org/", actor=usuario_coordinacion
    )
    return {"sesion": sesion, "compromiso": compromiso}


def test_paginas_publicas_sin_violaciones_graves(page, url, datos):
    sesion, compromiso = datos["sesion"], datos["compromiso"]
    rutas = [
        "/stgao/",
        "/stgao/sesiones/",
        f"/stgao/sesiones/{sesion.pk}/",
        "/stgao/acuerdos/",
        "/compromisos/",
        compromiso.get_absolute_url(),
        f"{compromiso.get_absolute_url()}historial/",
    ]
    hallazgos = {}
    for ruta in rutas:
        page.goto(url(ruta))
        if violaciones := violaciones_graves(page):
            hallazgos[ruta] = violaciones
    assert hallazgos == {}
