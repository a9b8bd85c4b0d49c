"""Programa anual en datos abiertos, búsqueda, historial y mapa: nunca un borrador."""

import json

import pytest

from oela.models import (
    Accion,
    Actividad,
    Avance,
    EstadoPrograma,
    Estrategia,
    LineaAccion,
    Objetivo,
    Programa,
)
from tests.oela.conftest import generar_programa

from .ayudas import (
    canal_atom,
    filas,
    mapa_del_sitio,
    texto_de_conjunto,
    textos_del_canal,
    titulos_de_busqueda,
)

CONJUNTOS_OELA = ["programas", "programa-arbol", "acciones", "avances", "actividades"]


@pytest.fixture
def publico_y_borrador(db, institucion):
    publico = generar_programa(2030, objetivos=1, estrategias=1, lineas=1, acciones=2)
    borrador = generar_programa(
        2031, objetivos=1, estrategias=1, lineas=1, acciones=1, estado=EstadoPrograma.BORRADOR
    )
    for programa, palabra in [(publico, "Construcción"), (borrador, "Clandestino")]:
        accion = Accion.objects.filter(linea__estrategia__objetivo__programa=programa).first()
        accion.descripcion = f"{palabra} de capacidades"
        accion.save()
        LineaAccion.objects.filter(pk=accion.linea_id).update(texto=f"{palabra} de la línea")
        Avance.objects.create(accion=accion, mes=1, realizado=5, comentario=f"{palabra} mes")
        Actividad.objects.create(
            accion=accion, tipo="taller", fecha="2030-02-01", modalidad="virtual",
            descripcion=f"{palabra} taller", mujeres=3, hombres=2,
        )  # fmt: skip
    return publico, borrador


def test_conjuntos_del_programa_sin_borradores(client, publico_y_borrador):
    publico, borrador = publico_y_borrador
    for nombre in CONJUNTOS_OELA:
        texto = texto_de_conjunto(client, nombre)
        assert "Clandestino" not in texto, nombre
        assert "2031" not in texto, nombre
    assert [f["anio"] for f in filas(client, "programas")] == ["2030"]


def test_arbol_y_avance_con_claves_que_unen(client, publico_y_borrador):
    publico, _ = publico_y_borrador
    programa = filas(client, "programas")[0]
    assert programa["id"] == str(publico.pk)
    assert programa["estado_texto"] == "Publicado"
    # Una acción con 5 de 10 y otra con 0: la línea va al 25 %.
    assert float(programa["avance"]) == 25.0
    arbol = filas(client, "programa-arbol")
    assert [f["nivel"] for f in arbol] == ["objetivo", "estrategia", "linea", "accion", "accion"]
    assert {f["programa_id"] for f in arbol} == {str(publico.pk)}
    assert arbol[2]["clave"] == "1.1.1" and arbol[2]["clave_padre"] == "1.1"
    acciones = {f["id"]: f for f in filas(client, "acciones")}
    avance = filas(client, "avances")[0]
    assert avance["accion"] in acciones
    assert acciones[avance["accion"]]["avance"] == "50.0"
    assert acciones[avance["accion"]]["Clave"] == avance["accion_clave"] == "1.1.1.1"
    actividad = filas(client, "actividades")[0]
    assert actividad["tipo"] == "taller" and actividad["tipo_texto"] == "Taller"
    assert actividad["accion"] == avance["accion"]


def test_busqueda_del_programa_sin_borradores(client, publico_y_borrador):
    titulos = titulos_de_busqueda(client, "Construcción")
    assert any("Construcción de la línea" in t for t in titulos)
    assert any("Construcción de capacidades" in t for t in titulos)
    assert titulos_de_busqueda(client, "Clandestino") == []


def test_mapa_del_sitio_sin_borradores(client, publico_y_borrador):
    mapa = mapa_del_sitio(client)
    assert "/programa/2030/" in mapa
    assert "/programa/2030/lineas/1.1.1/" in mapa
    assert "/programa/2031/" not in mapa


def test_canal_del_programa_sin_versiones_de_borrador(client, institucion, usuario_personal):
    programa = Programa.objects.create(
        anio=2032, titulo="Programa secreto", area="DGA", objetivo_general="Objetivo"
    )
    objetivo = Objetivo.objects.create(programa=programa, numero=1, texto="Capturado en borrador")
    programa.titulo = "Programa abierto"
    programa.estado = EstadoPrograma.PUBLICADO
    programa.save()
    estrategia = Estrategia.objects.create(objetivo=objetivo, numero=1, texto="Estrategia nueva")
    estrategia.texto = "Estrategia corregida"
    estrategia.save()

    raiz = canal_atom(client, "/programa/2032/cambios.atom")
    textos = textos_del_canal(raiz)
    assert "Estrategia corregida" in textos
    assert "Programa abierto" in textos
    # La versión de borrador no aparece, ni como entrada ni como «antes» de la publicación.
    assert "Programa secreto" not in textos
    assert "Capturado en borrador" not in textos
    assert "Capturado en borrador" not in textos_del_canal(canal_atom(client, "/cambios.atom"))
    historia = [json.loads(f["campos"]) for f in filas(client, "cambios")]
    assert not any("Programa secreto" in str(h) or "Capturado" in str(h) for h in historia)
    assert any("Programa abierto" in str(h) for h in historia)


def test_canal_de_programa_borrador_no_existe(client, publico_y_borrador):
    assert client.get("/programa/2031/cambios.atom").status_code == 404
    assert client.get("/programa/2030/cambios.atom").status_code == 200
