"""Importación de resultados: el BSO.csv real, cada tipo de error y la reimportación."""

from decimal import Decimal as D

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Avg

from cocreacion.comun.importacion import ErrorDeImportacion
from cocreacion.comun.validadores import danos_en
from cocreacion.models import SujetoObligado
from metricas.importacion import importar_resultados
from metricas.models import EntidadComparada, Resultado

from .conftest import BSO

pytestmark = pytest.mark.django_db

FILA_BUENA = (
    "Oaxaca-Secretaria de Salud,Oaxaca,Estatal,Ejecutivo estatal,"
    "0.5483,0.366,0.7306,0.7403,0.7208,0.6,0.132"
)


def test_bso_real_importa_908_filas_con_las_cifras_publicadas(importado):
    assert importado.filas == 908
    assert Resultado.objects.count() == 908
    assert importado.resultados_nuevos == 908
    oaxaca = Resultado.objects.de_oaxaca()
    assert oaxaca.count() == 27
    nacional = Resultado.objects.aggregate(m=Avg("iga"))["m"]
    assert abs(nacional - D("0.389")) <= D("0.001")
    promedio_oaxaca = oaxaca.aggregate(m=Avg("iga"))["m"]
    assert abs(promedio_oaxaca - D("0.330")) <= D("0.001")  # prom.csv: 0.3304
    primero = oaxaca.por_iga().select_related("sujeto_obligado").first()
    assert primero.sujeto_obligado.nombre == "Secretaría de Seguridad"
    assert primero.sujeto_obligado.slug == "secretaria-de-seguridad"
    assert f"{primero.iga:.2f}" == "0.74"


def test_bso_empareja_los_27_de_oaxaca_con_el_padron_y_los_demas_son_comparacion(importado):
    # Los 27 de Oaxaca ya existían (con acentos, alias «Oaxaca-Oaxaca» y palabras pegadas).
    assert len(importado.emparejados) == 27
    assert len(importado.creados) == 881
    assert importado.fuera_del_padron == []
    emparejados = {so: nombre for _f, so, nombre in importado.emparejados}
    assert emparejados["Oaxaca-Oaxaca"] == "Oaxaca de Juárez"
    assert emparejados["Oaxaca-Santa Cruz Xoxocotlan"] == "Santa Cruz Xoxocotlán"
    assert (
        emparejados[
            "Oaxaca-Sindicato De Trabajadores Al Servicio Del Colegio De Estudios "
            "CientificosY TecnologicosDel Estado De Oaxaca."
        ]
        == "Sindicato de Trabajadores al Servicio del Colegio de Estudios Científicos y "
        "Tecnológicos del Estado de Oaxaca"
    )
    # Ningún organismo de otro estado ni federal entra al padrón de sujetos obligados.
    assert SujetoObligado.objects.count() == 593
    assert EntidadComparada.objects.count() == 881
    assert not EntidadComparada.objects.filter(entidad_federativa="oaxaca").exists()
    federal = EntidadComparada.objects.get(entidad_federativa="", nombre="Secretaria de Seguridad")
    assert (federal.tipo, federal.orden, federal.nombre_entidad) == (
        "poder_ejecutivo",
        "federal",
        "Federal",
    )
    assert EntidadComparada.objects.filter(entidad_federativa="nuevo_leon").count() == 27
    cdmx_mun = EntidadComparada.objects.get(
        entidad_federativa="ciudad_de_mexico", nombre="Coyoacan"
    )
    assert (cdmx_mun.tipo, cdmx_mun.orden) == ("municipio", "municipal")
    assert cdmx_mun.history.count() == 1  # creada con historial
    # Las 30 «Auditoria Estatal» de otros estados son comparación, cada una con su estado.
    auditorias = EntidadComparada.objects.filter(nombre="Auditoria Estatal")
    assert auditorias.count() == 30
    assert auditorias.values("entidad_federativa").distinct().count() == 30
    assert Resultado.objects.filter(sujeto_obligado__isnull=False).count() == 27
    assert Resultado.objects.filter(entidad_comparada__isnull=False).count() == 881


