"""Páginas públicas, descargas, PDF y consultas acotadas."""

import csv
import io

import openpyxl
import pypdf
import pytest

from oela.models import Accion, EstadoPrograma
from oela.selectors import seccion_inicio

from .conftest import generar_programa, registrar_avance

pytestmark = pytest.mark.django_db


def texto_pdf(datos: bytes) -> str:
    lector = pypdf.PdfReader(io.BytesIO(datos))
    return "\n".join(p.extract_text() for p in lector.pages)


class TestPaginas:
    def test_lista_solo_publicados(self, client, programa_2021):
        generar_programa(2022, estado=EstadoPrograma.BORRADOR)
        html = client.get("/programa/").content.decode()
        assert "Programa 2021" in html
        assert "2022" not in html

    def test_arbol_2021(self, client, programa_2021):
        respuesta = client.get("/programa/2021/")
        assert respuesta.status_code == 200
        html = respuesta.content.decode()
        assert "Hacia Gobiernos Abiertos con Innovación Pública" in html
        assert "1.2.3" in html and "4.1.5" in html
        assert "Problemática por revertir" in html
        assert "Aún no se han programado acciones" in html
        assert "LGTAIP art. 57" in html  # alineación normativa de la línea 1.2.1
        assert "Desarrolladores de software" in html  # requerimientos
        assert 'href="/programa/2021/lineas/1.2.1/"' in html
        assert html.count('href="/programa/2021/cambios.atom"') == 2  # <link> y liga visible
        assert "2,021" not in html

    def test_borradores_son_404(self, client, db):
        generar_programa(2060, estado=EstadoPrograma.BORRADOR)
        for ruta in [
            "/programa/2060/",
            "/programa/2060/matriz/",
            "/programa/2060/matriz.xlsx",
            "/programa/2060/matriz.csv",
            "/programa/2060/documento.pdf",
            "/programa/2060/lineas/1.1.1/",
        ]:
            assert client.get(ruta).status_code == 404, ruta

    def test_cerrado_es_publico(self, client, db):
        generar_programa(2019, estado=EstadoPrograma.CERRADO)
        assert client.get("/programa/2019/").status_code == 200

    def test_linea_con_acciones_y_avance(self, client, db):
        programa = generar_programa(2061, objetivos=1, estrategias=1, lineas=1, acciones=2)
        accion = Accion.objects.filter(linea__estrategia__objetivo__programa=programa).first()
        registrar_avance(accion, 1, 5)
        html = client.get("/programa/2061/lineas/1.1.1/").content.decode()
        assert "1.1.1.1" in html and "1.1.1.2" in html
        assert 'value="50"' in html  # barra <progress> de la acción
        assert client.get("/programa/2061/lineas/9.9.9/").status_code == 404

    def test_linea_sin_acciones(self, client, programa_2021):
        html = client.get("/programa/2021/lineas/4.1.1/").content.decode()
        assert "Aún no se han programado acciones para esta línea." in html
        assert (
            "Ley de Transparencia y Acceso a la Información Pública para el Estado de Oaxaca"
            in html
        )

    def test_inicio_muestra_la_tarjeta(self, client, programa_2021):
        html = client.get("/").content.decode()
        assert "Programa anual de trabajo 2021" in html
        assert seccion_inicio()["datos"]["lineas"] == 22

    def test_inicio_sin_programas(self, db):
        generar_programa(2062, estado=EstadoPrograma.BORRADOR)
        assert seccion_inicio() is None


class TestDescargas:
    def test_matriz_html_y_csv_y_xlsx(self, client, programa_2021):
        html = client.get("/programa/2021/matriz/").content.decode()
        assert "<caption>Matriz de Programación 2021: 22 filas</caption>" in html
        respuesta = client.get("/programa/2021/matriz.csv")
        assert respuesta["Content-Type"].startswith("text/csv")
        filas = list(csv.reader(io.StringIO(respuesta.content.decode("utf-8-sig"))))
        assert filas[0][:4] == ["Nº", "Objetivo", "Estrategia", "Línea de Acción"]
        assert len(filas) == 23
        assert filas[1][3].startswith("1.1.1. Revisar y dictaminar")
        libro = openpyxl.load_workbook(io.BytesIO(client.get("/programa/2021/matriz.xlsx").content))
        hoja = libro.active
        assert hoja.max_row == 23
        assert hoja["C2"].value.startswith("1.1. Impulsar")


