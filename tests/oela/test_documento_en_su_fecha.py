"""El programa 2021 como se emitió: apartados textuales del documento, leyes en su estado de
entonces con el aviso de su sustitución, la institución de su fecha y las lecturas de la DGA
marcadas en la página, el PDF y los datos abiertos."""

import csv
import io
import re
from pathlib import Path

import pypdf
import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils.html import strip_tags

from cocreacion.models import EstadoLey, Institucion
from oela.models import EstadoPrograma, SeccionPrograma
from oela.pdf import documento_programa

MARCA = "interpretación de la DGA"
FUENTE = Path(settings.BASE_DIR) / "fixtures" / "fuentes" / "programa-anual-trabajo-2021.txt"


def normalizar(texto: str) -> str:
    return re.sub(r"\s+", " ", texto).strip()


def texto_del_pdf(datos: bytes, institucion: Institucion) -> str:
    """Texto corrido del PDF sin el encabezado, el pie ni los números de página, que parten
    los párrafos que cruzan de una hoja a otra."""
    paginas = [p.extract_text() for p in pypdf.PdfReader(io.BytesIO(datos)).pages]
    texto = normalizar(" ".join(paginas))
    pie = normalizar(f"{institucion.nombre} · {institucion.domicilio}")
    encabezado = normalizar(f"{institucion.nombre_corto} · {institucion.area}")
    texto = texto.replace(pie, " ")
    texto = texto.replace(f"{encabezado} · Programa Anual de Trabajo 2021", " ")
    texto = re.sub(r"Página \d+ de \d+", " ", texto)
    return normalizar(texto)


def texto_de_la_pagina(html: str) -> str:
    import html as modulo_html

    return normalizar(modulo_html.unescape(strip_tags(html)))


@pytest.fixture
def programa(programa_2021):
    call_command("loaddata", "oela_programa_2021_secciones.json", verbosity=0)
    return programa_2021


def parrafos_de(seccion: SeccionPrograma) -> list[str]:
    return [normalizar(texto) for _tipo, texto in seccion.bloques]


class TestApartadosTextuales:
    CLAVES = {
        "introduccion",
        "justificacion",
        "definiciones",
        "marco-normativo",
        "indicadores-de-referencia",
        "organizaciones-referentes",
    }

    def test_los_apartados_salen_del_documento_fuente(self, programa):
        fuente = normalizar(FUENTE.read_text(encoding="utf-8").replace("*", ""))
        # El salto de página partió «partici-pación»: el apartado lo une.
        fuente = fuente.replace("partici- pación", "participación")
        secciones = list(SeccionPrograma.objects.filter(programa=programa))
        assert {s.clave for s in secciones} >= self.CLAVES
        for seccion in secciones:
            for parrafo in parrafos_de(seccion):
                assert parrafo in fuente, (seccion.clave, parrafo[:120])

    def test_cada_apartado_aparece_textual_en_la_pagina_y_en_el_pdf(self, client, programa):
        html = client.get("/programa/2021/documento/").content.decode()
        pagina = texto_de_la_pagina(html)
        institucion = Institucion.objects.vigente_en(programa.fecha_referencia)
        pdf = texto_del_pdf(documento_programa(programa, usar_cache=False), institucion)
        for seccion in SeccionPrograma.objects.filter(programa=programa, clave__in=self.CLAVES):
            assert seccion.titulo in pagina
            assert normalizar(seccion.titulo) in pdf
            for parrafo in parrafos_de(seccion):
                assert parrafo in pagina, (seccion.clave, parrafo[:100])
                assert parrafo in pdf, (seccion.clave, parrafo[:100])

    def test_la_pagina_del_documento_tiene_consultas_fijas(
        self, client, programa, django_assert_max_num_queries
    ):
        with django_assert_max_num_queries(12):
            assert client.get("/programa/2021/documento/").status_code == 200

    def test_un_borrador_no_tiene_documento_publico(self, client, programa):
        programa.estado = EstadoPrograma.BORRADOR
        programa.save()
        assert client.get("/programa/2021/documento/").status_code == 404


