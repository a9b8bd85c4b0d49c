import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from cocreacion.comun.importacion import ErrorDeImportacion, exigir_columnas, leer_tabla
from cocreacion.comun.validadores import validar_archivo


def _xlsx(filas):
    libro = Workbook()
    hoja = libro.active
    for fila in filas:
        hoja.append(fila)
    salida = io.BytesIO()
    libro.save(salida)
    return salida.getvalue()


def test_csv_en_windows_1252_se_lee_con_acentos():
    datos = "Título,Año\nPresupuesto de Oaxaca,2021\n".encode("cp1252")
    tabla = leer_tabla(datos, nombre="listado.csv")
    assert tabla.codificacion == "cp1252"
    assert tabla.filas == [(2, {"Título": "Presupuesto de Oaxaca", "Año": "2021"})]


def test_xlsx_conserva_el_numero_de_fila_de_la_hoja():
    tabla = leer_tabla(_xlsx([["A", "B"], ["x", 1], [None, None], ["y", 2]]), nombre="m.xlsx")
    assert [numero for numero, _ in tabla.filas] == [2, 4]


def test_columna_faltante_se_reporta_con_su_nombre():
    tabla = leer_tabla(b"A,B\n1,2\n", nombre="m.csv")
    with pytest.raises(ErrorDeImportacion) as error:
        exigir_columnas(tabla, ["A", "Meta"])
    assert "columna «Meta»" in str(error.value)
    assert "m.csv" in str(error.value)


def test_xlsx_renombrado_a_csv_se_rechaza():
    with pytest.raises(ErrorDeImportacion, match="XLSX renombrado"):
        leer_tabla(_xlsx([["A"], ["1"]]), nombre="m.csv")


def test_archivo_vacio_se_rechaza():
    with pytest.raises(ErrorDeImportacion, match="vacío"):
        leer_tabla(b"   ", nombre="m.csv")


def test_ejecutable_renombrado_a_pdf_se_rechaza():
    ejecutable = SimpleUploadedFile("informe.pdf", b"\x7fELF\x02\x01\x01" + b"\x00" * 200)
    with pytest.raises(ValidationError, match="no corresponde a un archivo .pdf"):
        validar_archivo(ejecutable)


def test_pdf_real_se_acepta():
    contenido = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n"
    pdf = SimpleUploadedFile("evidencia.PDF", contenido)
    assert validar_archivo(pdf) == ".pdf"


def test_archivo_demasiado_grande_se_rechaza():
    grande = SimpleUploadedFile("foto.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * (2 * 1024 * 1024))
    with pytest.raises(ValidationError, match="el máximo es 1 MB"):
        validar_archivo(grande, tamano_maximo_mb=1)


def test_extension_no_admitida_se_rechaza():
    with pytest.raises(ValidationError, match="no es de un tipo admitido"):
        validar_archivo(SimpleUploadedFile("script.exe", b"MZ\x90\x00"))


def test_csv_en_windows_1252_pasa_la_validacion_de_contenido():
    csv_excel = SimpleUploadedFile("matriz.csv", "Nº,Acción\n1,Capacitación\n".encode("cp1252"))
    assert validar_archivo(csv_excel, tipos={".csv": {"text/csv"}}) == ".csv"


def test_binario_renombrado_a_csv_se_rechaza():
    binario = SimpleUploadedFile("matriz.csv", b"\x00\x01\x02MZ" * 50)
    with pytest.raises(ValidationError, match="no corresponde"):
        validar_archivo(binario, tipos={".csv": {"text/csv"}})


COLUMNAS = ["título", "descripción", "liga"]


@pytest.mark.parametrize(
    ("separador", "codificacion"),
    [(",", "utf-8"), (";", "cp1252"), ("\t", "utf-8")],
    ids=["coma", "punto_y_coma_de_excel", "tabulador"],
)
def test_csv_con_cada_separador(separador, codificacion):
    texto = separador.join(COLUMNAS) + "\n" + separador.join(["Presupuesto", "Anual", ""]) + "\n"
    tabla = leer_tabla(texto.encode(codificacion), nombre="listado.csv", columnas=COLUMNAS)
    assert tabla.encabezados == COLUMNAS
    assert tabla.filas == [(2, {"título": "Presupuesto", "descripción": "Anual", "liga": ""})]


def test_coma_y_punto_y_coma_dentro_de_comillas_no_separan():
    datos = (
        'título,descripción,liga\n"Oaxaca, Oax.","uno; dos; tres",\n"a; b","c, d; e",x\n'
    ).encode()
    tabla = leer_tabla(datos, nombre="listado.csv", columnas=COLUMNAS)
    assert [fila["título"] for _, fila in tabla.filas] == ["Oaxaca, Oax.", "a; b"]
    assert tabla.filas[1][1]["descripción"] == "c, d; e"


def test_punto_y_coma_con_comas_en_el_texto_y_filas_incompletas():
    # Filas con menos celdas que encabezados y comas sin comillas en el texto: csv.Sniffer
    # no decide y el archivo se leía con coma, como una sola columna.
    datos = "título;descripción;liga\nUno, dos;Tres\nCuatro;Cinco, seis;http://x\nSiete\n"
    tabla = leer_tabla(datos.encode("cp1252"), nombre="listado.csv")
    assert tabla.encabezados == COLUMNAS
    assert [fila["título"] for _, fila in tabla.filas] == ["Uno, dos", "Cuatro", "Siete"]
    assert tabla.filas[1][1]["liga"] == "http://x"


def test_tabulador_sin_columnas_esperadas_se_decide_por_el_encabezado():
    datos = "título\tdescripción\nPresupuesto, 2021; anual\tUno, dos; tres\n".encode()
    tabla = leer_tabla(datos, nombre="pegado.txt")
    assert tabla.filas == [
        (2, {"título": "Presupuesto, 2021; anual", "descripción": "Uno, dos; tres"})
    ]


def test_encabezado_no_reconocido_dice_el_archivo_y_lo_que_se_esperaba():
    with pytest.raises(ErrorDeImportacion) as error:
        leer_tabla(b"Titulo|Descripcion\nx|y\n", nombre="elementos.csv", columnas=COLUMNAS)
    mensaje = str(error.value)
    assert "El archivo «elementos.csv» tiene 1 error;" in mensaje
    assert "Fila 1: No se reconoció la fila de encabezados («Titulo|Descripcion»)" in mensaje
    assert "Se esperaban las columnas «título», «descripción», «liga»" in mensaje
    assert "coma (,), punto y coma (;) o tabulador" in mensaje
