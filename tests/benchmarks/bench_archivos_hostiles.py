"""Archivos hostiles contra cada importador (no es una prueba): ``make bench
BENCH=bench_archivos_hostiles`` o ``python tests/benchmarks/correr.py bench_archivos_hostiles``.

Cada archivo se arma en memoria (nada en disco) y se entrega a cada importador: la lectura
compartida (``leer_tabla``), los listados de interés público (servicio del enlace), la matriz
de programación, los hitos, la Métrica y el formato de importación del admin. Por cada par se
mide el tiempo (una corrida sin tracemalloc), la memoria máxima de Python (tracemalloc) y el
crecimiento de la memoria residente del proceso (RSS: la corrida se repite en un proceso hijo
y se compara su máximo con el RSS del padre al bifurcarse).

Archivos: un XLSX de 5 KB que declara 1,048,576 × 16,384 celdas, una bomba zip (1 GB de XML en
un archivo de 1 MB), una bomba de estilos, un CSV de 200,000 filas, una celda gigante (comillas
sin cerrar), un byte de Windows-1252 al final de un CSV UTF-8 y, como peores casos admitidos,
un CSV y un XLSX justo debajo de los límites. Meta: memoria máxima < 200 MB en el peor caso.
"""

import io
import itertools
import os
import resource
import statistics
import time
import tracemalloc
import zipfile

from tests.benchmarks.comun import Medicion

META_MIB = 200
COLUMNAS_LISTADO = [
    "Título",
    "Descripción",
    "Justificación",
    "Unidad responsable",
    "Periodicidad",
    "Formato",
    "Liga",
]


def _xlsx(hoja_xml: bytes | None = None, *, partes_grandes=None, extra=None) -> bytes:
    """Un XLSX mínimo parte por parte; ``partes_grandes``: nombre → iterador de trozos."""
    from tests.cocreacion.test_archivos_hostiles import LIBRO, LIBRO_RELS, RELS, TIPOS

    partes = {
        "[Content_Types].xml": TIPOS.encode(),
        "_rels/.rels": RELS.encode(),
        "xl/workbook.xml": LIBRO.encode(),
        "xl/_rels/workbook.xml.rels": LIBRO_RELS.encode(),
        **({"xl/worksheets/sheet1.xml": hoja_xml} if hoja_xml is not None else {}),
        **(extra or {}),
    }
    salida = io.BytesIO()
    with zipfile.ZipFile(salida, "w", zipfile.ZIP_DEFLATED) as libro:
        for nombre, datos in partes.items():
            libro.writestr(nombre, datos)
        for nombre, trozos in (partes_grandes or {}).items():
            with libro.open(nombre, "w", force_zip64=True) as destino:
                for trozo in trozos:
                    destino.write(trozo)
    return salida.getvalue()


