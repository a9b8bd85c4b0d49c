"""Admin del programa y permisos por rol: anónimo, Personal DGA, Coordinación, Consejo."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from oela.models import Accion, EstadoPrograma, LineaAccion, Programa

from .conftest import generar_programa
from .test_matriz import csv_bytes, fila

pytestmark = pytest.mark.django_db


def url_cambio(obj):
    return reverse(f"admin:oela_{obj._meta.model_name}_change", args=[obj.pk])


@pytest.fixture
def borrador(db):
    return generar_programa(2080, estado=EstadoPrograma.BORRADOR)


class TestAnonimo:
    def test_admin_pide_sesion(self, client, borrador):
        respuesta = client.get(url_cambio(borrador))
        assert respuesta.status_code == 302
        assert "/admin/login/" in respuesta["Location"]
        importar = reverse("admin:oela_programa_importar_matriz", args=[borrador.pk])
        assert client.get(importar).status_code == 302


class TestPersonalDGA:
    def test_edita_pero_no_publica(self, client, usuario_personal, borrador):
        client.force_login(usuario_personal)
        pagina = client.get(url_cambio(borrador))
        assert pagina.status_code == 200
        html = pagina.content.decode()
        assert 'name="estado"' not in html  # el estado es de sólo lectura
        assert "Importar matriz" in html and "Exportar matriz (XLSX)" in html
        lista = client.get(reverse("admin:oela_programa_changelist")).content.decode()
        assert 'value="publicar"' not in lista
        assert 'value="clonar"' in lista
        # La acción de publicar, forzada por POST, no existe para este rol.
        client.post(
            reverse("admin:oela_programa_changelist"),
            {"action": "publicar", "_selected_action": [borrador.pk]},
        )
        borrador.refresh_from_db()
        assert borrador.estado == EstadoPrograma.BORRADOR

    def test_no_elimina(self, client, usuario_personal, borrador):
        client.force_login(usuario_personal)
        linea = LineaAccion.objects.filter(estrategia__objetivo__programa=borrador).first()
        borrar = reverse("admin:oela_lineaaccion_delete", args=[linea.pk])
        assert client.post(borrar, {"post": "yes"}).status_code == 403
        assert LineaAccion.objects.filter(pk=linea.pk).exists()

    def test_edita_una_linea_y_queda_en_el_historial(self, client, usuario_personal, borrador):
        client.force_login(usuario_personal)
        linea = LineaAccion.objects.filter(estrategia__objetivo__programa=borrador).first()
        pagina = client.get(url_cambio(linea))
        assert pagina.status_code == 200
        formulario = pagina.context["adminform"].form
        datos = {
            "estrategia": linea.estrategia_id,
            "numero": linea.numero,
            "texto": "Texto corregido por el personal",
            "peso": 2,
            "disposiciones": [],
            "metas_ods": [],
            "origen_alineacion": "documento",
        }
        for prefijo in [f.formset.prefix for f in pagina.context["inline_admin_formsets"]]:
            datos.update({f"{prefijo}-TOTAL_FORMS": 0, f"{prefijo}-INITIAL_FORMS": 0})
        assert formulario is not None
        respuesta = client.post(url_cambio(linea), datos)
        assert respuesta.status_code == 302, respuesta.content.decode()[:2000]
        linea.refresh_from_db()
        assert linea.texto == "Texto corregido por el personal"
        ultima = linea.history.latest()
        assert ultima.history_user == usuario_personal
        historial = client.get(
            reverse("admin:oela_lineaaccion_history", args=[linea.pk])
        ).content.decode()
        assert "Texto corregido por el personal" in historial or "Analista" in historial

    def test_importa_la_matriz_desde_el_admin(self, client, usuario_personal, borrador):
        client.force_login(usuario_personal)
        url = reverse("admin:oela_programa_importar_matriz", args=[borrador.pk])
        pagina = client.get(url).content.decode()
        assert pagina.count("Importar la Matriz de Programación 2080") == 2  # título y pestaña
        archivo = csv_bytes(
            [fila(1, lin="1.1.9. Línea nueva", accion="Hacer algo", meta=3, unidad="veces")]
        )
        revision = client.post(url, {"archivo": SimpleUploadedFile("matriz.csv", archivo)})
        html = revision.content.decode()
        assert "Qué cambiará (todavía no se guardó nada)" in html
        assert "línea 1.1.9" in html and "acción 1.1.9.1" in html
        # Los meses del renglón de prueba no suman la meta: se avisa sin impedir.
        assert "los meses suman" in html
        assert not LineaAccion.objects.filter(numero=9).exists()
        pendiente = revision.context["pendiente"]
        assert pendiente
        # Confirmar no pide el archivo otra vez.
        aplicada = client.post(url, {"pendiente": pendiente})
        assert "Importación aplicada" in aplicada.content.decode()
        accion = Accion.objects.get(linea__numero=9)
        assert accion.history.latest().history_user == usuario_personal
        # La confirmación se usa una sola vez.
        otra_vez = client.post(url, {"pendiente": pendiente}, follow=True)
        assert "ya no está disponible" in otra_vez.content.decode()
        assert Accion.objects.filter(linea__numero=9).count() == 1

    def test_la_confirmacion_es_de_quien_reviso_y_de_ese_programa(
        self, client, usuario_personal, usuario_coordinacion, borrador
    ):
        from django.test import Client

        client.force_login(usuario_personal)
        url = reverse("admin:oela_programa_importar_matriz", args=[borrador.pk])
        archivo = csv_bytes(
            [fila(1, lin="1.1.9. Línea nueva", accion="Algo", meta=1, unidad="veces")]
        )
        pendiente = client.post(
            url, {"archivo": SimpleUploadedFile("matriz.csv", archivo)}
        ).context["pendiente"]
        otra_persona = Client()
        otra_persona.force_login(usuario_coordinacion)
        html = otra_persona.post(url, {"pendiente": pendiente}, follow=True).content.decode()
        assert "ya no está disponible" in html
        otro = generar_programa(2081, estado=EstadoPrograma.BORRADOR)
        url_otro = reverse("admin:oela_programa_importar_matriz", args=[otro.pk])
        client.post(url_otro, {"pendiente": pendiente})
        assert not LineaAccion.objects.filter(numero=9).exists()

    def test_errores_de_importacion_en_el_admin(self, client, usuario_personal, borrador):
        client.force_login(usuario_personal)
        url = reverse("admin:oela_programa_importar_matriz", args=[borrador.pk])
        archivo = csv_bytes([fila(3, lin="1.2.1. No es de la estrategia 1.1")])
        html = client.post(
            url, {"archivo": SimpleUploadedFile("matriz.csv", archivo)}
        ).content.decode()
        assert "no se guardó nada" in html
        assert "Fila 2, columna «Línea de Acción» (Nº 3)" in html

    def test_rechaza_archivos_que_no_son_hojas(self, client, usuario_personal, borrador):
        client.force_login(usuario_personal)
        url = reverse("admin:oela_programa_importar_matriz", args=[borrador.pk])
        falso = SimpleUploadedFile("matriz.xlsx", b"%PDF-1.4 esto no es una hoja")
        respuesta = client.post(url, {"archivo": falso})
        assert respuesta.context["form"].errors["archivo"]

    def test_copia_a_un_anio_nuevo(self, client, usuario_personal, borrador):
        client.force_login(usuario_personal)
        lista = reverse("admin:oela_programa_changelist")
        paso = client.post(lista, {"action": "clonar", "_selected_action": [borrador.pk]})
        assert "Copiar el programa 2080" in paso.content.decode()
        respuesta = client.post(
            lista, {"action": "clonar", "_selected_action": [borrador.pk], "aplicar": "1",
                    "anio": 2081},
        )  # fmt: skip
        nuevo = Programa.objects.get(anio=2081)
        assert respuesta.status_code == 302
        assert nuevo.estado == EstadoPrograma.BORRADOR
        assert LineaAccion.objects.filter(estrategia__objetivo__programa=nuevo).count() == 8

    def test_exporta_la_matriz(self, client, usuario_personal, borrador):
        client.force_login(usuario_personal)
        url = reverse("admin:oela_programa_exportar_matriz", args=[borrador.pk, "csv"])
        respuesta = client.get(url)
        assert respuesta.status_code == 200
        texto = respuesta.content.decode("utf-8-sig")
        assert texto.startswith("Nº,Objetivo,Estrategia,Línea de Acción,Acción,Meta")
        assert "1.1.1.2. Acción 2 de la línea" in texto


class TestCoordinacion:
    def test_publica_y_elimina(self, client, usuario_coordinacion, borrador):
        client.force_login(usuario_coordinacion)
        lista = reverse("admin:oela_programa_changelist")
        assert 'value="publicar"' in client.get(lista).content.decode()
        client.post(lista, {"action": "publicar", "_selected_action": [borrador.pk]})
        borrador.refresh_from_db()
        assert borrador.estado == EstadoPrograma.PUBLICADO
        assert 'name="estado"' in client.get(url_cambio(borrador)).content.decode()
        accion = Accion.objects.filter(linea__estrategia__objetivo__programa=borrador).first()
        borrar = reverse("admin:oela_accion_delete", args=[accion.pk])
        assert client.post(borrar, {"post": "yes"}).status_code == 302
        assert not Accion.objects.filter(pk=accion.pk).exists()


class TestConsejo:
    def test_solo_consulta(self, client, usuario_consejo, borrador):
        client.force_login(usuario_consejo)
        assert client.get(url_cambio(borrador)).status_code == 200
        importar = reverse("admin:oela_programa_importar_matriz", args=[borrador.pk])
        assert client.get(importar).status_code == 403


class TestPaginasDelAdmin:
    @pytest.mark.parametrize(
        "nombre",
        ["programa", "objetivo", "estrategia", "lineaaccion", "accion", "avance", "actividad",
         "requerimiento"],
    )  # fmt: skip
    def test_listas_y_altas_cargan(self, client, superusuario, programa_2021, nombre):
        client.force_login(superusuario)
        assert client.get(reverse(f"admin:oela_{nombre}_changelist")).status_code == 200
        assert client.get(reverse(f"admin:oela_{nombre}_add")).status_code == 200

    def test_busqueda_y_claves_en_la_lista(self, client, superusuario, programa_2021):
        client.force_login(superusuario)
        html = client.get(
            reverse("admin:oela_lineaaccion_changelist"), {"q": "Secretariado"}
        ).content.decode()
        assert "4.1.1" in html
        assert "LTAIPEO art. 43" in html


class TestFormularios:
    def test_transicion_ilegal_es_error_del_formulario(
        self, client, usuario_coordinacion, borrador
    ):
        client.force_login(usuario_coordinacion)
        pagina = client.get(url_cambio(borrador))
        datos = {
            "anio": 2080,
            "titulo": borrador.titulo,
            "area": borrador.area,
            "estado": "cerrado",
            "presentacion": "",
            "introduccion": "",
            "objetivo_general": borrador.objetivo_general,
        }
        for formset in pagina.context["inline_admin_formsets"]:
            datos.update(
                {f"{formset.formset.prefix}-TOTAL_FORMS": 0,
                 f"{formset.formset.prefix}-INITIAL_FORMS": 0}
            )  # fmt: skip
        respuesta = client.post(url_cambio(borrador), datos)
        assert respuesta.status_code == 200
        assert "no puede pasar a «Cerrado»" in respuesta.content.decode()
        borrador.refresh_from_db()
        assert borrador.estado == EstadoPrograma.BORRADOR

    def test_avance_en_borrador_es_error_del_formulario(self, client, usuario_personal, borrador):
        client.force_login(usuario_personal)
        accion = Accion.objects.filter(linea__estrategia__objetivo__programa=borrador).first()
        respuesta = client.post(
            reverse("admin:oela_avance_add"), {"accion": accion.pk, "mes": 1, "realizado": 2}
        )
        assert respuesta.status_code == 200
        assert "Sólo se registran avances en programas publicados" in respuesta.content.decode()


def test_autocompletado_de_acciones_dice_el_anio(
    client, usuario_personal, django_assert_max_num_queries
):
    """Dos programas con la misma estructura: el autocompletado distingue sus acciones por año."""
    from oela.models import Avance

    generar_programa(2041, objetivos=1, estrategias=1, lineas=1, acciones=1)
    generar_programa(2042, objetivos=1, estrategias=1, lineas=1, acciones=1)
    Accion.objects.update(descripcion="Revisar la matriz")
    client.force_login(usuario_personal)
    with django_assert_max_num_queries(12):
        datos = client.get(
            "/admin/autocomplete/",
            {
                "term": "Revisar",
                "app_label": "oela",
                "model_name": "avance",
                "field_name": "accion",
            },
        ).json()
    textos = sorted(r["text"] for r in datos["results"])
    assert textos == ["2041 · 1.1.1.1. Revisar la matriz", "2042 · 1.1.1.1. Revisar la matriz"]
    # La opción ya elegida en el formulario también lleva el año; el listado sigue corto.
    accion = Accion.objects.get(linea__estrategia__objetivo__programa__anio=2042)
    avance = Avance.objects.create(accion=accion, mes=1, realizado=1)
    html = client.get(url_cambio(avance)).content.decode()
    assert "2042 · 1.1.1.1. Revisar la matriz" in html
    assert str(accion) == "1.1.1.1. Revisar la matriz"
