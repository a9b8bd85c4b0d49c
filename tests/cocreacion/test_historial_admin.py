"""El historial del admin no escribe ni cruza sujetos obligados, y las demás puertas del admin
(acciones, exportar, autocompletar, «ver en el sitio», botones propios) obedecen las mismas
reglas que la vista de cambio. Cada prueba reproduce un ataque con peticiones reales."""

import pytest

from cocreacion.models import EstadoListado, Institucion
from oela.models import EstadoPrograma, Programa
from stgao import services as stgao_servicios
from stgao.models import Compromiso
from tests.cocreacion.test_listados_apoyo import RUTAS, llevar_a
from tests.cocreacion.test_matriz_de_permisos import mundo  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.urls(RUTAS)]


def _entrar(client, mundo, rol):  # noqa: F811
    client.force_login(mundo["usuarios"][rol])
    return client


def _primera_version(registro):
    return registro.history.order_by("history_id").first()


def _version_url(registro, version) -> str:
    opts = registro._meta
    return f"/admin/{opts.app_label}/{opts.model_name}/{registro.pk}/history/{version.history_id}/"


def _historial_url(registro) -> str:
    opts = registro._meta
    return f"/admin/{opts.app_label}/{opts.model_name}/{registro.pk}/history/"


# ── El historial no escribe ────────────────────────────────────────────────────────────


def test_el_consejo_no_retitula_ni_despublica_por_una_version(client, mundo):  # noqa: F811
    compromiso = mundo["compromiso_propio"]
    version = _primera_version(compromiso)
    _entrar(client, mundo, "consejo_general")
    respuesta = client.post(
        _version_url(compromiso, version),
        {"titulo": "Título reescrito", "plan": compromiso.plan_id, "tema": "presupuesto"},
    )
    assert respuesta.status_code == 403
    assert "sólo se consulta" in respuesta.content.decode()
    compromiso.refresh_from_db()
    assert compromiso.titulo == "Compromiso propio" and compromiso.publicado


def test_el_consejo_no_cambia_la_licencia_del_pie_por_una_version(client, mundo):  # noqa: F811
    institucion = Institucion.objects.actual()
    institucion.save()  # con historial (el registro se cargó de un fixture)
    antes = institucion.licencia_datos_url
    _entrar(client, mundo, "consejo_general")
    respuesta = client.post(
        _version_url(institucion, _primera_version(institucion)),
        {"nombre": "Otro", "licencia_datos_url": "https://ejemplo.invalido/licencia"},
    )
    assert respuesta.status_code == 403
    institucion.refresh_from_db()
    assert institucion.licencia_datos_url == antes


def test_personal_dga_no_republica_por_una_version(client, mundo):  # noqa: F811
    compromiso = mundo["compromiso_propio"]
    publicada = compromiso.history.order_by("-history_id").first()
    compromiso.publicado = False
    stgao_servicios.compromiso_guardar(
        compromiso=compromiso, actor=mundo["usuarios"]["coordinacion_dga"]
    )
    _entrar(client, mundo, "personal_dga")
    respuesta = client.post(
        _version_url(compromiso, publicada),
        {"titulo": compromiso.titulo, "publicado": "on", "tema": "presupuesto"},
    )
    assert respuesta.status_code == 403
    compromiso.refresh_from_db()
    assert not compromiso.publicado


def test_ni_el_superusuario_revierte_desde_el_historial(client, mundo):  # noqa: F811
    programa = mundo["programa_publicado"]
    programa.save()  # una versión con historial (el programa de prueba nace en bloque)
    _entrar(client, mundo, "superusuario")
    respuesta = client.post(
        _version_url(programa, _primera_version(programa)),
        {"anio": programa.anio, "titulo": "Revertido", "estado": EstadoPrograma.BORRADOR},
    )
    assert respuesta.status_code == 403
    programa.refresh_from_db()
    assert programa.titulo != "Revertido" and programa.estado == EstadoPrograma.PUBLICADO
    # La lista del historial tampoco acepta envíos.
    assert client.post(_historial_url(programa)).status_code == 403


