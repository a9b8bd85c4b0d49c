# ruff: noqa: F811
"""Páginas públicas y de enlaces: lo que se ve, lo que no se filtra y las consultas fijas."""

import io

import pytest
from django.urls import reverse

from cocreacion.listados import services as servicios
from cocreacion.listados.importacion import importar_elementos
from cocreacion.models import ElementoListado, EstadoListado, Institucion, SujetoObligado
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


@pytest.fixture
def aprobado(listado, enlace, usuario_personal, usuario_coordinacion):
    return llevar_a(
        listado,
        "aprobado",
        enlace=enlace,
        analista=usuario_personal,
        aprobador=usuario_coordinacion,
    )


def test_pagina_de_periodos_con_cifras_y_tabla_por_sujeto(
    client, abierto, listado, listado_ajeno, aprobado
):
    crear_periodo(clave="2022-S1")  # sin abrir: no aparece
    # El texto nombra al órgano que aprueba de la institución de hoy.
    Institucion.objects.update(organo_aprobador="Consejo General")
    respuesta = client.get("/interes-publico/")
    assert respuesta.status_code == 200
    html = respuesta.content.decode()
    assert "2021-S1" in html and "2022-S1" not in html
    contexto = respuesta.context["elegido"]
    assert (
        contexto.requeridos,
        contexto.presentados,
        contexto.dictaminados,
        contexto.aprobados,
    ) == (
        2,
        1,
        1,
        1,
    )
    assert "Secretaría de Prueba" in html and "Municipio de Prueba" in html
    assert aprobado.folio in html
    assert "Consejo General" in html  # nombre del órgano aprobador, desde Institucion


def test_periodo_inexistente_es_404(client, abierto):
    assert client.get("/interes-publico/?periodo=1999-S1").status_code == 404


def test_dictamen_publico_por_folio_con_diagonales(client, aprobado):
    url = reverse("interes_publico:dictamen", kwargs={"folio": aprobado.folio})
    assert url == "/interes-publico/dictamenes/DGA/DIP/2021-S1/0001/"
    html = client.get(url).content.decode()
    for considerando in aprobado.considerandos:
        assert considerando["titulo"] in html
        assert considerando["fundamentacion"] in html
    assert "CG/SO-10/2021/05" in html
    assert f"{url[:-1]}.pdf" in html


def test_proyectos_de_dictamen_nunca_son_publicos(
    client, listado, enlace, usuario_personal, usuario_coordinacion
):
    proyecto = llevar_a(listado, "dictaminado", enlace=enlace, analista=usuario_personal)
    assert proyecto.folio is None
    assert client.get("/interes-publico/dictamenes/DGA/DIP/2021-S1/0001/").status_code == 404
    assert client.get("/interes-publico/dictamenes/DGA/DIP/2021-S1/0001.pdf").status_code == 404
    html = client.get("/interes-publico/").content.decode()
    assert "/interes-publico/dictamenes/" not in html


def test_dictamen_corregido_sigue_visible_y_remite_al_vigente(
    client, listado, aprobado, usuario_personal, usuario_coordinacion
):
    from datetime import date

    servicios.listado_corregir(listado=listado, actor=usuario_personal, motivo="Errata")
    nuevo = servicios.listado_dictaminar(listado=listado, actor=usuario_personal)
    nuevo = servicios.dictamen_aprobar(
        dictamen=nuevo,
        actor=usuario_coordinacion,
        sesion="S",
        fecha_sesion=date(2021, 10, 1),
        numero_acuerdo="A/2",
    )
    viejo = client.get(aprobado.get_absolute_url()).content.decode()
    assert "fue corregido" in viejo and nuevo.folio in viejo
    actual = client.get(nuevo.get_absolute_url()).content.decode()
    assert "Errata" in actual and aprobado.folio in actual


