"""Todo importador, ante cualquier archivo, termina en éxito o en ``ErrorDeImportacion`` con
mensajes en español que nombran el archivo; si falla, la base queda exactamente igual.

Cubre los servicios (matriz del programa anual, hitos de un plan, elementos de un listado,
resultados de la Métrica) y sus comandos de gestión.
"""

import pytest
from django.core.management import CommandError, call_command
from hypothesis import currently_in_test_context, event, given
from hypothesis import strategies as st

from cocreacion.comun.importacion import ErrorDeImportacion
from cocreacion.models import ElementoListado, SujetoObligado
from metricas.importacion import importar_resultados
from metricas.models import Resultado
from oela.importacion import importar_matriz
from oela.matriz import COLUMNAS
from oela.models import Accion, Estrategia, LineaAccion, Objetivo, Programa
from stgao.importacion import ENCABEZADOS, importar_hitos
from stgao.models import Compromiso, Hito
from tests.oela.conftest import generar_programa

from .conftest import MEDIO, POCOS, archivo_hostil, archivos_fijos

pytestmark = pytest.mark.django_db


def foto(*modelos):
    """Estado comparable de los modelos (filas completas) y de su historial (cantidad)."""
    estado = []
    for modelo in modelos:
        estado.append(sorted(modelo.objects.values_list(), key=repr))
        if hasattr(modelo, "history"):
            estado.append(modelo.history.count())
    return estado


def _evento(texto):
    if currently_in_test_context():
        event(texto)


def comprobar(importar, estado):
    """Éxito, o ``ErrorDeImportacion`` en español con archivo y detalle, sin escribir nada."""
    antes = estado()
    try:
        resultado = importar()
    except ErrorDeImportacion as exc:
        _evento("rechazado")
        assert exc.errores, "un rechazo sin errores no le dice nada a quien importa"
        assert exc.archivo, "el mensaje debe nombrar el archivo"
        assert "no se guardó nada" in exc.resumen()
        assert all(str(e).strip() for e in exc.errores)
        assert estado() == antes, "importación rechazada pero la base cambió"
        return None
    _evento("importado")
    return resultado


def comprobar_comando(argumentos, opciones, estado):
    antes = estado()
    try:
        call_command(*argumentos, stdout=_Nulo(), stderr=_Nulo(), **opciones)
    except CommandError as exc:
        assert str(exc).strip()
        assert estado() == antes, "el comando falló pero la base cambió"


class _Nulo:
    def write(self, *_a, **_k):
        pass

    def flush(self):
        pass


# --- Programa anual: importar_matriz ----------------------------------------------------

MESES_VACIOS = [0] * 12


def base_matriz():
    fila = [
        "1",
        "1 Fomentar la transparencia proactiva",
        "1.1. Impulsar información útil",
        "1.1.1. Revisar los listados",
        "Dictaminar listados",
        10,
        "dictámenes",
        "Dictámenes aprobados",
        "Actas",
        "DGA",
    ]
    otra = ["2", fila[1], fila[2], "1.1.2. Capacitar a enlaces", "Cursos", 2, "cursos", "", "", ""]
    return [COLUMNAS, fila + [5, 5] + [0] * 10, otra + [0] * 11 + [2]]


def estado_oela():
    return foto(Programa, Objetivo, Estrategia, LineaAccion, Accion)


@pytest.fixture
def programa_borrador(db):
    return generar_programa(
        2031, objetivos=1, estrategias=1, lineas=1, acciones=1, estado="borrador"
    )


def test_base_de_la_matriz_se_importa(programa_borrador, usuario_coordinacion):
    from .conftest import a_csv

    importar_matriz(
        programa=programa_borrador,
        archivo=a_csv(base_matriz()),
        nombre="m.csv",
        actor=usuario_coordinacion,
    )
    assert LineaAccion.objects.filter(estrategia__objetivo__programa=programa_borrador).count() == 2


@MEDIO
@given(archivo=archivo_hostil(base_matriz()), simular=st.booleans())
def test_matriz_con_archivos_hostiles(programa_borrador, usuario_coordinacion, archivo, simular):
    nombre, datos = archivo
    comprobar(
        lambda: importar_matriz(
            programa=programa_borrador,
            archivo=datos,
            nombre=nombre,
            actor=usuario_coordinacion,
            ensayo=simular,
        ),
        estado_oela,
    )


