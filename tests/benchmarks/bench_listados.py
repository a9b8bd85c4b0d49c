"""Benchmark de interés público: PDF de un dictamen con 300 elementos y la página del periodo
con 1,000 sujetos obligados.

Metas (issue 4): PDF ≤ 3 s y ≤ 300 MB de pico; página del periodo ≤ 150 ms en PostgreSQL.
"""

import statistics
import time
from datetime import date

from tests.benchmarks.comun import Medicion, medir_estatico, medir_funcion, medir_get


def _preparar():
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.core.management import call_command

    from cocreacion.listados import services as servicios
    from cocreacion.models import Enlace, PeriodoListado, SujetoObligado
    from cocreacion.permissions import GRUPO_COORDINACION, GRUPO_ENLACES
    from tests.cocreacion.test_listados_apoyo import elementos, llevar_a

    call_command("loaddata", "institucion.json", verbosity=0)
    Usuario = get_user_model()
    coordinadora = Usuario.objects.create_user("bench-coordinadora", is_staff=True)
    coordinadora.groups.add(Group.objects.get(name=GRUPO_COORDINACION))
    SujetoObligado.objects.bulk_create(
        SujetoObligado(
            nombre=f"Sujeto obligado de prueba {i:04d}",
            slug=f"sujeto-bench-{i:04d}",
            nombre_normalizado=f"sujeto obligado de prueba {i:04d}",
            tipo="municipio",
            orden="municipal",
        )
        for i in range(1000)
    )
    periodo = PeriodoListado.objects.create(
        clave="2021-S1",
        fecha_limite_envio=date(2100, 6, 30),
        fecha_limite_revision=date(2100, 7, 31),
        fecha_limite_aprobacion=date(2100, 8, 31),
    )
    servicios.periodo_abrir(
        periodo=periodo,
        actor=coordinadora,
        sujetos=list(SujetoObligado.objects.filter(slug__startswith="sujeto-bench-")),
    )
    listados = list(periodo.listados.order_by("pk"))
    enlace = Usuario.objects.create_user("bench-enlace", is_staff=True)
    enlace.groups.add(Group.objects.get(name=GRUPO_ENLACES))
    Enlace.objects.create(usuario=enlace, sujeto_obligado=listados[0].sujeto_obligado)
    elementos(listados[0], 300)
    dictamen = llevar_a(
        listados[0], "aprobado", enlace=enlace, analista=coordinadora, aprobador=coordinadora
    )
    # Variedad de estados en la tabla del periodo.
    for i, listado in enumerate(listados[1:200], start=1):
        elementos(listado, 1)
        servicios.listado_enviar(listado=listado, actor=coordinadora)
        if i % 2:
            servicios.listado_iniciar_revision(listado=listado, actor=coordinadora)
    return dictamen


def correr() -> list[Medicion]:
    from django.test import Client

    from cocreacion.listados.pdf import pdf_de_dictamen
    from cocreacion.listados.selectors import dictamen_publico
    from cocreacion.models import Institucion

    dictamen = _preparar()
    cliente = Client()
    mediciones = []

    pagina = medir_get(
        cliente,
        "/interes-publico/?periodo=2021-S1",
        que="/interes-publico/ periodo con 1,000 sujetos obligados",
        meta="≤ 150 ms (PostgreSQL)",
    )
    mediciones.append(pagina)
    mediciones.append(medir_estatico(cliente.get("/interes-publico/?periodo=2021-S1").content))

    def generar():
        return pdf_de_dictamen(
            dictamen_publico(dictamen.folio), institucion=Institucion.objects.actual()
        )

    # Tiempo sin tracemalloc (que lo infla) y memoria pico con tracemalloc, por separado.
    generar()
    tiempos = []
    for _ in range(3):
        inicio = time.perf_counter()
        generar()
        tiempos.append((time.perf_counter() - inicio) * 1000)
    mediciones.append(
        Medicion(
            que="PDF del dictamen con 300 elementos: generación",
            mediana_ms=statistics.median(tiempos),
            p95_ms=max(tiempos),
            meta="≤ 3,000 ms",
        )
    )
    memoria = medir_funcion(
        generar, que="PDF del dictamen con 300 elementos: memoria pico", repeticiones=1
    )
    memoria.mediana_ms = memoria.p95_ms = None
    memoria.meta = "≤ 300 MiB"
    mediciones.append(memoria)
    mediciones.append(
        medir_get(
            cliente,
            dictamen.get_pdf_url(),
            repeticiones=10,
            que="GET …/<folio>.pdf con 300 elementos (ya en caché)",
        )
    )
    mediciones.append(
        medir_get(
            cliente,
            dictamen.get_absolute_url(),
            repeticiones=10,
            que="/interes-publico/dictamenes/<folio>/ con 300 elementos",
        )
    )
    return mediciones
