"""Fábricas de datos del Secretariado y del Plan de Acción Local."""

import datetime as dt
import itertools
from zoneinfo import ZoneInfo

import pytest

from cocreacion.models import Organizacion, SujetoObligado
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

MX = ZoneInfo("America/Mexico_City")
_contador = itertools.count(1)


def momento(anio, mes, dia, hora=10):
    return dt.datetime(anio, mes, dia, hora, tzinfo=MX)


@pytest.fixture
def crear_integrante(db):
    def fabrica(persona=None, sector="sociedad_civil", **extra):
        datos = {
            "persona": persona or f"Persona {next(_contador)}",
            "sector": sector,
            "rol": "integrante",
            "fecha_alta": dt.date(2020, 1, 1),
            "sexo": "mujer",
            **extra,
        }
        return Integrante.objects.create(**datos)

    return fabrica


@pytest.fixture
def crear_sesion(db, usuario_coordinacion):
    def fabrica(fecha=None, tipo="ordinaria", publicada=True, **extra):
        sesion = Sesion(
            tipo=tipo,
            fecha_hora=fecha or momento(2021, 3, 15),
            modalidad=extra.pop("modalidad", "presencial"),
            sede=extra.pop("sede", "Sala de plenos"),
            publicada=publicada,
            **extra,
        )
        return services.sesion_guardar(sesion=sesion, actor=usuario_coordinacion)

    return fabrica


@pytest.fixture
def plan(db):
    return PlanAccionLocal.objects.create(
        nombre="Plan de prueba", slug="plan-prueba", anio_inicio=2021, anio_fin=2022, publicado=True
    )


@pytest.fixture
def crear_compromiso(db, plan, sujeto_obligado, usuario_coordinacion):
    def fabrica(titulo=None, lider=None, publicado=True, hitos=0, plan_=None, **extra):
        titulo = titulo or f"Compromiso {next(_contador)}"
        compromiso = Compromiso(
            plan=plan_ or plan,
            titulo=titulo,
            problema=extra.pop("problema", "Un problema público."),
            tema=extra.pop("tema", "presupuesto"),
            lider=lider or sujeto_obligado,
            publicado=publicado,
            **extra,
        )
        services.compromiso_guardar(compromiso=compromiso, actor=usuario_coordinacion)
        for n in range(hitos):
            services.hito_guardar(
                hito=Hito(
                    compromiso=compromiso,
                    descripcion=f"Hito {n + 1}",
                    fecha_fin_planeada=dt.date(2030, 1, 1),
                ),
                actor=usuario_coordinacion,
            )
        return compromiso

    return fabrica


@pytest.fixture
def organizacion(db):
    return Organizacion.objects.create(
        nombre="Colectivo de Prueba", tipo="sociedad_civil", ambito="local"
    )


def poblar_sesion(sesion, n):
    """Sesión con ``n`` integrantes presentes, ``n`` puntos del orden del día."""
    for i in range(n):
        integrante = Integrante.objects.create(
            persona=f"Integrante {i}",
            sector="poder_ejecutivo" if i % 2 else "sociedad_civil",
            fecha_alta=dt.date(2020, 1, 1),
            sexo="mujer" if i % 2 else "hombre",
        )
        Asistencia.objects.create(sesion=sesion, integrante=integrante, estado="presente")
        PuntoOrden.objects.create(sesion=sesion, numero=i + 1, asunto=f"Asunto {i}")
    return sesion


def sujeto(nombre):
    return SujetoObligado.objects.create(nombre=nombre, tipo="poder_ejecutivo", orden="estatal")
