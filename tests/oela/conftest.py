"""Piezas comunes de las pruebas del programa anual."""

import pytest
from django.core.management import call_command

from oela.models import (
    Accion,
    Avance,
    EstadoPrograma,
    Estrategia,
    LineaAccion,
    Objetivo,
    Programa,
)


@pytest.fixture
def programa_2021(db, catalogos):
    """El programa real 2021 (fixture ``oela_programa_2021.json``)."""
    call_command("loaddata", "oela_programa_2021.json", verbosity=0)
    return Programa.objects.get(anio=2021)


def generar_programa(
    anio, *, objetivos=2, estrategias=2, lineas=2, acciones=2, estado=EstadoPrograma.PUBLICADO
):
    """Programa sintético de ``objetivos×estrategias×lineas×acciones`` (bulk, sin historial)."""
    programa = Programa.objects.create(
        anio=anio,
        titulo=f"Programa de prueba {anio}",
        area="Dirección de Gobierno Abierto",
        objetivo_general="Objetivo general de prueba.",
        estado=estado,
    )
    objs = Objetivo.objects.bulk_create(
        Objetivo(programa=programa, numero=i, texto=f"Objetivo {i}")
        for i in range(1, objetivos + 1)
    )
    ests = Estrategia.objects.bulk_create(
        Estrategia(objetivo=o, numero=j, texto=f"Estrategia {o.numero}.{j}")
        for o in objs
        for j in range(1, estrategias + 1)
    )
    lins = LineaAccion.objects.bulk_create(
        LineaAccion(estrategia=e, numero=k, texto=f"Línea {e.objetivo.numero}.{e.numero}.{k}")
        for e in ests
        for k in range(1, lineas + 1)
    )
    Accion.objects.bulk_create(
        Accion(
            linea=li,
            numero=m,
            descripcion=f"Acción {m} de la línea {li.pk}",
            meta=10,
            unidad_medida="sesiones",
            ene=5,
            jun=5,
        )
        for li in lins
        for m in range(1, acciones + 1)
    )
    return programa


@pytest.fixture
def programa_generado(db):
    return generar_programa(2030)


def registrar_avance(accion, mes, realizado):
    return Avance.objects.create(accion=accion, mes=mes, realizado=realizado)
