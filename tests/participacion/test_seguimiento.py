# ruff: noqa: F811
"""Seguir por correo: doble confirmación, enlaces firmados, bajas, resumen diario idempotente.

Sin red: los correos quedan en ``mail.outbox``. Los cambios que informa el resumen salen del
historial público (django-simple-history) de compromisos, hitos, evidencias y sujetos.
"""

import datetime as dt
import re
import time

import pytest
from django.core import mail, signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cocreacion.comun.historial import guardar
from cocreacion.models import NotificacionEnviada, PreferenciaNotificacion, TipoNotificacion
from cocreacion.operacion import cache_paginas
from cocreacion.participacion import services
from cocreacion.participacion.models import Suscripcion, Suscriptor
from cocreacion.participacion.services import seguimiento as servicio
from cocreacion.portal.cambios import reconstruir_registro
from stgao import services as servicios_stgao
from stgao.models import Hito
from tests.stgao.conftest import crear_compromiso, plan  # noqa: F401

pytestmark = pytest.mark.django_db

CORREO = "lectora@ejemplo.mx"


@pytest.fixture
def compromiso(crear_compromiso, institucion):
    return crear_compromiso("Presupuesto ciudadano", hitos=2)


def _enlace(mensaje, patron=r"/seguir/confirmar/[^/\s]+/"):
    encontrado = re.search(r"https?://[^/\s]+(" + patron + ")", mensaje.body)
    assert encontrado, mensaje.body
    return encontrado.group(1)


def _seguir(client, compromiso, correo=CORREO, **extra):
    return client.post(
        f"/seguir/compromiso/{compromiso.pk}/", {"correo": correo, "sitio_web": "", **extra}
    )


def _seguir_y_confirmar(client, compromiso, correo=CORREO, django_capture_on_commit_callbacks=None):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert _seguir(client, compromiso, correo).status_code == 302
    assert client.get(_enlace(mail.outbox[-1])).status_code == 200
    mail.outbox.clear()


def _cambiar_hito(compromiso, actor, estado="en_proceso"):
    hito = Hito.objects.filter(compromiso=compromiso).order_by("numero").first()
    hito.estado = estado
    servicios_stgao.hito_guardar(hito=hito, actor=actor)
    return hito


def _resumen(**kwargs):
    return services.resumen_diario_enviar(ahora=timezone.now() + dt.timedelta(minutes=10), **kwargs)


def _resumenes():
    return [m for m in mail.outbox if "en lo que sigue" in m.subject]


# --- Doble confirmación -------------------------------------------------------------------


