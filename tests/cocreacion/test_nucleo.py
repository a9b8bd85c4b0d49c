"""Cimientos: configuración, salud, CSP, páginas del catálogo, historial y carga de datos."""

import os
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest
from django.core.management import call_command
from django.db import OperationalError
from django.urls import reverse

from cocreacion.models import Institucion, SujetoObligado
from tests.datos_abiertos.ayudas import mapa_del_sitio

RAIZ = Path(__file__).resolve().parents[2]


def _manage(*args, **entorno):
    quitar = {"SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {k: v for k, v in os.environ.items() if k not in quitar}
    env.update(entorno, DJANGO_SETTINGS_MODULE="cocreacion.settings.production")
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args], cwd=RAIZ, env=env, capture_output=True, text=True
    )


def test_produccion_no_arranca_sin_clave_secreta():
    resultado = _manage("check", ALLOWED_HOSTS="portal.example.org")
    assert resultado.returncode != 0
    assert "Falta la variable de entorno SECRET_KEY" in resultado.stderr


def test_produccion_no_arranca_sin_hosts_permitidos():
    resultado = _manage("check", SECRET_KEY="x" * 64)
    assert resultado.returncode != 0
    assert "Falta la variable de entorno ALLOWED_HOSTS" in resultado.stderr


def test_check_deploy_limpio_con_sus_variables():
    resultado = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY="k7#Qm2!vX9@pL4$wZ8^nR1&cT6*yB3(hJ5)fD0_sG-aE+uW=iO",
        ALLOWED_HOSTS="portal.example.org",
    )
    assert resultado.returncode == 0, resultado.stdout + resultado.stderr


@pytest.mark.django_db
def test_salud_responde_con_la_base_de_datos(client):
    respuesta = client.get("/salud/")
    assert respuesta.status_code == 200
    assert respuesta.json() == {"estado": "bien"}


@pytest.mark.django_db
def test_salud_avisa_si_la_base_de_datos_no_responde(client):
    with mock.patch("cocreacion.views.connection.cursor", side_effect=OperationalError("caída")):
        respuesta = client.get("/salud/")
    assert respuesta.status_code == 503


@pytest.mark.django_db
def test_base_de_datos_caida_da_pagina_503_en_espanol(client):
    with mock.patch(
        "cocreacion.views.sujetos_obligados_para_catalogo", side_effect=OperationalError("caída")
    ):
        respuesta = client.get("/sujetos-obligados/")
    assert respuesta.status_code == 503
    assert "no está disponible por el momento" in respuesta.content.decode()
    assert respuesta["Retry-After"] == "30"
    # y se recupera sola en la siguiente petición
    assert client.get("/sujetos-obligados/").status_code == 200


