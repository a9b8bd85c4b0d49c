# ruff: noqa: F811
"""La semana del enlace: entrar sin marca de staff, «Mis pendientes», la sesión en el sitio
público y la confirmación de los pasos que no se deshacen."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cocreacion.listados import services as servicios
from cocreacion.models import Enlace, EstadoListado, SujetoObligado
from cocreacion.permissions import GRUPO_ENLACES
from stgao import services as servicios_stgao
from stgao.models import Compromiso, Hito, PlanAccionLocal
from tests.cocreacion.test_listados_apoyo import (  # noqa: F401
    RUTAS,
    abierto,
    elementos,
    enlace,
    listado,
    listado_ajeno,
    llevar_a,
    otro_enlace,
    periodo,
)

pytestmark = [pytest.mark.django_db, pytest.mark.urls(RUTAS)]

CONTRASENA = "contraseña-de-prueba-larga"


def _cuenta_sin_staff(username, sujeto=None, grupo=GRUPO_ENLACES):
    usuario = get_user_model().objects.create_user(
        username=username, password=CONTRASENA, first_name="Rosa", last_name="Pérez"
    )
    assert not usuario.is_staff
    if grupo:
        usuario.groups.add(Group.objects.get(name=grupo))
    if sujeto is not None:
        Enlace.objects.create(usuario=usuario, sujeto_obligado=sujeto)
    return usuario


def _entrar(client, username):
    return client.post(
        "/admin/login/?next=/admin/",
        {"username": username, "password": CONTRASENA, "next": "/admin/"},
    )


# --- Acceso ----------------------------------------------------------------------------


def test_enlace_sin_marca_de_staff_entra_y_llega_a_sus_pendientes(client, sujeto_obligado):
    _cuenta_sin_staff("rosa", sujeto_obligado)
    respuesta = _entrar(client, "rosa")
    assert respuesta.status_code == 302
    assert respuesta["Location"] == "/admin/mis-pendientes/"
    pagina = client.get("/admin/mis-pendientes/")
    assert pagina.status_code == 200
    html = pagina.content.decode()
    assert "Mis pendientes" in html and "Secretaría de Prueba" in html
    # El índice del admin también le muestra sus dos lugares de trabajo.
    indice = client.get("/admin/").content.decode()
    assert "/interes-publico/mis-listados/" in indice and "/admin/mis-pendientes/" in indice


def test_personal_dga_entra_al_indice_como_siempre(client, usuario_personal):
    respuesta = _entrar(client, usuario_personal.username)
    assert respuesta["Location"] == "/admin/"
    assert "Mis pendientes" in client.get("/admin/").content.decode()


def test_sin_grupo_ni_staff_no_entra_y_el_mensaje_no_habla_de_staff(client):
    _cuenta_sin_staff("sin_rol", grupo=None)
    respuesta = _entrar(client, "sin_rol")
    assert respuesta.status_code == 200
    html = respuesta.content.decode()
    assert "staff" not in html.lower()
    assert "pida a la DGA que le asigne su grupo" in html
    assert client.get("/admin/mis-pendientes/").status_code == 302


def test_salir_del_grupo_quita_el_acceso(client, sujeto_obligado):
    usuario = _cuenta_sin_staff("rosa", sujeto_obligado)
    client.force_login(usuario)
    assert client.get("/admin/mis-pendientes/").status_code == 200
    usuario.groups.clear()
    respuesta = client.get("/admin/mis-pendientes/")
    assert respuesta.status_code == 302 and "/admin/login/" in respuesta["Location"]


def test_cuenta_inactiva_con_grupo_no_entra(client, sujeto_obligado):
    usuario = _cuenta_sin_staff("rosa", sujeto_obligado)
    usuario.is_active = False
    usuario.save()
    assert _entrar(client, "rosa").status_code == 200


# --- Mis pendientes --------------------------------------------------------------------


def _hito(sujeto, actor, fin, descripcion="Publicar el presupuesto ciudadano"):
    plan = PlanAccionLocal.objects.get_or_create(
        slug="plan-semana",
        defaults={"nombre": "Plan", "anio_inicio": 2021, "anio_fin": 2030, "publicado": True},
    )[0]
    compromiso = Compromiso(
        plan=plan, titulo=f"Compromiso de {sujeto}", problema="Problema.", tema="presupuesto"
    )
    compromiso.lider = sujeto
    servicios_stgao.compromiso_guardar(compromiso=compromiso, actor=actor)
    return servicios_stgao.hito_guardar(
        hito=Hito(compromiso=compromiso, descripcion=descripcion, fecha_fin_planeada=fin),
        actor=actor,
    )


def test_mis_pendientes_lista_lo_que_debe_con_plazo_y_motivo(
    client, listado, listado_ajeno, enlace, usuario_personal, otro_sujeto_obligado
):
    hoy = timezone.localdate()
    _hito(listado.sujeto_obligado, usuario_personal, hoy - dt.timedelta(days=3), "Hito vencido")
    _hito(otro_sujeto_obligado, usuario_personal, hoy + dt.timedelta(days=5), "Hito ajeno")
    client.force_login(enlace)
    html = client.get("/admin/mis-pendientes/").content.decode()
    assert "Listado por enviar" in html and "2021-S1" in html
    assert f"/interes-publico/mis-listados/{listado.pk}/" in html
    assert "30 de junio de 2100" in html
    assert "Hito vencido" in html and "venció hace 3 días" in html
    assert "Hito ajeno" not in html and "Municipio de Prueba" not in html
    # Devuelto: aparece con el motivo de la DGA.
    llevar_a(listado, "enviado", enlace=enlace, analista=usuario_personal)
    servicios.listado_devolver(
        listado=listado, actor=usuario_personal, motivo="Falta la liga del elemento 2."
    )
    html = client.get("/admin/mis-pendientes/").content.decode()
    assert "Listado devuelto por la DGA" in html and "Falta la liga del elemento 2." in html


def test_la_dga_ve_los_listados_por_revisar(client, listado, enlace, usuario_personal):
    llevar_a(listado, "enviado", enlace=enlace, analista=usuario_personal)
    client.force_login(usuario_personal)
    html = client.get("/admin/mis-pendientes/").content.decode()
    assert "Listado por revisar" in html
    assert f"/admin/cocreacion/listado/{listado.pk}/change/" in html


def test_mis_pendientes_no_crece_en_consultas(client, abierto, enlace, usuario_personal):
    sujeto = Enlace.objects.get(usuario=enlace).sujeto_obligado
    hoy = timezone.localdate()
    client.force_login(enlace)
    client.get("/admin/mis-pendientes/")

    def consultas():
        with CaptureQueriesContext(connection) as capturadas:
            assert client.get("/admin/mis-pendientes/").status_code == 200
        return len(capturadas)

    _hito(sujeto, usuario_personal, hoy + dt.timedelta(days=2))
    antes = consultas()
    for n in range(5):
        _hito(sujeto, usuario_personal, hoy + dt.timedelta(days=10 + n), f"Otro hito {n}")
    assert consultas() == antes


def test_mis_pendientes_pide_sesion(client):
    respuesta = client.get("/admin/mis-pendientes/")
    assert respuesta.status_code == 302 and "/admin/login/" in respuesta["Location"]


# --- Sesión en el sitio público ---------------------------------------------------------


def test_sitio_publico_muestra_la_sesion_y_sale_por_post(client, listado, enlace):
    client.force_login(enlace)
    html = client.get("/interes-publico/").content.decode()
    assert "Sesión de <strong>Enlace</strong>" in html
    assert (
        'href="/admin/mis-pendientes/"' in html and 'href="/interes-publico/mis-listados/"' in html
    )
    assert 'action="/admin/logout/"' in html and 'method="post"' in html
    # Salir con GET no cierra la sesión; con POST sí, y vuelve a la portada.
    client.get("/admin/logout/")
    assert "Sesión de" in client.get("/interes-publico/").content.decode()
    respuesta = client.post("/admin/logout/", {"next": "/"})
    assert respuesta.status_code == 302 and respuesta["Location"] == "/"
    assert "Sesión de" not in client.get("/interes-publico/").content.decode()


def test_visitante_anonimo_no_ve_barra_ni_toca_la_sesion(client, institucion):
    respuesta = client.get("/interes-publico/")
    assert "Sesión de" not in respuesta.content.decode()
    assert "Cookie" not in respuesta.get("Vary", "")


# --- Confirmaciones ---------------------------------------------------------------------


def test_enviar_el_listado_pide_confirmacion(client, listado, enlace, mailoutbox):
    elementos(listado, 2)
    client.force_login(enlace)
    url = f"/interes-publico/mis-listados/{listado.pk}/enviar/"
    pagina = client.get(url)
    html = pagina.content.decode()
    assert "El envío no se puede deshacer" in html and "2 elementos" in html
    assert "Información número 1" in html and 'name="confirmado" value="si"' in html
    client.post(url)  # sin confirmar: vuelve a mostrar la página
    listado.refresh_from_db()
    assert listado.estado == EstadoListado.BORRADOR
    assert client.post(url, {"confirmado": "si"}).status_code == 302
    listado.refresh_from_db()
    assert listado.estado == EstadoListado.ENVIADO


@pytest.mark.parametrize("codigo", ["publicar", "corregir"])
def test_pasos_del_admin_que_no_se_deshacen_piden_confirmacion(
    client, codigo, listado, enlace, usuario_personal, usuario_coordinacion
):
    llevar_a(
        listado,
        "aprobado",
        enlace=enlace,
        analista=usuario_personal,
        aprobador=usuario_coordinacion,
    )
    client.force_login(usuario_coordinacion)
    url = f"/admin/cocreacion/listado/{listado.pk}/transicion/{codigo}/"
    ficha = client.get(f"/admin/cocreacion/listado/{listado.pk}/change/").content.decode()
    assert f'name="_transicion" value="{codigo}"' in ficha  # envía también la ficha
    html = client.get(url).content.decode()
    assert "Este paso no se puede deshacer" in html and 'value="si"' in html
    client.post(url, {"motivo": "Error de captura"})
    listado.refresh_from_db()
    assert listado.estado == EstadoListado.APROBADO
    client.post(url, {"motivo": "Error de captura", "confirmado": "si"})
    listado.refresh_from_db()
    esperado = EstadoListado.PUBLICADO if codigo == "publicar" else EstadoListado.EN_REVISION
    assert listado.estado == esperado


def test_dictaminar_confirma_y_dice_que_lo_escrito_ya_se_guardo(
    client, listado, enlace, usuario_personal
):
    llevar_a(listado, "en_revision", enlace=enlace, analista=usuario_personal)
    client.force_login(usuario_personal)
    html = client.get(
        f"/admin/cocreacion/listado/{listado.pk}/transicion/dictaminar/"
    ).content.decode()
    assert "Las resoluciones escritas en la ficha ya se guardaron" in html


def test_cerrar_el_plazo_dice_cuantos_quedan_no_presentados(client, abierto, usuario_personal):
    abierto.fecha_limite_envio = dt.date(2000, 1, 1)
    abierto.fecha_limite_revision = dt.date(2000, 1, 2)
    abierto.fecha_limite_aprobacion = dt.date(2000, 1, 3)
    abierto.save()
    client.force_login(usuario_personal)
    url = f"/admin/cocreacion/periodolistado/{abierto.pk}/cerrar-envio/"
    html = client.get(url).content.decode()
    assert "2 listados que siguen en borrador" in html
    assert abierto.listados.filter(estado=EstadoListado.BORRADOR).count() == 2
    client.post(url, {"confirmado": "si"})
    assert abierto.listados.filter(estado=EstadoListado.NO_PRESENTADO).count() == 2


def test_aprobar_dice_el_folio_que_recibira(
    client, listado, enlace, usuario_personal, usuario_coordinacion
):
    dictamen = llevar_a(listado, "dictaminado", enlace=enlace, analista=usuario_personal)
    client.force_login(usuario_coordinacion)
    html = client.get(f"/admin/cocreacion/dictamen/{dictamen.pk}/aprobar/").content.decode()
    assert "DGA/DIP/2021-S1/0001" in html and "no se puede deshacer" in html


def test_enlace_no_confirma_en_listado_ajeno(client, listado_ajeno, enlace):
    client.force_login(enlace)
    url = f"/interes-publico/mis-listados/{listado_ajeno.pk}/enviar/"
    assert client.get(url).status_code == 404
    assert client.post(url, {"confirmado": "si"}).status_code == 404


def test_sujeto_sin_enlaces_no_rompe_pendientes(client, usuario_consejo):
    SujetoObligado.objects.create(nombre="Sin enlace", tipo="municipio", orden="municipal")
    client.force_login(usuario_consejo)
    assert "No tiene pendientes" in client.get("/admin/mis-pendientes/").content.decode()
