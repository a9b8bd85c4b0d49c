# ruff: noqa: F811
"""Avisos por correo: cada hecho, a quién llega, preferencias, idempotencia y fallas del SMTP.

Sin red: el correo de pruebas queda en ``mail.outbox`` (``mailoutbox``). Los avisos que
disparan los servicios salen al confirmar la transacción (``on_commit``), que aquí se ejecuta
con ``django_capture_on_commit_callbacks``.
"""

import datetime as dt
import io

import pytest
from django.core import mail
from django.core.mail import EmailMessage
from django.core.management import call_command
from django.core.management.base import CommandError

from cocreacion.listados import services as servicios
from cocreacion.models import NotificacionEnviada, PreferenciaNotificacion, TipoNotificacion
from cocreacion.portal import services as avisos
from stgao import services as servicios_stgao
from stgao.models import Compromiso, Hito, PlanAccionLocal
from tests.cocreacion.test_listados_apoyo import (  # noqa: F401
    RUTAS,
    crear_periodo,
    elementos,
    enlace,
    llevar_a,
    otro_enlace,
    periodo,
)

pytestmark = [pytest.mark.django_db, pytest.mark.urls(RUTAS)]

SITIO = "https://cocreacion.ejemplo.gob.mx"


@pytest.fixture
def con_correo(enlace, otro_enlace, usuario_personal, usuario_coordinacion):
    for usuario, correo in [
        (enlace, "enlace@sujeto.gob.mx"),
        (otro_enlace, "otro@municipio.gob.mx"),
        (usuario_personal, "analista@dga.gob.mx"),
        (usuario_coordinacion, "coordinadora@dga.gob.mx"),
    ]:
        usuario.email = correo
        usuario.save()