class TestLeyEnSuFecha:
    def test_cada_disposicion_del_2021_lleva_su_estado_de_entonces_y_su_sustitucion(
        self, client, programa
    ):
        html = client.get("/programa/2021/").content.decode()
        pagina = texto_de_la_pagina(html)
        institucion = Institucion.objects.vigente_en(programa.fecha_referencia)
        pdf = texto_del_pdf(documento_programa(programa, usar_cache=False), institucion)
        citadas = {d for li in programa_lineas(programa) for d in li.disposiciones.all()}
        assert len(citadas) == 9
        for d in citadas:
            assert d.estado_en(programa.fecha_referencia) == EstadoLey.VIGENTE
            assert not d.vigente, "hoy ninguna de las leyes de 2021 rige"
            nota = normalizar(d.nota_de_sustitucion)
            assert d.ley_sustituta and normalizar(d.ley_sustituta) in nota
            assert "no verificado" in nota, "el artículo nuevo no se adivina"
            for texto in (pagina, pdf):
                assert nota in texto, (str(d), texto[:0])
        assert pagina.count("En 2021: vigente") == 9
        assert pdf.count("En 2021: vigente") == 9
        assert "sustituida por la Ley General de Transparencia y Acceso a la Información " in pdf

    def test_la_fecha_del_programa_decide_el_estado(self, programa):
        lgtaip = programa_lineas(programa)[0].disposiciones.model.objects.filter(
            siglas_ordenamiento="LGTAIP"
        )[0]
        import datetime as dt

        assert lgtaip.estado_en(dt.date(2025, 3, 20)) == EstadoLey.VIGENTE
        assert lgtaip.estado_en(dt.date(2025, 3, 21)) == EstadoLey.ABROGADA
        assert lgtaip.estado_en(dt.date(2015, 1, 1)) == EstadoLey.NO_PUBLICADA
        ltaipeo = lgtaip.__class__.objects.filter(siglas_ordenamiento="LTAIPEO")[0]
        # Abrogada sin fecha verificada: sólo consta que regía hasta el 28 de julio de 2021.
        assert ltaipeo.estado_en(dt.date(2021, 7, 28)) == EstadoLey.VIGENTE
        assert ltaipeo.estado_en(dt.date(2022, 1, 1)) == EstadoLey.SIN_VERIFICAR
        assert lgtaip.__class__.objects.vigentes_en(dt.date(2021, 1, 1)).count() == 23
        assert not lgtaip.__class__.objects.vigentes_en(dt.date(2026, 12, 1)).exists()


def programa_lineas(programa):
    from oela.models import LineaAccion

    return list(
        LineaAccion.objects.filter(estrategia__objetivo__programa=programa).prefetch_related(
            "disposiciones"
        )
    )


class TestLecturaDeLaDGA:
    def test_la_alineacion_linea_por_linea_lleva_la_marca_en_pagina_pdf_y_datos(
        self, client, programa
    ):
        interpretadas = [li for li in programa_lineas(programa) if li.alineacion_interpretada]
        assert len(interpretadas) == 9
        assert all(li.fuente_alineacion for li in interpretadas)
        assert all(li.disposiciones.exists() for li in interpretadas)
        pagina = texto_de_la_pagina(client.get("/programa/2021/").content.decode())
        assert pagina.count(MARCA) >= 9
        linea = texto_de_la_pagina(client.get("/programa/2021/lineas/1.1.1/").content.decode())
        assert MARCA in linea and normalizar(interpretadas[0].fuente_alineacion) in linea
        sin_alinear = texto_de_la_pagina(
            client.get("/programa/2021/lineas/1.1.2/").content.decode()
        )
        assert MARCA not in sin_alinear
        institucion = Institucion.objects.vigente_en(programa.fecha_referencia)
        pdf = texto_del_pdf(documento_programa(programa, usar_cache=False), institucion)
        assert pdf.count(MARCA) >= 9 + 9
        filas = list(
            csv.DictReader(
                io.StringIO(
                    b"".join(
                        client.get("/datos/alineacion-normativa.csv").streaming_content
                    ).decode("utf-8-sig")
                )
            )
        )
        assert len(filas) == 9
        assert {f["origen_alineacion"] for f in filas} == {MARCA}
        assert {f["estado_en_el_programa"] for f in filas} == {"vigente"}
        assert all(f["fuente_alineacion"] for f in filas)

    def test_una_alineacion_del_documento_no_lleva_marca(self, client, programa):
        for linea in programa_lineas(programa):
            linea.origen_alineacion = "documento"
            linea.save()
        pagina = texto_de_la_pagina(client.get("/programa/2021/").content.decode())
        assert MARCA not in pagina
        filas = b"".join(client.get("/datos/alineacion-normativa.csv").streaming_content)
        assert MARCA not in filas.decode("utf-8-sig")


class TestInstitucionDelDocumento:
    def test_renombrar_la_institucion_actual_deja_igual_el_pdf_2021(self, programa):
        actual = Institucion.objects.actual()
        emisora = Institucion.objects.vigente_en(programa.fecha_referencia)
        assert actual.pk != emisora.pk
        assert emisora.siglas == "IAIP Oaxaca"
        antes = texto_del_pdf(documento_programa(programa, usar_cache=False), emisora)
        assert emisora.nombre in normalizar(
            " ".join(
                p.extract_text()
                for p in pypdf.PdfReader(
                    io.BytesIO(documento_programa(programa, usar_cache=False))
                ).pages
            )
        )
        actual.nombre = "Órgano renombrado para la prueba"
        actual.siglas = "ORP"
        actual.save()
        despues_bytes = documento_programa(programa)
        despues = texto_del_pdf(despues_bytes, emisora)
        assert despues == antes
        assert "Órgano renombrado" not in despues and "ORP" not in despues

    def test_el_sitio_nombra_a_la_institucion_actual(self, client, programa):
        actual = Institucion.objects.actual()
        assert actual.nombre == "Instituto de Transparencia para el Pueblo de Oaxaca"
        pagina = client.get("/").content.decode()
        assert actual.nombre in pagina
