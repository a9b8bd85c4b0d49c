"""Secretariado y compromisos en datos abiertos, búsqueda, historial y mapa: nunca un borrador."""

import pytest

from stgao import services
from stgao.models import Compromiso, Hito
from tests.stgao.conftest import momento

from .ayudas import (
    canal_atom,
    filas,
    mapa_del_sitio,
    texto_de_conjunto,
    textos_del_canal,
    titulos_de_busqueda,
)

CONJUNTOS_STGAO = ["compromisos", "hitos", "evidencias", "sesiones", "acuerdos"]


@pytest.fixture
def publico_y_borrador(
    db, institucion, crear_compromiso, crear_sesion, usuario_coordinacion, sujeto_obligado
):
    publico = crear_compromiso(
        titulo="Construcción de un presupuesto abierto", hitos=1,
        problema="Niño y niña sin información del gasto.", notas_internas="Nota reservada",
    )  # fmt: skip
    borrador = crear_compromiso(titulo="Compromiso clandestino", publicado=False, hitos=1)
    for compromiso, palabra in [(publico, "Tablero"), (borrador, "Clandestino")]:
        hito = compromiso.hitos.get()
        hito.descripcion = f"{palabra} de seguimiento del gasto"
        services.hito_guardar(hito=hito, actor=usuario_coordinacion)
        services.evidencia_agregar(
            hito=hito, descripcion=f"{palabra} evidencia", enlace="https://ejemplo.org/e",
            actor=usuario_coordinacion,
        )  # fmt: skip
    sesion = crear_sesion(resumen="Sesión pública de instalación", sede="Sala de plenos")
    oculta = crear_sesion(
        fecha=momento(2021, 5, 1), publicada=False, resumen="Clandestino resumen", sede="Sala B"
    )
    for s, palabra in [(sesion, "Aprobación"), (oculta, "Clandestino")]:
        services.acuerdo_crear(
            sesion=s, texto=f"{palabra} del calendario", actor=usuario_coordinacion,
            sujetos_responsables=[sujeto_obligado],
        )  # fmt: skip
    return publico, borrador, sesion, oculta


def test_conjuntos_del_secretariado_sin_borradores(client, publico_y_borrador):
    for nombre in CONJUNTOS_STGAO:
        texto = texto_de_conjunto(client, nombre)
        assert "Clandestino" not in texto and "clandestino" not in texto, nombre
        assert "Nota reservada" not in texto, nombre


def test_ids_que_unen_conjuntos(client, publico_y_borrador, sujeto_obligado):
    publico, _, sesion, _ = publico_y_borrador
    [compromiso] = filas(client, "compromisos")
    assert compromiso["id"] == str(publico.pk)
    assert compromiso["lider_id"] == str(sujeto_obligado.pk)
    assert compromiso["estado"] == "atrasado" or compromiso["estado_texto"]
    assert compromiso["tema"] == "presupuesto"
    assert compromiso["tema_texto"] == "Presupuesto y gasto público"
    sujetos = {f["id"] for f in filas(client, "sujetos-obligados")}
    assert compromiso["lider_id"] in sujetos
    [hito] = filas(client, "hitos")
    assert hito["compromiso_id"] == compromiso["id"]
    [evidencia] = filas(client, "evidencias")
    assert evidencia["hito"] == hito["id"] and evidencia["compromiso_id"] == compromiso["id"]
    assert evidencia["enlace"] == "https://ejemplo.org/e"
    [s] = filas(client, "sesiones")
    [acuerdo] = filas(client, "acuerdos")
    assert acuerdo["sesion_id"] == s["id"] == str(sesion.pk)
    assert acuerdo["sujetos_responsables_ids"] == str(sujeto_obligado.pk)


def test_integrantes_sin_sexo_por_persona(client, crear_integrante, sujeto_obligado):
    crear_integrante("Ana Pérez", sector="poder_ejecutivo", sujeto_obligado=sujeto_obligado)
    [fila] = filas(client, "integrantes-stgao")
    assert fila["persona"] == "Ana Pérez"
    assert fila["sujeto_obligado"] == str(sujeto_obligado.pk)
    assert "sexo" not in fila


def test_busqueda_del_secretariado_sin_borradores(client, publico_y_borrador):
    assert "1. Construcción de un presupuesto abierto" in titulos_de_busqueda(client, "presupuesto")
    assert any("hito" in t for t in titulos_de_busqueda(client, "Tablero"))
    assert any("Aprobación" in t for t in titulos_de_busqueda(client, "calendario"))
    assert any("Sala de plenos" in t or "Sesión" in t or "SO" in t
               for t in titulos_de_busqueda(client, "instalación"))  # fmt: skip
    assert titulos_de_busqueda(client, "Clandestino") == []
    assert titulos_de_busqueda(client, "clandestino") == []


def test_mapa_del_sitio_sin_borradores(client, publico_y_borrador):
    publico, borrador, sesion, oculta = publico_y_borrador
    mapa = mapa_del_sitio(client)
    assert f"/compromisos/{publico.slug}/" in mapa
    assert f"/compromisos/{borrador.slug}/" not in mapa
    assert f"/stgao/sesiones/{sesion.pk}/" in mapa
    assert f"/stgao/sesiones/{oculta.pk}/" not in mapa


def test_canal_del_compromiso(client, publico_y_borrador, usuario_coordinacion):
    publico, borrador, _, _ = publico_y_borrador
    assert client.get(f"/compromisos/{borrador.slug}/cambios.atom").status_code == 404
    raiz = canal_atom(client, f"/compromisos/{publico.slug}/cambios.atom")
    textos = textos_del_canal(raiz)
    assert "Tablero de seguimiento del gasto" in textos
    assert "Tablero evidencia" in textos
    assert "Clandestino" not in textos
    assert "Nota reservada" not in textos
    todo = textos_del_canal(canal_atom(client, "/cambios.atom"))
    assert "Clandestino" not in todo and "clandestino" not in todo
    assert "Aprobación del calendario" in todo


def test_hito_capturado_antes_de_publicar_no_aparece(client, institucion, crear_compromiso,
                                                     usuario_coordinacion):  # fmt: skip
    compromiso = crear_compromiso(titulo="Compromiso que se publica después", publicado=False)
    services.hito_guardar(
        hito=Hito(compromiso=compromiso, descripcion="Borrador del hito",
                  fecha_fin_planeada="2030-01-01"),
        actor=usuario_coordinacion,
    )  # fmt: skip
    compromiso.publicado = True
    services.compromiso_guardar(compromiso=compromiso, actor=usuario_coordinacion)
    hito = Hito.objects.get(compromiso=compromiso)
    hito.descripcion = "Hito ya público"
    services.hito_guardar(hito=hito, actor=usuario_coordinacion)
    textos = textos_del_canal(canal_atom(client, f"/compromisos/{compromiso.slug}/cambios.atom"))
    assert "Hito ya público" in textos
    # La primera versión pública es el «alta» del hito; lo capturado en borrador no aparece.
    assert "Borrador del hito" not in textos
    assert Compromiso.objects.publicados().filter(pk=compromiso.pk).exists()