def test_seguir_guarda_pendiente_y_manda_solo_el_enlace_de_confirmacion(
    client, compromiso, usuario_coordinacion, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        respuesta = _seguir(client, compromiso, "  Lectora@Ejemplo.MX ")
    assert respuesta.status_code == 302
    assert respuesta["Location"] == "/seguir/revise-su-correo/"
    suscripcion = Suscripcion.objects.get()
    assert not suscripcion.confirmada
    assert suscripcion.suscriptor.correo == CORREO  # normalizado
    assert len(mail.outbox) == 1
    confirmar = mail.outbox[0]
    assert confirmar.to == [CORREO]
    assert "Presupuesto ciudadano" in confirmar.body
    assert "List-Unsubscribe" not in confirmar.extra_headers
    # Un cambio público: a un correo sin confirmar no le sale el resumen.
    mail.outbox.clear()
    _cambiar_hito(compromiso, usuario_coordinacion)
    resultado = _resumen()
    assert resultado.enviados == 0 and mail.outbox == []
    # La constancia del correo de confirmación no guarda el correo.
    assert NotificacionEnviada.objects.get().correo == ""


def test_abrir_el_enlace_confirma_y_abrirlo_de_nuevo_no_cambia_nada(
    client, compromiso, usuario_coordinacion, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _seguir(client, compromiso)
    enlace = _enlace(mail.outbox[0])
    respuesta = client.get(enlace)
    assert respuesta.status_code == 200
    assert "Listo: ya lo sigue por correo" in respuesta.content.decode()
    confirmada_en = Suscripcion.objects.get().confirmada_en
    assert confirmada_en is not None
    respuesta = client.get(enlace)
    assert "Ya seguía este registro" in respuesta.content.decode()
    assert Suscripcion.objects.get().confirmada_en == confirmada_en
    mail.outbox.clear()
    _cambiar_hito(compromiso, usuario_coordinacion)
    assert _resumen().enviados == 1
    assert len(_resumenes()) == 1


def test_enlace_caducado_o_alterado_no_confirma(
    client, compromiso, monkeypatch, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _seguir(client, compromiso)
    enlace = _enlace(mail.outbox[0])
    token = enlace.split("/")[-2]
    # Alterado: un carácter distinto en la firma, o los datos de otra suscripción.
    alterado = token[:-2] + ("A" if token[-2] != "A" else "B") + token[-1]
    assert client.get(f"/seguir/confirmar/{alterado}/").status_code == 400
    ajeno = signing.dumps({"s": Suscripcion.objects.get().pk, "h": "0" * 16}, salt="otra")
    assert client.get(f"/seguir/confirmar/{ajeno}/").status_code == 400
    assert client.get("/seguir/confirmar/" + "x" * 400 + "/").status_code == 400
    # Caducado: pasan más de los días que vale.
    real = time.time
    futuro = real() + (servicio.DIAS_PARA_CONFIRMAR + 1) * 86400
    monkeypatch.setattr(signing.time, "time", lambda: futuro)
    respuesta = client.get(enlace)
    monkeypatch.setattr(signing.time, "time", real)
    assert respuesta.status_code == 410
    assert "caducó" in respuesta.content.decode()
    assert not Suscripcion.objects.get().confirmada


def test_pendientes_caducadas_se_borran_con_su_correo(
    client, compromiso, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _seguir(client, compromiso)
    despues = timezone.now() + dt.timedelta(days=servicio.DIAS_PARA_CONFIRMAR, hours=1)
    assert services.pendientes_caducadas_borrar(ahora=despues) == 1
    assert not Suscriptor.objects.exists()
    # El historial de la suscripción no guarda datos de la persona.
    campos = {f.name for f in Suscripcion.history.model._meta.fields}
    assert not campos & {"correo", "huella"}
    assert Suscripcion.history.filter(history_type="-").count() == 1


# --- Unicidad y reglas --------------------------------------------------------------------


def test_una_suscripcion_por_correo_y_objeto(
    client, compromiso, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _seguir(client, compromiso, "lectora@ejemplo.mx")
        _seguir(client, compromiso, "LECTORA@ejemplo.mx")
    assert Suscriptor.objects.count() == 1
    assert Suscripcion.objects.count() == 1
    suscriptor = Suscriptor.objects.get()
    with pytest.raises(IntegrityError), transaction.atomic():
        Suscripcion.objects.create(
            suscriptor=suscriptor, seguible="compromiso", objeto_id=compromiso.pk
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        Suscriptor.objects.create(correo="otra@ejemplo.mx", huella=suscriptor.huella)


def test_ya_confirmada_no_manda_otro_correo(client, compromiso, django_capture_on_commit_callbacks):
    _seguir_y_confirmar(
        client, compromiso, django_capture_on_commit_callbacks=django_capture_on_commit_callbacks
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert _seguir(client, compromiso).status_code == 302
    assert mail.outbox == []


def test_no_se_sigue_un_borrador_ni_algo_inexistente(client, crear_compromiso, institucion):
    borrador = crear_compromiso("Borrador", publicado=False)
    assert client.get(f"/seguir/compromiso/{borrador.pk}/").status_code == 404
    assert _seguir(client, borrador).status_code == 404
    assert client.get("/seguir/no-existe/1/").status_code == 404
    assert client.get(f"/seguir/compromiso/{2**70}/").status_code == 404
    with pytest.raises(ValidationError):
        services.suscripcion_solicitar(
            correo=CORREO, seguible_clave="compromiso", objeto_id=borrador.pk, ip="1.1.1.1"
        )
    assert not Suscriptor.objects.exists()


def test_el_resumen_calla_lo_retirado_y_lo_capturado_en_borrador(
    client, compromiso, crear_compromiso, usuario_coordinacion, django_capture_on_commit_callbacks
):
    _seguir_y_confirmar(
        client, compromiso, django_capture_on_commit_callbacks=django_capture_on_commit_callbacks
    )
    servicios_stgao.compromiso_publicar(
        compromiso=compromiso, actor=usuario_coordinacion, publicado=False
    )
    _cambiar_hito(compromiso, usuario_coordinacion)
    assert _resumen().enviados == 0
    assert mail.outbox == []


def test_el_resumen_no_muestra_campos_internos_ni_lo_anterior_a_la_suscripcion(
    client, compromiso, usuario_coordinacion, django_capture_on_commit_callbacks
):
    compromiso.titulo = "Título viejo, antes de seguirlo"
    servicios_stgao.compromiso_guardar(compromiso=compromiso, actor=usuario_coordinacion)
    _seguir_y_confirmar(
        client, compromiso, django_capture_on_commit_callbacks=django_capture_on_commit_callbacks
    )
    compromiso.notas_internas = "Nota secreta de la DGA"
    compromiso.objetivo = "Objetivo nuevo y público"
    servicios_stgao.compromiso_guardar(compromiso=compromiso, actor=usuario_coordinacion)
    _resumen()
    (resumen,) = _resumenes()
    assert "Objetivo nuevo y público" in resumen.body
    assert "Nota secreta" not in resumen.body
    # El cambio de título fue antes de confirmar: no se informa (el título vigente sí sale).
    assert "→ «Título viejo" not in resumen.body
    assert resumen.body.count("· Cambio ·") == 1


# --- Resumen diario ------------------------------------------------------------------------


def test_resumen_un_correo_por_persona_con_todo_lo_que_sigue_y_encabezados_de_baja(
    client,
    compromiso,
    crear_compromiso,
    sujeto_obligado,
    usuario_coordinacion,
    django_capture_on_commit_callbacks,
):
    otro = crear_compromiso("Parlamento abierto", hitos=1)
    for objeto in (compromiso, otro):
        _seguir_y_confirmar(
            client, objeto, django_capture_on_commit_callbacks=django_capture_on_commit_callbacks
        )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/seguir/sujeto-obligado/{sujeto_obligado.pk}/", {"correo": CORREO})
    client.get(_enlace(mail.outbox[-1]))
    mail.outbox.clear()
    _cambiar_hito(compromiso, usuario_coordinacion)
    _cambiar_hito(otro, usuario_coordinacion, estado="completado")
    sujeto_obligado.siglas = "SEPRU"
    guardar(sujeto_obligado, actor=usuario_coordinacion)
    resultado = _resumen()
    assert resultado.enviados == 1
    (resumen,) = _resumenes()
    assert resumen.to == [CORREO]
    assert "Presupuesto ciudadano" in resumen.body and "Parlamento abierto" in resumen.body
    assert f"== {sujeto_obligado.nombre} ==" in resumen.body and "«SEPRU»" in resumen.body
    assert "«pendiente» → «completado»" in resumen.body
    encabezados = resumen.message()
    baja = encabezados["List-Unsubscribe"]
    assert re.fullmatch(r"<https://cocreacion\.ejemplo\.gob\.mx/seguir/baja/[^/]+/>", baja)
    assert encabezados["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert baja.strip("<>") in resumen.body
    assert "/seguir/mis-suscripciones/" in resumen.body
    # Si nada cambió desde el último resumen, nada sale.
    mail.outbox.clear()
    manana = timezone.now() + dt.timedelta(days=1)
    assert services.resumen_diario_enviar(ahora=manana).enviados == 0
    assert mail.outbox == []


def test_resumen_idempotente_dos_corridas_un_correo(
    client, compromiso, usuario_coordinacion, django_capture_on_commit_callbacks
):
    _seguir_y_confirmar(
        client, compromiso, django_capture_on_commit_callbacks=django_capture_on_commit_callbacks
    )
    _cambiar_hito(compromiso, usuario_coordinacion)
    assert _resumen().enviados == 1
    assert _resumen().enviados == 0
    assert len(_resumenes()) == 1
    assert NotificacionEnviada.objects.filter(tipo="resumen_seguimiento").count() == 1
    assert NotificacionEnviada.objects.get(tipo="resumen_seguimiento").correo == ""


def _suscriptores_confirmados(compromiso, n, desde=0):
    ahora = timezone.now() - dt.timedelta(hours=1)
    suscriptores = Suscriptor.objects.bulk_create(
        [
            Suscriptor(
                correo=f"persona{i}@ejemplo.mx", huella=services.huella_de(f"persona{i}@ejemplo.mx")
            )
            for i in range(desde, desde + n)
        ]
    )
    Suscripcion.objects.bulk_create(
        [
            Suscripcion(
                suscriptor=s, seguible="compromiso", objeto_id=compromiso.pk, confirmada_en=ahora
            )
            for s in suscriptores
        ]
    )
    return suscriptores


def test_dos_servidores_a_la_vez_no_repiten_un_correo(
    compromiso, usuario_coordinacion, monkeypatch
):
    """El servidor B reclama (y envía) la mitad justo entre la lectura y la escritura de A."""
    suscriptores = _suscriptores_confirmados(compromiso, 6)
    _cambiar_hito(compromiso, usuario_coordinacion)
    gestor = NotificacionEnviada.objects
    filtrar = gestor.filter
    clave = f"resumen:{timezone.localdate(timezone.now() + dt.timedelta(minutes=10)).isoformat()}"
    de_b = suscriptores[::2]

    class LeidoAntes:
        def __init__(self, filas):
            self.filas = filas

        def values_list(self, *campos):
            return self.filas

    def lectura_y_luego_b(*args, **kwargs):
        if "destinatario__in" not in kwargs:  # no es la lectura de ``mandar``
            return filtrar(*args, **kwargs)
        # A lee qué constancias hay; B confirma las suyas antes de que A escriba.
        monkeypatch.setattr(gestor, "filter", filtrar)
        filas = list(filtrar(*args, **kwargs).values_list("destinatario", "tipo", "clave"))
        gestor.bulk_create(
            [
                NotificacionEnviada(
                    destinatario=s.destinatario,
                    tipo=TipoNotificacion.RESUMEN_SEGUIMIENTO,
                    clave=clave,
                    asunto="enviado por B",
                )
                for s in de_b
            ]
        )
        return LeidoAntes(filas)

    monkeypatch.setattr(gestor, "filter", lectura_y_luego_b)
    resultado = _resumen()
    assert resultado.enviados == 3
    destinos = sorted(m.to[0] for m in _resumenes())
    assert destinos == sorted(s.correo for s in suscriptores[1::2])
    assert NotificacionEnviada.objects.filter(clave=clave).count() == 6


def test_si_el_servidor_de_correo_falla_sale_en_la_siguiente_corrida(
    compromiso, usuario_coordinacion, monkeypatch
):
    _suscriptores_confirmados(compromiso, 3)
    _cambiar_hito(compromiso, usuario_coordinacion)
    from django.core.mail import EmailMessage

    original = EmailMessage.send
    llamadas = []

    def falla_la_segunda(self, *a, **k):
        llamadas.append(1)
        if len(llamadas) == 2:
            raise OSError("servidor de correo caído")
        return original(self, *a, **k)

    monkeypatch.setattr(EmailMessage, "send", falla_la_segunda)
    assert _resumen().enviados == 2
    monkeypatch.setattr(EmailMessage, "send", original)
    assert _resumen().enviados == 1
    assert len({m.to[0] for m in _resumenes()}) == 3 == len(_resumenes())


def test_consultas_del_resumen_no_crecen_con_los_suscriptores(compromiso, usuario_coordinacion):
    _suscriptores_confirmados(compromiso, 4)
    _cambiar_hito(compromiso, usuario_coordinacion)
    with CaptureQueriesContext(connection) as pocas:
        assert _resumen().enviados == 4
    NotificacionEnviada.objects.all().delete()
    Suscriptor.objects.update(resumen_hasta=None)
    _suscriptores_confirmados(compromiso, 16, desde=4)
    mail.outbox.clear()
    with CaptureQueriesContext(connection) as muchas:
        assert _resumen().enviados == 20
    assert len(muchas) == len(pocas)
    # Por lotes: cada lote suma lo mismo, no cada persona.
    NotificacionEnviada.objects.all().delete()
    Suscriptor.objects.update(resumen_hasta=None)
    with CaptureQueriesContext(connection) as en_lotes_de_5:
        assert _resumen(tam_lote=5).enviados == 20
    NotificacionEnviada.objects.all().delete()
    Suscriptor.objects.update(resumen_hasta=None)
    with CaptureQueriesContext(connection) as en_lotes_de_10:
        assert _resumen(tam_lote=10).enviados == 20
    # Cada lote: suscriptores, sus suscripciones, cuentas que apagaron el resumen, constancias
    # existentes, alta de constancias y «informado hasta» (más los puntos de guardado).
    por_lote = (_datos(en_lotes_de_5) - _datos(en_lotes_de_10)) / 2
    assert por_lote == 6
    assert len(en_lotes_de_10) <= len(muchas) + 2 * 12


def _datos(capturadas) -> int:
    return sum(
        1 for q in capturadas.captured_queries if not q["sql"].startswith(("SAVEPOINT", "RELEASE"))
    )


# --- Baja de un clic y «Mis suscripciones» -------------------------------------------------


def _baja_del_resumen(client, compromiso, actor, capturar):
    _seguir_y_confirmar(client, compromiso, django_capture_on_commit_callbacks=capturar)
    _cambiar_hito(compromiso, actor)
    _resumen()
    (resumen,) = _resumenes()
    return resumen.message()["List-Unsubscribe"].strip("<>").split(".mx", 1)[1]


def test_baja_de_un_clic_por_post_sin_csrf(
    client, compromiso, usuario_coordinacion, django_capture_on_commit_callbacks
):
    baja = _baja_del_resumen(
        client, compromiso, usuario_coordinacion, django_capture_on_commit_callbacks
    )
    estricto = Client(enforce_csrf_checks=True)
    # El GET (un antivirus que abre el enlace) sólo pregunta.
    respuesta = estricto.get(baja)
    assert respuesta.status_code == 200
    assert "Sí, dejar de seguir todo" in respuesta.content.decode()
    assert Suscripcion.objects.exists()
    assert "no-store" in respuesta["Cache-Control"]
    # El POST del programa de correo (RFC 8058), sin cookies ni CSRF.
    respuesta = estricto.post(
        baja, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert respuesta.status_code == 200
    assert not Suscripcion.objects.exists() and not Suscriptor.objects.exists()
    assert not NotificacionEnviada.objects.filter(correo=CORREO).exists()
    # Repetirla no falla; un enlace alterado sí se nota.
    assert estricto.post(baja).status_code == 200
    assert estricto.post(baja[:-3] + "x/").status_code == 400


def test_solo_la_baja_acepta_post_sin_csrf(client, compromiso, django_capture_on_commit_callbacks):
    estricto = Client(enforce_csrf_checks=True)
    assert (
        estricto.post(f"/seguir/compromiso/{compromiso.pk}/", {"correo": CORREO}).status_code == 403
    )
    assert estricto.post("/seguir/mis-suscripciones/", {"correo": CORREO}).status_code == 403
    _seguir_y_confirmar(
        client, compromiso, django_capture_on_commit_callbacks=django_capture_on_commit_callbacks
    )
    enlace = services.enlace_suscripciones(Suscriptor.objects.get()).split(".mx", 1)[1]
    assert estricto.post(enlace, {"todo": "1"}).status_code == 403
    assert Suscripcion.objects.exists()


def test_mis_suscripciones_con_enlace_firmado(
    client, compromiso, crear_compromiso, django_capture_on_commit_callbacks
):
    otro = crear_compromiso("Parlamento abierto")
    for objeto in (compromiso, otro):
        _seguir_y_confirmar(
            client, objeto, django_capture_on_commit_callbacks=django_capture_on_commit_callbacks
        )
    # Pedir el enlace: responde igual exista o no el correo; sólo sale a quien sigue algo.
    respuesta = client.post("/seguir/mis-suscripciones/", {"correo": "nadie@ejemplo.mx"})
    assert respuesta.status_code == 302
    assert mail.outbox == []
    respuesta = client.post("/seguir/mis-suscripciones/", {"correo": CORREO})
    assert respuesta.status_code == 302
    (correo,) = mail.outbox
    enlace = _enlace(correo, r"/seguir/mis-suscripciones/[^/\s]+/")
    pagina = client.get(enlace)
    contenido = pagina.content.decode()
    assert pagina.status_code == 200
    assert "Presupuesto ciudadano" in contenido and "Parlamento abierto" in contenido
    assert CORREO not in contenido and "l•••@ejemplo.mx" in contenido
    quitar = Suscripcion.objects.get(objeto_id=otro.pk)
    respuesta = client.post(enlace, {"quitar": quitar.pk})
    assert respuesta.status_code == 302
    assert list(Suscripcion.objects.values_list("objeto_id", flat=True)) == [compromiso.pk]
    # No se quita lo de otra persona con su id.
    ajena = Suscripcion.objects.create(
        suscriptor=Suscriptor.objects.create(
            correo="b@ejemplo.mx", huella=services.huella_de("b@ejemplo.mx")
        ),
        seguible="compromiso",
        objeto_id=compromiso.pk,
    )
    client.post(enlace, {"quitar": ajena.pk})
    assert Suscripcion.objects.filter(pk=ajena.pk).exists()
    assert client.post(enlace, {"quitar": "x\x00"}).status_code == 302
    respuesta = client.post(enlace, {"todo": "1"})
    assert "Ya no recibirá resúmenes" in respuesta.content.decode()
    assert not Suscriptor.objects.filter(correo=CORREO).exists()
    assert client.get(enlace).status_code == 400


# --- Abuso ---------------------------------------------------------------------------------


def test_limite_por_ip_y_por_correo(
    client, compromiso, crear_compromiso, settings, django_capture_on_commit_callbacks
):
    otros = [crear_compromiso(f"Otro {i}") for i in range(3)]
    settings.SEGUIMIENTO_LIMITES = {"ip_por_hora": 100, "correo_por_hora": 2}
    with django_capture_on_commit_callbacks(execute=True):
        assert _seguir(client, compromiso).status_code == 302
        assert _seguir(client, otros[0]).status_code == 302
        respuesta = _seguir(client, otros[1])
    assert respuesta.status_code == 429
    assert "Ya enviamos varios correos" in respuesta.content.decode()
    assert Suscripcion.objects.count() == 2 and len(mail.outbox) == 2
    settings.SEGUIMIENTO_LIMITES = {"ip_por_hora": 4}
    for i in range(4 - 3):
        _seguir(client, otros[2], f"p{i}@ejemplo.mx")
    respuesta = _seguir(client, otros[2], "ultima@ejemplo.mx")
    assert respuesta.status_code == 429
    assert "demasiadas solicitudes" in respuesta.content.decode()
    assert not Suscriptor.objects.filter(correo="ultima@ejemplo.mx").exists()


def test_campo_trampa_y_entradas_hostiles(client, compromiso, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        respuesta = _seguir(client, compromiso, sitio_web="http://spam.example")
    assert respuesta.status_code == 302
    assert not Suscriptor.objects.exists() and mail.outbox == []
    for malo in ["no-es-correo", "a" * 300 + "@ejemplo.mx", "a\x00b@ejemplo.mx", ""]:
        respuesta = _seguir(client, compromiso, malo)
        assert respuesta.status_code == 200
        assert "correo" in respuesta.content.decode().lower()
    assert not Suscriptor.objects.exists()


# --- Personal con cuenta y caché de páginas -------------------------------------------------


def test_personal_apaga_el_resumen_en_mis_avisos(
    client, compromiso, usuario_personal, usuario_coordinacion, django_capture_on_commit_callbacks
):
    usuario_personal.email = "Analista@DGA.gob.mx"
    usuario_personal.save()
    publico = Client()
    _seguir_y_confirmar(
        publico,
        compromiso,
        "analista@dga.gob.mx",
        django_capture_on_commit_callbacks=django_capture_on_commit_callbacks,
    )
    client.force_login(usuario_personal)
    pagina = client.get("/admin/mis-avisos/").content.decode()
    assert "Resumen diario de lo que sigo" in pagina
    assert "sigue 1 registro" in pagina and "/seguir/mis-suscripciones/" in pagina
    # Sin casillas marcadas el navegador envía sólo la ficha CSRF (aquí, un campo cualquiera).
    apagar = {"encendidos": [], "csrfmiddlewaretoken": "x"}
    assert client.post("/admin/mis-avisos/", apagar).status_code == 302
    assert (
        PreferenciaNotificacion.objects.get(
            usuario=usuario_personal, tipo="resumen_seguimiento"
        ).activa
        is False
    )
    _cambiar_hito(compromiso, usuario_coordinacion)
    assert _resumen().enviados == 0
    client.post("/admin/mis-avisos/", {"encendidos": ["resumen_seguimiento"]})
    assert _resumen().enviados == 1


def test_seguir_no_invalida_la_cache_de_paginas(
    client, compromiso, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as llamadas:
        services.suscripcion_solicitar(
            correo=CORREO, seguible_clave="compromiso", objeto_id=compromiso.pk, ip="1.2.3.4"
        )
    assert cache_paginas._cambiar_generacion not in llamadas


def test_la_pagina_del_compromiso_lleva_a_seguir_sin_formulario_con_csrf(client, compromiso):
    respuesta = client.get(compromiso.get_absolute_url())
    contenido = respuesta.content.decode()
    assert f'href="/seguir/compromiso/{compromiso.pk}/"' in contenido
    assert "csrfmiddlewaretoken" not in contenido
    assert not respuesta.cookies
    formulario = client.get(f"/seguir/compromiso/{compromiso.pk}/")
    assert formulario.status_code == 200
    assert "csrfmiddlewaretoken" in formulario.content.decode()
    assert "no-store" in formulario["Cache-Control"]


# --- El registro de seguibles y el historial público dicen lo mismo -------------------------


def test_cada_pertenencia_es_una_ruta_valida_del_modelo_vigente():
    from cocreacion.portal.cambios import seguibles

    for seguible in seguibles():
        for ambito, ruta in seguible.pertenencia.items():
            # La ruta se evalúa en la base: un nombre mal escrito falla aquí y no en un canal.
            list(seguible.modelo._default_manager.filter(**{f"{ruta}__in": [0]}).values("pk"))
            assert ambito in {"programa", "compromiso", "sujeto", "consulta"}, ambito


def test_cambios_entre_son_los_del_canal_de_cada_objeto(
    compromiso, sujeto_obligado, usuario_coordinacion
):
    from cocreacion.portal.cambios import cambios_entre, cambios_recientes
    from cocreacion.portal.seguimiento import objetos_seguibles

    _cambiar_hito(compromiso, usuario_coordinacion, estado="completado")
    sujeto_obligado.siglas = "SEPRU"
    guardar(sujeto_obligado, actor=usuario_coordinacion)
    hito = Hito.objects.filter(compromiso=compromiso).first()
    hito.responsable = sujeto_obligado
    servicios_stgao.hito_guardar(hito=hito, actor=usuario_coordinacion)
    desde = timezone.now() - dt.timedelta(days=1)
    hasta = timezone.now() + dt.timedelta(days=1)
    for ambito, objeto in [("compromiso", compromiso), ("sujeto", sujeto_obligado)]:
        del_canal = {c.version_id for c in cambios_recientes(limite=500, ambito=(ambito, objeto))}
        entre = cambios_entre(ambito=ambito, ids=[objeto.pk], desde=desde, hasta=hasta)
        assert {c.version_id for c in entre[objeto.pk]} == del_canal, ambito
        assert del_canal
    assert set(objetos_seguibles()) >= {"compromiso", "sujeto-obligado"}


@pytest.mark.postgresql
def test_dos_servidores_de_verdad_a_la_vez_en_postgresql(
    transactional_db, crear_compromiso, usuario_coordinacion, institucion
):
    """Dos procesos (hilos con su propia conexión) corren el resumen en el mismo instante."""
    import threading

    from django.db import connections

    compromiso = crear_compromiso("Presupuesto ciudadano", hitos=1)
    suscriptores = _suscriptores_confirmados(compromiso, 40)
    _cambiar_hito(compromiso, usuario_coordinacion)
    ahora = timezone.now() + dt.timedelta(minutes=10)
    salida = threading.Barrier(2)
    resultados, errores = [], []

    def servidor():
        try:
            salida.wait()
            resultados.append(services.resumen_diario_enviar(ahora=ahora, tam_lote=7).enviados)
        except Exception as exc:  # noqa: BLE001 - se revisa abajo
            errores.append(exc)
        finally:
            connections.close_all()

    hilos = [threading.Thread(target=servidor) for _ in range(2)]
    for hilo in hilos:
        hilo.start()
    for hilo in hilos:
        hilo.join()
    assert errores == []
    assert sum(resultados) == 40
    destinos = [m.to[0] for m in _resumenes()]
    assert sorted(destinos) == sorted(s.correo for s in suscriptores)


@pytest.mark.sqlite
def test_dos_servidores_en_sqlite_se_turnan(compromiso, usuario_coordinacion):
    """Contraparte en SQLite: escribe de uno en uno; la segunda corrida no repite nada."""
    _suscriptores_confirmados(compromiso, 10)
    _cambiar_hito(compromiso, usuario_coordinacion)
    assert _resumen(tam_lote=3).enviados == 10
    assert _resumen(tam_lote=4).enviados == 0
    assert len(_resumenes()) == 10


def test_comando_enviar_resumen_diario_dos_veces_un_correo(compromiso, usuario_coordinacion):
    import io

    from django.core.management import call_command

    from stgao.models import Compromiso, PlanAccionLocal

    # El comando toma la hora real y deja fuera los últimos minutos: todo pasó hace horas.
    hace = timezone.now() - dt.timedelta(hours=3)
    for modelo in (PlanAccionLocal, Compromiso, Hito):
        modelo.history.update(history_date=hace)
    _suscriptores_confirmados(compromiso, 2)
    Suscripcion.objects.update(confirmada_en=hace + dt.timedelta(hours=1))
    hito = _cambiar_hito(compromiso, usuario_coordinacion, estado="completado")
    Hito.history.filter(id=hito.pk, estado="completado").update(
        history_date=hace + dt.timedelta(hours=2)
    )
    # Las fechas se movieron a mano en el historial: el registro público se vuelve a llenar.
    reconstruir_registro()
    salida = io.StringIO()
    call_command("enviar_resumen_diario", stdout=salida)
    assert salida.getvalue().startswith("2 resúmenes enviados")
    call_command("enviar_resumen_diario", stdout=salida)
    assert "0 resúmenes enviados" in salida.getvalue()
    assert len(_resumenes()) == 2


@pytest.mark.django_db
def test_ningun_grupo_del_personal_tiene_permisos_sobre_las_suscripciones():
    """Las suscripciones guardan correos de personas sin cuenta: sólo el superusuario."""
    from django.contrib.auth.models import Group, Permission

    from cocreacion.permissions import GRUPOS, sincronizar_permisos_de_grupos

    sincronizar_permisos_de_grupos()
    de_suscripciones = Permission.objects.filter(
        content_type__app_label="participacion",
        content_type__model__in=["suscriptor", "suscripcion", "historicalsuscripcion"],
    )
    assert de_suscripciones.exists()
    for grupo in Group.objects.filter(name__in=GRUPOS):
        assert not grupo.permissions.filter(pk__in=de_suscripciones).exists(), grupo.name


# --- Consultas y propuestas ---------------------------------------------------------------


def test_seguir_una_propuesta_y_una_consulta_informa_su_respuesta(
    client, publicada, usuario_personal, django_capture_on_commit_callbacks
):
    from cocreacion.participacion import services as participacion

    consulta = publicada.consulta
    pagina = client.get(publicada.get_absolute_url()).content.decode()
    assert f"/seguir/propuesta/{publicada.pk}/" in pagina
    assert (
        f"/seguir/consulta/{consulta.pk}/"
        in client.get(consulta.get_absolute_url()).content.decode()
    )
    for ruta in (f"/seguir/propuesta/{publicada.pk}/", f"/seguir/consulta/{consulta.pk}/"):
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            assert client.post(ruta, {"correo": CORREO, "sitio_web": ""}).status_code == 302
        assert client.get(_enlace(mail.outbox[-1])).status_code == 200
    mail.outbox.clear()

    participacion.propuesta_avanzar(
        propuesta=publicada,
        codigo="analizar",
        respuesta="La revisamos con el área de presupuesto.",
        actor=usuario_personal,
    )
    with django_capture_on_commit_callbacks(execute=True):
        _resumen()
    (resumen,) = _resumenes()
    assert resumen.to == [CORREO]
    assert resumen.body.count("La revisamos con el área de presupuesto.") == 2  # las dos
    assert "En análisis" in resumen.body and publicada.titulo in resumen.body
    assert usuario_personal.username not in resumen.body


def test_una_propuesta_retirada_de_lo_publico_no_se_puede_seguir(client, consulta, enviar):
    sin_moderar = enviar(consulta, confirmar=True)
    assert client.get(f"/seguir/propuesta/{sin_moderar.pk}/").status_code == 404
