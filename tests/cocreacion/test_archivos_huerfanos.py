# ruff: noqa: F811
"""``limpiar_archivos_huerfanos``: sólo informa o borra lo que no nombra ningún registro."""

import os
import time
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cocreacion.comun.historial import eliminar
from cocreacion.operacion.archivos_huerfanos import campos_de_archivo, revisar
from stgao import services
from stgao.models import Sesion
from tests.stgao.conftest import crear_compromiso, crear_sesion, plan  # noqa: F401

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
DOS_DIAS = 48 * 3600


@pytest.fixture
def medios(settings, tmp_path):
    # Dentro de tmp_path pero no igual a él: así hay un «afuera» para los enlaces simbólicos.
    raiz = tmp_path / "media"
    raiz.mkdir()
    settings.MEDIA_ROOT = raiz
    return raiz


def envejecer(ruta, segundos=DOS_DIAS):
    momento = time.time() - segundos
    os.utime(ruta, (momento, momento), follow_symlinks=False)


def envejecer_todo(raiz):
    for ruta in raiz.rglob("*"):
        envejecer(ruta)


def suelto(raiz, relativa, contenido=b"resto", viejo=True):
    ruta = raiz / relativa
    ruta.parent.mkdir(parents=True, exist_ok=True)
    ruta.write_bytes(contenido)
    if viejo:
        envejecer(ruta)
    return ruta


def limpiar(*argumentos):
    salida = StringIO()
    call_command("limpiar_archivos_huerfanos", *argumentos, stdout=salida, stderr=salida)
    return salida.getvalue()


def archivos(raiz):
    return sorted(p.relative_to(raiz).as_posix() for p in raiz.rglob("*") if p.is_file())


@pytest.fixture
def evidencia(crear_compromiso, usuario_coordinacion):
    hito = crear_compromiso(hitos=1).hitos.get()
    return services.evidencia_agregar(
        hito=hito,
        descripcion="Informe",
        archivo=SimpleUploadedFile("informe.pdf", PDF),
        actor=usuario_coordinacion,
    )


def test_archivo_de_registro_vigente_se_conserva(medios, evidencia):
    suelto(medios, "stgao/evidencias/perdido.pdf")
    envejecer_todo(medios)
    limpiar("--borrar")
    assert archivos(medios) == [evidencia.archivo.name]


def test_archivo_de_version_historica_se_conserva(medios, crear_sesion, usuario_coordinacion):
    sesion = crear_sesion()
    sesion.acta_firmada = SimpleUploadedFile("acta.pdf", PDF)
    services.sesion_guardar(sesion=sesion, actor=usuario_coordinacion)
    anterior = sesion.acta_firmada.name
    sesion.acta_firmada = SimpleUploadedFile("acta corregida.pdf", PDF)
    services.sesion_guardar(sesion=sesion, actor=usuario_coordinacion)
    vigente = sesion.acta_firmada.name
    assert not Sesion.objects.filter(acta_firmada=anterior).exists()
    assert Sesion.history.filter(acta_firmada=anterior).exists()
    envejecer_todo(medios)

    limpiar("--borrar")
    assert archivos(medios) == sorted([anterior, vigente])

    # Ni borrando la sesión: su última versión en el historial sigue nombrando los dos.
    eliminar(sesion, actor=usuario_coordinacion)
    limpiar("--borrar")
    assert archivos(medios) == sorted([anterior, vigente])


def test_campos_de_historial_se_encuentran_sin_lista_fija():
    campos = {(m._meta.label, c) for m, c in campos_de_archivo()}
    assert {
        ("stgao.Sesion", "acta_firmada"),
        ("stgao.HistoricalSesion", "acta_firmada"),
        ("cocreacion.HistoricalInstitucion", "logo"),
        ("oela.HistoricalAvance", "evidencia"),
        ("stgao.HistoricalEvidencia", "archivo"),
    } <= campos


def test_suelto_viejo_se_reporta_y_con_borrar_se_borra(medios, evidencia):
    suelto(medios, "stgao/evidencias/perdido.pdf", b"x" * 1536)
    envejecer_todo(medios)

    informe = limpiar()
    (linea,) = [x for x in informe.splitlines() if x.startswith("stgao/")]
    ruta, tamano, fecha = linea.split("\t")
    assert ruta == "stgao/evidencias/perdido.pdf"
    assert tamano == "1.5 KB"
    assert fecha == revisar().huerfanos[0].modificado.strftime("%Y-%m-%d %H:%M")
    assert "Archivos huérfanos: 1 (1.5 KB)" in informe and "No se borró nada" in informe
    assert (medios / "stgao/evidencias/perdido.pdf").exists()

    resultado = limpiar("--borrar")
    assert "Archivos huérfanos borrados: 1 (1.5 KB)." in resultado
    assert archivos(medios) == [evidencia.archivo.name]
    assert "Sin archivos huérfanos" in limpiar()


