"""Respaldo y restauración: ida y vuelta con conteos y sumas SHA-256 iguales."""

import hashlib
import json
import tarfile

import pytest
from django.core.management import call_command
from django.db import connection

from cocreacion.models import Organizacion, SujetoObligado
from cocreacion.models.campo_busqueda import (
    COSTO_DEL_PARECIDO,
    FUNCION_DEL_PARECIDO,
    fijar_costo_del_parecido,
)
from cocreacion.operacion.respaldo import conteos, crear_respaldo, restaurar_respaldo


@pytest.mark.django_db(transaction=True)
def test_ida_y_vuelta_conserva_registros_y_archivos(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    evidencia = settings.MEDIA_ROOT / "evidencias" / "acta.pdf"
    evidencia.parent.mkdir(parents=True)
    evidencia.write_bytes(b"%PDF-1.7 acta firmada")
    call_command("loaddata", "institucion.json", "organizaciones.json", verbosity=0)
    SujetoObligado.objects.create(nombre="Secretaría de Ñandú", tipo="persona", orden="estatal")
    antes = conteos()
    suma = hashlib.sha256(evidencia.read_bytes()).hexdigest()

    archivo = crear_respaldo(tmp_path / "respaldos")

    # Se pierden datos y se corrompe el archivo…
    Organizacion.objects.all().delete()
    SujetoObligado.objects.create(nombre="Intruso", tipo="persona", orden="estatal")
    evidencia.write_bytes(b"corrupto")

    if connection.vendor == "postgresql":
        # Como si la extensión se hubiera creado de nuevo, con el costo de pg_trgm.
        fijar_costo_del_parecido(connection, costo=1)

    verificacion = restaurar_respaldo(archivo)

    assert verificacion.correcta, verificacion
    assert conteos() == antes
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT procost FROM pg_proc WHERE oid = %s::regprocedure", [FUNCION_DEL_PARECIDO]
            )
            assert cursor.fetchone()[0] == COSTO_DEL_PARECIDO
    assert Organizacion.objects.count() == 31
    assert SujetoObligado.objects.filter(nombre="Secretaría de Ñandú").exists()
    assert not SujetoObligado.objects.filter(nombre="Intruso").exists()
    assert hashlib.sha256(evidencia.read_bytes()).hexdigest() == suma


@pytest.mark.django_db(transaction=True)
def test_un_enlace_simbolico_en_media_no_entra_al_respaldo(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    (settings.MEDIA_ROOT / "evidencias").mkdir(parents=True)
    propio = settings.MEDIA_ROOT / "evidencias" / "acta.pdf"
    propio.write_bytes(b"%PDF-1.7 acta firmada")
    secreto = tmp_path / "fuera" / "secreto.txt"
    secreto.parent.mkdir()
    secreto.write_bytes(b"no es del portal")
    (settings.MEDIA_ROOT / "evidencias" / "enlace.txt").symlink_to(secreto)
    call_command("loaddata", "institucion.json", verbosity=0)

    archivo = crear_respaldo(tmp_path / "respaldos")

    with tarfile.open(archivo, "r:gz") as tar:
        nombres = tar.getnames()
        manifiesto = json.load(tar.extractfile("manifiesto.json"))
    assert "media/evidencias/acta.pdf" in nombres
    assert not any("enlace" in nombre for nombre in nombres)
    assert list(manifiesto["archivos"]) == ["evidencias/acta.pdf"]
    verificacion = restaurar_respaldo(archivo)
    assert verificacion.correcta, verificacion
    assert secreto.read_bytes() == b"no es del portal"
