"""Enlaces: sólo ven y reportan lo de su sujeto obligado, por servicio y por el admin."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile

from stgao import services
from stgao.models import (
    Acuerdo,
    Compromiso,
    Evidencia,
    Hito,
    Integrante,
    PlanAccionLocal,
    Sesion,
)
from stgao.permissions import PERMISOS_ENLACE

from .test_evidencias import PDF

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def medios(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def escenario(crear_compromiso, sujeto_obligado, otro_sujeto_obligado, crear_enlace):
    propio = crear_compromiso("Compromiso propio", hitos=2)
    ajeno = crear_compromiso("Compromiso ajeno", lider=otro_sujeto_obligado, hitos=1)
    enlace = crear_enlace(sujeto_obligado)
    return {"propio": propio, "ajeno": ajeno, "enlace": enlace}


def test_permisos_declarados_del_grupo(escenario):
    enlace = escenario["enlace"]
    for permiso in PERMISOS_ENLACE:
        assert enlace.has_perm(permiso)
    for modelo in [
        "integrante",
        "sesion",
        "acuerdo",
        "planaccionlocal",
        "compromiso",
        "hito",
        "evidencia",
    ]:
        assert not enlace.has_perm(f"stgao.delete_{modelo}")
    for permiso in [
        "change_compromiso",
        "add_compromiso",
        "add_hito",
        "change_evidencia",
        "add_sesion",
        "change_acuerdo",
        "view_sesion",
        "view_integrante",
        "publicar_compromiso",
    ]:
        assert not enlace.has_perm(f"stgao.{permiso}")


def test_servicio_rechaza_hito_ajeno(escenario):
    ajeno = escenario["ajeno"].hitos.get()
    with pytest.raises(PermissionDenied):
        services.hito_reportar_avance(hito=ajeno, estado="en_proceso", actor=escenario["enlace"])
    with pytest.raises(PermissionDenied):
        services.evidencia_agregar(
            hito=ajeno, descripcion="x", enlace="https://example.org", actor=escenario["enlace"]
        )
    propio = escenario["propio"].hitos.first()
    services.hito_reportar_avance(hito=propio, estado="en_proceso", actor=escenario["enlace"])
    assert propio.history.first().history_user == escenario["enlace"]


def test_admin_lista_solo_lo_propio(client, escenario):
    client.force_login(escenario["enlace"])
    html = client.get("/admin/stgao/compromiso/").content.decode()
    assert "Compromiso propio" in html and "Compromiso ajeno" not in html
    html = client.get("/admin/stgao/hito/").content.decode()
    assert "Compromiso propio" in html and "Compromiso ajeno" not in html


def test_admin_por_url_no_abre_registros_ajenos(client, escenario):
    client.force_login(escenario["enlace"])
    ajeno = escenario["ajeno"]
    hito_ajeno = ajeno.hitos.get()
    for url in [
        f"/admin/stgao/compromiso/{ajeno.pk}/change/",
        f"/admin/stgao/hito/{hito_ajeno.pk}/change/",
        f"/admin/stgao/hito/{hito_ajeno.pk}/history/",
    ]:
        respuesta = client.get(url)
        assert respuesta.status_code in (302, 403, 404), url
        assert "Compromiso ajeno" not in respuesta.content.decode()
    respuesta = client.post(
        f"/admin/stgao/hito/{hito_ajeno.pk}/change/",
        {
            "estado": "completado",
            "fecha_fin_real": "2021-05-01",
            "fecha_fin_planeada": "2030-01-01",
            "evidencias-TOTAL_FORMS": "0",
            "evidencias-INITIAL_FORMS": "0",
        },
    )
    assert respuesta.status_code in (302, 403, 404)
    hito_ajeno.refresh_from_db()
    assert hito_ajeno.estado == "pendiente"


def test_admin_planes_solo_los_suyos(client, escenario, crear_compromiso, otro_sujeto_obligado):
    otro_plan = PlanAccionLocal.objects.create(
        nombre="Plan ajeno en borrador", slug="ajeno", anio_inicio=2024, anio_fin=2024
    )
    crear_compromiso("Otro", lider=otro_sujeto_obligado, plan_=otro_plan)
    client.force_login(escenario["enlace"])
    html = client.get("/admin/stgao/planaccionlocal/").content.decode()
    assert "Plan de prueba" in html and "Plan ajeno en borrador" not in html
    assert client.get(f"/admin/stgao/planaccionlocal/{otro_plan.pk}/change/").status_code == 302
    assert client.get(f"/admin/stgao/planaccionlocal/{otro_plan.pk}/history/").status_code == 404


def test_admin_sin_acceso_a_lo_demas(client, escenario, crear_sesion):
    client.force_login(escenario["enlace"])
    sesion = crear_sesion()
    plan = PlanAccionLocal.objects.get()
    for url in [
        "/admin/stgao/sesion/",
        f"/admin/stgao/sesion/{sesion.pk}/change/",
        "/admin/stgao/integrante/",
        "/admin/stgao/acuerdo/",
        "/admin/stgao/compromiso/add/",
        "/admin/stgao/hito/add/",
        f"/admin/stgao/planaccionlocal/{plan.pk}/hitos.xlsx",
        f"/admin/stgao/planaccionlocal/{plan.pk}/importar-hitos/",
        f"/admin/stgao/compromiso/{escenario['propio'].pk}/delete/",
    ]:
        assert client.get(url).status_code == 403, url
    # Su propio compromiso lo ve, pero no lo cambia (ni ve las notas internas).
    respuesta = client.get(f"/admin/stgao/compromiso/{escenario['propio'].pk}/change/")
    assert respuesta.status_code == 200
    html = respuesta.content.decode()
    assert 'name="titulo"' not in html and "notas_internas" not in html
    titulo = escenario["propio"].titulo
    client.post(f"/admin/stgao/compromiso/{escenario['propio'].pk}/change/", {"titulo": "Otro"})
    escenario["propio"].refresh_from_db()
    assert escenario["propio"].titulo == titulo
    assert Sesion.objects.count() == 1 and Acuerdo.objects.count() == 0
    assert Integrante.objects.count() == 0


def _formulario_hito(hito, **cambios):
    datos = {
        "estado": hito.estado,
        "fecha_inicio_planeada": "",
        "fecha_fin_planeada": hito.fecha_fin_planeada.isoformat(),
        "fecha_inicio_real": "",
        "fecha_fin_real": "",
        "evidencias-TOTAL_FORMS": "1",
        "evidencias-INITIAL_FORMS": "0",
        "evidencias-MIN_NUM_FORMS": "0",
        "evidencias-MAX_NUM_FORMS": "1000",
        "evidencias-0-descripcion": "",
        "evidencias-0-enlace": "",
        "evidencias-0-fecha": "",
    }
    datos.update(cambios)
    return datos


def test_admin_enlace_reporta_hito_propio_con_evidencia(client, escenario):
    enlace = escenario["enlace"]
    client.force_login(enlace)
    hito = escenario["propio"].hitos.first()
    descripcion = hito.descripcion
    datos = _formulario_hito(
        hito,
        estado="completado",
        fecha_fin_real="2021-05-01",
        descripcion="Intento de cambiar la descripción",
        **{
            "evidencias-0-descripcion": "Minuta firmada",
            "evidencias-0-fecha": "2021-05-01",
            "evidencias-0-archivo": SimpleUploadedFile("minuta.pdf", PDF, "application/pdf"),
        },
    )
    respuesta = client.post(f"/admin/stgao/hito/{hito.pk}/change/", datos)
    assert respuesta.status_code == 302, respuesta.content.decode()[:3000]
    hito.refresh_from_db()
    assert hito.estado == "completado" and hito.fecha_fin_real == dt.date(2021, 5, 1)
    assert hito.descripcion == descripcion, "la descripción no es de su competencia"
    assert hito.history.first().history_user == enlace
    evidencia = Evidencia.objects.get()
    assert evidencia.history.first().history_user == enlace
    compromiso = Compromiso.objects.get(pk=escenario["propio"].pk)
    assert compromiso.avance == 50


def test_admin_enlace_ejecutable_renombrado_se_rechaza(client, escenario):
    client.force_login(escenario["enlace"])
    hito = escenario["propio"].hitos.first()
    datos = _formulario_hito(
        hito,
        **{
            "evidencias-0-descripcion": "Trampa",
            "evidencias-0-fecha": "2021-05-01",
            "evidencias-0-archivo": SimpleUploadedFile("minuta.pdf", b"MZ\x90\x00" + b"\x00" * 300),
        },
    )
    respuesta = client.post(f"/admin/stgao/hito/{hito.pk}/change/", datos)
    assert respuesta.status_code == 200
    assert "no corresponde a un archivo .pdf" in respuesta.content.decode()
    assert Evidencia.objects.count() == 0


def test_admin_evidencia_solo_sobre_hitos_propios(client, escenario):
    client.force_login(escenario["enlace"])
    html = client.get("/admin/stgao/evidencia/add/").content.decode()
    propio = escenario["propio"].hitos.first()
    ajeno = escenario["ajeno"].hitos.get()
    assert f'value="{propio.pk}"' in html and f'value="{ajeno.pk}"' not in html
    respuesta = client.post(
        "/admin/stgao/evidencia/add/",
        {
            "hito": ajeno.pk,
            "descripcion": "x",
            "enlace": "https://example.org",
            "fecha": "2021-01-01",
        },
    )
    assert respuesta.status_code == 200  # el formulario rechaza la opción
    assert Evidencia.objects.count() == 0


def test_personal_dga_ve_todo_y_exporta(client, escenario, usuario_personal):
    client.force_login(usuario_personal)
    html = client.get("/admin/stgao/compromiso/").content.decode()
    assert "Compromiso propio" in html and "Compromiso ajeno" in html
    plan = PlanAccionLocal.objects.get()
    respuesta = client.get(f"/admin/stgao/planaccionlocal/{plan.pk}/hitos.csv")
    assert respuesta.status_code == 200 and b"Compromiso ajeno" in respuesta.content
    assert client.get(f"/admin/stgao/planaccionlocal/{plan.pk}/importar-hitos/").status_code == 200


def test_consejo_solo_consulta(client, escenario, usuario_consejo):
    client.force_login(usuario_consejo)
    hito = escenario["ajeno"].hitos.get()
    assert client.get("/admin/stgao/compromiso/").status_code == 200
    client.post(f"/admin/stgao/hito/{hito.pk}/change/", _formulario_hito(hito, estado="en_proceso"))
    hito.refresh_from_db()
    assert hito.estado == "pendiente"
    assert Hito.objects.count() == 3


def test_admin_sesion_con_acuerdos_en_linea(client, usuario_coordinacion, crear_sesion):
    sesion = crear_sesion()
    client.force_login(usuario_coordinacion)
    respuesta = client.get(f"/admin/stgao/sesion/{sesion.pk}/change/")
    assert respuesta.status_code == 200
    assert "No hay integrantes de la sociedad civil" in respuesta.content.decode()


PERMITIDAS_AL_ENLACE = {
    ("planaccionlocal", "changelist"),
    ("compromiso", "changelist"),
    ("hito", "changelist"),
    ("evidencia", "changelist"),
    ("evidencia", "add"),
}


def test_cada_modelo_por_url_del_admin(client, escenario):
    """Para cada modelo de la app: lista y alta, con el permiso exacto del enlace."""
    from django.apps import apps

    client.force_login(escenario["enlace"])
    for modelo in apps.get_app_config("stgao").get_models():
        nombre = modelo._meta.model_name
        if nombre.startswith("historical") or nombre in {
            "puntoorden",
            "asistencia",
            "seguimientoacuerdo",
        }:
            continue
        for vista, url in [
            ("changelist", f"/admin/stgao/{nombre}/"),
            ("add", f"/admin/stgao/{nombre}/add/"),
        ]:
            esperado = 200 if (nombre, vista) in PERMITIDAS_AL_ENLACE else 403
            assert client.get(url).status_code == esperado, (nombre, vista)
