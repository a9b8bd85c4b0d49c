"""Moderación y respuesta en el admin: llaman a los servicios, y el correo nunca aparece."""

import pytest
from django.contrib import admin
from django.test import RequestFactory

from cocreacion.comun import formatos
from cocreacion.participacion.models import EstadoPropuesta, Moderacion, Propuesta
from cocreacion.participacion.transiciones import TRANSICIONES, disponibles

CORREO = "ana@ejemplo.mx"


def _ficha(propuesta):
    return f"/admin/participacion/propuesta/{propuesta.pk}/change/"


@pytest.fixture
def confirmada(consulta, enviar):
    return enviar(consulta, correo=CORREO, confirmar=True, nombre="Ana López")


def test_el_personal_publica_desde_la_ficha(client, confirmada, usuario_personal):
    client.force_login(usuario_personal)
    respuesta = client.post(_ficha(confirmada), {"paso": "publicar"})
    assert respuesta.status_code == 302, respuesta.content.decode()[:2000]
    propuesta = Propuesta.objects.get()
    assert propuesta.moderacion == Moderacion.PUBLICADA
    assert propuesta.history.first().history_user == usuario_personal


def test_rechazar_sin_motivo_muestra_el_error_junto_al_campo(client, confirmada, usuario_personal):
    client.force_login(usuario_personal)
    respuesta = client.post(_ficha(confirmada), {"paso": "rechazar"})
    assert respuesta.status_code == 200
    assert "Elija el motivo del rechazo" in respuesta.content.decode()
    assert Propuesta.objects.get().moderacion == Moderacion.PENDIENTE


def test_el_admin_ofrece_solo_los_pasos_de_la_tabla(client, publicada, usuario_coordinacion):
    client.force_login(usuario_coordinacion)
    html = client.get(_ficha(publicada)).content.decode()
    for paso in TRANSICIONES:
        ofrecido = f'value="{paso.codigo}"' in html
        assert ofrecido == (paso in disponibles(EstadoPropuesta.RECIBIDA)), paso.codigo


def test_incorporar_desde_el_admin(client, publicada, usuario_personal, crear_compromiso):
    compromiso = crear_compromiso()
    client.force_login(usuario_personal)
    r = client.post(_ficha(publicada), {"paso": "analizar", "texto_publico": "La revisamos."})
    assert r.status_code == 302
    sin_vinculo = client.post(_ficha(publicada), {"paso": "incorporar", "texto_publico": "Sí."})
    assert sin_vinculo.status_code == 200
    assert "Diga a qué se incorporó" in sin_vinculo.content.decode()
    r = client.post(
        _ficha(publicada),
        {"paso": "incorporar", "texto_publico": "Es el compromiso 1.", "compromiso": compromiso.pk},
    )
    assert r.status_code == 302
    propuesta = Propuesta.objects.get()
    assert propuesta.estado == EstadoPropuesta.INCORPORADA
    assert propuesta.compromiso == compromiso
    assert [p.a for p in propuesta.pasos.all()] == ["en_analisis", "incorporada"]


def test_un_salto_de_la_tabla_forjado_no_pasa(
    client, publicada, usuario_personal, crear_compromiso
):
    client.force_login(usuario_personal)
    r = client.post(
        _ficha(publicada),
        {"paso": "incorporar", "texto_publico": "x", "compromiso": crear_compromiso().pk},
    )
    assert r.status_code == 200
    assert Propuesta.objects.get().estado == EstadoPropuesta.RECIBIDA


def test_el_consejo_y_el_enlace_no_moderan(
    client, confirmada, usuario_consejo, crear_enlace, sujeto_obligado
):
    client.force_login(usuario_consejo)
    assert client.get(_ficha(confirmada)).status_code == 200
    assert client.post(_ficha(confirmada), {"paso": "publicar"}).status_code == 403
    client.force_login(crear_enlace(sujeto_obligado))
    assert client.get(_ficha(confirmada)).status_code == 403
    assert client.post(_ficha(confirmada), {"paso": "publicar"}).status_code == 403
    client.logout()
    assert client.post(_ficha(confirmada), {"paso": "publicar"}).status_code == 302  # al login
    assert Propuesta.objects.get().moderacion == Moderacion.PENDIENTE


def test_el_correo_nunca_aparece_en_el_admin(client, confirmada, usuario_coordinacion):
    client.force_login(usuario_coordinacion)
    client.post(_ficha(confirmada), {"paso": "publicar"})
    paginas = [
        "/admin/participacion/propuesta/",
        "/admin/participacion/propuesta/?q=ana",
        _ficha(confirmada),
        f"/admin/participacion/propuesta/{confirmada.pk}/history/",
    ]
    version = confirmada.history.order_by("-history_id").first().history_id
    paginas.append(f"/admin/participacion/propuesta/{confirmada.pk}/history/{version}/")
    for pagina in paginas:
        respuesta = client.get(pagina)
        assert respuesta.status_code == 200, pagina
        html = respuesta.content.decode()
        assert CORREO not in html and confirmada.huella_correo not in html, pagina
    assert Propuesta.objects.get().correo == CORREO  # sigue guardado para avisarle


def test_la_exportacion_no_lleva_el_correo(confirmada, usuario_coordinacion):
    modelo_admin = admin.site._registry[Propuesta]
    peticion = RequestFactory().get("/")
    peticion.user = usuario_coordinacion
    datos = modelo_admin.get_export_data(
        formatos.CSV(), peticion, modelo_admin.get_queryset(peticion)
    )
    texto = datos if isinstance(datos, str) else datos.decode()
    assert confirmada.titulo in texto and "Ana López" in texto
    assert CORREO not in texto and confirmada.huella_correo not in texto
    assert "correo" not in texto.splitlines()[0]


def test_la_coordinacion_cierra_una_consulta_con_la_accion(
    client, consulta, usuario_coordinacion, usuario_personal
):
    client.force_login(usuario_personal)
    lista = client.get("/admin/participacion/consulta/").content.decode()
    assert "cerrar_ahora" not in lista
    client.force_login(usuario_coordinacion)
    r = client.post(
        "/admin/participacion/consulta/",
        {"action": "cerrar_ahora", "_selected_action": [consulta.pk]},
    )
    assert r.status_code == 302
    consulta.refresh_from_db()
    assert not consulta.abierta()


def test_el_personal_no_publica_consultas_con_un_envio_forjado(
    client, crear_consulta, usuario_personal
):
    borrador = crear_consulta(publicada=False)
    client.force_login(usuario_personal)
    datos = {
        "titulo": borrador.titulo,
        "slug": borrador.slug,
        "pregunta": borrador.pregunta,
        "reglas": "",
        "inicio_0": "2030-01-01",
        "inicio_1": "09:00",
        "cierre_0": "2030-02-01",
        "cierre_1": "09:00",
        "destino": "plan_accion_local",
        "publicada": "on",
    }
    client.post(f"/admin/participacion/consulta/{borrador.pk}/change/", datos)
    borrador.refresh_from_db()
    assert not borrador.publicada
