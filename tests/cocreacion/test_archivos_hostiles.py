# ruff: noqa: F811
"""Archivos válidos pero hostiles en cada importador: límites compartidos, mensajes con archivo,
límite, fila y columna, y nada guardado. Los archivos se arman en la prueba (el XLSX hostil, a
mano con zipfile, declarando la dimensión que se quiera)."""

import io
import time
import tracemalloc
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from cocreacion.comun.importacion import ErrorDeImportacion, leer_tabla
from metricas.lectura import leer_archivo
from tests.cocreacion.test_listados_apoyo import abierto, enlace, listado, periodo  # noqa: F401
from tests.stgao.conftest import crear_compromiso, plan  # noqa: F401

pytestmark = pytest.mark.django_db

COLUMNAS_LISTADO = "Título,Descripción,Justificación,Unidad responsable,Periodicidad,Formato,Liga"
FILA_LISTADO = "Padrón,Beneficiarios,Interés,Dirección,Trimestral,XLSX,"

TIPOS = """<?xml version="1.0" encoding="UTF-8"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml"
 ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
<Override PartName="/xl/worksheets/sheet1.xml"
 ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
</Types>"""
RELS = """<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Target="xl/workbook.xml"
 Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"/>
</Relationships>"""
LIBRO = """<?xml version="1.0" encoding="UTF-8"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"
 xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<sheets><sheet name="Hoja1" sheetId="1" r:id="rId1"/></sheets></workbook>"""
LIBRO_RELS = """<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Target="worksheets/sheet1.xml"
 Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"/>
</Relationships>"""


def _celda(columna: int, fila: int, valor: str) -> str:
    letra = ""
    while columna:
        columna, resto = divmod(columna - 1, 26)
        letra = chr(65 + resto) + letra
    return f'<c r="{letra}{fila}" t="inlineStr"><is><t>{valor}</t></is></c>'


def hoja(filas: list[list[str]], *, dimension: str | None = "A1:B2", relleno: str = "") -> str:
    cuerpo = "".join(
        f'<row r="{n}">' + "".join(_celda(i, n, v) for i, v in enumerate(fila, 1)) + "</row>"
        for n, fila in enumerate(filas, 1)
    )
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"{dim}<sheetData>{cuerpo}{relleno}</sheetData></worksheet>"
    )


def xlsx_a_mano(hoja_xml: str, extra: dict[str, bytes] | None = None) -> bytes:
    """Un XLSX mínimo escrito parte por parte; ``extra``: partes añadidas o sustituidas."""
    partes = {
        "[Content_Types].xml": TIPOS.encode(),
        "_rels/.rels": RELS.encode(),
        "xl/workbook.xml": LIBRO.encode(),
        "xl/_rels/workbook.xml.rels": LIBRO_RELS.encode(),
        "xl/worksheets/sheet1.xml": hoja_xml.encode(),
    }
    partes.update(extra or {})
    salida = io.BytesIO()
    with zipfile.ZipFile(salida, "w", zipfile.ZIP_DEFLATED) as libro:
        for nombre, datos in partes.items():
            libro.writestr(nombre, datos)
    return salida.getvalue()


def gigante_declarado() -> bytes:
    """5 KB que declaran una hoja de 1,048,576 × 16,384 celdas (con datos en la última)."""
    ultima = '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
    return xlsx_a_mano(hoja([["a", "b"], ["1", "2"]], dimension="A1:XFD1048576", relleno=ultima))


def rechazo(funcion, *args, **kwargs) -> str:
    with pytest.raises(ErrorDeImportacion) as info:
        funcion(*args, **kwargs)
    return str(info.value)


# --- Lectura compartida: XLSX -----------------------------------------------------------


def test_xlsx_que_declara_la_hoja_maxima_se_rechaza_antes_de_leer_celdas():
    datos = gigante_declarado()
    assert len(datos) < 5_000
    tracemalloc.start()
    mensaje = rechazo(leer_tabla, datos, nombre="enorme.xlsx")
    pico = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert "«enorme.xlsx»" in mensaje
    assert "1,048,576 filas" in mensaje and "20,000 filas" in mensaje
    assert pico < 20 * 1024 * 1024


def test_xlsx_con_columnas_declaradas_de_mas():
    datos = xlsx_a_mano(hoja([["a", "b"]], dimension="A1:BZ2"))
    mensaje = rechazo(leer_tabla, datos, nombre="ancho.xlsx")
    assert "«ancho.xlsx»" in mensaje and "78 columnas" in mensaje and "50 columnas" in mensaje


