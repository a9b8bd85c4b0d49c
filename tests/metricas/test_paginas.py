"""Páginas públicas: contenido real, gráficas con su tabla, filtros, descargas y consultas fijas."""

import io
import json
import re
from decimal import Decimal as D

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cocreacion.models import SujetoObligado
from metricas.models import Edicion, Resultado

pytestmark = pytest.mark.django_db


def _svgs(html: str) -> list[str]:
    return re.findall(r"<svg.*?</svg>", html, flags=re.S)


def _assert_graficas_accesibles(html: str, cuantas: int):
    svgs = _svgs(html)
    assert len(svgs) == cuantas
    for svg in svgs:
        assert 'role="img"' in svg
        assert re.search(r"<title id=\"[\w-]+-titulo\">[^<]+</title>", svg)
        assert re.search(r"<desc id=\"[\w-]+-desc\">[^<]+</desc>", svg)
        assert "<script" not in svg and "style=" not in svg
    # Cada gráfica tiene cerca una tabla con los mismos datos.
    assert html.count("<figure") == cuantas
    assert html.count("<caption>") >= cuantas


def test_portada_de_la_metrica_explica_y_compara_con_el_pais(client, importado):
    html = client.get("/metricas/").content.decode()
    assert "dos <strong>dimensiones</strong>" in html
    assert "IGA nacional y de Oaxaca en cada edición" in html
    fila_2017 = re.search(r"Métrica de Gobierno Abierto 2017</a>.*?</tr>", html, flags=re.S)[0]
    assert "0.39" in fila_2017 and "0.33" in fila_2017 and "908" in fila_2017
    fila_2021 = re.search(r"Métrica de Gobierno Abierto 2021</a>.*?</tr>", html, flags=re.S)[0]
    assert "0.48" in fila_2021 and "0.37" in fila_2021
    _assert_graficas_accesibles(html, 1)
    assert "2017: nacional 0.39, Oaxaca 0.33" in _svgs(html)[0]


def test_edicion_2017_clasifica_a_oaxaca_con_dos_decimales(client, importado):
    respuesta = client.get("/metricas/2017/")
    html = respuesta.content.decode()
    assert respuesta.context["total"] == 27
    primera = respuesta.context["filas"][0]
    assert (primera.posicion, primera.nombre, f"{primera.iga:.2f}") == (
        1,
        "Secretaría de Seguridad",
        "0.74",
    )
    assert primera.banda == "Aprobatorio"
    assert primera.cuadrante == "Alta transparencia y alta participación"
    tabla = re.search(r'id="tabla-clasificacion".*?</table>', html, flags=re.S)[0]
    assert tabla.count("<tr>") == 28  # encabezado + 27
    assert 'href="/sujetos-obligados/secretaria-de-seguridad/"' in tabla
    assert "<strong>0.74</strong>" in tabla and "0.7374" not in tabla
    assert "Clasificación 2017" in html  # sin separador de miles
    assert 'title="Alta transparencia y alta participación">T alta, P alta</span>' in tabla
    _assert_graficas_accesibles(html, 4)
    assert "IGA mayor que 0.6" in html and "IGA mayor que 0.8" in html


def test_promedios_por_entidad_con_oaxaca_destacada_sin_depender_del_color(client, importado):
    html = client.get("/metricas/2017/").content.decode()
    tabla = re.search(r'id="tabla-entidades".*?</table>', html, flags=re.S)[0]
    assert tabla.count("<tr") == 34  # encabezado + 32 entidades + Federal
    destacada = re.search(r'<tr class="destacado">.*?</tr>', tabla, flags=re.S)[0]
    assert "▶ Oaxaca" in destacada and "0.33" in destacada
    svg = next(s for s in _svgs(html) if "grafica-entidades" in s)
    assert "▶ Oaxaca" in svg
    assert "url(#grafica-entidades-rayado)" in svg  # trama, no sólo color


def test_cuadrantes_y_distribucion_suman_los_27(client, importado):
    contexto = client.get("/metricas/2017/").context
    conteos = {c["nombre"]: c["conteo"] for c in contexto["cuadrantes"]}
    assert sum(conteos.values()) == 27
    assert conteos["Alta transparencia y alta participación"] == 4
    distribucion = {d["tipo"]: d for d in contexto["distribucion"]}
    assert sum(d["conteo"] for d in distribucion.values()) == 27
    assert distribucion["Municipio"]["conteo"] == 5
    assert distribucion["Poder Ejecutivo"]["por_banda"] == [7, 2, 0]


