"""Páginas públicas de participación: lo publicado, sin fugas, con consultas constantes."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from cocreacion.participacion import services
from cocreacion.participacion.models import Apoyo, Propuesta
from tests.datos_abiertos.ayudas import mapa_del_sitio

from .conftest import enlace_de

HOSTIL = '<script>alert("x")</script><b>negrita</b>'


def contar(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as consultas:
        respuesta = client.get(url)
    assert respuesta.status_code == 200, url
    return len(consultas)


# ── Lo público y lo que no ──────────────────────────────────────────────────────────────


def test_un_borrador_nunca_se_ve(client, crear_consulta):
    borrador = crear_consulta(slug="borrador-secreto", titulo="Consulta secreta", publicada=False)
    assert "Consulta secreta" not in client.get("/participa/").content.decode()
    for ruta in ("", "proponer/"):
        assert client.get(f"/participa/{borrador.slug}/{ruta}").status_code == 404


def test_la_vista_previa_de_un_borrador_es_del_personal(client, crear_consulta, usuario_personal):
    borrador = crear_consulta(slug="borrador-previo", publicada=False)
    client.force_login(usuario_personal)
    respuesta = client.get(borrador.get_absolute_url())
    assert respuesta.status_code == 200
    assert "no-store" in respuesta["Cache-Control"]


def test_una_propuesta_sin_confirmar_o_sin_moderar_no_se_ve(client, consulta, enviar):
    sin_confirmar = enviar(consulta, titulo="Sin confirmar", correo="a@ejemplo.mx")
    sin_moderar = enviar(consulta, titulo="Sin moderar", correo="b@ejemplo.mx", confirmar=True)
    html = client.get(consulta.get_absolute_url()).content.decode()
    assert "Sin confirmar" not in html and "Sin moderar" not in html
    for propuesta in (sin_confirmar, sin_moderar):
        assert client.get(propuesta.get_absolute_url()).status_code == 404
        assert client.get(f"{propuesta.get_absolute_url()}apoyar/").status_code == 404


def test_una_propuesta_publicada_con_su_estado_y_apoyos_sin_correos(client, publicada, apoyar):
    apoyar(publicada, "carla@ejemplo.mx")
    for url in (publicada.consulta.get_absolute_url(), publicada.get_absolute_url()):
        html = client.get(url).content.decode()
        assert publicada.titulo in html
        assert "1 apoyo" in html or "<strong>1</strong> apoyo" in html, url
        assert "Recibida" in html and "Ana López" in html
        assert "@ejemplo.mx" not in html


def test_el_texto_hostil_se_escapa(client, consulta, enviar, usuario_personal):
    propuesta = enviar(consulta, titulo=HOSTIL, texto=HOSTIL, nombre=HOSTIL, confirmar=True)
    services.propuesta_publicar(propuesta=propuesta, actor=usuario_personal)
    for url in (consulta.get_absolute_url(), propuesta.get_absolute_url()):
        html = client.get(url).content.decode()
        assert "<script>alert" not in html and "<b>negrita" not in html
        assert "&lt;script&gt;" in html


# ── Formularios ─────────────────────────────────────────────────────────────────────────


DATOS = {
    "titulo": "Datos de los mercados",
    "problema": "No se sabe cuánto cobran los mercados.",
    "texto": "Publicar las cuotas de cada mercado.",
    "correo": "lu@ejemplo.mx",
    "nombre": "",
    "organizacion": "",
    "municipio": "",
    "sitio_web": "",
}


def test_enviar_confirmar_y_publicar_por_las_paginas(
    client, consulta, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        with_callbacks = client.post(f"/participa/{consulta.slug}/proponer/", DATOS)
    assert with_callbacks.status_code == 302
    assert with_callbacks["Location"] == f"/participa/{consulta.slug}/proponer/enviada/"
    token = enlace_de(mailoutbox)
    url = f"/participa/confirmar/propuesta/{token}/"
    assert client.get(url).status_code == 200
    assert Propuesta.objects.get().confirmada_en is None  # abrir la liga no confirma
    assert "Propuesta confirmada" in client.post(url).content.decode()
    propuesta = Propuesta.objects.get()
    assert propuesta.confirmada_en is not None
    assert propuesta.autoria == "Anónimo"


def test_los_errores_quedan_junto_a_su_campo(client, consulta):
    respuesta = client.post(f"/participa/{consulta.slug}/proponer/", {**DATOS, "correo": "no"})
    assert respuesta.status_code == 400
    html = respuesta.content.decode()
    assert 'aria-describedby="error_correo id_correo_helptext"' in html
    assert 'aria-invalid="true"' in html and "autofocus" in html
    assert 'id="error_correo"' in html and 'href="#id_correo"' in html
    assert not Propuesta.objects.exists()


def test_la_trampa_no_guarda_nada(client, consulta, mailoutbox, publicada):
    antes = len(mailoutbox)
    r = client.post(f"/participa/{consulta.slug}/proponer/", {**DATOS, "sitio_web": "http://x"})
    assert r.status_code == 302  # el programa cree que funcionó
    r = client.post(
        f"{publicada.get_absolute_url()}apoyar/", {"correo": "bot@ejemplo.mx", "sitio_web": "x"}
    )
    assert r.status_code == 302
    assert Propuesta.objects.count() == 1 and not Apoyo.objects.exists()
    assert len(mailoutbox) == antes


def test_la_trampa_se_oculta_con_la_hoja_de_estilos(client, consulta):
    html = client.get(f"/participa/{consulta.slug}/proponer/").content.decode()
    assert 'class="campo-trampa"' in html and "style=" not in html


def test_el_limite_responde_429_con_su_mensaje(client, consulta, settings):
    settings.PARTICIPACION_LIMITES = {"propuesta_ip": (1, 3600)}
    assert client.post(f"/participa/{consulta.slug}/proponer/", DATOS).status_code == 302
    segunda = client.post(
        f"/participa/{consulta.slug}/proponer/", {**DATOS, "correo": "otro@ejemplo.mx"}
    )
    assert segunda.status_code == 429
    assert "demasiados envíos" in segunda.content.decode()


def test_fuera_del_periodo_no_hay_formulario(client, crear_consulta):
    from datetime import timedelta

    from django.utils import timezone

    cerrada = crear_consulta(
        slug="cerrada",
        inicio=timezone.now() - timedelta(days=9),
        cierre=timezone.now() - timedelta(days=1),
    )
    html = client.get(f"/participa/{cerrada.slug}/proponer/").content.decode()
    assert "ya no recibe propuestas" in html and '<form method="post"' not in html
    r = client.post(f"/participa/{cerrada.slug}/proponer/", {**DATOS, "correo": "z@ejemplo.mx"})
    assert r.status_code == 400 and not Propuesta.objects.exists()


def test_un_enlace_alterado_da_400_en_espanol(client, db):
    r = client.post("/participa/confirmar/propuesta/no-es-un-enlace/")
    assert r.status_code == 400
    assert "no es válido" in r.content.decode()


def test_apoyar_por_las_paginas(client, publicada, mailoutbox, django_capture_on_commit_callbacks):
    url = f"{publicada.get_absolute_url()}apoyar/"
    with django_capture_on_commit_callbacks(execute=True):
        r = client.post(url, {"correo": "mia@ejemplo.mx", "sitio_web": ""})
    assert r.status_code == 302
    client.post(f"/participa/confirmar/apoyo/{enlace_de(mailoutbox, 'apoyo')}/")
    assert "<strong>1</strong> apoyo" in client.get(publicada.get_absolute_url()).content.decode()


def test_borrar_por_las_paginas(client, publicada, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        r = client.post(
            "/participa/mis-datos/borrar/", {"correo": "ana@ejemplo.mx", "sitio_web": ""}
        )
    assert r.status_code == 302
    url = f"/participa/mis-datos/borrar/{enlace_de(mailoutbox, 'mis-datos')}/"
    assert "1 propuesta y 0 apoyos" in client.get(url).content.decode()
    hecho = client.post(url).content.decode()
    assert "Sus datos se borraron" in hecho
    assert "de 1 propuesta, que ahora aparece como «Anónimo», y se borraron 0 apoyos." in hecho
    html = client.get(publicada.get_absolute_url()).content.decode()
    assert "Ana López" not in html and "Anónimo" in html


def test_el_aviso_de_privacidad_se_enlaza_desde_cada_formulario(client, publicada):
    for url in (
        f"/participa/{publicada.consulta.slug}/proponer/",
        f"{publicada.get_absolute_url()}apoyar/",
        "/participa/mis-datos/borrar/",
    ):
        assert 'href="/participa/aviso-de-privacidad/"' in client.get(url).content.decode(), url
    html = client.get("/participa/aviso-de-privacidad/").content.decode()
    for tema in ("Qué guardamos", "Para qué", "Cuánto tiempo", "Cómo pedir que se borren"):
        assert tema in html


# ── Caché de páginas ───────────────────────────────────────────────────────────────────


@pytest.mark.django_db(transaction=True)
def test_un_formulario_con_csrf_nunca_sale_de_la_cache(consulta, institucion):
    from cocreacion.operacion.cache_paginas import invalidar

    invalidar()
    url = f"/participa/{consulta.slug}/proponer/"
    primera = Client().get(url)
    assert "no-store" in primera["Cache-Control"]
    token_1 = primera.cookies["csrftoken"].value
    segunda = Client().get(url)  # otra persona
    assert segunda.cookies["csrftoken"].value != token_1
    # La página de la consulta, sin formulario, sí se guarda para visitantes anónimos.
    lectura = Client().get(consulta.get_absolute_url())
    assert "public" in lectura["Cache-Control"]


# ── Vínculo en ambos sentidos ───────────────────────────────────────────────────────────


def test_el_vinculo_se_navega_en_ambos_sentidos(
    client, publicada, usuario_personal, crear_compromiso
):
    compromiso = crear_compromiso(titulo="Mercados abiertos", hitos=2)
    hito = compromiso.hitos.get(numero=2)
    services.propuesta_avanzar(
        propuesta=publicada, codigo="analizar", respuesta="Lo vemos.", actor=usuario_personal
    )
    services.propuesta_avanzar(
        propuesta=publicada,
        codigo="incorporar",
        respuesta="Se volvió el hito 2.",
        actor=usuario_personal,
        hito=hito,
    )
    html = client.get(compromiso.get_absolute_url()).content.decode()
    assert "Propuestas ciudadanas de las que surgió" in html
    assert publicada.get_absolute_url() in html
    html = client.get(publicada.get_absolute_url()).content.decode()
    assert "Mercados abiertos" in html and compromiso.get_absolute_url() in html
    assert "Hito 2" in html and "(el de esta propuesta)" in html
    assert "Se volvió el hito 2." in html
    # Si el compromiso se retira, la propuesta ya no lo muestra.
    compromiso.publicado = False
    compromiso.save()
    html = client.get(publicada.get_absolute_url()).content.decode()
    assert "Mercados abiertos" not in html and "aún no es público" in html


# ── Consultas constantes ───────────────────────────────────────────────────────────────


def test_mismas_consultas_con_1_y_con_20(
    client, crear_consulta, enviar, usuario_personal, apoyar, crear_compromiso
):
    consulta = crear_consulta(slug="constante")
    compromiso = crear_compromiso(hitos=1)

    def publicar(i):
        p = enviar(
            consulta, correo=f"p{i}@ejemplo.mx", confirmar=True, titulo=f"P{i}", ip=f"10.3.0.{i}"
        )
        services.propuesta_publicar(propuesta=p, actor=usuario_personal)
        services.propuesta_avanzar(
            propuesta=p, codigo="analizar", respuesta="r", actor=usuario_personal
        )
        services.propuesta_avanzar(
            propuesta=p,
            codigo="incorporar",
            respuesta="r",
            actor=usuario_personal,
            compromiso=compromiso,
        )
        apoyar(p, f"a{i}@ejemplo.mx", ip=f"10.4.0.{i}")
        return p

    primera = publicar(0)
    urls = [
        "/participa/",
        consulta.get_absolute_url(),
        primera.get_absolute_url(),
        f"{primera.get_absolute_url()}apoyar/",
        compromiso.get_absolute_url(),
    ]
    antes = [contar(client, u) for u in urls]
    for i in range(1, 20):
        publicar(i)
        crear_consulta(slug=f"otra-{i}")
    despues = [contar(client, u) for u in urls]
    assert antes == despues
    assert despues[:4] == [2, 5, 10, 3], despues


def test_el_mapa_del_sitio_solo_lleva_lo_publico(client, publicada, crear_consulta, enviar):
    borrador = crear_consulta(slug="borrador-del-mapa", publicada=False)
    pendiente = enviar(publicada.consulta, correo="b@ejemplo.mx", confirmar=True)
    xml = mapa_del_sitio(client)
    assert "/participa/</loc>" in xml
    assert publicada.consulta.get_absolute_url() in xml
    assert publicada.get_absolute_url() in xml
    assert borrador.get_absolute_url() not in xml
    assert pendiente.get_absolute_url() not in xml


def test_pedir_un_apoyo_no_vacia_la_cache_y_confirmarlo_si(
    publicada, apoyar, mailoutbox, monkeypatch
):
    from cocreacion.operacion import cache_paginas

    llamadas = []
    monkeypatch.setattr(cache_paginas, "invalidar", lambda: llamadas.append(1))
    apoyar(publicada, "nube@ejemplo.mx", confirmar=False)
    assert llamadas == []  # un apoyo sin confirmar no cambia ninguna página
    services.apoyo_confirmar(token=enlace_de(mailoutbox, "apoyo"))
    assert llamadas