@pytest.mark.django_db
def test_paginas_publicas_con_csp_estricta(client, institucion):
    respuesta = client.get("/")
    politica = respuesta["Content-Security-Policy"]
    assert "default-src 'self'" in politica
    assert "unsafe-inline" not in politica
    assert respuesta["X-Frame-Options"] == "DENY"
    assert respuesta["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
def test_historial_del_admin_tiene_excepcion_estrecha(client, superusuario, sujeto_obligado):
    client.force_login(superusuario)
    historial = client.get(
        reverse("admin:cocreacion_sujetoobligado_history", args=[sujeto_obligado.pk])
    )
    edicion = client.get(
        reverse("admin:cocreacion_sujetoobligado_change", args=[sujeto_obligado.pk])
    )
    assert "style-src-attr 'unsafe-inline'" in historial["Content-Security-Policy"]
    assert "unsafe-inline" not in edicion["Content-Security-Policy"]


@pytest.mark.django_db
def test_institucion_viene_del_registro_editable(client, institucion):
    institucion.nombre = "Instituto de Transparencia para el Pueblo de Oaxaca"
    institucion.siglas = "ITPO"
    institucion.redes_sociales = "@ITPOaxaca"
    institucion.save()
    contenido = client.get("/").content.decode()
    assert "Instituto de Transparencia para el Pueblo de Oaxaca" in contenido
    assert "ITPO" in contenido
    assert "IAIP" not in contenido


@pytest.mark.django_db
def test_catalogo_de_sujetos_filtra_y_pagina(client, catalogos):
    respuesta = client.get("/sujetos-obligados/", {"tipo": "municipio"})
    assert respuesta.context["total"] == 570
    assert len(respuesta.context["pagina"].object_list) == 50
    respuesta = client.get("/sujetos-obligados/", {"q": "SECRETARIA de seguridad"})
    assert [s.slug for s in respuesta.context["pagina"]] == ["secretaria-de-seguridad"]


@pytest.mark.django_db
def test_catalogo_con_parametros_invalidos_no_falla(client, catalogos):
    respuesta = client.get("/sujetos-obligados/", {"tipo": "<script>", "pagina": "x' OR 1=1"})
    assert respuesta.status_code == 200
    assert "<script>" not in respuesta.content.decode()


@pytest.mark.django_db
def test_consultas_del_catalogo_no_crecen_con_las_filas(client, django_assert_num_queries):
    def crear(n, desde):
        for i in range(desde, desde + n):
            SujetoObligado.objects.create(
                nombre=f"Sujeto {i}", tipo="poder_ejecutivo", orden="estatal"
            )

    crear(2, 0)
    with django_assert_num_queries(4) as pocas:
        client.get("/sujetos-obligados/")
    crear(40, 100)
    with django_assert_num_queries(len(pocas.captured_queries)):
        client.get("/sujetos-obligados/")


@pytest.mark.django_db
def test_ficha_inexistente_da_404_en_espanol(client, institucion):
    respuesta = client.get("/sujetos-obligados/no-existe/")
    assert respuesta.status_code == 404
    assert "No encontramos esta página" in respuesta.content.decode()


@pytest.mark.django_db
def test_cambio_en_admin_queda_en_historial_a_nombre_de_quien_lo_hizo(
    client, usuario_personal, sujeto_obligado
):
    client.force_login(usuario_personal)
    url = reverse("admin:cocreacion_sujetoobligado_change", args=[sujeto_obligado.pk])
    respuesta = client.post(
        url,
        {
            "nombre": "Secretaría de Prueba Renombrada",
            "siglas": "SP",
            "slug": sujeto_obligado.slug,
            "tipo": "poder_ejecutivo",
            "orden": "estatal",
            "activo": "on",
        },
    )
    assert respuesta.status_code == 302
    ultima = sujeto_obligado.history.first()
    assert ultima.nombre == "Secretaría de Prueba Renombrada"
    assert ultima.history_user == usuario_personal


@pytest.mark.django_db
def test_personal_dga_no_puede_eliminar(client, usuario_personal, sujeto_obligado):
    client.force_login(usuario_personal)
    url = reverse("admin:cocreacion_sujetoobligado_delete", args=[sujeto_obligado.pk])
    assert client.get(url).status_code == 403


@pytest.mark.django_db
def test_cargar_datos_reales_no_pisa_lo_editado():
    call_command("cargar_datos_reales", verbosity=0)
    institucion = Institucion.objects.actual()
    institucion.organo_aprobador = "Pleno"
    institucion.save()
    total = SujetoObligado.objects.count()
    call_command("cargar_datos_reales", verbosity=0)
    assert Institucion.objects.actual().organo_aprobador == "Pleno"
    assert SujetoObligado.objects.count() == total


@pytest.mark.django_db
def test_bloqueo_tras_intentos_fallidos(client, usuario_personal, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/admin/login/", {"username": "analista", "password": "equivocada"})
    respuesta = client.post(
        "/admin/login/", {"username": "analista", "password": "contraseña-de-prueba-larga"}
    )
    assert respuesta.status_code == 429
    assert "Acceso bloqueado temporalmente" in respuesta.content.decode()


def test_robots_excluye_el_admin(client):
    contenido = client.get("/robots.txt").content.decode()
    assert "Disallow: /admin/" in contenido


@pytest.mark.django_db
def test_sitemap_lista_paginas_y_sujetos_activos(client, catalogos):
    SujetoObligado.objects.filter(slug="pri").update(activo=False)
    contenido = mapa_del_sitio(client)
    assert "<loc>http://testserver/programa/</loc>" in contenido
    assert "/sujetos-obligados/secretaria-de-seguridad/" in contenido
    assert "/sujetos-obligados/pri/" not in contenido


def test_fechas_con_el_mes_en_minuscula_como_se_escribe_en_espanol():
    import datetime as dt

    from django.utils import formats, translation

    with translation.override("es-mx"):
        assert formats.date_format(dt.date(2021, 1, 15)) == "15 de enero de 2021"
        assert formats.date_format(dt.date(2021, 9, 1), "F") == "septiembre"


@pytest.mark.django_db
def test_el_mapa_del_sitio_es_un_indice_de_secciones_paginadas(client, catalogos, monkeypatch):
    from cocreacion.portal import sitemaps

    indice = client.get("/sitemap.xml")
    assert indice.status_code == 200
    assert "<sitemapindex" in indice.content.decode()
    assert "http://testserver/sitemap-sujetos.xml</loc>" in indice.content.decode()
    # Con una página de una dirección, cada sujeto activo va en su propia página.
    monkeypatch.setattr(sitemaps.SujetosObligados, "limit", 1)
    activos = SujetoObligado.objects.activos().exclude(slug="").count()
    assert activos > 1
    contenido = client.get("/sitemap.xml").content.decode()
    assert f"sitemap-sujetos.xml?p={activos}</loc>" in contenido
    assert client.get(f"/sitemap-sujetos.xml?p={activos}").status_code == 200
    assert client.get(f"/sitemap-sujetos.xml?p={activos + 1}").status_code == 404
    for direccion in ("/sitemap-no-existe.xml", "/sitemap-sujetos.xml?p=abc"):
        assert client.get(direccion).status_code == 404, direccion