def test_xlsx_sin_dimension_se_corta_en_el_limite_de_filas():
    filas = [["id", "valor"], *[[str(n), "x"] for n in range(30)]]
    datos = xlsx_a_mano(hoja(filas, dimension=None))
    with override_settings(LIMITES_IMPORTACION={"filas": 10}):
        mensaje = rechazo(leer_tabla, datos, nombre="largo.xlsx")
    assert "Fila 12" in mensaje and "10 filas de datos" in mensaje and "«largo.xlsx»" in mensaje


def test_xlsx_con_dimension_mentirosa_tampoco_pasa_de_las_columnas():
    fila = [str(n) for n in range(60)]
    datos = xlsx_a_mano(hoja([fila, fila], dimension="A1:B2"))
    mensaje = rechazo(leer_tabla, datos, nombre="mentira.xlsx")
    assert "Fila 1" in mensaje and "pasa de 50 columnas" in mensaje


def test_bomba_zip_se_rechaza_por_su_tamano_descomprimido():
    relleno = "<!-- " + " " * (3 * 1024 * 1024) + " -->"
    datos = xlsx_a_mano(hoja([["a"], ["b"]], relleno=relleno))
    assert len(datos) < 20_000
    with override_settings(LIMITES_IMPORTACION={"descomprimido": 2 * 1024 * 1024}):
        mensaje = rechazo(leer_tabla, datos, nombre="bomba.xlsx")
    assert "«bomba.xlsx» ocuparía 3 MB al descomprimirse" in mensaje
    assert "el límite de importación es 2 MB" in mensaje


def test_parte_que_miente_sobre_su_tamano_se_rechaza_como_danada():
    datos = bytearray(xlsx_a_mano(hoja([["a"], ["b"]], relleno=" " * 50_000)))
    # Tamaño descomprimido declarado (directorio central y encabezado local) → 1,000 bytes.
    libro = zipfile.ZipFile(io.BytesIO(bytes(datos)))
    info = libro.getinfo("xl/worksheets/sheet1.xml")
    real = info.file_size.to_bytes(4, "little")
    falso = (1000).to_bytes(4, "little")
    assert datos.count(real) == 2
    datos = bytes(datos).replace(real, falso)
    mensaje = rechazo(leer_tabla, datos, nombre="mentira.xlsx")
    assert "xl/worksheets/sheet1.xml" in mensaje and "dañada" in mensaje


def test_zip_con_demasiadas_partes_se_rechaza_antes_de_abrirlo():
    extra = {f"xl/media/vacio{n}.bin": b"" for n in range(20)}
    datos = xlsx_a_mano(hoja([["a"], ["b"]]), extra)
    with override_settings(LIMITES_IMPORTACION={"partes": 10}):
        mensaje = rechazo(leer_tabla, datos, nombre="partes.xlsx")
    assert "«partes.xlsx» tiene 25 partes internas" in mensaje and "a lo más 10" in mensaje


def test_estilos_con_demasiados_elementos():
    estilos = (
        '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        + '<cellXfs count="60000">'
        + "<xf/>" * 60_000
        + "</cellXfs></styleSheet>"
    )
    datos = xlsx_a_mano(hoja([["a"], ["b"]]), {"xl/styles.xml": estilos.encode()})
    mensaje = rechazo(leer_tabla, datos, nombre="estilos.xlsx")
    assert "xl/styles.xml" in mensaje and "«estilos.xlsx»" in mensaje


