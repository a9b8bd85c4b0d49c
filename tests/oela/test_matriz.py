"""Importación y exportación de la Matriz de Programación: todo o nada, con errores ubicados."""

import csv
import io
from pathlib import Path

import openpyxl
import pytest
from django.core.management import CommandError, call_command

from cocreacion.comun.importacion import ErrorDeImportacion
from oela.importacion import importar_matriz
from oela.matriz import COLUMNAS, separar_clave
from oela.models import Accion, Estrategia, LineaAccion, Objetivo
from oela.services import matriz_exportar

from .conftest import generar_programa

pytestmark = pytest.mark.django_db
DATOS = Path(__file__).parent / "datos"

OBJ1 = "1 Fomentar el aprovechamiento de la información pública útil."
EST11 = "1.1. Impulsar el modelo de información de interés público."
LIN111 = "1.1.1.Revisar y dictaminar el listado de información de interés público."
LIN112 = "1.1.2. Implementar acciones de transparencia proactiva."


def fila(n, obj=OBJ1, est=EST11, lin=LIN111, accion="", meta="", unidad="", meses=None):
    meses = meses or [""] * 12
    return [n, obj, est, lin, accion, meta, unidad, "", "", "", *meses]


def csv_bytes(filas, encabezados=COLUMNAS, codificacion="utf-8"):
    salida = io.StringIO(newline="")
    escritor = csv.writer(salida)
    escritor.writerow(encabezados)
    escritor.writerows(filas)
    return salida.getvalue().encode(codificacion)


def contar():
    return (
        Objetivo.objects.count(),
        Estrategia.objects.count(),
        LineaAccion.objects.count(),
        Accion.objects.count(),
    )


@pytest.fixture
def programa(db):
    return generar_programa(2040, objetivos=0)


def importar(programa, datos, nombre="matriz.csv", **kw):
    return importar_matriz(programa=programa, archivo=datos, nombre=nombre, actor=None, **kw)


def errores_de(programa, datos, nombre="matriz.csv"):
    antes = contar()
    with pytest.raises(ErrorDeImportacion) as exc:
        importar(programa, datos, nombre)
    assert contar() == antes, "una importación con errores no debe escribir nada"
    return exc.value.errores


class TestClaves:
    @pytest.mark.parametrize(
        ("celda", "esperado"),
        [
            ("1 Fomentar", ("1", "Fomentar")),
            ("1.1. Impulsar", ("1.1", "Impulsar")),
            ("1.1.1.Revisar", ("1.1.1", "Revisar")),
            ("  2.2.1  Implementar", ("2.2.1", "Implementar")),
            ("Fomentar una cultura", None),
            ("3", ("3", "")),
        ],
    )
    def test_separar_clave(self, celda, esperado):
        assert separar_clave(celda) == esperado