def archivos_hostiles() -> list[tuple[str, str, bytes]]:
    from tests.cocreacion.test_archivos_hostiles import gigante_declarado

    inicio_hoja = (
        b'<?xml version="1.0" encoding="UTF-8"?><worksheet '
        b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    )
    bomba = _xlsx(
        partes_grandes={
            "xl/worksheets/sheet1.xml": itertools.chain(
                [inicio_hoja],
                (b"<row/>" * (1024 * 1024 // 6) for _ in range(1024)),
                [b"</sheetData></worksheet>"],
            )
        }
    )
    estilos = _xlsx(
        b"".join([inicio_hoja, b"</sheetData></worksheet>"]),
        extra={
            "xl/styles.xml": b'<styleSheet xmlns="http://schemas.openxmlformats.org/'
            b'spreadsheetml/2006/main"><cellXfs>' + b"<xf/>" * 400_000 + b"</cellXfs></styleSheet>"
        },
    )
    encabezado = ",".join(COLUMNAS_LISTADO) + "\n"
    filas_200k = (encabezado + "Padrón,Beneficiarios,Interés,Dir,anual,PDF,\n" * 200_000).encode()
    celda_gigante = (encabezado + 'Padrón,"' + "x" * (8 * 1024 * 1024) + "\n").encode()
    mezcla = (
        (encabezado + "Padrón,Beneficiarios,Interés,Dirección,anual,PDF,\n" * 19_000).encode()
        + b"Obras,Obra,"
        + "Interés".encode("cp1252")
        + b",Dir,anual,PDF,\n"
    )
    return [
        ("XLSX de 5 KB que declara 1,048,576 × 16,384", "enorme.xlsx", gigante_declarado()),
        ("bomba zip: 1 GB de XML en 1 MB", "bomba.xlsx", bomba),
        ("bomba de estilos: 400,000 formatos", "estilos.xlsx", estilos),
        ("CSV de 200,000 filas", "largo.csv", filas_200k),
        ("CSV con una celda de 8 MB", "celda.csv", celda_gigante),
        ("CSV UTF-8 con un byte cp1252 en la fila 19,002", "mezcla.csv", mezcla),
    ]


def peores_admitidos() -> list[tuple[str, str, bytes]]:
    """Lo más grande que los límites dejan pasar a la lectura: miden la memoria que se acepta."""
    from cocreacion.comun.importacion import limites

    lim = limites()
    columnas = lim.celdas // lim.filas  # 15: así se llega a las 300,000 celdas
    encabezado = ",".join(f"columna {n}" for n in range(columnas)) + "\n"
    celda = "texto de prueba " * 2
    fila = ",".join(f"{celda}{n}" for n in range(columnas)) + "\n"
    csv_lleno = (encabezado + fila * (lim.filas - 1)).encode()
    while len(csv_lleno) > lim.bytes:
        celda = celda[:-1]
        fila = ",".join(f"{celda}{n}" for n in range(columnas)) + "\n"
        csv_lleno = (encabezado + fila * (lim.filas - 1)).encode()

    # 300,000 textos compartidos distintos y una hoja sin dimensión que los usa todos.
    textos = [
        b'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/'
        b'spreadsheetml/2006/main">',
        *(f"<si><t>texto {n}</t></si>".encode() for n in range(lim.celdas - columnas)),
        b"</sst>",
    ]

    def hoja():
        yield (
            b'<?xml version="1.0" encoding="UTF-8"?><worksheet '
            b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        )
        indice = 0
        for r in range(1, lim.filas + 1):
            celdas = []
            for c in range(columnas):
                if r == 1:
                    celdas.append(f'<c t="inlineStr"><is><t>columna {c}</t></is></c>')
                else:
                    celdas.append(f'<c t="s"><v>{indice}</v></c>')
                    indice += 1
            yield (f'<row r="{r}">' + "".join(celdas) + "</row>").encode()
        yield b"</sheetData></worksheet>"

    tipos = (
        b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
        b'package/2006/content-types"><Default Extension="rels" ContentType="application/'
        b'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
        b'ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="'
        b'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        b'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
        b'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override '
        b'PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
        b'officedocument.spreadsheetml.sharedStrings+xml"/></Types>'
    )
    relaciones = (
        b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
        b'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" '
        b'Target="worksheets/sheet1.xml" Type="http://schemas.openxmlformats.org/'
        b'officeDocument/2006/relationships/worksheet"/><Relationship Id="rId2" '
        b'Target="sharedStrings.xml" Type="http://schemas.openxmlformats.org/officeDocument/'
        b'2006/relationships/sharedStrings"/></Relationships>'
    )
    xlsx_lleno = _xlsx(
        None,
        extra={"[Content_Types].xml": tipos, "xl/_rels/workbook.xml.rels": relaciones},
        partes_grandes={"xl/sharedStrings.xml": textos, "xl/worksheets/sheet1.xml": hoja()},
    )
    return [
        (
            f"admitido: CSV de {len(csv_lleno) / 1024 / 1024:.1f} MB, {lim.filas:,} × "
            f"{columnas} celdas",
            "lleno.csv",
            csv_lleno,
        ),
        (
            f"admitido: XLSX con {lim.celdas:,} textos compartidos, sin dimensión",
            "lleno.xlsx",
            xlsx_lleno,
        ),
    ]


def importadores():
    """Nombre → función(datos, nombre) de cada camino de importación del portal."""
    from cocreacion.comun.formatos import CSVAcotado, XLSXAcotado
    from cocreacion.comun.importacion import leer_tabla
    from cocreacion.listados.importacion import importar_elementos
    from metricas.lectura import leer_archivo
    from oela.importacion import importar_matriz
    from oela.models import Programa
    from stgao.importacion import importar_hitos
    from stgao.models import PlanAccionLocal

    listado, enlace = preparar()
    programa = Programa.objects.get(anio=2099)
    plan = PlanAccionLocal.objects.first()

    def admin_import_export(datos, nombre):
        formato = XLSXAcotado() if nombre.endswith(".xlsx") else CSVAcotado()
        return formato.create_dataset(datos)

    return {
        "lectura compartida": lambda d, n: leer_tabla(d, nombre=n),
        "listados (enlace)": lambda d, n: importar_elementos(
            listado=listado, archivo=d, nombre=n, actor=enlace
        ),
        "matriz": lambda d, n: importar_matriz(
            programa=programa, archivo=d, nombre=n, actor=None, ensayo=True
        ),
        "hitos": lambda d, n: importar_hitos(plan=plan, archivo=d, nombre=n, actor=None),
        "Métrica": lambda d, n: leer_archivo(d, nombre=n),
        "admin (import-export)": admin_import_export,
    }


def preparar():
    """Un programa, un plan y el listado en borrador de un sujeto con su enlace."""
    from django.core.management import call_command

    from cocreacion.listados import services as services_listados
    from cocreacion.models import Enlace, Listado, SujetoObligado
    from cocreacion.permissions import GRUPO_COORDINACION, GRUPO_ENLACES
    from stgao.models import PlanAccionLocal
    from tests.cocreacion.test_listados_apoyo import crear_periodo
    from tests.conftest import _usuario
    from tests.oela.conftest import generar_programa

    call_command("loaddata", "institucion.json", "metricas_ediciones.json", verbosity=0)
    generar_programa(2099, objetivos=1)
    PlanAccionLocal.objects.create(nombre="Plan", slug="plan", anio_inicio=2021, anio_fin=2022)
    sujeto = SujetoObligado.objects.create(
        nombre="Sujeto de prueba", tipo="poder_ejecutivo", orden="estatal"
    )
    enlace = _usuario("enlace-bench", GRUPO_ENLACES)
    Enlace.objects.create(usuario=enlace, sujeto_obligado=sujeto)
    periodo = crear_periodo("2099-S1")
    services_listados.periodo_abrir(
        periodo=periodo, actor=_usuario("coordinacion-bench", GRUPO_COORDINACION), sujetos=[sujeto]
    )
    return Listado.objects.get(periodo=periodo, sujeto_obligado=sujeto), enlace


def _rss_mib() -> float:
    with open("/proc/self/status") as estado:
        for linea in estado:
            if linea.startswith("VmRSS:"):
                return int(linea.split()[1]) / 1024
    return 0.0


def _correr(funcion, datos, nombre):
    from cocreacion.comun.importacion import ErrorDeImportacion

    try:
        funcion(datos, nombre)
    except ErrorDeImportacion as exc:
        return "rechazado: " + exc.errores[0].mensaje[:60]
    return "aceptado"


def crecimiento_rss(funcion, datos, nombre) -> float:
    """MiB que crece la memoria residente al importar, medida en un proceso hijo."""
    from django.db import connections

    connections.close_all()  # el hijo abre su propia conexión
    antes = _rss_mib()
    hijo = os.fork()
    if hijo == 0:  # pragma: no cover - proceso hijo
        codigo = 0
        try:
            _correr(funcion, datos, nombre)
        except BaseException:  # noqa: BLE001 - el padre sólo necesita saber que falló
            codigo = 1
        finally:
            os._exit(codigo)
    _pid, estado, uso = os.wait4(hijo, 0)
    if os.waitstatus_to_exitcode(estado) != 0:
        return float("nan")
    return max(0.0, uso.ru_maxrss / 1024 - antes)


def medir(que: str, funcion, datos: bytes, nombre: str) -> Medicion:
    inicio = time.perf_counter()
    resultado = _correr(funcion, datos, nombre)
    tiempo = (time.perf_counter() - inicio) * 1000
    tracemalloc.start()
    _correr(funcion, datos, nombre)
    pico = tracemalloc.get_traced_memory()[1] / (1024 * 1024)
    tracemalloc.stop()
    rss = crecimiento_rss(funcion, datos, nombre)
    return Medicion(
        que=que,
        mediana_ms=tiempo,
        memoria_mib=pico,
        meta=f"< {META_MIB} MiB",
        nota=f"RSS +{rss:.0f} MiB; {len(datos) / 1024:,.0f} KB; {resultado}",
    )


def correr() -> list[Medicion]:
    caminos = importadores()
    mediciones = []
    for descripcion, nombre, datos in archivos_hostiles():
        for camino, funcion in caminos.items():
            mediciones.append(medir(f"{descripcion} → {camino}", funcion, datos, nombre))
    for descripcion, nombre, datos in peores_admitidos():
        funcion = caminos["lectura compartida"]
        mediciones.append(medir(descripcion, funcion, datos, nombre))
    peor = max(mediciones, key=lambda m: m.memoria_mib)
    mediciones.append(
        Medicion(
            que=f"peor caso (tracemalloc): {peor.que[:50]}",
            mediana_ms=statistics.median([m.mediana_ms for m in mediciones]),
            memoria_mib=peor.memoria_mib,
            meta=f"< {META_MIB} MiB",
            nota=peor.nota,
        )
    )
    mediciones.append(
        Medicion(
            que="memoria residente máxima del proceso del benchmark",
            memoria_mib=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        )
    )
    return mediciones