def test_xml_con_entidades_se_rechaza():
    bomba = (
        '<?xml version="1.0"?><!DOCTYPE lol [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    )
    datos = xlsx_a_mano(bomba + hoja([["&b;"], ["b"]]).split("?>", 1)[1])
    mensaje = rechazo(leer_tabla, datos, nombre="entidades.xlsx")
    assert "DTD" in mensaje


def test_xlsx_normal_sigue_entrando_y_quita_el_apostrofo_de_la_exportacion():
    datos = xlsx_a_mano(hoja([["título", "meta"], ["'=HIPERVINCULO()", "'-3"]]))
    tabla = leer_tabla(datos, nombre="bien.xlsx")
    assert tabla.encabezados == ["título", "meta"]
    # El apóstrofo de una celda neutralizada se quita; el de «'-3» es parte del texto.
    assert tabla.filas == [(2, {"título": "=HIPERVINCULO()", "meta": "'-3"})]


# --- Lectura compartida: CSV ------------------------------------------------------------


def test_campo_de_mas_de_128_kib_da_error_con_su_fila():
    texto = f"{COLUMNAS_LISTADO}\n{FILA_LISTADO}\n" + 'Otro,"' + "x" * 200_000 + "\n"
    mensaje = rechazo(leer_tabla, texto.encode(), nombre="campo.csv")
    assert "Fila 3" in mensaje and "«campo.csv»" in mensaje and "131,072 caracteres" in mensaje


def test_celda_mas_larga_que_una_de_excel():
    texto = f"{COLUMNAS_LISTADO}\n{FILA_LISTADO}\nOtro,{'y' * 40_000},a,b,anual,PDF,\n"
    mensaje = rechazo(leer_tabla, texto.encode(), nombre="celda.csv")
    assert "Fila 3, columna «Descripción»" in mensaje
    assert "40,000 caracteres" in mensaje and "32,767 por celda" in mensaje


def test_byte_de_windows_1252_en_un_archivo_utf8_nombra_codificacion_fila_y_columna():
    datos = (
        f"{COLUMNAS_LISTADO}\n{FILA_LISTADO}\n".encode()
        + "Obras,Obra pública,".encode()
        + "Interés".encode("cp1252")
        + b",Obras,anual,PDF,\n"
    )
    mensaje = rechazo(leer_tabla, datos, nombre="mezcla.csv", columnas=["Título"])
    assert "Fila 3, columna «Justificación»" in mensaje
    assert "«mezcla.csv» está en UTF-8" in mensaje and "0xE9" in mensaje
    assert "Falta" not in mensaje


def test_archivo_todo_en_windows_1252_se_lee_bien():
    texto = f"{COLUMNAS_LISTADO}\nObras,Obra pública,Interés,Dirección,anual,PDF,\n"
    tabla = leer_tabla(texto.encode("cp1252"), nombre="excel.csv", columnas=["Título"])
    assert tabla.codificacion == "cp1252"
    assert tabla.filas[0][1]["Título"] == "Obras"
    assert tabla.filas[0][1]["Justificación"] == "Interés"


def test_encabezado_repetido_nombra_la_columna():
    texto = "Título,Descripción,título\nA,B,C\n"
    mensaje = rechazo(leer_tabla, texto.encode(), nombre="dos.csv")
    assert "La columna «título» está repetida" in mensaje and "columnas A y C" in mensaje


def test_200000_filas_se_rechazan_en_el_limite_sin_leer_todo():
    datos = ("id,valor\n" + "1,x\n" * 200_000).encode()
    tracemalloc.start()
    inicio = time.perf_counter()
    mensaje = rechazo(leer_tabla, datos, nombre="largo.csv")
    segundos = time.perf_counter() - inicio
    pico = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert "Fila 20002" in mensaje and "20,000 filas de datos" in mensaje
    assert "«largo.csv»" in mensaje
    # Sólo se armaron 20,000 filas: unas decenas de MB como mucho y no minutos.
    assert pico < 60 * 1024 * 1024
    assert segundos < 30


def test_columnas_y_celdas_de_mas():
    ancho = ",".join(f"c{n}" for n in range(51))
    mensaje = rechazo(leer_tabla, (ancho + "\n").encode(), nombre="ancho.csv")
    assert "Fila 1" in mensaje and "50 columnas" in mensaje
    with override_settings(LIMITES_IMPORTACION={"celdas": 10}):
        mensaje = rechazo(leer_tabla, b"a,b,c\n1,2,3\n1,2,3\n1,2,3\n1,2,3\n", nombre="c.csv")
    assert "Fila 5" in mensaje and "10 celdas" in mensaje


def test_bytes_de_mas_sin_leer_el_archivo_completo():
    archivo = SimpleUploadedFile("pesado.csv", b"a,b\n" * 400)
    with override_settings(LIMITES_IMPORTACION={"bytes": 1024}):
        mensaje = rechazo(leer_tabla, archivo)
    assert "«pesado.csv» pesa" in mensaje and "límite de importación es 0" in mensaje


def test_metrica_usa_los_mismos_limites():
    encabezado = "SO,edo,niv,ts,TG,TC,PG,PC"
    mensaje = rechazo(
        leer_archivo,
        (encabezado + "\n" + "ASF,Federal,Federal,Legislativo,1,1,1,1\n" * 20_001).encode(),
        nombre="bso.csv",
    )
    assert "Fila 20002" in mensaje and "20,000 filas de datos" in mensaje
    mensaje = rechazo(leer_archivo, (encabezado + ",TG\n").encode(), nombre="bso.csv")
    assert "La columna «TG» está repetida" in mensaje
    mensaje = rechazo(leer_archivo, gigante_declarado(), nombre="bso.xlsx")
    assert "1,048,576 filas" in mensaje


# --- Cada importador, por su pantalla ----------------------------------------------------


@pytest.fixture
def listado_del_enlace(client, enlace, listado):
    client.force_login(enlace)
    return f"/interes-publico/mis-listados/{listado.pk}/importar/"


@pytest.mark.parametrize(
    ("nombre", "datos", "esperado"),
    [
        ("enorme.xlsx", gigante_declarado(), "1,048,576 filas"),
        (
            "largo.csv",
            (COLUMNAS_LISTADO + "\n" + "a,b,c,d,anual,f,\n" * 20_001).encode(),
            "20,000 filas",
        ),
        (
            "dos.csv",
            (COLUMNAS_LISTADO + ",Título\n" + FILA_LISTADO + ",\n").encode(),
            "«Título» está repetida",
        ),
    ],
    ids=["xlsx_gigante", "csv_largo", "encabezado_repetido"],
)
def test_pagina_de_importacion_del_enlace(
    client, listado_del_enlace, listado, nombre, datos, esperado
):
    respuesta = client.post(listado_del_enlace, {"archivo": SimpleUploadedFile(nombre, datos)})
    html = respuesta.content.decode()
    assert respuesta.status_code == 200
    assert f"El archivo «{nombre}»" in html and "no se guardó nada" in html
    assert esperado in html
    assert listado.elementos.count() == 0


def test_admin_matriz_hitos_y_metrica_rechazan_el_xlsx_gigante(
    client, superusuario, plan, crear_compromiso
):
    from django.core.management import call_command

    from oela.models import Accion
    from stgao.models import Hito
    from tests.oela.conftest import generar_programa

    call_command("loaddata", "metricas_ediciones.json", verbosity=0)
    programa = generar_programa(2032, objetivos=1, estrategias=1, lineas=1, acciones=1)
    crear_compromiso("Compromiso importable", hitos=2)
    client.force_login(superusuario)
    acciones, hitos = Accion.objects.count(), list(Hito.objects.values_list("estado", "pk"))
    for url, extra in [
        (f"/admin/oela/programa/{programa.pk}/importar-matriz/", {"simular": ""}),
        (f"/admin/stgao/planaccionlocal/{plan.pk}/importar-hitos/", {}),
        ("/admin/metricas/resultado/importar-archivo/", {"edicion": 2017}),
    ]:
        archivo = SimpleUploadedFile("enorme.xlsx", gigante_declarado())
        respuesta = client.post(url, {"archivo": archivo, **extra})
        html = respuesta.content.decode()
        assert respuesta.status_code == 200, url
        assert "enorme.xlsx" in html and "1,048,576 filas" in html, url
    assert Accion.objects.count() == acciones
    assert list(Hito.objects.values_list("estado", "pk")) == hitos


def test_importacion_del_admin_de_import_export_usa_los_mismos_limites():
    from cocreacion.comun.admin_base import FormularioImportacionAcotado
    from cocreacion.comun.formatos import CSVAcotado, XLSXAcotado
    from oela.resources import AccionResource

    formatos = [CSVAcotado, XLSXAcotado]
    formulario = FormularioImportacionAcotado(
        formatos,
        [AccionResource],
        data={"format": "1"},
        files={"import_file": SimpleUploadedFile("enorme.xlsx", gigante_declarado())},
    )
    assert not formulario.is_valid()
    assert "1,048,576 filas" in str(formulario.errors["import_file"])
    assert "«enorme.xlsx»" in str(formulario.errors["import_file"])
    with pytest.raises(ErrorDeImportacion, match="está repetida"):
        CSVAcotado().create_dataset(b"a,A\n1,2\n")
    datos = CSVAcotado().create_dataset("id,título\n1,'=SUMA(1)\n".encode())
    assert datos.headers == ["id", "título"] and datos[0] == ("1", "=SUMA(1)")
