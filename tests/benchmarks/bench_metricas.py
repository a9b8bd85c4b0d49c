"""Benchmarks de la Métrica: importación del BSO.csv real y ``/metricas/<año>/`` con 2,000 sujetos.

Metas (issue 5): importar BSO.csv en ≤ 3 s; ``/metricas/<año>/`` con 2,000 sujetos obligados de
Oaxaca en ≤ 150 ms de tiempo de servidor (PostgreSQL).
"""

import statistics
import time
from decimal import Decimal
from pathlib import Path

from tests.benchmarks.comun import (
    RAIZ,
    Medicion,
    estadisticas_al_dia,
    medir_estatico,
    medir_funcion,
    medir_get,
)

BSO = RAIZ / "fixtures" / "metrica-2017" / "BSO.csv"


def _cargar_base():
    from django.core.management import call_command

    for fixture in [
        "institucion.json",
        "municipios.json",
        "sujetos_obligados.json",
        "metricas_ediciones.json",
        "metricas_indicadores.json",
    ]:
        call_command("loaddata", fixture, verbosity=0)


def _importacion() -> list[Medicion]:
    from cocreacion.models import SujetoObligado
    from metricas.importacion import importar_resultados
    from metricas.models import Resultado

    base = set(SujetoObligado.objects.values_list("pk", flat=True))

    def limpiar():
        Resultado.history.all().delete()
        Resultado.objects.all().delete()
        SujetoObligado.history.exclude(id__in=base).delete()
        SujetoObligado.objects.exclude(pk__in=base).delete()

    def cronometrar(preparar, que: str) -> Medicion:
        # Sin tracemalloc (que multiplica el tiempo de Python): sólo reloj, 3 repeticiones.
        tiempos = []
        for _ in range(3):
            preparar()
            inicio = time.perf_counter()
            importar_resultados(archivo=BSO, edicion=2017, actor=None)
            tiempos.append((time.perf_counter() - inicio) * 1000)
        tiempos.sort()
        return Medicion(
            que=que, mediana_ms=statistics.median(tiempos), p95_ms=tiempos[-1], meta="≤ 3000 ms"
        )

    primera = cronometrar(limpiar, "importar BSO.csv (908 filas, 881 sujetos nuevos)")
    reimportar = cronometrar(lambda: None, "reimportar BSO.csv (sin cambios)")
    memoria = medir_funcion(
        lambda: importar_resultados(archivo=BSO, edicion=2017, actor=None, ensayo=True),
        que="simular BSO.csv (memoria máxima, con tracemalloc)",
        repeticiones=1,
    )
    return [primera, reimportar, memoria]


def _pagina_con_2000() -> list[Medicion]:
    from django.test import Client

    from cocreacion.models import SujetoObligado
    from metricas.models import Edicion, Resultado

    edicion = Edicion.objects.get(anio=2017)
    Resultado.objects.filter(sujeto_obligado__isnull=False).delete()
    existentes = SujetoObligado.objects.count()
    nuevos = SujetoObligado.objects.bulk_create(
        SujetoObligado(
            nombre=f"Sujeto de prueba {i:04d}",
            nombre_normalizado=f"sujeto de prueba {i:04d}",
            slug=f"sujeto-de-prueba-{i:04d}",
            tipo="municipio" if i % 3 else "poder_ejecutivo",
            orden="municipal" if i % 3 else "estatal",
        )
        for i in range(max(0, 2000 - existentes))
    )
    sujetos = list(SujetoObligado.objects.all()[:2000])
    Resultado.objects.bulk_create(
        Resultado(
            edicion=edicion,
            sujeto_obligado=s,
            tg=Decimal(i % 97) / 97,
            tc=Decimal(i % 89) / 89,
            pg=Decimal(i % 83) / 83,
            pc=Decimal(i % 79) / 79,
        ).calcular()
        for i, s in enumerate(sujetos)
    )
    assert Resultado.objects.de_oaxaca().count() == 2000, len(nuevos)
    estadisticas_al_dia()
    cliente = Client()
    mediciones = [
        medir_get(
            cliente,
            "/metricas/2017/",
            que="/metricas/2017/ con 2,000 sujetos de Oaxaca",
            meta="≤ 150 ms",
        ),
        medir_get(
            cliente,
            "/metricas/2017/?tipo=municipio&pagina=5",
            que="/metricas/2017/?tipo=municipio&pagina=5 (2,000 sujetos)",
            meta="≤ 150 ms",
        ),
        medir_get(cliente, "/metricas/", que="/metricas/ (908 + 2,000 resultados)"),
        medir_get(
            cliente, "/metricas/2017/resultados.csv", repeticiones=5, que="CSV de 2,881 resultados"
        ),
    ]
    mediciones.append(_cpu(cliente, "/metricas/2017/"))
    mediciones.append(medir_estatico(cliente.get("/metricas/2017/").content))
    return mediciones


def _cpu(cliente, url: str) -> Medicion:
    """Tiempo de CPU del proceso de Django por petición: separa el costo propio de la espera
    cuando la máquina está cargada (la base de datos corre en otro proceso)."""
    tiempos = []
    for _ in range(20):
        inicio = time.process_time()
        cliente.get(url)
        tiempos.append((time.process_time() - inicio) * 1000)
    tiempos.sort()
    return Medicion(
        que=f"{url} (CPU de Django, 2,000 sujetos)",
        mediana_ms=statistics.median(tiempos),
        p95_ms=tiempos[18],
        meta="≤ 150 ms",
    )


def correr() -> list[Medicion]:
    _cargar_base()
    return _importacion() + _pagina_con_2000()


if __name__ == "__main__":
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    print("Use: python tests/benchmarks/correr.py bench_metricas")
