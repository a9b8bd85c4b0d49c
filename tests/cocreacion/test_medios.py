# ruff: noqa: F811
"""Archivos subidos: sólo se bajan si el registro es visible, con encabezados seguros."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from cocreacion.models import Institucion
from oela.models import Avance, EstadoPrograma
from stgao import services
from stgao.models import Sesion
from tests.oela.conftest import generar_programa
from tests.stgao.conftest import crear_compromiso, crear_sesion, plan  # noqa: F401

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
HTML = b"<html><body><script>alert(1)</script></body></html>\n"
CSV_CON_HTML = b"nombre,valor\n<script>alert(1)</script>,1\n"


@pytest.fixture(autouse=True)
def medios(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.MEDIOS_X_ACCEL_REDIRECT = ""
    return tmp_path


def evidencia(compromiso, actor, nombre="informe final.pdf", contenido=PDF):
    return services.evidencia_agregar(
        hito=compromiso.hitos.first(),
        descripcion="Informe",
        archivo=SimpleUploadedFile(nombre, contenido),
        actor=actor,
    )


def bajar(client, archivo):
    respuesta = client.get(archivo.url)
    cuerpo = b"".join(respuesta.streaming_content) if respuesta.streaming else respuesta.content
    return respuesta, cuerpo


def test_evidencia_publica_se_baja_en_linea_con_encabezados_seguros(
    client, crear_compromiso, usuario_coordinacion
):
    compromiso = crear_compromiso("Presupuesto abierto", hitos=1)
    e = evidencia(compromiso, usuario_coordinacion)
    assert e.archivo.url.startswith("/media/stgao/evidencias/")
    respuesta, cuerpo = bajar(client, e.archivo)
    assert respuesta.status_code == 200 and cuerpo == PDF
    assert respuesta["Content-Type"] == "application/pdf"
    assert respuesta["Content-Disposition"] == (
        f'inline; filename="evidencia-{compromiso.slug}-hito-1-{e.pk}.pdf"'
    )
    assert respuesta["X-Content-Type-Options"] == "nosniff"
    assert respuesta["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert respuesta["Cache-Control"] == "public, max-age=3600"
    assert client.post(e.archivo.url).status_code == 405


def test_evidencia_de_compromiso_en_borrador_no_se_baja_sin_permiso(
    client,
    crear_compromiso,
    usuario_coordinacion,
    usuario_personal,
    sujeto_obligado,
    otro_sujeto_obligado,
    crear_enlace,
):
    compromiso = crear_compromiso("Borrador", hitos=1, publicado=False)
    e = evidencia(compromiso, usuario_coordinacion)
    assert client.get(e.archivo.url).status_code == 404
    # El enlace de otro sujeto obligado tampoco; el del responsable y el personal sí.
    client.force_login(crear_enlace(otro_sujeto_obligado, "ajeno"))
    assert client.get(e.archivo.url).status_code == 404
    client.force_login(crear_enlace(sujeto_obligado, "propio"))
    respuesta, cuerpo = bajar(client, e.archivo)
    assert respuesta.status_code == 200 and cuerpo == PDF
    assert respuesta["Cache-Control"] == "private, no-store"
    client.force_login(usuario_personal)
    assert client.get(e.archivo.url).status_code == 200
    # Al publicarse, cualquiera lo baja.
    client.logout()
    compromiso.publicado = True
    services.compromiso_guardar(compromiso=compromiso, actor=usuario_coordinacion)
    assert client.get(e.archivo.url).status_code == 200


def test_texto_con_html_se_descarga_como_csv_nunca_como_html(
    client, crear_compromiso, usuario_coordinacion
):
    e = evidencia(crear_compromiso(hitos=1), usuario_coordinacion, "tabla.csv", CSV_CON_HTML)
    respuesta, _ = bajar(client, e.archivo)
    assert respuesta["Content-Type"] == "text/csv; charset=utf-8"
    assert respuesta["Content-Disposition"].startswith("attachment; ")
    assert respuesta["Content-Disposition"].endswith('.csv"')
    assert respuesta["X-Content-Type-Options"] == "nosniff"


def test_contenido_que_no_coincide_con_la_extension_se_baja_como_binario(
    client, crear_compromiso, usuario_coordinacion
):
    e = evidencia(crear_compromiso(hitos=1), usuario_coordinacion)
    # Alguien cambió el archivo en el disco después de validarlo.
    with default_storage.open(e.archivo.name, "wb") as archivo:
        archivo.write(HTML)
    respuesta, _ = bajar(client, e.archivo)
    assert respuesta["Content-Type"] == "application/octet-stream"
    assert respuesta["Content-Disposition"].startswith("attachment; ")
    assert respuesta["Content-Disposition"].endswith('.bin"')


def test_solo_se_sirve_lo_declarado_y_nada_fuera_de_media(client, medios):
    default_storage.save("suelto/huerfano.pdf", ContentFile(PDF))
    assert client.get("/media/suelto/huerfano.pdf").status_code == 404
    assert client.get("/media/../settings.py").status_code == 404
    assert client.get("/media/stgao/evidencias/no-existe.pdf").status_code == 404


def test_acta_firmada_solo_de_sesiones_publicadas(client, crear_sesion, usuario_coordinacion):
    borrador = crear_sesion(publicada=False)
    borrador.acta_firmada = SimpleUploadedFile("acta.pdf", PDF)
    services.sesion_guardar(sesion=borrador, actor=usuario_coordinacion)
    assert "acta" not in borrador.acta_firmada.name.rsplit("/", 1)[-1]
    assert client.get(borrador.acta_firmada.url).status_code == 404
    Sesion.objects.filter(pk=borrador.pk).update(publicada=True)
    respuesta, cuerpo = bajar(client, borrador.acta_firmada)
    assert cuerpo == PDF
    assert respuesta["Content-Disposition"] == (
        f'inline; filename="acta-firmada-{borrador.clave.replace("/", "-").lower()}.pdf"'
    )


def test_x_accel_redirect_deja_el_envio_a_nginx(
    client, settings, crear_compromiso, usuario_coordinacion
):
    settings.MEDIOS_X_ACCEL_REDIRECT = "/media-protegido/"
    e = evidencia(crear_compromiso(hitos=1), usuario_coordinacion)
    respuesta = client.get(e.archivo.url)
    assert respuesta.status_code == 200 and respuesta.content == b""
    assert respuesta["X-Accel-Redirect"] == f"/media-protegido/{e.archivo.name}"
    assert respuesta["Content-Type"] == "application/pdf"
    assert respuesta["X-Content-Type-Options"] == "nosniff"
    # Un borrador ni siquiera llega a nginx.
    oculto = evidencia(crear_compromiso(hitos=1, publicado=False), usuario_coordinacion, "otro.pdf")
    assert "X-Accel-Redirect" not in client.get(oculto.archivo.url)


def test_evidencia_de_avance_nombre_aleatorio_validada_y_publica_con_su_programa(client):
    programa = generar_programa(
        2031, objetivos=1, estrategias=1, lineas=1, acciones=1, estado=EstadoPrograma.BORRADOR
    )
    accion = programa.objetivos.get().estrategias.get().lineas.get().acciones.get()
    avance = Avance(accion=accion, mes=1, realizado=1)
    avance.evidencia = SimpleUploadedFile("lista de asistencia.exe", PDF)
    with pytest.raises(ValidationError, match="no es de un tipo admitido"):
        avance.full_clean()
    avance.evidencia = SimpleUploadedFile("lista de asistencia.pdf", PDF)
    avance.full_clean()
    avance.save()
    assert avance.evidencia.name.startswith("oela/evidencias/")
    assert "asistencia" not in avance.evidencia.name
    assert client.get(avance.evidencia.url).status_code == 404
    programa.estado = EstadoPrograma.PUBLICADO
    programa.save()
    respuesta, cuerpo = bajar(client, avance.evidencia)
    assert cuerpo == PDF and respuesta["Content-Type"] == "application/pdf"


def test_logotipo_nombre_aleatorio_solo_imagenes(client, institucion):
    institucion.logo = SimpleUploadedFile("logo.svg", b"<svg onload='alert(1)'/>")
    with pytest.raises(ValidationError):
        institucion.full_clean()
    institucion.logo = SimpleUploadedFile("mi logo.png", PNG)
    institucion.clean_fields(exclude=[f.name for f in Institucion._meta.fields if f.name != "logo"])
    institucion.save()
    assert (
        institucion.logo.name.startswith("institucion/")
        and "logo" not in (institucion.logo.name.rsplit("/", 1)[-1])
    )
    respuesta, cuerpo = bajar(client, institucion.logo)
    assert cuerpo == PNG and respuesta["Content-Type"] == "image/png"
    assert respuesta["Content-Disposition"].startswith("inline; ")
