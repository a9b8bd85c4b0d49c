"""Reglas de consultas, propuestas y apoyos, en sus servicios (todos los caminos los llaman)."""

import time
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from cocreacion.participacion import services
from cocreacion.participacion.models import (
    Apoyo,
    EstadoPropuesta,
    Moderacion,
    MotivoRechazo,
    Propuesta,
)
from cocreacion.participacion.services.consultas import ConsultaCerrada
from cocreacion.participacion.services.privacidad import EnlaceInvalido
from cocreacion.participacion.transiciones import TRANSICIONES

from .conftest import enlace_de

MEXICO = ZoneInfo("America/Mexico_City")

# ── Periodo ─────────────────────────────────────────────────────────────────────────────


def test_antes_del_periodo_no_recibe_propuestas(crear_consulta, enviar):
    futura = crear_consulta(inicio=timezone.now() + timedelta(hours=2))
    with pytest.raises(ConsultaCerrada) as error:
        enviar(futura)
    assert error.value.code == "antes"
    assert "aún no abre" in error.value.messages[0]
    assert not Propuesta.objects.exists()


def test_despues_del_periodo_no_recibe_propuestas(crear_consulta, enviar):
    pasada = crear_consulta(
        inicio=timezone.now() - timedelta(days=10), cierre=timezone.now() - timedelta(minutes=1)
    )
    with pytest.raises(ConsultaCerrada) as error:
        enviar(pasada)
    assert error.value.code == "despues"
    assert not Propuesta.objects.exists()


def test_un_borrador_no_recibe_nada(crear_consulta, enviar):
    with pytest.raises(ConsultaCerrada):
        enviar(crear_consulta(publicada=False))


def test_el_periodo_se_mide_en_la_hora_de_mexico(crear_consulta):
    consulta = crear_consulta(
        inicio=datetime(2027, 2, 1, 9, 0, tzinfo=MEXICO),
        cierre=datetime(2027, 3, 1, 0, 0, tzinfo=MEXICO),
    )
    # 23:30 del 28 de febrero en Oaxaca ya es 1 de marzo en UTC: sigue abierta.
    services.exigir_abierta(consulta, datetime(2027, 2, 28, 23, 30, tzinfo=MEXICO))
    with pytest.raises(ConsultaCerrada):
        services.exigir_abierta(consulta, datetime(2027, 3, 1, 0, 0, tzinfo=MEXICO))
    with pytest.raises(ConsultaCerrada) as error:
        services.exigir_abierta(consulta, datetime(2027, 2, 1, 8, 59, tzinfo=MEXICO))
    assert "1 de febrero de 2027, 09:00" in error.value.messages[0]


def test_confirmar_y_apoyar_fuera_del_periodo_no_vale(
    consulta, enviar, publicada, apoyar, mailoutbox
):
    pendiente = enviar(consulta, correo="beto@ejemplo.mx")
    token = enlace_de(mailoutbox, "propuesta")
    Propuesta.objects.filter(pk=pendiente.pk)  # sigue sin confirmar
    consulta.cierre = timezone.now() - timedelta(seconds=1)
    consulta.inicio = consulta.cierre - timedelta(days=3)
    consulta.save()
    with pytest.raises(ConsultaCerrada):
        services.propuesta_confirmar(token=token)
    with pytest.raises(ConsultaCerrada):
        apoyar(publicada, "carla@ejemplo.mx")
    assert not Apoyo.objects.exists()


def test_cerrar_una_consulta_es_de_la_coordinacion(
    consulta, usuario_personal, usuario_coordinacion
):
    with pytest.raises(PermissionDenied):
        services.consulta_cerrar(consulta=consulta, actor=usuario_personal)
    services.consulta_cerrar(consulta=consulta, actor=usuario_coordinacion)
    consulta.refresh_from_db()
    assert not consulta.abierta()
    assert consulta.history.first().history_user == usuario_coordinacion


def test_publicar_una_consulta_es_de_la_coordinacion(
    crear_consulta, usuario_personal, usuario_coordinacion
):
    consulta = crear_consulta(publicada=False)
    consulta.publicada = True
    with pytest.raises(PermissionDenied):
        services.consulta_guardar(consulta=consulta, actor=usuario_personal)
    services.consulta_guardar(consulta=consulta, actor=usuario_coordinacion)
    assert consulta.history.first().history_change_reason == "Publicación"