def test_bso_repara_los_cuatro_nombres_danados_con_la_tabla(importado):
    reparados = {a.fila: a for a in importado.reparaciones}
    assert sorted(reparados) == [245, 254, 756, 895]
    esperados = {
        245: ("Colima-Villa de a\\x81lvarez", "Villa de Álvarez", "colima"),
        254: (
            "Conacyt \\x80\\x94 Gobierno",
            "Fondo Mixto Conacyt — Gobierno Del Estado De Durango",
            "durango",
        ),
        756: ("Tabasco-Parai\\x8cso", "Paraíso", "tabasco"),
        895: ("Zacatecas-Santa Mari\\x8ca de la Paz", "Santa María de la Paz", "zacatecas"),
    }
    for fila, (original, nombre, entidad) in esperados.items():
        aviso = str(reparados[fila])
        assert original in aviso and "fuente:" in aviso  # el original queda en el informe
        entrada = EntidadComparada.objects.get(entidad_federativa=entidad, nombre=nombre)
        assert original in entrada.reparacion  # … y en el registro y su historial
        assert original in entrada.history.get().reparacion
        assert "nombre reparado" in entrada.history.get().history_change_reason
        resultado = entrada.resultados.get()
        assert not danos_en(resultado.nombre_en_fuente)
    # Sólo «Pequeña» (Latin-1, limpio) necesitó leerse como Windows-1252.
    filas = {a.fila: a for a in importado.codificacion}
    assert sorted(filas) == [337]
    assert "Pequeña" in filas[337].texto
    # Las filas en UTF-8 se leen bien, sin respaldo.
    assert EntidadComparada.objects.filter(nombre="Soledad de Graciano Sánchez").exists()
    assert EntidadComparada.objects.filter(
        nombre="Fideicomiso De Apoyo A La Micro Y Pequeña Empresa Hidalguense"
    ).exists()
    assert importado.inconsistencias == []  # el archivo redondeado coincide con lo derivado
    for modelo, campo in ((EntidadComparada, "nombre"), (Resultado, "nombre_en_fuente")):
        assert not any(danos_en(v) for v in modelo.objects.values_list(campo, flat=True))


def test_fila_danada_sin_correccion_revisada_detiene_la_importacion(edicion):
    danada = b"Colima-Manzanillo\x8d,Colima,Municipal,Municipio,0.4,0.1,0.7,0.5,0.9,0.2,0\n"
    encabezado = b"SO,edo,niv,ts,GA,P,T,TG,TC,PG,PC\n"
    with pytest.raises(ErrorDeImportacion) as exc:
        importar_resultados(archivo=encabezado + danada, edicion=edicion, actor=None)
    error = exc.value.errores[0]
    assert (error.fila, error.columna) == (2, "SO")
    assert "Colima-Manzanillo\\x8d" in error.mensaje  # los bytes, escapados: nada dañado
    assert "tabla de correcciones" in error.mensaje
    assert not Resultado.objects.exists() and not EntidadComparada.objects.exists()


def test_oaxaca_fuera_del_padron_queda_como_comparacion_y_se_avisa(edicion, csv_bytes):
    fila = FILA_BUENA.replace("Secretaria de Salud", "Secretaria Inventada")
    informe = importar_resultados(archivo=csv_bytes(fila), edicion=edicion, actor=None).detalle
    assert informe.fuera_del_padron == [(2, "Oaxaca-Secretaria Inventada")]
    assert any("no está en el padrón" in linea for linea in informe.detalle())
    assert not SujetoObligado.objects.filter(nombre="Secretaria Inventada").exists()
    assert EntidadComparada.objects.get().entidad_federativa == "oaxaca"


def test_reimportar_no_cambia_nada(importado):
    conteos = (
        SujetoObligado.objects.count(),
        EntidadComparada.objects.count(),
        Resultado.objects.count(),
    )
    historial = (
        Resultado.history.count()
        + SujetoObligado.history.count()
        + EntidadComparada.history.count()
    )
    valores = list(Resultado.objects.order_by("pk").values_list("pk", "iga", "nombre_en_fuente"))
    otra = importar_resultados(archivo=BSO, edicion=2017, actor=None).detalle
    assert otra.resultados_sin_cambios == 908
    assert (otra.resultados_nuevos, otra.resultados_actualizados, len(otra.creados)) == (0, 0, 0)
    assert (len(otra.emparejados), len(otra.comparadas), len(otra.reparaciones)) == (27, 881, 4)
    assert (
        SujetoObligado.objects.count(),
        EntidadComparada.objects.count(),
        Resultado.objects.count(),
    ) == conteos
    assert (
        Resultado.history.count()
        + SujetoObligado.history.count()
        + EntidadComparada.history.count()
    ) == historial
    assert (
        list(Resultado.objects.order_by("pk").values_list("pk", "iga", "nombre_en_fuente"))
        == valores
    )


