"""La tubería común de importación, igual para cada importador del portal.

Cada caso es un importador real (matriz, hitos, Métrica, elementos de un listado y un recurso de
django-import-export) con un archivo bueno y otro con un error en la fila de en medio. Las
mismas pruebas, para todos: el mismo tipo de resultado, un ensayo no escribe nada y dice lo
mismo que la importación real, un error a la mitad no deja nada guardado (tampoco si falla
después de que el servicio ya escribió) y los errores dicen archivo, fila, columna y campo.
"""

from dataclasses import dataclass
from typing import Any

import pytest
from django.core.exceptions import ImproperlyConfigured
from import_export import resources

from cocreacion.comun.importacion import (
    ErrorDeFila,
    ErrorDeImportacion,
    ImportadorDeRecurso,
    ResultadoImportacion,
    importar,
)
from cocreacion.listados.importacion import ImportadorElementos, importar_elementos
from cocreacion.models import Municipio, SujetoObligado
from cocreacion.resources import MunicipioResource
from metricas.importacion import ImportadorResultados, importar_resultados
from metricas.models import EntidadComparada, Resultado
from oela.importacion import ImportadorMatriz, importar_matriz
from stgao.importacion import ImportadorHitos, importar_hitos
from tests.cocreacion.test_listados_apoyo import (  # noqa: F401
    abierto,
    enlace,
    listado,
    periodo,
)
from tests.propiedades.conftest import a_csv
from tests.propiedades.test_importadores import (  # noqa: F401
    base_hitos,
    base_listado,
    base_matriz,
    base_metrica,
    edicion_2017,
    estado_listados,
    estado_oela,
    estado_stgao,
    foto,
    hitos,
    programa_borrador,
)
from tests.stgao.conftest import crear_compromiso, plan  # noqa: F401

pytestmark = pytest.mark.django_db


class MunicipioImportable(MunicipioResource):
    """El recurso de municipios con ``full_clean``, como lo pide ``ImportadorDeRecurso``."""

    class Meta(MunicipioResource.Meta):
        clean_model_instances = True


@dataclass
class Caso:
    """Un importador: cómo llamarlo, qué mirar en la base y dónde cae el error del archivo malo."""

    importar: Any  # (datos, nombre, ensayo) → ResultadoImportacion
    clase: type
    estado: Any
    bueno: list
    malo: list
    columna: str
    campo: str


def _con_error_en_medio(filas: list, fila_mala: list) -> list:
    """Encabezados, una fila buena, la mala y otra buena: el error queda en la fila 3."""
    encabezados, primera, *resto = filas
    return [encabezados, primera, fila_mala, *(resto or [primera])]


def _matriz(request):
    programa = request.getfixturevalue("programa_borrador")
    actor = request.getfixturevalue("usuario_coordinacion")
    bueno = base_matriz()
    mala = list(bueno[2])
    mala[0], mala[5] = "9", "diez"
    return Caso(
        importar=lambda datos, nombre, ensayo: importar_matriz(
            programa=programa, archivo=datos, nombre=nombre, actor=actor, ensayo=ensayo
        ),
        clase=ImportadorMatriz,
        estado=estado_oela,
        bueno=bueno,
        malo=_con_error_en_medio(bueno, mala),
        columna="Meta",
        campo="meta",
    )


def _hitos(request):
    lista = request.getfixturevalue("hitos")
    plan_ = request.getfixturevalue("plan")
    actor = request.getfixturevalue("usuario_coordinacion")
    bueno = base_hitos(lista)
    # Las fechas planeadas de un compromiso publicado no cambian al reportar: se conservan.
    for fila, hito in zip(bueno[1:], lista, strict=True):
        fila[5], fila[6] = hito.fecha_inicio_planeada, hito.fecha_fin_planeada
    mala = list(bueno[2])
    mala[5] = "el próximo martes"
    return Caso(
        importar=lambda datos, nombre, ensayo: importar_hitos(
            plan=plan_, archivo=datos, nombre=nombre, actor=actor, ensayo=ensayo
        ),
        clase=ImportadorHitos,
        estado=estado_stgao,
        bueno=bueno,
        malo=[bueno[0], bueno[1], mala, bueno[3]],
        columna="inicio planeado",
        campo="fecha_inicio_planeada",
    )


def _metrica(request):
    edicion = request.getfixturevalue("edicion_2017")
    bueno = base_metrica()
    mala = ["Federal-Senado", "Federal", "Federal", "Legislativo", "mucho", 0.1, 0.1, 0.1]
    return Caso(
        importar=lambda datos, nombre, ensayo: importar_resultados(
            archivo=datos, nombre=nombre, edicion=edicion, actor=None, ensayo=ensayo
        ),
        clase=ImportadorResultados,
        estado=lambda: foto(SujetoObligado, EntidadComparada, Resultado),
        bueno=bueno,
        malo=_con_error_en_medio(bueno, mala + ["", "", ""]),
        columna="TG",
        campo="tg",
    )