def test_la_consulta_pide_el_objeto_de_su_destino(crear_consulta, usuario_coordinacion):
    consulta = crear_consulta(publicada=False)
    consulta.destino = "compromiso"
    with pytest.raises(ValidationError) as error:
        services.consulta_guardar(consulta=consulta, actor=usuario_coordinacion)
    assert "compromiso" in error.value.message_dict


# ── Confirmación por correo ─────────────────────────────────────────────────────────────


def test_la_propuesta_espera_confirmacion_y_moderacion(
    consulta, enviar, mailoutbox, usuario_personal
):
    propuesta = enviar(consulta, correo="  Ana@Ejemplo.MX ")
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["ana@ejemplo.mx"]
    assert "/participa/confirmar/propuesta/" in mailoutbox[0].body
    assert propuesta.confirmada_en is None
    assert not Propuesta.objects.publicadas().exists()
    with pytest.raises(ValidationError):
        services.propuesta_publicar(propuesta=propuesta, actor=usuario_personal)
    services.propuesta_confirmar(token=enlace_de(mailoutbox))
    propuesta.refresh_from_db()
    assert propuesta.confirmada_en is not None
    assert not Propuesta.objects.publicadas().exists()  # falta moderar
    services.propuesta_publicar(propuesta=propuesta, actor=usuario_personal)
    assert list(Propuesta.objects.publicadas()) == [propuesta]


def test_confirmar_dos_veces_no_cambia_nada(consulta, enviar, mailoutbox):
    enviar(consulta)
    token = enlace_de(mailoutbox)
    primera = services.propuesta_confirmar(token=token).confirmada_en
    assert services.propuesta_confirmar(token=token).confirmada_en == primera