def test_simulacion_no_guarda_nada(catalogos, edicion):
    antes = SujetoObligado.objects.count()
    informe = importar_resultados(archivo=BSO, edicion=edicion, actor=None, ensayo=True).detalle
    assert informe.simulacion and informe.resultados_nuevos == 908
    assert "no se guardó nada" in informe.resumen()
    assert Resultado.objects.count() == 0
    assert SujetoObligado.objects.count() == antes
    assert EntidadComparada.objects.count() == 0


def test_valor_corregido_se_actualiza_con_historial(edicion, csv_bytes, usuario_coordinacion):
    importar_resultados(archivo=csv_bytes(FILA_BUENA), edicion=edicion, actor=usuario_coordinacion)
    corregida = FILA_BUENA.replace(",0.6,0.132", ",0.7,0.132")
    informe = importar_resultados(archivo=csv_bytes(corregida), edicion=edicion, actor=None).detalle
    assert informe.resultados_actualizados == 1
    r = Resultado.objects.get()
    assert r.pg == D("0.7") and r.p == D("0.416000")
    assert r.history.count() == 2
    assert r.history.last().history_user == usuario_coordinacion
    assert len(informe.inconsistencias) == 2  # P y GA del archivo ya no cuadran


def test_reporta_valores_que_no_cuadran_con_los_derivados(edicion, csv_bytes):
    fila = FILA_BUENA.replace(",0.5483,", ",0.5600,")  # GA publicado distinto del derivado
    informe = importar_resultados(archivo=csv_bytes(fila), edicion=edicion, actor=None).detalle
    assert [(i.fila, i.columna) for i in informe.inconsistencias] == [(2, "GA")]
    assert "0.5600" in str(informe.inconsistencias[0])


def _falla(archivo, edicion):
    with pytest.raises(ErrorDeImportacion) as exc:
        importar_resultados(archivo=archivo, edicion=edicion, actor=None)
    assert Resultado.objects.count() == 0
    assert SujetoObligado.objects.count() == 0
    return exc.value


@pytest.mark.parametrize(
    ("cambio", "columna", "texto"),
    [
        (",0.7403,", "TG", "fuera del intervalo de 0 a 1"),
        (",0.7208,", "TC", "no es un número"),
        (",Estatal,", "niv", "Orden de gobierno desconocido"),
        (",Ejecutivo estatal,", "ts", "Tipo de sujeto obligado desconocido"),
        (",Oaxaca,", "edo", "Entidad federativa desconocida"),
    ],
)
def test_errores_por_fila_y_columna_sin_guardar_nada(edicion, csv_bytes, cambio, columna, texto):
    reemplazo = {
        "TG": ",1.2,",
        "TC": ",n/d,",
        "niv": ",Regional,",
        "ts": ",Cooperativa,",
        "edo": ",Oaxacaa,",
    }[columna]
    mala = FILA_BUENA.replace(cambio, reemplazo, 1)
    error = _falla(csv_bytes(FILA_BUENA.replace("Salud", "Gobierno"), mala), edicion)
    assert len(error.errores) == 1
    e = error.errores[0]
    assert (e.fila, e.columna) == (3, columna)
    assert texto in e.mensaje
    assert "no se guardó nada" in str(error)
    assert f"Fila 3, columna «{columna}»" in str(e)


def test_valor_negativo_y_vacio(edicion, csv_bytes):
    error = _falla(csv_bytes(FILA_BUENA.replace(",0.6,0.132", ",-0.1,")), edicion)
    assert [(e.columna, e.fila) for e in error.errores] == [("PG", 2), ("PC", 2)]
    assert "fuera del intervalo" in error.errores[0].mensaje
    assert "Falta el valor" in error.errores[1].mensaje