@pytest.fixture
def abierto_con_aviso(
    periodo,
    sujeto_obligado,
    otro_sujeto_obligado,
    usuario_coordinacion,
    con_correo,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        servicios.periodo_abrir(
            periodo=periodo,
            actor=usuario_coordinacion,
            sujetos=[sujeto_obligado, otro_sujeto_obligado],
        )
    return periodo


def _para(correo):
    return [m for m in mail.outbox if m.to == [correo]]


def test_abrir_periodo_avisa_a_cada_enlace_con_liga_directa(
    abierto_con_aviso, enlace, usuario_coordinacion, django_capture_on_commit_callbacks
):
    coordinacion = usuario_coordinacion
    assert sorted(m.to[0] for m in mail.outbox) == [
        "enlace@sujeto.gob.mx",
        "otro@municipio.gob.mx",
    ]
    mensaje = _para("enlace@sujeto.gob.mx")[0]
    listado = abierto_con_aviso.listados.get(sujeto_obligado__nombre="Secretaría de Prueba")
    assert "2021-S1" in mensaje.subject and "30 de junio de 2100" in mensaje.subject
    assert f"{SITIO}/interes-publico/mis-listados/{listado.pk}/" in mensaje.body
    assert f"{SITIO}/admin/mis-avisos/" in mensaje.body
    assert mensaje.body.startswith("Hola, Enlace:")
    # Abrir otra vez (sumar sujetos) no repite el aviso a quien ya lo tenía.
    with django_capture_on_commit_callbacks(execute=True):
        servicios.periodo_abrir(periodo=abierto_con_aviso, actor=coordinacion)
    assert len(mail.outbox) == 2


def test_nada_sale_si_la_transaccion_se_deshace(
    periodo, sujeto_obligado, usuario_coordinacion, con_correo, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as pendientes:
        servicios.periodo_abrir(
            periodo=periodo, actor=usuario_coordinacion, sujetos=[sujeto_obligado]
        )
    assert len(pendientes) >= 1 and mail.outbox == []


def test_enviado_avisa_a_la_dga_devuelto_y_aprobado_al_enlace(
    abierto_con_aviso,
    enlace,
    usuario_personal,
    usuario_coordinacion,
    django_capture_on_commit_callbacks,
):
    listado = abierto_con_aviso.listados.get(sujeto_obligado__nombre="Secretaría de Prueba")
    mail.outbox.clear()
    elementos(listado, 2)
    with django_capture_on_commit_callbacks(execute=True):
        servicios.listado_enviar(listado=listado, actor=enlace)
    assert sorted(m.to[0] for m in mail.outbox) == [
        "analista@dga.gob.mx",
        "coordinadora@dga.gob.mx",
    ]
    assert f"{SITIO}/admin/cocreacion/listado/{listado.pk}/change/" in mail.outbox[0].body
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        servicios.listado_devolver(
            listado=listado, actor=usuario_personal, motivo="Falta la liga del elemento 2."
        )
    [devuelto] = mail.outbox
    assert devuelto.to == ["enlace@sujeto.gob.mx"]
    assert "Motivo: Falta la liga del elemento 2." in devuelto.body
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        dictamen = llevar_a(
            listado,
            "aprobado",
            enlace=enlace,
            analista=usuario_personal,
            aprobador=usuario_coordinacion,
        )
    aprobado = [m for m in mail.outbox if "aprobó" in m.subject or "aprob" in m.subject]
    assert [m.to for m in aprobado] == [["enlace@sujeto.gob.mx"]]
    assert dictamen.folio in aprobado[0].subject
    assert f"{SITIO}/interes-publico/dictamenes/{dictamen.folio}/" in aprobado[0].body


def test_cada_persona_apaga_su_tipo_de_aviso(
    client,
    periodo,
    sujeto_obligado,
    enlace,
    usuario_coordinacion,
    con_correo,
    django_capture_on_commit_callbacks,
):
    client.force_login(enlace)
    pagina = client.get("/admin/mis-avisos/").content.decode()
    assert "Se abre un periodo de listados" in pagina and "enlace@sujeto.gob.mx" in pagina
    assert "Un sujeto obligado envía su listado" not in pagina  # no es de su papel
    encendidos = [t for t in avisos.TIPOS_DE_ENLACE if t != TipoNotificacion.PERIODO_ABIERTO]
    respuesta = client.post("/admin/mis-avisos/", {"encendidos": encendidos})
    assert respuesta.status_code == 302
    assert (
        PreferenciaNotificacion.objects.get(usuario=enlace, tipo="periodo_abierto").activa is False
    )
    # Un tipo que no es de su papel se rechaza sin guardar.
    respuesta = client.post("/admin/mis-avisos/", {"encendidos": ["listado_enviado"]})
    assert respuesta.status_code == 200
    assert PreferenciaNotificacion.objects.filter(usuario=enlace, activa=True).count() == 4
    with django_capture_on_commit_callbacks(execute=True):
        servicios.periodo_abrir(
            periodo=periodo, actor=usuario_coordinacion, sujetos=[sujeto_obligado]
        )
    assert mail.outbox == []


def test_nadie_cambia_preferencias_ajenas(enlace, otro_enlace):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        avisos.preferencias_guardar(usuario=enlace, encendidos=[], actor=otro_enlace)


def test_recordatorios_de_plazo_7_y_1_dias_sin_repetir(abierto_con_aviso):
    mail.outbox.clear()
    limite = abierto_con_aviso.fecha_limite_envio
    salida = io.StringIO()
    call_command(
        "enviar_recordatorios", "--fecha", str(limite - dt.timedelta(days=7)), stdout=salida
    )
    assert len(mail.outbox) == 2 and "faltan 7 días" in mail.outbox[0].subject
    assert "2 correos" in salida.getvalue()
    # Otra corrida el mismo día, o al día siguiente, no repite el de una semana.
    call_command(
        "enviar_recordatorios", "--fecha", str(limite - dt.timedelta(days=7)), stdout=salida
    )
    call_command(
        "enviar_recordatorios", "--fecha", str(limite - dt.timedelta(days=6)), stdout=salida
    )
    assert len(mail.outbox) == 2
    call_command(
        "enviar_recordatorios", "--fecha", str(limite - dt.timedelta(days=1)), stdout=salida
    )
    assert len(mail.outbox) == 4 and "vence mañana" in mail.outbox[-1].subject
    call_command("enviar_recordatorios", "--fecha", str(limite), stdout=salida)
    assert len(mail.outbox) == 4
    assert NotificacionEnviada.objects.filter(tipo="plazo_proximo").count() == 4


def test_listado_enviado_ya_no_recibe_recordatorio(abierto_con_aviso, enlace):
    listado = abierto_con_aviso.listados.get(sujeto_obligado__nombre="Secretaría de Prueba")
    elementos(listado, 1)
    servicios.listado_enviar(listado=listado, actor=enlace)
    mail.outbox.clear()
    avisos.enviar_recordatorios(hoy=abierto_con_aviso.fecha_limite_envio - dt.timedelta(days=1))
    assert [m.to for m in mail.outbox] == [["otro@municipio.gob.mx"]]


def test_hito_vencido_avisa_una_vez_a_su_enlace(
    sujeto_obligado, enlace, otro_enlace, usuario_coordinacion, con_correo
):
    plan = PlanAccionLocal.objects.create(
        nombre="Plan", slug="plan-avisos", anio_inicio=2021, anio_fin=2030, publicado=True
    )
    compromiso = Compromiso(
        plan=plan,
        titulo="Presupuesto ciudadano",
        problema="P.",
        tema="presupuesto",
        lider=sujeto_obligado,
    )
    servicios_stgao.compromiso_guardar(compromiso=compromiso, actor=usuario_coordinacion)
    hito = servicios_stgao.hito_guardar(
        hito=Hito(
            compromiso=compromiso, descripcion="Publicar", fecha_fin_planeada=dt.date(2030, 3, 1)
        ),
        actor=usuario_coordinacion,
    )
    assert avisos.enviar_recordatorios(hoy=dt.date(2030, 3, 1)) == {}
    assert avisos.enviar_recordatorios(hoy=dt.date(2030, 3, 2)) == {"hito_vencido": 1}
    [mensaje] = mail.outbox
    assert mensaje.to == ["enlace@sujeto.gob.mx"] and "Presupuesto ciudadano" in mensaje.subject
    assert f"{SITIO}/admin/stgao/hito/{hito.pk}/change/" in mensaje.body
    assert avisos.enviar_recordatorios(hoy=dt.date(2030, 3, 3)) == {"hito_vencido": 0}
    # Los vencidos hace más de 30 días no inundan a nadie la primera vez que corre el comando.
    assert avisos.enviar_recordatorios(hoy=dt.date(2030, 6, 1)) == {}


def test_si_el_smtp_falla_no_queda_constancia_y_sale_en_la_siguiente_corrida(
    abierto_con_aviso, monkeypatch
):
    mail.outbox.clear()
    original = EmailMessage.send

    def falla(self, *args, **kwargs):
        raise OSError("servidor de correo caído")

    monkeypatch.setattr(EmailMessage, "send", falla)
    dia = abierto_con_aviso.fecha_limite_envio - dt.timedelta(days=1)
    assert avisos.enviar_recordatorios(hoy=dia) == {"plazo_proximo": 0}
    assert not NotificacionEnviada.objects.filter(tipo="plazo_proximo").exists()
    monkeypatch.setattr(EmailMessage, "send", original)
    assert avisos.enviar_recordatorios(hoy=dia) == {"plazo_proximo": 2}


def test_comando_con_fecha_mala_dice_que_esta_mal():
    with pytest.raises(CommandError, match="AAAA-MM-DD"):
        call_command("enviar_recordatorios", "--fecha", "30/06/2021")
