"""Resumen diario del seguimiento por correo con 10,000 suscriptores (datos sintéticos).

Cada suscriptor sigue tres registros (dos compromisos y un sujeto obligado) de los publicados
por ``generar_datos_sinteticos``; después cambia un hito de cada compromiso publicado (a cada
suscriptor le toca un resumen: el peor caso) y 30 sujetos obligados. Se mide
``resumen_diario_enviar`` con el correo en memoria (``locmem``): tiempo, consultas, correos y
memoria máxima (tracemalloc, en una corrida aparte). Entre repeticiones se borran las
constancias del día y «informado hasta», para que cada corrida vuelva a enviar todo.

Meta: 10,000 suscriptores en 60 s o menos, con consultas que crecen por lote (500
suscriptores), no por suscriptor. ``BENCH_RESUMEN_SUSCRIPTORES`` cambia el número y
``BENCH_RESUMEN_ESCALA`` la escala de los datos sintéticos (0.1 por omisión).
"""

import datetime as dt
import os
import statistics
import time
import tracemalloc

from tests.benchmarks.comun import Medicion, estadisticas_al_dia

SUSCRIPTORES = int(os.environ.get("BENCH_RESUMEN_SUSCRIPTORES", "10000"))
ESCALA = float(os.environ.get("BENCH_RESUMEN_ESCALA", "0.1"))
REPETICIONES = 3


def _poblar():
    from django.utils import timezone

    from cocreacion.comun.historial import guardar
    from cocreacion.models import SujetoObligado
    from cocreacion.participacion.models import Suscripcion, Suscriptor
    from cocreacion.participacion.services import huella_de
    from stgao.models import Compromiso, Hito

    compromisos = list(Compromiso.objects.publicados().values_list("pk", flat=True))
    sujetos = list(
        SujetoObligado.objects.activos()
        .filter(compromisos__in=compromisos)
        .distinct()
        .values_list("pk", flat=True)
    )
    confirmada = timezone.now()
    suscriptores = Suscriptor.objects.bulk_create(
        [
            Suscriptor(correo=f"persona{i}@ejemplo.mx", huella=huella_de(f"persona{i}@ejemplo.mx"))
            for i in range(SUSCRIPTORES)
        ],
        batch_size=2000,
    )
    filas = []
    for i, suscriptor in enumerate(suscriptores):
        seguidos = {
            ("compromiso", compromisos[i % len(compromisos)]),
            ("compromiso", compromisos[(i * 7 + 3) % len(compromisos)]),
            ("sujeto-obligado", sujetos[i % len(sujetos)]),
        }
        filas += [
            Suscripcion(suscriptor=suscriptor, seguible=c, objeto_id=pk, confirmada_en=confirmada)
            for c, pk in seguidos
        ]
    Suscripcion.objects.bulk_create(filas, batch_size=5000)
    # Lo que cambió en el día: un hito de cada compromiso publicado (así a cada suscriptor le
    # toca un resumen: el peor caso) y 30 sujetos obligados.
    vistos = set()
    for hito in Hito.objects.filter(compromiso__in=compromisos).order_by("compromiso", "pk"):
        if hito.compromiso_id in vistos:
            continue
        vistos.add(hito.compromiso_id)
        hito.estado = "completado" if hito.estado != "completado" else "en_proceso"
        guardar(hito, actor=None, validar=False)
    for sujeto in SujetoObligado.objects.filter(pk__in=sujetos).order_by("pk")[:30]:
        sujeto.siglas = (sujeto.siglas or "SO")[:10] + "X"
        guardar(sujeto, actor=None, validar=False)
    return len(compromisos), len(sujetos), len(filas)


def _reiniciar():
    from django.core import mail

    from cocreacion.models import NotificacionEnviada
    from cocreacion.participacion.models import Suscriptor

    NotificacionEnviada.objects.filter(tipo="resumen_seguimiento").delete()
    Suscriptor.objects.update(resumen_hasta=None)
    mail.outbox = []


def correr() -> list[Medicion]:
    from django.core import mail
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from cocreacion.participacion.services import resumen_diario_enviar
    from cocreacion.sinteticos import generar

    mediciones = []
    with transaction.atomic():
        call_command("loaddata", "institucion.json", verbosity=0)
        inicio = time.perf_counter()
        generar(escala=ESCALA)
        n_compromisos, n_sujetos, n_suscripciones = _poblar()
        poblar_s = time.perf_counter() - inicio
        estadisticas_al_dia()
        ahora = timezone.now() + dt.timedelta(minutes=10)
        tiempos, consultas, enviados = [], [], []
        for _ in range(REPETICIONES):
            _reiniciar()
            with CaptureQueriesContext(connection) as capturadas:
                inicio = time.perf_counter()
                resultado = resumen_diario_enviar(ahora=ahora)
                tiempos.append((time.perf_counter() - inicio) * 1000)
            consultas.append(len(capturadas))
            enviados.append(len(mail.outbox))
        # Segunda corrida del mismo día (idempotencia): cuánto cuesta no enviar nada.
        with CaptureQueriesContext(connection) as repetida:
            inicio = time.perf_counter()
            repetido = resumen_diario_enviar(ahora=ahora)
            repetida_ms = (time.perf_counter() - inicio) * 1000
        _reiniciar()
        tracemalloc.start()
        resumen_diario_enviar(ahora=ahora)
        pico = tracemalloc.get_traced_memory()[1] / (1024 * 1024)
        tracemalloc.stop()
        transaction.set_rollback(True)
    tiempos.sort()
    mediciones.append(
        Medicion(
            que=f"resumen diario: {SUSCRIPTORES:,} suscriptores, {n_suscripciones:,} suscripciones",
            mediana_ms=statistics.median(tiempos),
            p95_ms=tiempos[-1],
            consultas=max(consultas),
            memoria_mib=pico,
            meta="≤ 60,000 ms",
            nota=(
                f"({enviados[0]:,} correos; {resultado.objetos} registros seguidos: "
                f"{n_compromisos} compromisos y {n_sujetos} sujetos; poblar: {poblar_s:.0f} s)"
            ),
        )
    )
    mediciones.append(
        Medicion(
            que="resumen diario: segunda corrida del mismo día (no envía nada)",
            mediana_ms=repetida_ms,
            consultas=len(repetida),
            meta="0 correos",
            nota=f"({repetido.enviados} correos)",
        )
    )
    return mediciones


if __name__ == "__main__":
    print("Use: python tests/benchmarks/correr.py bench_resumen_diario")