def test_la_version_se_muestra_sin_campos_para_editar(client, mundo):  # noqa: F811
    compromiso = mundo["compromiso_propio"]
    _entrar(client, mundo, "coordinacion_dga")
    respuesta = client.get(_version_url(compromiso, _primera_version(compromiso)))
    assert respuesta.status_code == 200
    html = respuesta.content.decode()
    assert "Compromiso propio" in html
    assert 'name="titulo"' not in html and 'name="_save"' not in html


def test_un_enlace_no_reescribe_listados_de_otros(client, mundo):  # noqa: F811
    ajeno = mundo["listado_ajeno"]
    _entrar(client, mundo, "enlace")
    respuesta = client.post(
        _version_url(ajeno, _primera_version(ajeno)), {"observaciones": "Reescrito"}
    )
    assert respuesta.status_code == 404
    ajeno.refresh_from_db()
    assert ajeno.observaciones != "Reescrito"
    assert ajeno.estado == EstadoListado.DICTAMINADO


def test_un_enlace_no_revierte_su_listado_aprobado(client, mundo):  # noqa: F811
    listado = mundo["listado_aprobado"]
    borrador = _primera_version(listado)
    assert borrador.estado == EstadoListado.BORRADOR
    _entrar(client, mundo, "enlace")
    respuesta = client.post(_version_url(listado, borrador), {"observaciones": ""})
    assert respuesta.status_code == 403
    listado.refresh_from_db()
    assert listado.estado == EstadoListado.APROBADO


def test_un_enlace_no_desactiva_un_sujeto_obligado(client, mundo):  # noqa: F811
    for sujeto in (mundo["sujeto"], mundo["otro_sujeto"]):
        sujeto.save()  # con historial
        _entrar(client, mundo, "enlace")
        respuesta = client.post(
            _version_url(sujeto, _primera_version(sujeto)),
            {"nombre": sujeto.nombre, "tipo": sujeto.tipo, "orden": sujeto.orden},
        )
        assert respuesta.status_code == 403
        sujeto.refresh_from_db()
        assert sujeto.activo


# ── El historial no cruza sujetos obligados ni muestra lo que el rol no ve ─────────────


def test_un_enlace_no_abre_el_historial_de_otro_sujeto(client, mundo):  # noqa: F811
    _entrar(client, mundo, "enlace")
    for registro in (mundo["listado_ajeno"], mundo["dictamen_borrador"], mundo["compromiso_ajeno"]):
        assert client.get(_historial_url(registro)).status_code == 404
        version = _version_url(registro, _primera_version(registro))
        assert client.get(version).status_code == 404
    # Lo propio sí lo consulta.
    assert client.get(_historial_url(mundo["listado_aprobado"])).status_code == 200


def test_un_enlace_no_ve_el_proyecto_de_dictamen_de_su_listado(client, mundo):  # noqa: F811
    listado = mundo["listado_borrador"]
    proyecto = llevar_a(
        listado,
        "dictaminado",
        enlace=mundo["usuarios"]["enlace"],
        analista=mundo["usuarios"]["personal_dga"],
    )
    _entrar(client, mundo, "enlace")
    assert client.get(_historial_url(proyecto)).status_code == 404
    assert client.get(_version_url(proyecto, _primera_version(proyecto))).status_code == 404
    assert client.get(f"/admin/cocreacion/dictamen/{proyecto.pk}/pdf/").status_code == 404
    # En la ficha de su listado no aparecen ni el enlace al proyecto ni las resoluciones.
    html = client.get(f"/admin/cocreacion/listado/{listado.pk}/change/").content.decode()
    assert "Ver proyecto de dictamen" not in html
    assert "motivación del elemento" not in html and "Procedente" not in html
    # La DGA sí las ve.
    _entrar(client, mundo, "personal_dga")
    html = client.get(f"/admin/cocreacion/listado/{listado.pk}/change/").content.decode()
    assert "Ver proyecto de dictamen" in html and "motivación del elemento" in html