def test_suelto_reciente_se_respeta_por_el_margen(medios):
    suelto(medios, "oela/evidencias/subiendo-ahora.pdf", viejo=False)
    envejecer(medios / "oela/evidencias/subiendo-ahora.pdf", segundos=3 * 3600)

    salida = limpiar("--borrar")
    assert "Archivos sin registro con menos de 24 h: 1." in salida
    assert archivos(medios) == ["oela/evidencias/subiendo-ahora.pdf"]

    # El margen se ajusta: con 2 h, uno de hace 3 h ya es huérfano.
    assert "oela/evidencias/subiendo-ahora.pdf" in limpiar("--margen-horas", "2")
    limpiar("--borrar", "--margen-horas", "2")
    assert archivos(medios) == []


def test_temporal_subiendo_viejo_se_borra_y_el_reciente_no(medios):
    viejo = ".subiendo-0123abcd-informe.pdf"
    suelto(medios, f"stgao/evidencias/{viejo}")
    suelto(medios, "stgao/evidencias/.subiendo-4567ef-otro.pdf", viejo=False)

    informe = limpiar()
    assert f"stgao/evidencias/{viejo}" in informe
    assert "temporal de una subida interrumpida" in informe

    limpiar("--borrar")
    assert archivos(medios) == ["stgao/evidencias/.subiendo-4567ef-otro.pdf"]


def test_enlace_simbolico_que_apunta_fuera_no_se_sigue_ni_se_borra(medios, tmp_path):
    fuera = tmp_path / "fuera"
    fuera.mkdir()
    secreto = fuera / "secreto.pdf"
    secreto.write_bytes(PDF)
    (fuera / "carpeta").mkdir()
    (fuera / "carpeta" / "otro.pdf").write_bytes(PDF)
    envejecer_todo(fuera)
    (medios / "stgao").mkdir()
    (medios / "stgao" / "enlace.pdf").symlink_to(secreto)
    (medios / "carpeta-enlazada").symlink_to(fuera / "carpeta", target_is_directory=True)
    envejecer_todo(medios)

    revision = revisar()
    assert revision.huerfanos == []
    assert sorted(revision.enlaces_omitidos) == ["carpeta-enlazada", "stgao/enlace.pdf"]

    salida = limpiar("--borrar")
    assert "Enlaces simbólicos omitidos (no se siguen ni se borran): 2:" in salida
    assert secreto.read_bytes() == PDF
    assert (fuera / "carpeta" / "otro.pdf").read_bytes() == PDF
    assert (medios / "stgao" / "enlace.pdf").is_symlink()
    assert (medios / "carpeta-enlazada").is_symlink()


def test_no_borra_si_una_carpeta_se_volvio_enlace_tras_la_revision(medios, tmp_path):
    """Entre revisar y borrar alguien cambia la carpeta por un enlace afuera: no se sigue."""
    from cocreacion.operacion.archivos_huerfanos import borrar

    suelto(medios, "stgao/perdido.pdf")
    revision = revisar()
    assert [h.ruta for h in revision.huerfanos] == ["stgao/perdido.pdf"]
    fuera = tmp_path / "fuera"
    fuera.mkdir()
    (fuera / "perdido.pdf").write_bytes(b"resto")
    os.utime(fuera / "perdido.pdf", ns=(0, revision.huerfanos[0].mtime_ns))
    (medios / "stgao").rename(tmp_path / "movida")
    (medios / "stgao").symlink_to(fuera, target_is_directory=True)

    assert borrar(revision) == (0, 0)
    assert (fuera / "perdido.pdf").exists()


def test_modo_informe_no_borra_nada(medios, evidencia):
    suelto(medios, "stgao/evidencias/perdido.pdf")
    suelto(medios, "institucion/.subiendo-ff-logo.png")
    envejecer_todo(medios)
    suelto(medios, "oela/reciente.pdf", viejo=False)
    antes = archivos(medios)

    salida = limpiar()
    assert "Archivos huérfanos: 2 " in salida and "menos de 24 h: 1." in salida
    assert archivos(medios) == antes


def test_consultas_no_crecen_con_los_archivos(medios, evidencia):
    for i in range(50):
        suelto(medios, f"stgao/evidencias/perdido-{i}.pdf")
    with CaptureQueriesContext(connection) as consultas:
        revision = revisar()
    assert len(revision.huerfanos) == 50
    # Una por campo de archivo (vigentes e historial), sin importar cuántos archivos haya.
    assert len(consultas) == len(campos_de_archivo())


def test_sin_carpeta_de_medios_lo_dice_y_termina_bien(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "no-existe"
    salida = limpiar("--borrar")
    assert "MEDIA_ROOT" in salida and "no existe" in salida
    assert not (tmp_path / "no-existe").exists()