class TestImportacionCorrecta:
    def test_crea_el_arbol_y_las_acciones(self, programa):
        datos = csv_bytes(
            [
                fila(
                    1,
                    accion="Revisar listados",
                    meta=10,
                    unidad="listados",
                    meses=[1] * 10 + [0, 0],
                ),
                fila(2, accion="Emitir dictámenes", meta="4", unidad="dictámenes"),
                fila(3, lin=LIN112),
            ]
        )
        resultado = importar(programa, datos)
        assert not resultado.ensayo
        assert contar() == (1, 1, 2, 2)
        accion = Accion.objects.get(descripcion="Revisar listados")
        assert accion.clave == "1.1.1.1"
        assert accion.calendario == [1] * 10 + [0, 0]
        assert LineaAccion.objects.get(numero=1).texto == (
            "Revisar y dictaminar el listado de información de interés público."
        )
        assert "acción 1.1.1.2" in resultado.reporte()
        # El historial queda registrado para cada registro creado.
        assert accion.history.count() == 1

    def test_simulacion_no_escribe_y_reporta(self, programa):
        datos = csv_bytes([fila(1, accion="Revisar", meta=1, unidad="listado")])
        resultado = importar(programa, datos, ensayo=True)
        assert resultado.ensayo
        assert contar() == (0, 0, 0, 0)
        assert "Se crearía: línea 1.1.1" in resultado.reporte()
        assert "no se guardó nada" in resultado.reporte()

    def test_reimportar_sin_cambios_no_cambia_nada(self, programa):
        datos = csv_bytes([fila(1, accion="Revisar", meta=3, unidad="listados")])
        importar(programa, datos)
        accion = Accion.objects.get()
        versiones = accion.history.count()
        resultado = importar(programa, datos)
        assert resultado.sin_cambios
        assert accion.history.count() == versiones
        assert contar() == (1, 1, 1, 1)

    def test_cambios_se_reportan_y_aplican(self, programa):
        importar(programa, csv_bytes([fila(1, accion="Revisar", meta=3, unidad="listados")]))
        resultado = importar(
            programa,
            csv_bytes([fila(1, accion="1.1.1.1. Revisar", meta=5, unidad="listados")]),
            ensayo=True,
        )
        assert resultado.cambiados == ["acción 1.1.1.1 (Meta)"]
        assert Accion.objects.get().meta == 3
        importar(
            programa, csv_bytes([fila(1, accion="1.1.1.1. Revisar", meta=5, unidad="listados")])
        )
        assert Accion.objects.get().meta == 5

    @pytest.mark.parametrize("formato", ["xlsx", "csv"])
    def test_exportar_e_importar_ida_y_vuelta(self, db, formato):
        origen = generar_programa(2041, objetivos=2, estrategias=2, lineas=2, acciones=3)
        datos = matriz_exportar(programa=origen, formato=formato)
        # Reimportar sobre el mismo programa: nada cambia.
        assert importar(origen, datos, nombre=f"m.{formato}").sin_cambios
        # Importar en un programa vacío reproduce el mismo árbol y la misma exportación.
        destino = generar_programa(2042, objetivos=0)
        resultado = importar(destino, datos, nombre=f"m.{formato}")
        assert len(resultado.creados) == 2 + 4 + 8 + 24
        assert matriz_exportar(programa=destino, formato="csv") == matriz_exportar(
            programa=origen, formato="csv"
        )

    def test_csv_windows_1252(self, programa):
        datos = csv_bytes(
            [fila(1, accion="Capacitación en línea", meta=2, unidad="sesiones")],
            codificacion="cp1252",
        )
        importar(programa, datos)
        assert Accion.objects.get().descripcion == "Capacitación en línea"

    def test_xlsx(self, programa):
        libro = openpyxl.Workbook()
        hoja = libro.active
        hoja.append(COLUMNAS)
        hoja.append(fila(1, accion="Asesorar", meta=12, unidad="asesorías", meses=[1] * 12))
        salida = io.BytesIO()
        libro.save(salida)
        importar(programa, salida.getvalue(), nombre="matriz.xlsx")
        assert Accion.objects.get().programado_total == 12


class TestErrores:
    def _uno(self, programa, filas):
        errores = errores_de(programa, csv_bytes(filas))
        return [(e.fila, e.columna, e.referencia, e.mensaje) for e in errores]

    def test_linea_fuera_de_su_estrategia(self, programa):
        (error,) = self._uno(programa, [fila(7, lin="1.2.1. Asegurar la difusión.")])
        assert error[:3] == (2, "Línea de Acción", "Nº 7")
        assert "no pertenece a la estrategia «1.1»" in error[3]

    def test_estrategia_fuera_de_su_objetivo(self, programa):
        (error,) = self._uno(programa, [fila(1, est="2.1. Promover", lin="2.1.1. Propiciar")])
        assert error[:3] == (2, "Estrategia", "Nº 1")
        assert "fuera de su objetivo «1»" in error[3]

    def test_una_clave_con_dos_textos(self, programa):
        errores = self._uno(
            programa, [fila(1), fila(2, est="1.1. Otro texto distinto.", lin=LIN112)]
        )
        assert [(e[0], e[1]) for e in errores] == [(3, "Estrategia")]
        assert "dos textos distintos" in errores[0][3] and "fila 2" in errores[0][3]

    def test_numero_repetido(self, programa):
        errores = self._uno(programa, [fila(5), fila(5, lin=LIN112)])
        assert [(e[0], e[1], e[2]) for e in errores] == [(3, "Nº", "Nº 5")]
        assert "ya apareció en la fila 2" in errores[0][3]

    def test_celda_obligatoria_vacia(self, programa):
        errores = self._uno(
            programa,
            [fila(1, lin=""), fila(2, accion="Hacer algo", meta="", unidad="")],
        )
        assert [(e[0], e[1]) for e in errores] == [
            (2, "Línea de Acción"),
            (3, "Meta"),
            (3, "Unidad de medida"),
        ]
        assert all("vacía y es obligatoria" in e[3] for e in errores)

    def test_celda_sin_clave_columnas_recorridas(self, programa):
        errores = self._uno(
            programa,
            [
                fila(
                    1, obj="3", est="Desarrollar acciones de manera permanente", lin="3.1. Fomentar"
                )
            ],
        )
        columnas = {e[1]: e[3] for e in errores}
        assert "no su texto" in columnas["Objetivo"]
        assert "no empieza con una clave" in columnas["Estrategia"]
        assert "es de un(a) estrategia, no de un(a) línea de acción" in columnas["Línea de Acción"]

    def test_varias_lineas_en_una_celda(self, programa):
        (error,) = self._uno(programa, [fila(1, lin=f"{LIN111} {LIN112}")])
        assert error[:3] == (2, "Línea de Acción", "Nº 1")
        assert "varias líneas de acción («1.1.1» y «1.1.2»)" in error[3]

    def test_cantidad_no_entera(self, programa):
        errores = self._uno(
            programa, [fila(1, accion="Hacer", meta="diez", unidad="x", meses=["a"] + [""] * 11)]
        )
        assert [(e[1]) for e in errores] == ["Meta", "Ene"]

    def test_falta_una_columna(self, programa):
        encabezados = [c for c in COLUMNAS if c != "Responsable"]
        datos = csv_bytes([fila(1)[:9] + [""] * 12], encabezados=encabezados)
        errores = errores_de(programa, datos)
        assert [(e.fila, e.columna) for e in errores] == [(1, "Responsable")]

    def test_un_error_impide_todo_lo_demas(self, programa):
        filas = [
            fila(i, lin=LIN111, accion=f"Acción {i}", meta=1, unidad="u") for i in range(1, 30)
        ]
        filas.append(fila(30, lin="9.9.9. Fuera"))
        errores_de(programa, csv_bytes(filas))
        assert contar() == (0, 0, 0, 0)

    def test_errores_en_espanol_con_ubicacion(self, programa):
        with pytest.raises(ErrorDeImportacion) as exc:
            importar(programa, csv_bytes([fila(4, lin="1.2.1. Otra")]))
        texto = exc.value.resumen()
        assert "no se guardó nada" in texto
        assert "Fila 2, columna «Línea de Acción» (Nº 4)" in texto


