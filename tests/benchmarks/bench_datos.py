"""Cifras de datos abiertos y búsqueda con 100,000 compromisos publicados.

- ``/datos/compromisos.csv``: tiempo al primer byte, al primer registro y total, y memoria
  máxima (tracemalloc) mientras se transmite (meta: plana, no crece con las filas).
- ``/buscar/?q=…`` sobre 100,000 compromisos con textos variados (meta ≤ 100 ms de servidor en
  PostgreSQL), en la vista y, aparte, la consulta del núcleo (página y conteo) con su plan.
"""

import os
import random
import statistics
import time
import tracemalloc

from tests.benchmarks.comun import Medicion, estadisticas_al_dia, medir_get

N = int(os.environ.get("BENCH_DATOS_N", "100000"))
PALABRAS = (  # noqa: SIM905
    "presupuesto participativo transparencia proactiva datos abiertos contrataciones obra "
    "pública salud educación niñas niños juventudes comunidades indígenas agua construcción "
    "caminos seguridad mujeres igualdad municipio consejo rendición cuentas archivo portal "
    "tablero gasto auditoría ciudadanía cocreación movilidad medio ambiente bosques residuos"
).split()


def _poblar():
    from cocreacion.models import SujetoObligado
    from stgao.models import Compromiso, PlanAccionLocal

    azar = random.Random(2021)  # noqa: S311 (datos de prueba)
    sujetos = SujetoObligado.objects.bulk_create(
        SujetoObligado(nombre=f"Sujeto de datos {i}", slug=f"sujeto-datos-{i}",
                       tipo="poder_ejecutivo", orden="estatal",
                       nombre_normalizado=f"sujeto de datos {i}")
        for i in range(50)
    )  # fmt: skip
    planes = [
        PlanAccionLocal.objects.create(
            nombre=f"Plan de datos {n}",
            slug=f"plan-datos-{n}",
            anio_inicio=2021,
            anio_fin=2023,
            publicado=True,
        )  # fmt: skip
        for n in range(4)
    ]  # el número del compromiso es smallint y único por plan

    # Vocabulario realista: las palabras del tema son raras entre miles de palabras de relleno
    # (con sólo el vocabulario del tema, cada registro contendría cada palabra buscada).
    vocabulario = PALABRAS + [f"relleno{n}" for n in range(3000)]

    def frase(n):
        return " ".join(azar.choice(vocabulario) for _ in range(n))

    lote = []
    for i in range(N):
        lote.append(
            Compromiso(
                plan=planes[i // 25_000],
                numero=i % 25_000 + 1,
                slug=f"cd-{i}",
                titulo=frase(6).capitalize(),
                problema=frase(40),
                solucion=frase(30),
                objetivo=frase(15),
                tema="presupuesto",
                lider=sujetos[i % 50],
                publicado=True,
            )  # fmt: skip
        )
        if len(lote) == 5000:
            Compromiso.objects.bulk_create(lote)
            lote = []
    Compromiso.objects.bulk_create(lote)
    Relacion = Compromiso.responsables.through
    for inicio in range(0, N, 20000):
        ids = Compromiso.objects.order_by("pk").values_list("pk", "lider_id")[
            inicio : inicio + 20000
        ]
        Relacion.objects.bulk_create(Relacion(compromiso_id=c, sujetoobligado_id=s) for c, s in ids)
    estadisticas_al_dia()


def _medir_csv(cliente) -> list[Medicion]:
    """Dos pasadas: una sólo con tiempos y otra con tracemalloc (que la hace varias veces más
    lenta) para la memoria. Antes, una petición calienta rutas e importaciones."""
    next(iter(cliente.get("/datos/compromisos.csv").streaming_content))
    inicio = time.perf_counter()
    partes = iter(cliente.get("/datos/compromisos.csv").streaming_content)
    next(partes)
    primer_byte = (time.perf_counter() - inicio) * 1000
    next(partes)
    primer_registro = (time.perf_counter() - inicio) * 1000
    filas, tamano = 1, 0
    for parte in partes:
        filas += 1
        tamano += len(parte)
    total = (time.perf_counter() - inicio) * 1000
    assert filas == N, filas

    tracemalloc.start()
    picos = []
    for filas, _parte in enumerate(cliente.get("/datos/compromisos.csv").streaming_content):
        if filas and filas % 20000 == 0:
            picos.append(tracemalloc.get_traced_memory()[1] / 2**20)
            tracemalloc.reset_peak()
    picos.append(tracemalloc.get_traced_memory()[1] / 2**20)
    tracemalloc.stop()
    evolucion = " → ".join(f"{p:.1f}" for p in picos)
    return [
        Medicion(que="/datos/compromisos.csv: primer byte (encabezado)", mediana_ms=primer_byte),
        Medicion(que="/datos/compromisos.csv: primer registro", mediana_ms=primer_registro),
        Medicion(
            que=f"/datos/compromisos.csv: {N:,} filas completas ({tamano / 2**20:.0f} MiB)",
            mediana_ms=total,
            memoria_mib=max(picos),
            nota=f"pico por tramo de 20,000 filas (MiB, con tracemalloc): {evolucion}",
        ),  # fmt: skip
    ]


def _compromisos():
    from cocreacion.portal.busqueda import buscables

    return next(b for b in buscables() if b.clave == "compromisos")


def _medir_indexable(texto) -> Medicion:
    """La búsqueda del núcleo en compromisos (``@@`` sobre la columna ``busqueda`` y ``%>``),
    sin la vista: las coincidencias acotadas (que son también el total), la página y sus filas;
    y si las coincidencias se eligen con los índices GIN."""
    from cocreacion.portal import busqueda

    compromisos = _compromisos()
    tiempos = []
    for _ in range(7):
        inicio = time.perf_counter()
        consulta = busqueda._consulta_de_texto(texto)
        # También el total con tope.
        candidatos = busqueda._candidatos_pg(compromisos, texto, consulta)
        busqueda._pagina_pg(compromisos, texto, consulta, candidatos, 0, 5)
        tiempos.append((time.perf_counter() - inicio) * 1000)
    from django.db import connection
    from django.db.models import Q

    # La primera pasada de la búsqueda: el texto completo (lo parecido sólo si no hay nada).
    coincidencias = (
        compromisos.consulta().filter(Q(busqueda=busqueda._consulta_de_texto(texto))).values("pk")
    )
    with connection.cursor() as cursor:
        sql, params = coincidencias.query.sql_with_params()
        cursor.execute("EXPLAIN " + sql, params)
        plan = " ".join(r[0] for r in cursor.fetchall())
    usa = "usa índice GIN" if "Bitmap Index Scan" in plan else "sin índice"
    return Medicion(
        que=f"consulta del núcleo (página y conteo) «{texto}» en compromisos",
        mediana_ms=statistics.median(tiempos), p95_ms=max(tiempos), nota=usa,
    )  # fmt: skip


def correr() -> list[Medicion]:
    from django.db import connection
    from django.test import Client

    inicio = time.perf_counter()
    _poblar()
    poblar_s = time.perf_counter() - inicio
    cliente = Client()
    mediciones = _medir_csv(cliente)
    for consulta in ["construccion caminos", "presupuesto partisipativo", "niños"]:
        mediciones.append(
            medir_get(cliente, f"/buscar/?q={consulta}", repeticiones=3,
                      que=f"/buscar/?q={consulta} ({N:,} compromisos)", meta="≤ 100 ms")
        )  # fmt: skip
    if connection.vendor == "postgresql":
        for consulta in ["construccion caminos", "presupuesto partisipativo", "niños"]:
            mediciones.append(_medir_indexable(consulta))
    mediciones[0].nota = f"(poblar {N:,} compromisos: {poblar_s:.0f} s)"
    return mediciones
