"""La exportación de ``/datos/`` (lectores por columna) da lo mismo que django-import-export."""

import csv
import datetime as dt
from decimal import Decimal

import pytest

from cocreacion.comun.formulas import neutralizar
from cocreacion.models import MetaODS, ObjetivoDesarrolloSostenible, Organizacion, SujetoObligado
from cocreacion.portal.datos_abiertos import conjuntos, csv_en_flujo, valor_plano
from stgao.models import Compromiso

RAROS = [
    '=HYPERLINK("http://x")',
    "+52 951 000",
    "-1+2",
    "@SUMA(A1)",
    "\tcon tabulador",
    'Línea uno\nLínea dos, con «comillas» y "dobles"',
    "-12.5",
    "",
]


class _Eco:
    def write(self, valor):
        return valor


def csv_de_import_export(conjunto) -> str:
    """El CSV armado celda por celda con ``export_resource`` de django-import-export."""
    recurso = conjunto.instancia_recurso()
    escritor = csv.writer(_Eco())
    partes = ["\ufeff" + escritor.writerow(recurso.get_export_headers())]
    for objeto in conjunto.consulta():
        fila = recurso.export_resource(objeto, force_native_type=True)
        partes.append(escritor.writerow([neutralizar(valor_plano(v)) for v in fila]))
    return "".join(partes)


@pytest.fixture
def casos_raros(db, crear_compromiso, crear_sesion, sujeto_obligado, usuario_coordinacion):
    from stgao import services

    otro = SujetoObligado.objects.create(
        nombre="=Sujeto con fórmula", tipo="poder_ejecutivo", orden="estatal"
    )
    ods = ObjetivoDesarrolloSostenible.objects.create(
        numero=16, nombre_corto="Paz", titulo="Paz, justicia e instituciones sólidas"
    )
    metas = [MetaODS.objects.create(ods=ods, clave=c, texto="t") for c in ("16.6", "16.10")]
    organizacion = Organizacion.objects.create(
        nombre="+Colectivo, con coma", tipo="sociedad_civil", ambito="local"
    )
    for n, texto in enumerate(RAROS):
        compromiso = crear_compromiso(titulo=f"Compromiso raro {n}", hitos=n % 3)
        if n % 2:
            compromiso.responsables.add(otro)
            compromiso.metas_ods.set(metas)
            compromiso.corresponsables.add(organizacion)
        Compromiso.objects.filter(pk=compromiso.pk).update(
            problema=texto or "x",
            linea_base=texto,
            objetivo=texto,
            fecha_inicio=None if n % 2 else dt.date(2021, 1, n + 1),
            avance=Decimal("33.33") if n % 3 == 1 else Decimal(100 * (n % 2)),
            # Un valor fuera de las opciones: la etiqueta es el valor tal cual.
            tema="tema_inexistente" if n == 3 else "presupuesto",
        )
    sesion = crear_sesion(resumen="=resumen\ncon salto", sede="@Sala")
    services.acuerdo_crear(
        sesion=sesion, texto="-Acuerdo", actor=usuario_coordinacion,
        sujetos_responsables=[sujeto_obligado, otro],
    )  # fmt: skip


# Los conjuntos calculados no tienen recurso de import-export con qué comparar.
CON_RECURSO = sorted(n for n, c in conjuntos().items() if c.recurso is not None)


@pytest.mark.parametrize("nombre", CON_RECURSO)
def test_csv_identico_al_de_import_export(casos_raros, nombre):
    conjunto = conjuntos()[nombre]
    assert "".join(csv_en_flujo(conjunto)) == csv_de_import_export(conjunto)


def test_los_casos_raros_llegan_a_la_exportacion(casos_raros):
    """Que la comparación de arriba sí pase por nulos, decimales, fórmulas y relaciones."""
    texto = "".join(csv_en_flujo(conjuntos()["compromisos"]))
    filas = list(csv.DictReader(texto.lstrip("\ufeff").splitlines(keepends=True)))
    assert len(filas) == len(RAROS)
    assert {f["tema_texto"] for f in filas} >= {"tema_inexistente"}
    assert "33.33" in {f["avance"] for f in filas}
    assert {f["fecha_inicio"] for f in filas} >= {"", "2021-01-01"}
    assert '\'=HYPERLINK("http://x")' in {f["linea_base"] for f in filas}
    assert "-12.5" in {f["linea_base"] for f in filas}
    assert "16.6|16.10" in {f["metas_ods"] for f in filas}
    assert "'+Colectivo, con coma" in {f["corresponsables"] for f in filas}