def test_seccion_de_la_ficha_del_sujeto_y_tarjeta_de_inicio(aprobado, sujeto_obligado):
    from django.template.loader import render_to_string

    from cocreacion.listados.selectors import seccion_inicio, seccion_sujeto_obligado

    seccion = seccion_sujeto_obligado(sujeto_obligado)
    html = render_to_string(seccion["plantilla"], {"datos": seccion["datos"]})
    assert "2021-S1" in html and aprobado.folio in html and "Aprobado" in html
    assert (
        seccion_sujeto_obligado(
            SujetoObligado.objects.create(
                nombre="Sin listados", tipo="municipio", orden="municipal"
            )
        )
        is None
    )
    tarjeta = seccion_inicio()
    html = render_to_string(tarjeta["plantilla"], {"datos": tarjeta["datos"]})
    assert "1</span> dictámenes aprobados de 2" in html
    assert "2 elementos de información" in html  # procedente + con modificaciones
    assert "Últimos dictámenes aprobados" in html
    assert f'href="{aprobado.get_absolute_url()}"' in html
    assert aprobado.listado.sujeto_obligado.nombre in html


def test_consultas_fijas_en_paginas_publicas(
    client,
    django_assert_num_queries,
    institucion,
    usuario_coordinacion,
    usuario_personal,
    crear_enlace,
):
    """La página del periodo y la del dictamen hacen las mismas consultas con 3 o 300 elementos
    y con 2 o 40 sujetos obligados."""

    def preparar(clave, n_sujetos, n_elementos):
        periodo = crear_periodo(clave=clave)
        sujetos = [
            SujetoObligado.objects.create(
                nombre=f"Sujeto {clave} {i}", tipo="municipio", orden="municipal"
            )
            for i in range(n_sujetos)
        ]
        servicios.periodo_abrir(periodo=periodo, actor=usuario_coordinacion, sujetos=sujetos)
        listado = periodo.listados.order_by("pk").first()
        elementos(listado, n_elementos)
        return llevar_a(
            listado,
            "aprobado",
            enlace=crear_enlace(listado.sujeto_obligado, f"enlace-{clave}"),
            analista=usuario_personal,
            aprobador=usuario_coordinacion,
        )

    chico = preparar("2021-S1", 2, 3)
    grande = preparar("2021-S2", 40, 300)
    conteos = {}
    for dictamen in (chico, grande):
        for url in (
            f"/interes-publico/?periodo={dictamen.listado.periodo.clave}",
            dictamen.get_absolute_url(),
        ):
            from django.db import connection
            from django.test.utils import CaptureQueriesContext

            with CaptureQueriesContext(connection) as consultas:
                assert client.get(url).status_code == 200
            conteos.setdefault(url.split("?")[0].split("DGA")[0], []).append(len(consultas))
    for numeros in conteos.values():
        assert numeros[0] == numeros[1], conteos
    with django_assert_num_queries(conteos["/interes-publico/"][0]):
        client.get("/interes-publico/?periodo=2021-S2")


# --- Enlaces ----------------------------------------------------------------------------


def test_anonimo_y_personal_dga_no_entran_a_mis_listados(client, listado, usuario_personal):
    respuesta = client.get("/interes-publico/mis-listados/")
    assert respuesta.status_code == 302 and "/admin/login/" in respuesta["Location"]
    client.force_login(usuario_personal)
    assert client.get("/interes-publico/mis-listados/").status_code == 403


def test_enlace_captura_edita_y_envia_su_listado(client, enlace, listado, listado_ajeno):
    client.force_login(enlace)
    html = client.get("/interes-publico/mis-listados/").content.decode()
    assert "2021-S1" in html
    assert f"/interes-publico/mis-listados/{listado_ajeno.pk}/" not in html
    url = f"/interes-publico/mis-listados/{listado.pk}/"
    datos = {
        "titulo": "Padrón de beneficiarios",
        "descripcion": "Personas beneficiarias",
        "justificacion": "Uso de recursos públicos",
        "unidad_responsable": "Dirección de Programas",
        "periodicidad": "trimestral",
        "formato": "XLSX",
        "liga": "https://ejemplo.gob.mx/padron",
        "listado": listado_ajeno.pk,  # id ajeno inyectado: se ignora
    }
    assert client.post(url, datos).status_code == 302
    elemento = ElementoListado.objects.get()
    assert elemento.listado == listado
    assert elemento.history.first().history_user == enlace
    respuesta = client.post(
        f"{url}elementos/{elemento.pk}/", {**datos, "titulo": "Padrón actualizado"}
    )
    assert respuesta.status_code == 302
    elemento.refresh_from_db()
    assert elemento.titulo == "Padrón actualizado"
    assert client.post(f"{url}enviar/", {"confirmado": "si"}).status_code == 302
    listado.refresh_from_db()
    assert listado.estado == EstadoListado.ENVIADO
    # Enviado: ya no se modifica.
    client.post(f"{url}elementos/{elemento.pk}/", {**datos, "titulo": "Tarde"})
    client.post(f"{url}elementos/{elemento.pk}/eliminar/")
    client.post(url, {**datos, "titulo": "Otro más"})
    elemento.refresh_from_db()
    assert elemento.titulo == "Padrón actualizado"
    assert ElementoListado.objects.count() == 1