class TestPDF:
    def test_documento_en_el_orden_del_programa(self, client, programa_2021):
        respuesta = client.get("/programa/2021/documento.pdf")
        assert respuesta.status_code == 200
        assert respuesta["Content-Type"] == "application/pdf"
        lector = pypdf.PdfReader(io.BytesIO(respuesta.content))
        portada = lector.pages[0].extract_text()
        assert "Programa Anual de Trabajo 2021" in portada
        assert "Instituto de Acceso a la Información Pública" in portada
        assert "Almendros #122" in portada
        texto = texto_pdf(respuesta.content)
        # El orden del documento original: la alineación normativa antecede a los objetivos.
        orden = [
            "Presentación",
            "Alineación normativa",
            "Objetivo general",
            "Objetivos, estrategias, líneas de acción y acciones (OELA)",
            "Requerimientos",
            "Matriz de Programación 2021",
        ]
        posiciones = [texto.index(t) for t in orden]
        assert posiciones == sorted(posiciones)
        assert "Página 1 de" in texto
        assert "Fortalecer la operación del Secretariado Técnico" in texto
        # «Objetivos específicos» con la redacción de esa lista en el programa original.
        assert "Determinar el funcionamiento del Secretariado Técnico" in texto
        assert "Desarrolladores de software" in texto
        assert "Aún no se han programado acciones." in texto

    def test_matriz_con_todos_los_datos_de_la_accion(self, client, programa_2021):
        from oela.models import LineaAccion

        linea = LineaAccion.objects.get(
            estrategia__objetivo__numero=1, estrategia__numero=1, numero=1
        )
        Accion.objects.create(
            linea=linea, numero=1, descripcion="Dictaminar solicitudes", meta=1500,
            unidad_medida="dictámenes", indicador="Dictámenes emitidos",
            medio_verificacion="Actas de sesión", responsable="Dirección de Gobierno Abierto",
            ene=1000, jun=500,
        )  # fmt: skip
        Accion.objects.create(
            linea=linea, numero=2, descripcion="Revisar", meta=3, unidad_medida="informes"
        )
        texto = texto_pdf(client.get("/programa/2021/documento.pdf").content)
        assert (
            "1.1.1.1 Dictaminar solicitudes. Meta: 1,500 dictámenes; indicador: Dictámenes "
            "emitidos; medio de verificación: Actas de sesión; responsable: Dirección de "
            "Gobierno Abierto. Programado: ene 1,000, jun 500."
        ) in " ".join(texto.split())
        assert "1.1.1.2 Revisar. Meta: 3 informes. Programado: sin calendario." in texto


class TestConsultasAcotadas:
    """El número de consultas no crece con el programa: 22 líneas sin acciones o 2,500 acciones."""

    @pytest.mark.parametrize(
        ("ruta", "consultas"),
        [
            ("/programa/{}/", 9),
            # Una más que el árbol: los apartados textuales del documento.
            ("/programa/{}/documento.pdf", 10),
            ("/programa/{}/documento/", 10),
            ("/programa/{}/matriz/", 7),
            ("/programa/{}/matriz.csv", 6),
        ],
    )
    def test_mismas_consultas_con_22_lineas_y_con_2500_acciones(
        self, client, programa_2021, django_assert_num_queries, ruta, consultas
    ):
        grande = generar_programa(2070, objetivos=10, estrategias=5, lineas=5, acciones=10)
        acciones = Accion.objects.filter(linea__estrategia__objetivo__programa=grande)
        assert acciones.count() == 2500
        for a in acciones[:50]:
            registrar_avance(a, 1, 3)
        for anio in (2021, 2070):
            with django_assert_num_queries(consultas):
                assert client.get(ruta.format(anio)).status_code == 200


