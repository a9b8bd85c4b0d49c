# ruff: noqa: F811
"""Disco lleno a la mitad de una subida: ni archivo parcial, ni registro, y un aviso claro."""

import errno
import os

import pytest
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile

from cocreacion.operacion.almacenamiento import AlmacenamientoSinArchivosParciales
from stgao import services
from stgao.models import Evidencia
from tests.stgao.conftest import crear_compromiso, plan  # noqa: F401

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n" + b"1 0 obj<<>>endobj\n" * 200 + b"trailer<<>>\n%%EOF\n"


class ArchivoQueLlenaElDisco:
    """Escribe la mitad de lo que recibe y falla como un disco lleno."""

    def __init__(self, archivo):
        self._archivo = archivo

    def write(self, datos):
        self._archivo.write(datos[: len(datos) // 2])
        self._archivo.flush()
        raise OSError(errno.ENOSPC, "No space left on device")

    def __getattr__(self, nombre):
        return getattr(self._archivo, nombre)


@pytest.fixture
def medios(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def disco_lleno(monkeypatch, medios):
    """Toda escritura dentro de MEDIA_ROOT se corta a la mitad con ``ENOSPC``."""
    original = os.fdopen

    def fdopen(fd, *args, **kwargs):
        archivo = original(fd, *args, **kwargs)
        if os.readlink(f"/proc/self/fd/{fd}").startswith(str(medios)):
            return ArchivoQueLlenaElDisco(archivo)
        return archivo

    monkeypatch.setattr(os, "fdopen", fdopen)


def archivos_en(carpeta):
    return [p for p in carpeta.rglob("*") if p.is_file()]


@pytest.fixture
def hito(crear_compromiso):
    return crear_compromiso(hitos=1).hitos.get()


def test_la_simulacion_deja_basura_con_el_almacenamiento_de_django(medios, disco_lleno):
    """Por qué existe ``AlmacenamientoSinArchivosParciales``: el de Django deja el parcial."""
    with pytest.raises(OSError, match="No space"):
        FileSystemStorage(location=medios).save("x/informe.pdf", SimpleUploadedFile("i", PDF))
    (parcial,) = archivos_en(medios)
    assert 0 < parcial.stat().st_size < len(PDF)


def test_el_almacenamiento_del_portal_no_deja_parciales(medios, disco_lleno):
    with pytest.raises(OSError, match="No space"):
        AlmacenamientoSinArchivosParciales(location=medios).save(
            "x/informe.pdf", SimpleUploadedFile("i", PDF)
        )
    assert archivos_en(medios) == []


def test_servicio_con_disco_lleno_no_deja_archivo_ni_registro(
    hito, usuario_coordinacion, medios, disco_lleno
):
    with pytest.raises(OSError):
        services.evidencia_agregar(
            hito=hito,
            descripcion="Minuta",
            archivo=SimpleUploadedFile("minuta.pdf", PDF),
            actor=usuario_coordinacion,
        )
    assert archivos_en(medios) == []
    assert not Evidencia.objects.exists() and not Evidencia.history.exists()


def test_admin_con_disco_lleno_avisa_en_espanol_y_no_guarda_nada(
    client, hito, usuario_coordinacion, medios, disco_lleno
):
    client.force_login(usuario_coordinacion)
    respuesta = client.post(
        "/admin/stgao/evidencia/add/",
        {
            "hito": str(hito.pk),
            "descripcion": "Minuta firmada",
            "archivo": SimpleUploadedFile("minuta.pdf", PDF, "application/pdf"),
            "fecha": "2024-01-11",
        },
    )
    assert respuesta.status_code == 507
    html = respuesta.content.decode()
    assert "No se pudo guardar el archivo" in html
    assert "No se guardó nada" in html and "sin espacio" in html
    assert archivos_en(medios) == []
    assert not Evidencia.objects.exists() and not Evidencia.history.exists()


def test_sin_falla_el_archivo_queda_completo_y_sin_temporales(hito, usuario_coordinacion, medios):
    evidencia = services.evidencia_agregar(
        hito=hito,
        descripcion="Minuta",
        archivo=SimpleUploadedFile("minuta.pdf", PDF),
        actor=usuario_coordinacion,
    )
    (guardado,) = archivos_en(medios)
    assert guardado.read_bytes() == PDF
    assert guardado == medios / evidencia.archivo.name
    assert guardado.stat().st_mode & 0o777 == 0o666 & ~_umask()


def _umask() -> int:
    actual = os.umask(0)
    os.umask(actual)
    return actual