def test_enlace_no_alcanza_registros_ajenos_por_url_ni_por_formulario(
    client, enlace, otro_enlace, listado, listado_ajeno
):
    ajeno = elementos(listado_ajeno, 1)[0]
    propio = elementos(listado, 1)[0]
    client.force_login(enlace)
    base = f"/interes-publico/mis-listados/{listado_ajeno.pk}/"
    assert client.get(base).status_code == 404
    assert client.post(base, {"titulo": "Intruso"}).status_code == 404
    assert client.get(f"{base}elementos/{ajeno.pk}/").status_code == 404
    assert client.post(f"{base}elementos/{ajeno.pk}/eliminar/").status_code == 404
    assert client.post(f"{base}enviar/").status_code == 404
    assert client.post(f"{base}importar/").status_code == 404
    # Elemento ajeno bajo la dirección del listado propio: también 404.
    propio_url = f"/interes-publico/mis-listados/{listado.pk}/"
    assert client.get(f"{propio_url}elementos/{ajeno.pk}/").status_code == 404
    assert client.post(f"{propio_url}elementos/{ajeno.pk}/eliminar/").status_code == 404
    ajeno.refresh_from_db()
    listado_ajeno.refresh_from_db()
    assert ajeno.titulo.startswith("Información") and listado_ajeno.estado == "borrador"
    assert client.get(f"{propio_url}elementos/{propio.pk}/").status_code == 200


def test_enlace_en_el_admin_solo_ve_lo_suyo(
    client, enlace, listado, listado_ajeno, otro_enlace, usuario_personal, usuario_coordinacion
):
    dictamen_ajeno = llevar_a(
        listado_ajeno,
        "aprobado",
        enlace=otro_enlace,
        analista=usuario_personal,
        aprobador=usuario_coordinacion,
    )
    proyecto_propio = llevar_a(listado, "dictaminado", enlace=enlace, analista=usuario_personal)
    client.force_login(enlace)
    lista = client.get("/admin/cocreacion/listado/")
    assert lista.status_code == 200
    assert "Secretaría de Prueba" in lista.content.decode()
    assert "Municipio de Prueba" not in lista.content.decode()
    propio = client.get(f"/admin/cocreacion/listado/{listado.pk}/change/")
    assert propio.status_code == 200
    ajeno = client.get(f"/admin/cocreacion/listado/{listado_ajeno.pk}/change/", follow=True)
    assert ajeno.redirect_chain and "Municipio de Prueba" not in ajeno.content.decode()
    # Dictámenes: ni el aprobado ajeno ni el proyecto propio.
    for pk in (dictamen_ajeno.pk, proyecto_propio.pk):
        respuesta = client.get(f"/admin/cocreacion/dictamen/{pk}/change/", follow=True)
        assert respuesta.redirect_chain
        assert client.get(f"/admin/cocreacion/dictamen/{pk}/pdf/").status_code == 404
    # Las transiciones tampoco: ni la suya por el admin (sólo vista) ni la ajena.
    assert client.post(
        f"/admin/cocreacion/listado/{listado_ajeno.pk}/transicion/publicar/"
    ).status_code in (302, 403, 404)
    listado_ajeno.refresh_from_db()
    assert listado_ajeno.estado == EstadoListado.APROBADO