def test_filtros_por_tipo_y_orden(client, importado):
    respuesta = client.get("/metricas/2017/", {"tipo": "municipio"})
    nombres = [f.nombre for f in respuesta.context["filas"]]
    assert nombres[0] == "Oaxaca de Juárez"
    assert len(nombres) == 5 and "Secretaría de Seguridad" not in nombres
    estatales = client.get("/metricas/2017/", {"orden": "estatal"}).context["filas"]
    assert len(estatales) == 22
    invalido = client.get("/metricas/2017/", {"tipo": "inventado"})
    assert invalido.status_code == 200 and invalido.context["total"] == 27


def test_edicion_sin_resultados_y_edicion_no_publicada(client, importado):
    html = client.get("/metricas/2019/").content.decode()
    assert "aún no tiene resultados por sujeto obligado" in html
    assert "0.52" in html
    assert "Descargar todos los resultados" not in html  # nada que descargar
    html_2021 = client.get("/metricas/2021/").content.decode()
    assert '<span class="cifra">0.37</span>Promedio publicado' in html_2021
    Edicion.objects.filter(anio=2017).update(publicada=False)
    assert client.get("/metricas/2017/").status_code == 404
    assert client.get("/metricas/2017/resultados.csv").status_code == 404
    assert "2017" not in client.get("/metricas/").content.decode().split("<main")[1]
    ficha = client.get("/sujetos-obligados/secretaria-de-seguridad/").content.decode()
    assert "Métrica de Gobierno Abierto" not in ficha.split("<main")[1]
    assert client.get("/metricas/1999/").status_code == 404


def test_descargas_csv_json_xlsx_de_toda_la_edicion(client, importado):
    from openpyxl import load_workbook

    csv = client.get("/metricas/2017/resultados.csv")
    assert csv["Content-Type"].startswith("text/csv")
    assert "metrica-gobierno-abierto-2017-resultados.csv" in csv["Content-Disposition"]
    lineas = csv.content.decode().strip().splitlines()
    assert len(lineas) == 909
    assert lineas[0].startswith(
        "edicion,sujeto_obligado,identificador,padron_oaxaca,entidad_federativa"
    )
    datos = json.loads(client.get("/metricas/2017/resultados.json").content)
    assert len(datos) == 908
    seguridad = next(d for d in datos if d["identificador"] == "secretaria-de-seguridad")
    assert seguridad["iga"] == 0.7374 and seguridad["entidad_federativa"] == "Oaxaca"
    xlsx = client.get("/metricas/2017/resultados.xlsx")
    hoja = load_workbook(io.BytesIO(xlsx.content)).active
    assert hoja.max_row == 909
    assert client.get("/metricas/2017/resultados.pdf").status_code == 404


def test_indicadores_de_referencia(client, db):
    from django.core.management import call_command

    call_command("loaddata", "metricas_indicadores.json", verbosity=0)
    html = client.get("/metricas/indicadores-de-referencia/").content.decode()
    assert "Estratégicos" in html and "Relacionados" in html
    assert "Ranking de Portales Estatales de Transparencia" in html
    assert "Fundar. Centro de análisis e investigación" in html
    assert html.count('<li class="tarjeta">') == 10


def test_ficha_del_sujeto_y_portada_del_sitio(client, importado):
    html = client.get("/sujetos-obligados/secretaria-de-seguridad/").content.decode()
    seccion = re.search(r'<section class="metricas-seccion".*?</section>', html, flags=re.S)[0]
    assert "<strong>0.74</strong>" in seccion and "Aprobatorio" in seccion
    assert 'href="/metricas/2017/"' in seccion
    sin_resultados = client.get("/sujetos-obligados/iaip-oaxaca/").content.decode()
    assert "metricas-seccion" not in sin_resultados
    portada = client.get("/").content.decode()
    assert "Oaxaca en la Métrica de Gobierno Abierto" in portada
    assert "0.37" in portada  # la edición más reciente con dato de Oaxaca: 2021


# ---------------------------------------------------------------------------------------------
# Consultas fijas: lo mismo con 27 que con 2,000 sujetos obligados
# ---------------------------------------------------------------------------------------------


def _poblar(edicion, n: int):
    sujetos = [
        SujetoObligado(
            nombre=f"Sujeto {i:04d}",
            nombre_normalizado=f"sujeto {i:04d}",
            slug=f"sujeto-{i:04d}",
            tipo="municipio" if i % 3 else "poder_ejecutivo",
            orden="municipal" if i % 3 else "estatal",
        )
        for i in range(n)
    ]
    sujetos = SujetoObligado.objects.bulk_create(sujetos)
    valores = [D(i % 100) / 100 for i in range(n)]
    Resultado.objects.bulk_create(
        Resultado(
            edicion=edicion, sujeto_obligado=s, tg=v, tc=1 - v, pg=v / 2, pc=D("0.3")
        ).calcular()
        for s, v in zip(sujetos, valores, strict=True)
    )


