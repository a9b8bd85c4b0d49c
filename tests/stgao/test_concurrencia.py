"""Claves de acuerdo únicas aunque varias personas registren acuerdos a la vez."""

import threading

import pytest
from django.db import connection, connections

from stgao import services
from stgao.models import Acuerdo, Sesion

from .conftest import momento


@pytest.mark.django_db(transaction=True)
def test_acuerdos_simultaneos_reciben_claves_distintas(usuario_coordinacion):
    sesion = services.sesion_guardar(
        sesion=Sesion(
            tipo="ordinaria", fecha_hora=momento(2021, 3, 15), modalidad="presencial", sede="Sala"
        ),
        actor=usuario_coordinacion,
    )
    # SQLite no admite escrituras simultáneas desde hilos: ahí los hilos se turnan.
    en_paralelo = connection.vendor == "postgresql"
    n = 8
    barrera = threading.Barrier(n if en_paralelo else 1)
    candado = threading.Lock()
    errores = []

    def registrar(i):
        try:
            if en_paralelo:
                barrera.wait(timeout=10)
                services.acuerdo_crear(
                    sesion=sesion, texto=f"Acuerdo {i}", actor=usuario_coordinacion
                )
            else:
                with candado:
                    services.acuerdo_crear(
                        sesion=sesion, texto=f"Acuerdo {i}", actor=usuario_coordinacion
                    )
        except Exception as exc:  # noqa: BLE001
            errores.append(exc)
        finally:
            connections.close_all()

    hilos = [threading.Thread(target=registrar, args=(i,)) for i in range(n)]
    for hilo in hilos:
        hilo.start()
    for hilo in hilos:
        hilo.join()
    assert errores == []
    claves = sorted(Acuerdo.objects.values_list("clave", flat=True))
    assert claves == [f"STGAO/SO-01/2021/{i:02d}" for i in range(1, n + 1)]