@pytest.mark.parametrize("caso", archivos_fijos(base_matriz()), ids=lambda c: c[0])
def test_matriz_casos_fijos(programa_borrador, usuario_coordinacion, caso):
    _id, nombre, datos = caso
    comprobar(
        lambda: importar_matriz(
            programa=programa_borrador, archivo=datos, nombre=nombre, actor=usuario_coordinacion
        ),
        estado_oela,
    )


@POCOS
@given(archivo=archivo_hostil(base_matriz()))
def test_comando_importar_matriz(programa_borrador, usuario_coordinacion, tmp_path, archivo):
    nombre, datos = archivo
    ruta = tmp_path / (nombre if "." in nombre else nombre + ".csv")
    ruta.write_bytes(datos)
    comprobar_comando(
        ["importar_matriz", str(ruta)],
        {"programa": programa_borrador.anio, "usuario": usuario_coordinacion.username},
        estado_oela,
    )


def test_comando_importar_matriz_archivo_inexistente(programa_borrador, tmp_path):
    with pytest.raises(CommandError, match="No se encontró"):
        call_command("importar_matriz", str(tmp_path / "no-existe.csv"), programa=2031)


# --- Plan de Acción Local: importar_hitos -----------------------------------------------


@pytest.fixture
def hitos(crear_compromiso):
    compromiso = crear_compromiso("Compromiso importable", hitos=3)
    return list(compromiso.hitos.order_by("numero"))


def base_hitos(hitos):
    filas = [ENCABEZADOS]
    for h in hitos:
        filas.append(
            [
                h.pk,
                "1. Compromiso importable",
                h.numero,
                h.descripcion,
                "En proceso",
                "2021-01-15",
                "2030-01-01",
                "2021-02-01",
                "",
                h.peso,
            ]
        )
    return filas


def estado_stgao():
    return foto(Hito, Compromiso)


@MEDIO
@given(datos=st.data())
def test_hitos_con_archivos_hostiles(plan, hitos, usuario_coordinacion, datos):
    nombre, contenido = datos.draw(archivo_hostil(base_hitos(hitos)))
    comprobar(
        lambda: importar_hitos(
            plan=plan, archivo=contenido, nombre=nombre, actor=usuario_coordinacion
        ),
        estado_stgao,
    )


def test_hitos_casos_fijos(plan, hitos, usuario_coordinacion):
    for _id, nombre, contenido in archivos_fijos(base_hitos(hitos)):
        comprobar(
            lambda c=contenido, n=nombre: importar_hitos(
                plan=plan, archivo=c, nombre=n, actor=usuario_coordinacion
            ),
            estado_stgao,
        )


@pytest.mark.parametrize(
    "fecha",
    ["0001-01-01", "9999-12-31", "31/02/2021", "2021-13-01", "10000-01-01", "-1", "0"],
)
def test_hitos_fechas_fuera_de_rango(plan, hitos, usuario_coordinacion, fecha):
    from .conftest import a_csv

    filas = base_hitos(hitos)
    filas[1][6] = fecha  # término planeado
    filas[2][8] = fecha  # término real
    comprobar(
        lambda: importar_hitos(
            plan=plan, archivo=a_csv(filas), nombre="h.csv", actor=usuario_coordinacion
        ),
        estado_stgao,
    )


@POCOS
@given(datos=st.data())
def test_comando_importar_hitos(plan, hitos, usuario_coordinacion, tmp_path, datos):
    nombre, contenido = datos.draw(archivo_hostil(base_hitos(hitos)))
    ruta = tmp_path / (nombre if "." in nombre else nombre + ".csv")
    ruta.write_bytes(contenido)
    comprobar_comando(
        ["importar_hitos", plan.slug, str(ruta)],
        {"usuario": usuario_coordinacion.username},
        estado_stgao,
    )


# --- Información de interés público: elementos del listado ------------------------------

ENCABEZADOS_LISTADO = [
    "título",
    "descripción",
    "justificación",
    "unidad responsable",
    "periodicidad",
    "formato",
    "liga",
]