def _listado(request):
    destino = request.getfixturevalue("listado")
    actor = request.getfixturevalue("enlace")
    bueno = base_listado()
    mala = list(bueno[1])
    mala[0], mala[4] = "Otro padrón", "cada que se pueda"
    return Caso(
        importar=lambda datos, nombre, ensayo: importar_elementos(
            listado=destino, archivo=datos, nombre=nombre, actor=actor, ensayo=ensayo
        ),
        clase=ImportadorElementos,
        estado=estado_listados,
        bueno=bueno,
        malo=_con_error_en_medio(bueno, mala),
        columna="periodicidad",
        campo="periodicidad",
    )


def _recurso(request):
    bueno = [["clave", "clave_municipio", "nombre"], ["20990", "990", "San Prueba"]]
    bueno.append(["20991", "991", "Santa Prueba"])
    return Caso(
        importar=lambda datos, nombre, ensayo: importar(
            ImportadorDeRecurso(MunicipioImportable()), archivo=datos, nombre=nombre, ensayo=ensayo
        ),
        clase=ImportadorDeRecurso,
        estado=lambda: foto(Municipio),
        bueno=bueno,
        malo=_con_error_en_medio(bueno, ["20992", "9920", "San Error"]),
        columna="clave_municipio",
        campo="clave_municipio",
    )


CASOS = {
    "matriz": _matriz,
    "hitos": _hitos,
    "metrica": _metrica,
    "listado": _listado,
    "recurso": _recurso,
}


@pytest.fixture(params=list(CASOS))
def caso(request) -> Caso:
    return CASOS[request.param](request)


def test_ensayo_no_escribe_y_dice_lo_mismo_que_la_importacion(caso):
    antes = caso.estado()
    ensayo = caso.importar(a_csv(caso.bueno), "bueno.csv", True)
    assert isinstance(ensayo, ResultadoImportacion)
    assert ensayo.ensayo and ensayo.archivo == "bueno.csv"
    assert ensayo.filas == len(caso.bueno) - 1
    assert ensayo.creados or ensayo.cambiados, "el ensayo debe decir qué cambiaría"
    assert ensayo.reporte().strip()
    assert caso.estado() == antes, "el ensayo escribió en la base"

    real = caso.importar(a_csv(caso.bueno), "bueno.csv", False)
    assert type(real) is ResultadoImportacion and not real.ensayo
    # La vista previa es la importación misma, deshecha: no puede diferir de lo que se aplica.
    assert (real.creados, real.cambiados, real.filas_sin_cambios) == (
        ensayo.creados,
        ensayo.cambiados,
        ensayo.filas_sin_cambios,
    )
    assert caso.estado() != antes


@pytest.mark.parametrize("ensayo", [False, True], ids=["importar", "ensayo"])
def test_error_a_la_mitad_no_guarda_nada_y_dice_donde(caso, ensayo):
    antes = caso.estado()
    with pytest.raises(ErrorDeImportacion) as error:
        caso.importar(a_csv(caso.malo), "malo.csv", ensayo)
    assert caso.estado() == antes
    assert error.value.archivo == "malo.csv"
    assert "no se guardó nada" in error.value.resumen()
    lugares = [(e.fila, e.columna, e.campo) for e in error.value.errores]
    assert (3, caso.columna, caso.campo) in lugares, lugares


def test_falla_despues_de_escribir_y_no_queda_nada(caso, monkeypatch):
    """Aunque el servicio ya escribió, un error posterior deshace la importación completa."""
    antes = caso.estado()
    original = caso.clase.aplicar
    escribio = []

    def aplicar_y_fallar(importador, preparado, resultado):
        original(importador, preparado, resultado)
        escribio.append(caso.estado() != antes)
        raise ErrorDeImportacion([ErrorDeFila("Falla a propósito.", fila=2, columna="x")])

    monkeypatch.setattr(caso.clase, "aplicar", aplicar_y_fallar)
    with pytest.raises(ErrorDeImportacion) as error:
        caso.importar(a_csv(caso.bueno), "bueno.csv", False)
    assert escribio == [True], "el servicio debía haber escrito antes de la falla"
    assert caso.estado() == antes
    assert error.value.archivo == "bueno.csv"


def test_recurso_sin_full_clean_o_con_use_bulk_no_entra_a_la_tuberia():
    with pytest.raises(ImproperlyConfigured, match="clean_model_instances"):
        ImportadorDeRecurso(MunicipioResource())

    class EnLote(resources.ModelResource):
        class Meta:
            model = Municipio
            use_bulk = True
            clean_model_instances = True

    with pytest.raises(ImproperlyConfigured, match="use_bulk"):
        ImportadorDeRecurso(EnLote())


def test_el_recurso_importado_queda_en_el_historial(usuario_coordinacion):
    filas = [["clave", "clave_municipio", "nombre"], ["20993", "993", "San Historial"]]
    importar(
        ImportadorDeRecurso(MunicipioImportable(), actor=usuario_coordinacion),
        archivo=a_csv(filas),
        nombre="m.csv",
    )
    assert Municipio.history.filter(clave="20993").count() == 1
