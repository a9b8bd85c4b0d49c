"""Evidencias: tipo comprobado por contenido, 20 MB, nombre que no elige quien sube."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from stgao import services

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200


@pytest.fixture
def hito(crear_compromiso):
    return crear_compromiso(hitos=1).hitos.get()


@pytest.fixture(autouse=True)
def medios(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_pdf_se_guarda_con_nombre_aleatorio(hito, usuario_coordinacion):
    archivo = SimpleUploadedFile("../../mi informe final.pdf", PDF, "application/pdf")
    evidencia = services.evidencia_agregar(
        hito=hito, descripcion="Informe", archivo=archivo, actor=usuario_coordinacion
    )
    assert evidencia.archivo.name.startswith("stgao/evidencias/")
    assert evidencia.archivo.name.endswith(".pdf")
    assert "informe" not in evidencia.archivo.name
    assert len(evidencia.archivo.name.split("/")[-1]) == 32 + 4


def test_imagen_y_liga_se_aceptan(hito, usuario_coordinacion):
    services.evidencia_agregar(
        hito=hito,
        descripcion="Foto",
        archivo=SimpleUploadedFile("foto.png", PNG, "image/png"),
        actor=usuario_coordinacion,
    )
    services.evidencia_agregar(
        hito=hito, descripcion="Portal", enlace="https://example.org/", actor=usuario_coordinacion
    )
    assert hito.evidencias.count() == 2


def test_ejecutable_renombrado_se_rechaza(hito, usuario_coordinacion):
    archivo = SimpleUploadedFile("informe.pdf", EXE, "application/pdf")
    with pytest.raises(ValidationError) as error:
        services.evidencia_agregar(
            hito=hito, descripcion="Trampa", archivo=archivo, actor=usuario_coordinacion
        )
    assert "no corresponde a un archivo .pdf" in str(error.value)
    assert hito.evidencias.count() == 0


def test_extension_no_admitida_y_tamano(hito, usuario_coordinacion, monkeypatch):
    with pytest.raises(ValidationError, match="no es de un tipo admitido"):
        services.evidencia_agregar(
            hito=hito,
            descripcion="x",
            archivo=SimpleUploadedFile("programa.exe", EXE),
            actor=usuario_coordinacion,
        )
    grande = SimpleUploadedFile("grande.pdf", PDF)
    grande.size = 21 * 1024 * 1024
    with pytest.raises(ValidationError, match="el máximo es 20 MB"):
        services.evidencia_agregar(
            hito=hito, descripcion="x", archivo=grande, actor=usuario_coordinacion
        )


def test_sin_archivo_ni_liga(hito, usuario_coordinacion):
    with pytest.raises(ValidationError, match="archivo o escriba una liga"):
        services.evidencia_agregar(hito=hito, descripcion="Nada", actor=usuario_coordinacion)


def test_acta_firmada_solo_pdf_real(crear_sesion):
    sesion = crear_sesion()
    sesion.acta_firmada = SimpleUploadedFile("acta.pdf", PNG)
    with pytest.raises(ValidationError, match="no corresponde a un archivo .pdf"):
        sesion.full_clean()
    sesion.acta_firmada = SimpleUploadedFile("acta firmada.pdf", PDF)
    sesion.full_clean()
    sesion.save()
    assert (
        sesion.acta_firmada.name.startswith("stgao/actas/")
        and "firmada" not in sesion.acta_firmada.name
    )