def test_las_resoluciones_en_revision_no_llegan_al_enlace(client, mundo):  # noqa: F811
    listado = mundo["listado_borrador"]
    llevar_a(
        listado,
        "en_revision",
        enlace=mundo["usuarios"]["enlace"],
        analista=mundo["usuarios"]["personal_dga"],
    )
    from cocreacion.listados import services as services_listados

    elemento = listado.elementos.order_by("numero").first()
    services_listados.elemento_revisar(
        elemento=elemento,
        resolucion="no_procedente",
        fundamentacion="Borrador interno de la fundamentación",
        modificaciones="",
        actor=mundo["usuarios"]["personal_dga"],
    )
    _entrar(client, mundo, "enlace")
    html = client.get(f"/admin/cocreacion/listado/{listado.pk}/change/").content.decode()
    assert elemento.titulo in html
    assert "Borrador interno de la fundamentación" not in html


def test_el_enlace_ve_las_resoluciones_una_vez_aprobado_el_dictamen(client, mundo):  # noqa: F811
    listado = mundo["listado_aprobado"]
    _entrar(client, mundo, "enlace")
    html = client.get(f"/admin/cocreacion/listado/{listado.pk}/change/").content.decode()
    assert "motivación del elemento" in html


def test_el_historial_del_dictamen_aprobado_omite_sus_proyectos_para_el_enlace(
    client,
    mundo,  # noqa: F811
):
    dictamen = mundo["dictamen_aprobado"]
    proyecto = dictamen.history.filter(aprobado_en__isnull=True).order_by("history_id").first()
    assert proyecto is not None
    _entrar(client, mundo, "enlace")
    assert client.get(_version_url(dictamen, proyecto)).status_code == 404
    respuesta = client.get(_historial_url(dictamen))
    assert respuesta.status_code == 200
    mostradas = {v.history_id for v in respuesta.context["page_obj"]}
    assert proyecto.history_id not in mostradas and mostradas
    _entrar(client, mundo, "consejo_general")
    assert client.get(_version_url(dictamen, proyecto)).status_code == 200


def test_el_diff_no_muestra_campos_ocultos_al_rol(client, mundo):  # noqa: F811
    compromiso = mundo["compromiso_propio"]
    compromiso.notas_internas = "Nota interna que sólo ve la DGA"
    stgao_servicios.compromiso_guardar(
        compromiso=compromiso, actor=mundo["usuarios"]["coordinacion_dga"]
    )
    _entrar(client, mundo, "coordinacion_dga")
    assert (
        "Nota interna que sólo ve la DGA" in client.get(_historial_url(compromiso)).content.decode()
    )
    _entrar(client, mundo, "enlace")
    html = client.get(_historial_url(compromiso)).content.decode()
    assert "Nota interna que sólo ve la DGA" not in html
    ultima = compromiso.history.order_by("-history_id").first()
    html = client.get(_version_url(compromiso, ultima)).content.decode()
    assert "Nota interna que sólo ve la DGA" not in html


# ── Ids malos y caracteres hostiles: 404 o resultados vacíos, nunca 500 ────────────────


@pytest.mark.parametrize(
    "url",
    [
        "/admin/cocreacion/dictamen/abc/pdf/",
        "/admin/cocreacion/dictamen/abc/aprobar/",
        "/admin/cocreacion/dictamen/%00/pdf/",
        "/admin/cocreacion/listado/abc/transicion/enviar/",
        "/admin/cocreacion/periodolistado/abc/abrir/",
        "/admin/stgao/compromiso/abc/history/",
        "/admin/stgao/compromiso/abc/history/1/",
        "/admin/stgao/compromiso/{pk}/history/abc/",
        "/admin/stgao/compromiso/{pk}/history/99999999999999999999999/",
        "/admin/stgao/compromiso/{pk}/history/%00/",
        "/admin/r/abc/1/",
        "/admin/r/1/abc/",
    ],
)
def test_ids_no_numericos_dan_404(client, mundo, url):  # noqa: F811
    _entrar(client, mundo, "superusuario")
    url = url.replace("{pk}", str(mundo["compromiso_propio"].pk))
    assert client.get(url).status_code == 404
    assert client.post(url).status_code in (403, 404)


