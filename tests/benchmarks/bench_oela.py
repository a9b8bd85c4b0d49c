"""Cifras del programa anual (no es una prueba): ``make bench`` o
``python tests/benchmarks/correr.py bench_oela`` (con ``DATABASE_URL=postgres://…``).

- ``/programa/<año>/`` del programa real 2021 y de uno generado de 10 objetivos × 5 estrategias
  × 5 líneas × 10 acciones (2,500 acciones), cada uno junto al piso (el mismo HTML como estático);
- tiempo y memoria máxima del PDF de ese programa grande;
- tiempo de importar una matriz de 2,500 filas (XLSX).
Metas: página grande ≤ 250 ms, su PDF ≤ 5 s, la importación ≤ 10 s.
"""

from tests.benchmarks.comun import (
    Medicion,
    medir_estatico,
    medir_get,
    medir_tiempo_y_memoria,
)


def correr() -> list[Medicion]:
    from django.core.management import call_command
    from django.test import Client

    from oela.importacion import importar_matriz
    from oela.models import Accion, Avance
    from oela.pdf import documento_programa
    from oela.services import matriz_exportar
    from tests.oela.conftest import generar_programa

    for fixture in [
        "institucion.json",
        "ods.json",
        "disposiciones.json",
        "oela_programa_2021.json",
    ]:
        call_command("loaddata", fixture, verbosity=0)
    grande = generar_programa(2070, objetivos=10, estrategias=5, lineas=5, acciones=10)
    acciones = list(Accion.objects.filter(linea__estrategia__objetivo__programa=grande)[:1000])
    Avance.objects.bulk_create(Avance(accion=a, mes=1, realizado=3) for a in acciones)
    cliente = Client()
    mediciones = []
    for anio, que in [(2021, "real 2021, 22 líneas"), (2070, "generado, 2,500 acciones")]:
        ruta = f"/programa/{anio}/"
        m = medir_get(
            cliente, ruta, que=f"GET {ruta} ({que})", meta="≤ 250 ms" if anio == 2070 else ""
        )
        mediciones.append(m)
        mediciones.append(
            medir_estatico(cliente.get(ruta).content, que=f"  piso: el mismo HTML estático ({que})")
        )
    mediciones.append(
        medir_tiempo_y_memoria(
            lambda: documento_programa(grande, usar_cache=False),
            que="PDF del programa de 2,500 acciones, sin caché (WeasyPrint)",
            repeticiones=2,
            meta="≤ 5 s",
        )
    )
    mediciones.append(
        medir_get(
            cliente,
            "/programa/2070/documento.pdf",
            repeticiones=5,
            que="GET /programa/2070/documento.pdf con caché (HTML sin cambios)",
            meta="≤ 5 s",
        )
    )
    datos = matriz_exportar(programa=grande, formato="xlsx")
    anios = iter(range(2100, 2000, -1))

    def importar():
        destino = generar_programa(next(anios), objetivos=0)
        resultado = importar_matriz(
            programa=destino, archivo=datos, nombre="matriz.xlsx", actor=None
        )
        assert len(resultado.creados) == 10 + 50 + 250 + 2500

    mediciones.append(
        medir_tiempo_y_memoria(
            importar, que="Importar matriz XLSX de 2,500 filas", repeticiones=2, meta="≤ 10 s"
        )
    )
    return mediciones