def test_importar_hoja_valida_y_con_errores_todo_o_nada(client, enlace, listado):
    client.force_login(enlace)
    url = f"/interes-publico/mis-listados/{listado.pk}/importar/"
    encabezado = "Título,Descripción,Justificación,Unidad responsable,Periodicidad,Formato,Liga\n"
    buena = encabezado + (
        "Padrón,Beneficiarios,Interés,Dirección,Trimestral,XLSX,https://a.mx\n"
        "Obras,Obra pública,Interés,Obras,anual,PDF,\n"
    )
    archivo = io.BytesIO(buena.encode())
    archivo.name = "listado.csv"
    assert client.post(url, {"archivo": archivo}).status_code == 302
    assert list(listado.elementos.values_list("numero", "periodicidad")) == [
        (1, "trimestral"),
        (2, "anual"),
    ]
    mala = encabezado + (
        "Uno,Bien,Interés,Dirección,Mensual,PDF,\n"
        ",Sin título,Interés,Dirección,Mensual,PDF,\n"
        "Tres,Mal,Interés,Dirección,Cada siglo,PDF,no-es-liga\n"
    )
    archivo = io.BytesIO(mala.encode())
    archivo.name = "mala.csv"
    respuesta = client.post(url, {"archivo": archivo})
    html = respuesta.content.decode()
    assert respuesta.status_code == 200
    assert "no se guardó nada" in html
    assert "Fila 3, columna «título»" in html
    assert "Fila 4, columna «periodicidad»" in html
    assert listado.elementos.count() == 2  # nada de la hoja mala


def test_importar_errores_de_columnas_y_tipo(listado, enlace):
    from cocreacion.comun.importacion import ErrorDeImportacion

    with pytest.raises(ErrorDeImportacion) as error:
        importar_elementos(
            listado=listado, archivo=b"Titulo,Formato\nA,PDF\n", nombre="x.csv", actor=enlace
        )
    assert "Falta la columna «descripción»" in str(error.value)
    with pytest.raises(ErrorDeImportacion, match="no tiene filas"):
        importar_elementos(
            listado=listado,
            archivo=(
                "título,descripción,justificación,unidad responsable,periodicidad,formato\n"
            ).encode(),
            nombre="vacia.csv",
            actor=enlace,
        )
    assert not listado.elementos.exists()


def test_importar_xlsx_con_reemplazo(listado, enlace):
    from openpyxl import Workbook

    elementos(listado, 2)
    libro = Workbook()
    hoja = libro.active
    hoja.append(
        ["Título", "Descripción", "Justificación", "Unidad responsable", "Periodicidad", "Formato"]
    )
    hoja.append(["Año fiscal y señalética", "Niñas y niños", "Interés", "DIF", "Semestral", "PDF"])
    datos = io.BytesIO()
    libro.save(datos)
    creados = importar_elementos(
        listado=listado,
        archivo=datos.getvalue(),
        nombre="listado.xlsx",
        actor=enlace,
        reemplazar=True,
    )
    assert len(creados.creados) == 1
    assert list(listado.elementos.values_list("titulo", flat=True)) == ["Año fiscal y señalética"]


def test_tabla_del_periodo_paginada_sin_repetir_ni_perder_sujetos(
    client, django_assert_num_queries, institucion, usuario_coordinacion
):
    from cocreacion.listados.selectors import FILAS_POR_PAGINA_DEL_PERIODO

    periodo = crear_periodo(clave="2021-S1")
    total = FILAS_POR_PAGINA_DEL_PERIODO + 7
    sujetos = [
        SujetoObligado.objects.create(
            nombre=f"Municipio {i:03d}", tipo="municipio", orden="municipal"
        )
        for i in range(total)
    ]
    servicios.periodo_abrir(periodo=periodo, actor=usuario_coordinacion, sujetos=sujetos)
    vistos = []
    consultas = []
    for numero in (1, 2):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as capturadas:
            respuesta = client.get(f"/interes-publico/?periodo=2021-S1&pagina={numero}")
        consultas.append(len(capturadas))
        vistos += [fila.sujeto_obligado.nombre for fila in respuesta.context["listados"]]
    assert len(vistos) == total and len(set(vistos)) == total
    assert consultas[0] == consultas[1]
    html = client.get("/interes-publico/?periodo=2021-S1&pagina=2").content.decode()
    assert "Página 2 de 2" in html and "periodo=2021-S1&amp;pagina=1" in html
    # Una página fuera de rango o que no es número muestra la última, no un error.
    assert client.get("/interes-publico/?periodo=2021-S1&pagina=99").status_code == 200
    assert client.get("/interes-publico/?periodo=2021-S1&pagina=x%00").status_code == 200
