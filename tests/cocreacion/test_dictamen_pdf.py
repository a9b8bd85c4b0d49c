# ruff: noqa: F811
"""PDF del dictamen: contenido (folio en cada página, sujeto, elementos, órgano aprobador)."""

import io

import pypdf
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cocreacion.listados import services as servicios
from cocreacion.listados.pdf import pdf_de_dictamen
from cocreacion.models import Institucion, SujetoObligado
from tests.cocreacion.test_listados_apoyo import (  # noqa: F401
    RUTAS,
    abierto,
    crear_periodo,
    elementos,
    enlace,
    listado,
    listado_ajeno,
    llevar_a,
    otro_enlace,
    periodo,
)

pytestmark = [pytest.mark.django_db, pytest.mark.urls(RUTAS)]


def _paginas(datos: bytes) -> list[str]:
    lector = pypdf.PdfReader(io.BytesIO(datos))
    return [pagina.extract_text() for pagina in lector.pages]


def test_pdf_publico_con_folio_en_cada_pagina_y_todo_el_contenido(
    client, listado, enlace, usuario_personal, usuario_coordinacion
):
    Institucion.objects.update(organo_aprobador="Pleno del Instituto de Transparencia")
    elementos(listado, 40)
    dictamen = llevar_a(
        listado,
        "aprobado",
        enlace=enlace,
        analista=usuario_personal,
        aprobador=usuario_coordinacion,
    )
    respuesta = client.get(dictamen.get_pdf_url())
    assert respuesta.status_code == 200
    assert respuesta["Content-Type"] == "application/pdf"
    assert "DGA-DIP-2021-S1-0001.pdf" in respuesta["Content-Disposition"]
    paginas = _paginas(respuesta.content)
    assert len(paginas) >= 2
    for numero, texto in enumerate(paginas, start=1):
        assert "DGA/DIP/2021-S1/0001" in texto, numero
        assert f"Página {numero} de {len(paginas)}" in texto
    todo = "\n".join(paginas)
    assert "Secretaría de Prueba" in todo
    # El dictamen es de hoy: lo firma la institución en funciones en su fecha.
    assert Institucion.objects.vigente_en(dictamen.fecha).nombre in todo
    assert "Pleno del Instituto de Transparencia" in todo
    normalizado = " ".join(todo.split())
    for considerando in dictamen.considerandos:
        assert considerando["titulo"] in normalizado, considerando["titulo"]
    assert "añadido en Oaxaca" in todo  # ñ y acentos intactos
    assert "CG/SO-10/2021/05" in todo
    # Los nombres que vienen de datos llevan su artículo.
    garante = Institucion.objects.vigente_en(dictamen.fecha).nombre
    assert garante.startswith("Instituto ")
    assert f"Pleno del Instituto de Transparencia del {garante}" in normalizado
    assert "de Instituto" not in normalizado
    lector = pypdf.PdfReader(io.BytesIO(respuesta.content))
    assert "/StructTreeRoot" in lector.trailer["/Root"]  # PDF etiquetado (PDF/UA-1)
    # Documento aprobado: se sirve de la caché; si cambian los datos de la institución, se
    # vuelve a generar con el nombre nuevo del órgano aprobador.
    assert client.get(dictamen.get_pdf_url()).content == respuesta.content
    Institucion.objects.update(organo_aprobador="Consejo General del Instituto")
    texto = "\n".join(_paginas(client.get(dictamen.get_pdf_url()).content))
    assert "Consejo General del Instituto" in texto


def test_pdf_de_proyecto_sin_folio_lleva_leyenda(listado, enlace, usuario_personal, institucion):
    Institucion.objects.update(organo_aprobador="Consejo General")
    proyecto = llevar_a(listado, "dictaminado", enlace=enlace, analista=usuario_personal)
    texto = "\n".join(_paginas(pdf_de_dictamen(proyecto)))
    assert "PROYECTO" in texto and "Pendiente de aprobación por el Consejo General" in texto
    garante = Institucion.objects.vigente_en(proyecto.fecha).nombre
    assert f"Consejo General del {garante}" in " ".join(texto.split())


def test_consultas_del_pdf_no_crecen_con_los_elementos(
    client, institucion, usuario_coordinacion, usuario_personal, crear_enlace
):
    conteos = []
    for clave, n in (("2021-S1", 3), ("2021-S2", 300)):
        periodo = crear_periodo(clave=clave)
        sujeto = SujetoObligado.objects.create(
            nombre=f"Sujeto {clave}", tipo="municipio", orden="municipal"
        )
        servicios.periodo_abrir(periodo=periodo, actor=usuario_coordinacion, sujetos=[sujeto])
        listado = periodo.listados.get()
        elementos(listado, n)
        dictamen = llevar_a(
            listado,
            "aprobado",
            enlace=crear_enlace(sujeto, f"enlace-{clave}"),
            analista=usuario_personal,
            aprobador=usuario_coordinacion,
        )
        with CaptureQueriesContext(connection) as consultas:
            respuesta = client.get(dictamen.get_pdf_url())
        assert respuesta.status_code == 200
        conteos.append(len(consultas))
        if n == 300:
            texto = " ".join(" ".join(_paginas(respuesta.content)).split())
            assert "Información número 300: añadido en Oaxaca" in texto
    assert conteos[0] == conteos[1], conteos