def _consultas(client, url):
    client.get(url)  # calienta cachés (sesión, contenido)
    with CaptureQueriesContext(connection) as capturadas:
        assert client.get(url).status_code == 200
    return len(capturadas)


@pytest.mark.parametrize(
    "url", ["/metricas/", "/metricas/2017/", "/metricas/2017/?tipo=municipio", "/"]
)
def test_consultas_no_crecen_con_los_sujetos(client, edicion, url):
    _poblar(edicion, 27)
    pocas = _consultas(client, url)
    Resultado.objects.all().delete()
    SujetoObligado.objects.all().delete()
    _poblar(edicion, 2000)
    assert _consultas(client, url) == pocas
    assert pocas <= 8


def test_consultas_fijas_de_la_edicion(client, edicion, django_assert_num_queries):
    _poblar(edicion, 2000)
    client.get("/metricas/2017/")
    # institución, edición, bandas, componentes, resultados de Oaxaca, promedios, nacional
    with django_assert_num_queries(7):
        client.get("/metricas/2017/?pagina=3")


def test_consultas_fijas_de_la_ficha(client, edicion, django_assert_num_queries):
    _poblar(edicion, 3)
    sujeto = SujetoObligado.objects.first()
    client.get(sujeto.get_absolute_url())
    otra = Edicion.objects.get(anio=2019)
    Resultado.objects.create(edicion=otra, sujeto_obligado=sujeto, tg=1, tc=1, pg=1, pc=1)
    with CaptureQueriesContext(connection) as una:
        client.get(sujeto.get_absolute_url())
    Resultado.objects.create(
        edicion=Edicion.objects.get(anio=2021), sujeto_obligado=sujeto, tg=1, tc=1, pg=0, pc=0
    )
    with CaptureQueriesContext(connection) as dos:
        html = client.get(sujeto.get_absolute_url()).content.decode()
    assert len(una) == len(dos)
    assert html.count('href="/metricas/20') >= 3


def test_conjuntos_en_el_portal_de_datos_abiertos(client, importado):
    import csv as modulo_csv

    paquete = client.get("/datos/datapackage.json").json()
    por_nombre = {r["name"]: r for r in paquete["resources"]}
    assert {
        "metrica-resultados",
        "metrica-promedios-por-entidad",
        "indicadores-de-referencia",
    } <= set(por_nombre)
    respuesta = client.get("/datos/metrica-resultados.csv")
    texto = b"".join(respuesta.streaming_content).decode("utf-8-sig")
    filas = list(modulo_csv.DictReader(io.StringIO(texto)))
    assert len(filas) == 908
    campos = [c["name"] for c in por_nombre["metrica-resultados"]["schema"]["fields"]]
    assert list(filas[0]) == campos
    seguridad = next(f for f in filas if f["identificador"] == "secretaria-de-seguridad")
    assert seguridad["iga"] == "0.7374" and seguridad["edicion"] == "2017"
    Edicion.objects.filter(anio=2017).update(publicada=False)
    texto = b"".join(client.get("/datos/metrica-resultados.csv").streaming_content)
    assert len(texto.decode("utf-8-sig").strip().splitlines()) == 1  # sólo encabezados


@pytest.mark.postgresql
def test_el_promedio_de_oaxaca_se_calcula_una_vez_por_edicion(importado):
    """Con un ``GROUP BY`` de los resultados al lado, PostgreSQL evaluaba la subconsulta del
    promedio una vez por resultado (2.3 s con 10,000): cada subconsulta, a lo más una vez por
    edición."""
    from metricas.models import Edicion as ModeloEdicion
    from metricas.selectors import ediciones_publicadas

    with CaptureQueriesContext(connection) as consultas:
        ediciones_publicadas()
    (sql,) = [c["sql"] for c in consultas.captured_queries]
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + sql)
        plan = cursor.fetchone()[0]
        if isinstance(plan, str):
            plan = json.loads(plan)

    def vueltas(nodo):
        if nodo.get("Subplan Name"):
            yield nodo["Actual Loops"]
        for hijo in nodo.get("Plans", []):
            yield from vueltas(hijo)

    por_subconsulta = list(vueltas(plan[0]["Plan"]))
    assert por_subconsulta, plan
    assert max(por_subconsulta) <= ModeloEdicion.objects.count(), por_subconsulta
    assert Resultado.objects.count() > ModeloEdicion.objects.count()