def test_nul_en_la_busqueda_y_el_autocompletar_del_admin(client, mundo):  # noqa: F811
    _entrar(client, mundo, "enlace")
    respuesta = client.get(
        "/admin/autocomplete/",
        {
            "app_label": "stgao",
            "model_name": "hito",
            "field_name": "responsable",
            "term": "Secre\x00",
        },
    )
    assert respuesta.status_code == 200
    nombres = [r["text"] for r in respuesta.json()["results"]]
    assert "Secretaría de Prueba" in nombres
    _entrar(client, mundo, "coordinacion_dga")
    for url in ("/admin/stgao/compromiso/", "/admin/cocreacion/sujetoobligado/"):
        assert client.get(url, {"q": "Prue\x00ba"}).status_code == 200
    assert client.get("/admin/stgao/compromiso/", {"publicado__exact": "\x00"}).status_code in (
        200,
        302,
    )


def test_el_autocompletar_pide_el_permiso_del_modelo_buscado(client, mundo):  # noqa: F811
    _entrar(client, mundo, "enlace")
    # Sesiones del Secretariado: el enlace no las ve en el admin, tampoco por aquí.
    respuesta = client.get(
        "/admin/autocomplete/",
        {"app_label": "stgao", "model_name": "acuerdo", "field_name": "sesion", "term": ""},
    )
    assert respuesta.status_code == 403


# ── Acciones, exportar y «ver en el sitio» ─────────────────────────────────────────────


def test_acciones_masivas_respetan_el_rol(client, mundo):  # noqa: F811
    borrador = mundo["programa_borrador"]
    for rol in ("personal_dga", "consejo_general", "enlace"):
        _entrar(client, mundo, rol)
        client.post(
            "/admin/oela/programa/",
            {"action": "publicar", "_selected_action": [str(borrador.pk)]},
        )
        borrador.refresh_from_db()
        assert borrador.estado == EstadoPrograma.BORRADOR, rol
    _entrar(client, mundo, "enlace")
    ajeno = mundo["compromiso_ajeno"]
    respuesta = client.post(
        "/admin/stgao/compromiso/",
        {"action": "delete_selected", "_selected_action": [str(ajeno.pk)], "post": "yes"},
    )
    assert respuesta.status_code in (200, 302, 403)
    assert Compromiso.objects.filter(pk=ajeno.pk).exists()
    # Ids hostiles en la selección: sin 500.
    _entrar(client, mundo, "coordinacion_dga")
    respuesta = client.post(
        "/admin/oela/programa/", {"action": "publicar", "_selected_action": ["abc", "\x00"]}
    )
    assert respuesta.status_code in (200, 302)
    assert Programa.objects.get(pk=borrador.pk).estado == EstadoPrograma.BORRADOR


def test_exportar_pide_permiso_de_ver(client, mundo):  # noqa: F811
    _entrar(client, mundo, "enlace")
    assert client.get("/admin/oela/programa/export/").status_code == 403
    assert client.post("/admin/oela/programa/export/", {"format": "0"}).status_code == 403
    _entrar(client, mundo, "consejo_general")
    assert client.get("/admin/oela/programa/export/").status_code == 200


def test_ver_en_el_sitio_respeta_el_ambito(client, mundo):  # noqa: F811
    from django.contrib.contenttypes.models import ContentType

    tipo = ContentType.objects.get_for_model(Compromiso).pk
    _entrar(client, mundo, "enlace")
    ajeno = client.get(f"/admin/r/{tipo}/{mundo['compromiso_ajeno'].pk}/")
    assert ajeno.status_code == 404
    propio = client.get(f"/admin/r/{tipo}/{mundo['compromiso_propio'].pk}/")
    assert propio.status_code == 302
    assert propio["Location"].endswith(mundo["compromiso_propio"].get_absolute_url())


def test_la_pagina_403_esta_en_espanol(client, mundo):  # noqa: F811
    _entrar(client, mundo, "enlace")
    respuesta = client.get("/admin/oela/programa/")
    assert respuesta.status_code == 403
    html = respuesta.content.decode()
    assert "No tiene permiso para hacer esto" in html and "Forbidden" not in html