def test_columna_faltante(edicion):
    archivo = b"SO,edo,niv,ts,TG,TC,PG\nOaxaca-DIF,Oaxaca,Estatal,Ejecutivo estatal,0,0,0\n"
    error = _falla(archivo, edicion)
    assert [(e.fila, e.columna) for e in error.errores] == [(1, "PC")]
    assert "Falta la columna «PC»" in error.errores[0].mensaje


def test_mismo_sujeto_dos_veces_en_la_edicion(edicion, csv_bytes):
    # La segunda escritura difiere en acentos y espacios pero es el mismo sujeto obligado.
    otra = FILA_BUENA.replace("Secretaria de Salud", "Secretaría  de   Salud")
    error = _falla(csv_bytes(FILA_BUENA, otra), edicion)
    assert [(e.fila, e.columna) for e in error.errores] == [(3, "SO")]
    assert "ya aparece en la fila 2" in error.errores[0].mensaje


def test_un_error_entre_filas_buenas_no_guarda_ninguna(catalogos, edicion):
    datos = BSO.read_bytes().replace(b",0.7342,0.7667,", b",0.7342,7667,")
    error = _falla_con_catalogo(datos, edicion)
    assert len(error.errores) == 1 and error.errores[0].columna == "TC"


def _falla_con_catalogo(datos, edicion):
    antes = SujetoObligado.objects.count()
    with pytest.raises(ErrorDeImportacion) as exc:
        importar_resultados(archivo=datos, edicion=edicion, actor=None, nombre="BSO.csv")
    assert Resultado.objects.count() == 0
    assert SujetoObligado.objects.count() == antes
    return exc.value


def test_edicion_inexistente(csv_bytes, db):
    with pytest.raises(ErrorDeImportacion, match="No existe la edición 2030"):
        importar_resultados(archivo=csv_bytes(FILA_BUENA), edicion=2030, actor=None)


def test_finales_de_linea_mixtos_y_xlsx(edicion, tmp_path):
    from openpyxl import Workbook

    crlf = (
        "SO,edo,niv,ts,TG,TC,PG,PC\r\n" + FILA_BUENA.replace(",0.5483,0.366,0.7306", "")
    ).encode()
    crlf += b"\rFederal-X,Federal,Federal,Judicial,1,1,1,1\n"
    informe = importar_resultados(
        archivo=crlf.replace(b"Federal-X", b"SCJN"), edicion=edicion, actor=None
    ).detalle
    assert informe.filas == 2
    libro = Workbook()
    hoja = libro.active
    hoja.append(["SO", "edo", "niv", "ts", "TG", "TC", "PG", "PC"])
    hoja.append(["PAN", "Federal", "Federal", "Partido", 0.5, 0.5, 0.5, 0.25])
    ruta = tmp_path / "metrica.xlsx"
    libro.save(ruta)
    informe = importar_resultados(archivo=ruta, edicion=edicion, actor=None).detalle
    assert informe.resultados_nuevos == 1
    assert Resultado.objects.get(entidad_comparada__nombre="PAN").iga == D("0.437500")


def test_comando_importa_y_simula(catalogos, edicion, capsys):
    call_command(
        "importar_metrica", "fixtures/metrica-2017/BSO.csv", "--edicion", "2017", "--dry-run"
    )
    assert Resultado.objects.count() == 0
    salida = capsys.readouterr().out
    assert "Simulación" in salida and "Fila 756" in salida
    call_command("importar_metrica", str(BSO), "--edicion", "2017")
    assert Resultado.objects.count() == 908


def test_comando_informa_errores_en_espanol(edicion, tmp_path):
    malo = tmp_path / "malo.csv"
    malo.write_text("SO,edo\nx,Oaxaca\n", encoding="utf-8")
    with pytest.raises(CommandError, match="Falta la columna «niv»"):
        call_command("importar_metrica", str(malo), "--edicion", "2017")
    with pytest.raises(CommandError, match="No se encontró el archivo"):
        call_command("importar_metrica", "no-existe.csv", "--edicion", "2017")