def base_listado():
    fila = [
        "Padrón de beneficiarios",
        "Personas que reciben apoyos",
        "Permite vigilar el uso de recursos",
        "Dirección de Programas",
        "trimestral",
        "XLSX",
        "https://ejemplo.gob.mx/padron",
    ]
    return [ENCABEZADOS_LISTADO, fila, [f"{v} 2" if i < 4 else v for i, v in enumerate(fila)]]


def estado_listados():
    return foto(ElementoListado)


@MEDIO
@given(archivo=archivo_hostil(base_listado()), reemplazar=st.booleans())
def test_listado_con_archivos_hostiles(listado, enlace, archivo, reemplazar):
    nombre, datos = archivo
    from cocreacion.listados.importacion import importar_elementos

    comprobar(
        lambda: importar_elementos(
            listado=listado, archivo=datos, nombre=nombre, actor=enlace, reemplazar=reemplazar
        ),
        estado_listados,
    )


@pytest.mark.parametrize("caso", archivos_fijos(base_listado()), ids=lambda c: c[0])
def test_listado_casos_fijos(listado, enlace, caso):
    from cocreacion.listados.importacion import importar_elementos

    _id, nombre, datos = caso
    comprobar(
        lambda: importar_elementos(listado=listado, archivo=datos, nombre=nombre, actor=enlace),
        estado_listados,
    )


# --- Métrica de Gobierno Abierto: importar_metrica --------------------------------------

ENCABEZADOS_METRICA = ["SO", "edo", "niv", "ts", "TG", "TC", "PG", "PC", "T", "P", "GA"]


def base_metrica():
    return [
        ENCABEZADOS_METRICA,
        [
            "Oaxaca-Secretaría de Finanzas",
            "Oaxaca",
            "Estatal",
            "Ejecutivo Estatal",
            "0.5",
            "0.4",
            "0.3",
            "0.2",
            "0.45",
            "0.25",
            "0.35",
        ],
        ["Oaxaca-Tlacolula", "Oaxaca", "Municipal", "Municipio", 0.1, 0.2, 0.3, 0.4, "", "", ""],
    ]


@pytest.fixture
def edicion_2017(db):
    from django.core.management import call_command as llamar

    from metricas.models import Edicion

    llamar("loaddata", "metricas_ediciones.json", verbosity=0)
    return Edicion.objects.get(anio=2017)


def estado_metrica():
    return foto(SujetoObligado, Resultado)


@MEDIO
@given(archivo=archivo_hostil(base_metrica()), simulacion=st.booleans())
def test_metrica_con_archivos_hostiles(edicion_2017, archivo, simulacion):
    nombre, datos = archivo
    antes = estado_metrica()
    comprobar(
        lambda: importar_resultados(
            archivo=datos, nombre=nombre, edicion=edicion_2017, actor=None, ensayo=simulacion
        ),
        estado_metrica,
    )
    if simulacion:
        assert estado_metrica() == antes, "la simulación escribió en la base"


@pytest.mark.parametrize("caso", archivos_fijos(base_metrica()), ids=lambda c: c[0])
def test_metrica_casos_fijos(edicion_2017, caso):
    _id, nombre, datos = caso
    comprobar(
        lambda: importar_resultados(archivo=datos, nombre=nombre, edicion=edicion_2017, actor=None),
        estado_metrica,
    )


def test_metrica_edicion_inexistente(edicion_2017):
    from .conftest import a_csv

    comprobar(
        lambda: importar_resultados(
            archivo=a_csv(base_metrica()), nombre="m.csv", edicion=1850, actor=None
        ),
        estado_metrica,
    )


def test_comando_importar_metrica_archivo_inexistente(edicion_2017, tmp_path):
    with pytest.raises(CommandError, match="No se encontró"):
        call_command("importar_metrica", str(tmp_path / "no-existe.csv"), edicion=2017)


@POCOS
@given(archivo=archivo_hostil(base_metrica()), simulacion=st.booleans())
def test_comando_importar_metrica(edicion_2017, tmp_path, archivo, simulacion):
    nombre, datos = archivo
    ruta = tmp_path / (nombre if "." in nombre else nombre + ".csv")
    ruta.write_bytes(datos)
    opciones = {"edicion": 2017}
    if simulacion:
        opciones["simulacion"] = True
    comprobar_comando(["importar_metrica", str(ruta)], opciones, estado_metrica)