class TestSeccionSujetoObligado:
    def test_actividades_publicas_del_sujeto(self, client, programa_2021, sujeto_obligado):
        from oela.models import Actividad, LineaAccion

        linea = LineaAccion.objects.get(
            estrategia__objetivo__numero=3, estrategia__numero=2, numero=2
        )
        accion = Accion.objects.create(
            linea=linea, numero=1, descripcion="Asesorar", meta=5, unidad_medida="asesorías"
        )
        actividad = Actividad.objects.create(
            accion=accion, tipo="asesoria", fecha="2021-05-04", modalidad="virtual",
            mujeres=2, hombres=1,
        )  # fmt: skip
        actividad.sujetos_obligados.add(sujeto_obligado)
        html = client.get(sujeto_obligado.get_absolute_url()).content.decode()
        assert "Actividades del programa anual de trabajo" in html
        assert "2 mujeres, 1 hombres" in html
        assert "/programa/2021/lineas/3.2.2/" in html

    def test_borradores_no_aparecen(self, db, sujeto_obligado):
        from oela.models import Actividad
        from oela.selectors import seccion_sujeto_obligado

        programa = generar_programa(2090, estado=EstadoPrograma.BORRADOR)
        accion = Accion.objects.filter(linea__estrategia__objetivo__programa=programa).first()
        actividad = Actividad.objects.create(
            accion=accion, tipo="taller", fecha="2021-05-04", modalidad="presencial"
        )
        actividad.sujetos_obligados.add(sujeto_obligado)
        assert seccion_sujeto_obligado(sujeto_obligado) is None


class TestCachePDF:
    def test_un_cambio_regenera_el_documento(self, client, programa_2021):
        from oela.models import LineaAccion

        primero = client.get("/programa/2021/documento.pdf").content
        assert client.get("/programa/2021/documento.pdf").content == primero
        linea = LineaAccion.objects.get(
            estrategia__objetivo__numero=2, estrategia__numero=2, numero=1
        )
        linea.texto = "Texto corregido para probar la caché"
        linea.save()
        segundo = client.get("/programa/2021/documento.pdf").content
        assert "Texto corregido para probar la caché" in texto_pdf(segundo)
        assert "Texto corregido para probar la caché" not in texto_pdf(primero)

    def test_la_huella_incluye_las_hojas_de_estilo(self, monkeypatch):
        from oela import pdf

        antes = pdf._huella("<p>mismo HTML</p>")
        monkeypatch.setattr(pdf, "HOJAS_EXTRA", ("css/listados.css",))
        assert pdf._huella("<p>mismo HTML</p>") != antes


def test_pdf_del_programa_sin_doble_punto_ni_pagina_casi_vacia(programa_2021, institucion):
    import io

    import pypdf

    from oela.pdf import documento_programa

    datos = documento_programa(programa_2021, usar_cache=False)
    paginas = [p.extract_text() for p in pypdf.PdfReader(io.BytesIO(datos)).pages]
    texto = " ".join(paginas).replace("...", "…")
    assert ".." not in texto and "{#" not in texto and "comment" not in texto
    # Ningún salto forzado deja una página con sólo unos renglones (salvo la portada y la
    # última): cabecera y pie ya suman cuatro.
    renglones = [len(p.splitlines()) for p in paginas]
    assert all(n >= 10 for n in renglones[1:-1]), renglones


def test_renglon_de_accion_sin_doble_punto(programa_generado):
    from oela.models import Accion
    from oela.pdf import renglon_de_accion

    accion = Accion.objects.select_related("linea__estrategia__objetivo").first()
    accion.descripcion = "Capacitar al personal de la institución."
    renglon = renglon_de_accion(accion)
    assert "institución. Meta: 10 sesiones" in renglon and ".." not in renglon