def test_el_correo_sale_solo_si_la_escritura_se_confirma(
    consulta, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                services.propuesta_enviar(
                    consulta=consulta,
                    titulo="T",
                    problema="P",
                    texto="X",
                    correo="ana@ejemplo.mx",
                )
                raise RuntimeError("falla después")
        except RuntimeError:
            pass
    assert mailoutbox == []
    assert not Propuesta.objects.exists()


def test_el_enlace_caduca(consulta, enviar, mailoutbox, monkeypatch):
    enviar(consulta)
    token = enlace_de(mailoutbox)
    despues = time.time() + 49 * 3600
    monkeypatch.setattr("django.core.signing.time.time", lambda: despues)
    with pytest.raises(EnlaceInvalido) as error:
        services.propuesta_confirmar(token=token)
    assert error.value.code == "caducado"
    assert "caducó" in error.value.messages[0]
    assert Propuesta.objects.get().confirmada_en is None


@pytest.mark.parametrize(
    "alterar",
    [
        lambda t: t[:-2] + ("AA" if not t.endswith("AA") else "BB"),
        lambda t: t.replace(":", "x", 1),
        lambda t: "",
    ],
    ids=["firma", "datos", "vacio"],
)
def test_un_enlace_alterado_no_confirma(consulta, enviar, mailoutbox, alterar):
    enviar(consulta)
    with pytest.raises(EnlaceInvalido):
        services.propuesta_confirmar(token=alterar(enlace_de(mailoutbox)))
    assert Propuesta.objects.get().confirmada_en is None


def test_el_enlace_de_una_propuesta_no_confirma_un_apoyo(consulta, enviar, mailoutbox):
    enviar(consulta)
    with pytest.raises(EnlaceInvalido):
        services.apoyo_confirmar(token=enlace_de(mailoutbox))


# ── Apoyos ──────────────────────────────────────────────────────────────────────────────


def test_un_apoyo_por_correo(publicada, apoyar, mailoutbox):
    apoyar(publicada, "carla@ejemplo.mx")
    apoyar(publicada, " CARLA@ejemplo.mx", confirmar=False)
    assert "ya apoyaba" in mailoutbox[-1].body
    assert Apoyo.objects.count() == 1
    assert Propuesta.objects.con_apoyos().get().apoyos_confirmados == 1
    apoyar(publicada, "dana@ejemplo.mx")
    assert Propuesta.objects.con_apoyos().get().apoyos_confirmados == 2


def test_la_base_no_deja_repetir_la_huella(publicada):
    huella = services.huella("eva@ejemplo.mx")
    Apoyo.objects.create(propuesta=publicada, huella_correo=huella)
    with pytest.raises(IntegrityError), transaction.atomic():
        Apoyo.objects.create(propuesta=publicada, huella_correo=huella)


def test_un_apoyo_sin_confirmar_no_cuenta_y_el_correo_no_se_guarda(publicada, apoyar):
    apoyo = apoyar(publicada, "fer@ejemplo.mx", confirmar=False)
    assert Propuesta.objects.con_apoyos().get().apoyos_confirmados == 0
    assert not hasattr(apoyo, "correo")
    assert "fer@" not in str(Apoyo.objects.values().get())


def test_solo_se_apoyan_propuestas_publicadas(consulta, enviar, apoyar):
    pendiente = enviar(consulta, confirmar=True)
    with pytest.raises(ValidationError):
        apoyar(pendiente, "gil@ejemplo.mx")


# ── Abuso ───────────────────────────────────────────────────────────────────────────────


def test_limite_de_propuestas_por_ip(consulta, enviar, settings):
    settings.PARTICIPACION_LIMITES = {"propuesta_ip": (2, 3600)}
    enviar(consulta, correo="a@ejemplo.mx", ip="10.9.9.9")
    enviar(consulta, correo="b@ejemplo.mx", ip="10.9.9.9")
    with pytest.raises(services.LimiteExcedido):
        enviar(consulta, correo="c@ejemplo.mx", ip="10.9.9.9")
    enviar(consulta, correo="d@ejemplo.mx", ip="10.9.9.8")  # otra dirección sí pasa
    assert Propuesta.objects.count() == 3


def test_limite_de_propuestas_por_correo(consulta, enviar, settings):
    settings.PARTICIPACION_LIMITES = {"propuesta_correo": (2, 3600)}
    for ip in ("10.0.0.1", "10.0.0.2"):
        enviar(consulta, correo="mismo@ejemplo.mx", ip=ip)
    with pytest.raises(services.LimiteExcedido):
        enviar(consulta, correo="MISMO@ejemplo.mx", ip="10.0.0.3")
    assert Propuesta.objects.count() == 2


def test_limite_de_apoyos_por_ip(publicada, apoyar, settings):
    settings.PARTICIPACION_LIMITES = {"apoyo_ip": (1, 3600)}
    apoyar(publicada, "h@ejemplo.mx", ip="10.1.1.1")
    with pytest.raises(services.LimiteExcedido):
        apoyar(publicada, "i@ejemplo.mx", ip="10.1.1.1")


def test_cada_campo_tiene_limite_de_tamano(consulta, enviar):
    with pytest.raises(ValidationError) as error:
        enviar(consulta, titulo="x" * 201, texto="y" * 4001, nombre="z" * 121)
    assert {"titulo", "texto", "nombre"} <= set(error.value.message_dict)
    assert not Propuesta.objects.exists()


# ── Moderación ──────────────────────────────────────────────────────────────────────────


@pytest.fixture
def confirmada(consulta, enviar):
    return enviar(consulta, confirmar=True)


@pytest.mark.parametrize("rol", ["usuario_consejo", "enlace", "anonimo"])
def test_solo_la_dga_modera(confirmada, rol, request, crear_enlace, sujeto_obligado):
    from django.contrib.auth.models import AnonymousUser

    actor = {
        "usuario_consejo": lambda: request.getfixturevalue("usuario_consejo"),
        "enlace": lambda: crear_enlace(sujeto_obligado),
        "anonimo": AnonymousUser,
    }[rol]()
    with pytest.raises(PermissionDenied):
        services.propuesta_publicar(propuesta=confirmada, actor=actor)
    with pytest.raises(PermissionDenied):
        services.propuesta_rechazar(
            propuesta=confirmada, motivo=MotivoRechazo.DUPLICADA, actor=actor
        )
    assert Propuesta.objects.get().moderacion == Moderacion.PENDIENTE


@pytest.mark.parametrize("rol", ["usuario_personal", "usuario_coordinacion"])
def test_personal_y_coordinacion_moderan(
    confirmada, rol, request, mailoutbox, django_capture_on_commit_callbacks
):
    actor = request.getfixturevalue(rol)
    with django_capture_on_commit_callbacks(execute=True):
        services.propuesta_rechazar(
            propuesta=confirmada,
            motivo=MotivoRechazo.OTRO,
            explicacion="Es un anuncio.",
            actor=actor,
        )
    propuesta = Propuesta.objects.get()
    assert propuesta.moderacion == Moderacion.RECHAZADA
    assert propuesta.moderada_por == actor
    assert propuesta.history.first().history_user == actor
    assert "Es un anuncio." in mailoutbox[-1].body
    assert propuesta.correo == ""  # respuesta final: el correo ya no sirve


def test_rechazar_pide_motivo_de_la_lista(confirmada, usuario_personal):
    with pytest.raises(ValidationError):
        services.propuesta_rechazar(
            propuesta=confirmada, motivo="porque sí", actor=usuario_personal
        )
    with pytest.raises(ValidationError):
        services.propuesta_rechazar(propuesta=confirmada, motivo="otro", actor=usuario_personal)


# ── Transiciones ────────────────────────────────────────────────────────────────────────


def _llevar_a(propuesta, estado, actor, compromiso):
    Propuesta.objects.filter(pk=propuesta.pk).update(estado=estado)
    propuesta.refresh_from_db()
    return propuesta


@pytest.mark.parametrize("paso", TRANSICIONES, ids=lambda t: t.codigo)
@pytest.mark.parametrize("origen", EstadoPropuesta.values)
def test_cada_transicion_solo_desde_sus_origenes(
    publicada, usuario_personal, crear_compromiso, paso, origen
):
    compromiso = crear_compromiso()
    propuesta = _llevar_a(publicada, origen, usuario_personal, compromiso)
    vinculo = {"compromiso": compromiso} if paso.pide_vinculo else {}
    if origen in paso.origenes:
        services.propuesta_avanzar(
            propuesta=propuesta,
            codigo=paso.codigo,
            respuesta="Se revisó con el sujeto.",
            actor=usuario_personal,
            **vinculo,
        )
        propuesta.refresh_from_db()
        assert propuesta.estado == paso.destino
        assert propuesta.pasos.get().a == paso.destino
        assert propuesta.pasos.get().actor == usuario_personal
    else:
        with pytest.raises(ValidationError) as error:
            services.propuesta_avanzar(
                propuesta=propuesta,
                codigo=paso.codigo,
                respuesta="Intento.",
                actor=usuario_personal,
                **vinculo,
            )
        assert "No se puede pasar" in str(error.value)
        propuesta.refresh_from_db()
        assert propuesta.estado == origen


def test_cada_paso_pide_respuesta_publica(publicada, usuario_personal):
    with pytest.raises(ValidationError) as error:
        services.propuesta_avanzar(
            propuesta=publicada, codigo="analizar", respuesta="  ", actor=usuario_personal
        )
    assert "respuesta" in error.value.message_dict


def test_incorporar_pide_exactamente_un_vinculo(publicada, usuario_personal, crear_compromiso):
    services.propuesta_avanzar(
        propuesta=publicada, codigo="analizar", respuesta="La revisamos.", actor=usuario_personal
    )
    with pytest.raises(ValidationError):
        services.propuesta_avanzar(
            propuesta=publicada, codigo="incorporar", respuesta="Sí.", actor=usuario_personal
        )
    from oela.models import Accion  # noqa: F401 - sólo para dejar claro que hay cuatro tipos

    compromiso = crear_compromiso(hitos=2)
    hito = compromiso.hitos.last()
    services.propuesta_avanzar(
        propuesta=publicada,
        codigo="incorporar",
        respuesta="Se incorporó al hito 2.",
        actor=usuario_personal,
        hito=hito,
    )
    publicada.refresh_from_db()
    assert publicada.hito == hito
    assert publicada.compromiso == compromiso  # el hito trae su compromiso


def test_un_enlace_no_avanza_propuestas(publicada, crear_enlace, sujeto_obligado, usuario_consejo):
    for actor in (crear_enlace(sujeto_obligado), usuario_consejo):
        with pytest.raises(PermissionDenied):
            services.propuesta_avanzar(
                propuesta=publicada, codigo="analizar", respuesta="x", actor=actor
            )


def test_una_propuesta_sin_publicar_no_avanza(confirmada, usuario_personal):
    with pytest.raises(ValidationError):
        services.propuesta_avanzar(
            propuesta=confirmada, codigo="analizar", respuesta="x", actor=usuario_personal
        )


def test_la_respuesta_final_avisa_y_borra_el_correo(
    publicada, usuario_personal, mailoutbox, django_capture_on_commit_callbacks
):
    assert publicada.correo == "ana@ejemplo.mx"
    with django_capture_on_commit_callbacks(execute=True):
        services.propuesta_avanzar(
            propuesta=publicada, codigo="analizar", respuesta="En revisión.", actor=usuario_personal
        )
    assert Propuesta.objects.get().correo == "ana@ejemplo.mx"
    with django_capture_on_commit_callbacks(execute=True):
        services.propuesta_avanzar(
            propuesta=publicada,
            codigo="no_incorporar",
            respuesta="Ya existe esa información.",
            actor=usuario_personal,
        )
    assert mailoutbox[-1].to == ["ana@ejemplo.mx"]
    assert "Ya existe esa información." in mailoutbox[-1].body
    propuesta = Propuesta.objects.get()
    assert propuesta.correo == ""
    assert propuesta.huella_correo  # la huella sigue para el borrado y los límites


# ── Borrado de datos personales ─────────────────────────────────────────────────────────


def test_borrar_los_datos_de_una_persona(
    consulta, enviar, publicada, apoyar, mailoutbox, django_capture_on_commit_callbacks
):
    otra = services.propuesta_publicar(
        propuesta=enviar(consulta, correo="ivan@ejemplo.mx", confirmar=True, nombre="Iván"),
        actor=publicada.moderada_por,
    )
    apoyar(otra, "ana@ejemplo.mx")  # Ana apoya la de Iván
    apoyar(otra, "juan@ejemplo.mx")
    assert Propuesta.objects.con_apoyos().get(pk=otra.pk).apoyos_confirmados == 2

    with django_capture_on_commit_callbacks(execute=True):
        assert services.borrado_pedir(correo="ANA@ejemplo.mx", ip="10.0.0.5")
    token = enlace_de(mailoutbox, "mis-datos")
    assert services.resumen_de_borrado(token) == {"propuestas": 1, "apoyos": 1}
    constancia = services.datos_personales_borrar(token=token)

    assert (constancia.propuestas, constancia.apoyos) == (1, 1)
    propuesta = Propuesta.objects.get(pk=publicada.pk)
    assert (propuesta.correo, propuesta.huella_correo, propuesta.nombre) == ("", "", "")
    assert propuesta.autoria == "Anónimo"
    assert propuesta.publicada  # el texto sigue en la consulta
    assert Propuesta.objects.con_apoyos().get(pk=otra.pk).apoyos_confirmados == 1
    # El historial nunca tuvo el correo ni la huella, y ya no tiene el nombre.
    historico = Propuesta.history.model
    campos = {f.name for f in historico._meta.get_fields()}
    assert not {"correo", "huella_correo"} & campos
    assert not Propuesta.history.filter(id=publicada.pk).exclude(nombre="").exists()
    assert Propuesta.history.filter(id=otra.pk, nombre="Iván").exists()  # lo ajeno no se toca
    # El enlace ya no sirve para nada más y el otro correo no se tocó.
    assert services.datos_personales_borrar(token=token).propuestas == 0
    assert Propuesta.objects.get(pk=otra.pk).correo == "ivan@ejemplo.mx"


def test_pedir_el_borrado_de_un_correo_sin_datos_no_envia_nada(
    db, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assert services.borrado_pedir(correo="nadie@ejemplo.mx") is False
    assert mailoutbox == []


def test_el_enlace_de_confirmar_deja_de_valer_tras_el_borrado(
    consulta, enviar, mailoutbox, django_capture_on_commit_callbacks
):
    enviar(consulta, correo="kai@ejemplo.mx")
    confirmar = enlace_de(mailoutbox, "propuesta")
    with django_capture_on_commit_callbacks(execute=True):
        services.borrado_pedir(correo="kai@ejemplo.mx")
    services.datos_personales_borrar(token=enlace_de(mailoutbox, "mis-datos"))
    with pytest.raises(EnlaceInvalido):
        services.propuesta_confirmar(token=confirmar)


def test_lo_que_nadie_confirmo_se_borra_al_caducar(consulta, enviar, publicada, apoyar):
    from django.core.management import call_command

    vieja = enviar(consulta, correo="olvido@ejemplo.mx", nombre="Olvido")
    apoyo = apoyar(publicada, "tarde@ejemplo.mx", confirmar=False)
    reciente = enviar(consulta, correo="reciente@ejemplo.mx")
    hace_tres_dias = timezone.now() - timedelta(days=3)
    Propuesta.objects.filter(pk=vieja.pk).update(creada_en=hace_tres_dias)
    Apoyo.objects.filter(pk=apoyo.pk).update(creado_en=hace_tres_dias)
    call_command("purgar_sin_confirmar", stdout=__import__("io").StringIO())
    assert not Propuesta.objects.filter(pk=vieja.pk).exists()
    assert not Propuesta.history.filter(id=vieja.pk).exists()
    assert not Apoyo.objects.filter(pk=apoyo.pk).exists()
    assert Propuesta.objects.filter(pk__in=[reciente.pk, publicada.pk]).count() == 2
