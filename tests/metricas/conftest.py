"""Piezas comunes de las pruebas de la Métrica."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from metricas.importacion import importar_resultados
from metricas.models import Edicion

BSO = Path(settings.BASE_DIR) / "fixtures" / "metrica-2017" / "BSO.csv"
ENCABEZADO = "SO,edo,niv,ts,GA,P,T,TG,TC,PG,PC\n"


@pytest.fixture
def ediciones(db):
    """Las ediciones reales: 2017 con pesos, bandas y promedios; 2019 y 2021 con el nacional."""
    call_command("loaddata", "metricas_ediciones.json", verbosity=0)
    return Edicion.objects.get(anio=2017)


@pytest.fixture
def edicion(ediciones):
    return ediciones


@pytest.fixture
def importado(catalogos, edicion):
    """El BSO.csv real importado en la edición 2017 sobre el catálogo real."""
    return importar_resultados(archivo=BSO, edicion=edicion, actor=None).detalle


@pytest.fixture
def csv_bytes():
    """Fábrica: filas (sin encabezado) → bytes de un CSV con la forma de BSO.csv."""

    def fabrica(*filas: str, encabezado: str = ENCABEZADO) -> bytes:
        return (encabezado + "".join(f"{f}\n" for f in filas)).encode("utf-8")

    return fabrica
