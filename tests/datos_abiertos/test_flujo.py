"""La exportación en flujo mantiene la memoria plana: cada tramo de filas ocupa lo mismo.

Con 20,000 filas en tramos de 4,000 basta para ver si la memoria crece con las filas (si la
vista las juntara, cada tramo pesaría más que el anterior). La cifra con 100,000 compromisos
(primer byte, total y memoria pico) se mide en ``make bench`` (``bench_datos``): aquí costaba
más de 20 s de cada corrida de las pruebas.
"""

import time
import tracemalloc

import pytest

from cocreacion.models import Municipio

N = 20_000
TRAMO = 4_000


@pytest.mark.django_db
def test_csv_con_memoria_plana_por_tramo(client):
    Municipio.objects.bulk_create(
        (Municipio(clave=f"{i:05d}", clave_municipio=f"{i % 1000:03d}", nombre=f"Municipio {i}")
         for i in range(N)),
        batch_size=5000,
    )  # fmt: skip
    next(iter(client.get("/datos/municipios.csv").streaming_content))  # calienta rutas e imports
    tracemalloc.start()
    try:
        inicio = time.perf_counter()
        respuesta = client.get("/datos/municipios.csv")
        partes = iter(respuesta.streaming_content)
        encabezado = next(partes)
        primer_byte = time.perf_counter() - inicio
        base = tracemalloc.get_traced_memory()[0]
        tracemalloc.reset_peak()
        picos, filas = [], 0
        for _parte in partes:
            filas += 1
            if filas % TRAMO == 0:
                picos.append(tracemalloc.get_traced_memory()[1] - base)
                tracemalloc.reset_peak()
        al_final = tracemalloc.get_traced_memory()[0] - base
    finally:
        tracemalloc.stop()
    assert encabezado.decode("utf-8-sig").startswith("id,clave,clave_municipio,nombre")
    assert filas == N
    assert primer_byte < 1, "el encabezado debe llegar de inmediato"
    mib = [p / 2**20 for p in picos]
    # Plana: el pico de cada tramo no crece respecto del primero, y todo queda por debajo de lo
    # que ocuparían las 20,000 filas juntas en memoria.
    assert len(mib) == N // TRAMO
    assert max(mib[1:]) <= mib[0] * 1.5 + 0.5, mib
    assert max(mib) < 3, mib
    assert al_final / 2**20 < 1, al_final / 2**20