class TestMatrizDeLaSemilla:
    """La matriz tal como viene en el programa 2021: entrada real y desordenada."""

    def test_se_rechaza_con_los_errores_correctos(self, programa_2021):
        datos = (DATOS / "matriz_semilla.csv").read_bytes()
        errores = errores_de(programa_2021, datos, nombre="matriz_semilla.csv")
        faltan = {e.columna for e in errores if e.fila == 1}
        assert faltan == set(COLUMNAS[4:])
        por_fila = {}
        for e in errores:
            if e.fila != 1:
                por_fila.setdefault(e.fila, []).append((e.columna, e.mensaje))

        def tiene(fila_hoja, columna, fragmento):
            return any(c == columna and fragmento in m for c, m in por_fila.get(fila_hoja, []))

        assert tiene(2, "Línea de Acción", "varias líneas de acción («1.1.1» y «1.1.2»)")
        assert tiene(3, "Línea de Acción", "«1.2.1» no pertenece a la estrategia «1.1»")
        for f in (4, 5, 6, 7, 21, 24):  # Nº 3–6, 20 y el segundo 22: sin línea de acción
            assert tiene(f, "Línea de Acción", "vacía y es obligatoria"), f
        for f in (13, 14, 15, 16, 17):  # Nº 12–16: columnas recorridas
            assert tiene(f, "Objetivo", "no su texto"), f
            assert tiene(f, "Estrategia", "no empieza con una clave"), f
            assert tiene(f, "Línea de Acción", "no de un(a) línea de acción"), f
        assert tiene(18, "Línea de Acción", "varias líneas de acción («3.2.4» y «3.3.1»)")
        assert tiene(19, "Línea de Acción", "«4.1.1» no pertenece a la estrategia «3.3»")
        assert tiene(22, "Línea de Acción", "varias líneas de acción («4.1.3» y «4.1.4»)")
        assert tiene(24, "Nº", "El Nº 22 se repite: ya apareció en la fila 23")
        # Las filas limpias no generan errores.
        assert 20 not in por_fila and 23 not in por_fila


class TestComando:
    def test_dry_run_y_luego_importar(self, programa, tmp_path, capsys):
        ruta = tmp_path / "matriz.csv"
        ruta.write_bytes(csv_bytes([fila(1, accion="Revisar", meta=2, unidad="listados")]))
        call_command("importar_matriz", str(ruta), "--programa", "2040", "--dry-run")
        assert "Simulación: no se guardó nada." in capsys.readouterr().out
        assert contar() == (0, 0, 0, 0)
        call_command("importar_matriz", str(ruta), "--programa", "2040")
        assert contar() == (1, 1, 1, 1)

    def test_errores_y_programa_inexistente(self, programa, tmp_path):
        ruta = tmp_path / "matriz.csv"
        ruta.write_bytes(csv_bytes([fila(1, lin="")]))
        with pytest.raises(CommandError, match="vacía y es obligatoria"):
            call_command("importar_matriz", str(ruta), "--programa", "2040")
        with pytest.raises(CommandError, match="No existe el programa 1999"):
            call_command("importar_matriz", str(ruta), "--programa", "1999")
