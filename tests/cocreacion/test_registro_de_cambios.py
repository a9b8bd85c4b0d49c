"""Registro público de cambios (``CambioPublico``): lo que leen ``/cambios/`` y ``/cambios.atom``.

- Se escribe al crearse cada versión (también las creadas en bloque) sólo si la versión es
  pública: nunca un borrador ni un cambio en campos internos.
- Si el registro deja de ser público, sus cambios dejan de mostrarse (y vuelven si se publica).
- La migración lo llena desde el historial que ya existe, y da lo mismo que escribirlo al vuelo.
- Lo que muestra es lo mismo que calcularlo leyendo el historial de cada tipo.
"""

import importlib

import pytest
from simple_history.utils import bulk_create_with_history

from cocreacion.models import CambioPublico, SujetoObligado
from cocreacion.portal.cambios import (
    Cambio,
    _accion_y_campos,
    _anteriores_publicas,
    _con_anterior,
    _con_nombres,
    cambios_recientes,
    reconstruir_registro,
    seguibles,
)
from stgao.models import Compromiso, PlanAccionLocal

from .test_cambios_consultas import _cambiar, _poblar

pytestmark = pytest.mark.django_db


def _filas(clave=None):
    filas = CambioPublico.objects.order_by("clave", "version_id")
    if clave:
        filas = filas.filter(clave=clave)
    return list(filas.values_list("clave", "registro_id", "accion", "campos"))


@pytest.fixture
def plan_borrador(db, sujeto_obligado):
    return PlanAccionLocal.objects.create(
        nombre="Plan de prueba", slug="plan-de-prueba", anio_inicio=2030, anio_fin=2031
    )


def test_un_borrador_no_entra_y_su_publicacion_si(plan_borrador):
    compromiso = Compromiso.objects.create(
        plan=plan_borrador,
        numero=1,
        titulo="Borrador secreto",
        slug="borrador-secreto",
        lider=SujetoObligado.objects.get(),
    )
    _cambiar(compromiso, titulo="Todavía en borrador")
    assert _filas("compromisos") == []
    # Publicado en un plan que nunca se ha publicado: el plan no pone límite a sus versiones,
    # así que la fila se escribe, pero no se muestra mientras el plan siga en borrador.
    _cambiar(compromiso, publicado=True)
    assert cambios_recientes(claves=["compromisos"]) == []

    _cambiar(plan_borrador, publicado=True)
    # Publicado el plan, lo anterior a su publicación deja de ser público, también en el
    # registro: ni el título de borrador ni la versión publicada en el plan en borrador.
    assert cambios_recientes(claves=["compromisos"]) == []
    _cambiar(compromiso, titulo="Compromiso público")
    (alta,) = cambios_recientes(claves=["compromisos"])
    # La primera versión pública no tiene «antes» (la anterior era borrador): es un alta.
    assert (alta.accion, alta.campos, alta.titulo) == ("+", [], "1. Compromiso público")
    textos = [(c.titulo, c.campos) for c in cambios_recientes(limite=500)]
    assert "Borrador secreto" not in str(textos) and "Todavía" not in str(textos)

    _cambiar(compromiso, notas_internas="Sólo para el personal")  # campo no público
    assert len(cambios_recientes(claves=["compromisos"])) == 1
    filas = len(_filas("compromisos"))
    _cambiar(compromiso, titulo="Compromiso público corregido")
    assert len(_filas("compromisos")) == filas + 1
    assert _filas("compromisos")[-1] == (
        "compromisos",
        compromiso.pk,
        "~",
        [["titulo", "Compromiso público", "Compromiso público corregido"]],
    )
    (cambio,) = [c for c in cambios_recientes(limite=10, claves=["compromisos"]) if c.accion == "~"]
    assert cambio.campos == [("título", "Compromiso público", "Compromiso público corregido")]


def test_un_registro_que_deja_de_ser_publico_deja_de_mostrarse(plan_borrador):
    _cambiar(plan_borrador, publicado=True)
    compromiso = Compromiso.objects.create(
        plan=plan_borrador,
        numero=1,
        titulo="Visible",
        slug="visible",
        publicado=True,
        lider=SujetoObligado.objects.get(),
    )
    _cambiar(compromiso, titulo="Visible y corregido")
    assert {c.registro_id for c in cambios_recientes(claves=["compromisos"])} == {compromiso.pk}

    _cambiar(compromiso, publicado=False)
    assert cambios_recientes(claves=["compromisos"]) == []
    assert CambioPublico.objects.filter(clave="compromisos").count() == 2  # se quedan

    _cambiar(compromiso, publicado=True)
    assert {c.registro_id for c in cambios_recientes(claves=["compromisos"])} == {compromiso.pk}


def test_las_versiones_creadas_en_bloque_tambien_entran(db):
    sujetos = [
        SujetoObligado(
            nombre=f"Comité en bloque {i}",
            nombre_normalizado=f"comite en bloque {i}",
            slug=f"comite-en-bloque-{i}",
            tipo="descentralizado",
            orden="municipal",
        )
        for i in range(3)
    ]
    bulk_create_with_history(sujetos, SujetoObligado)
    assert len(_filas("sujetos")) == 3
    titulos = {c.titulo for c in cambios_recientes(claves=["sujetos"])}
    assert titulos == {f"Comité en bloque {i}" for i in range(3)}


def test_la_migracion_lo_llena_desde_el_historial_existente(institucion):
    _poblar({}, 0, 3)
    escritas = _filas()
    assert {clave for clave, *_resto in escritas} == {s.clave for s in seguibles()}
    CambioPublico.objects.all().delete()
    migracion = importlib.import_module("cocreacion.migrations.0017_registro_publico_de_cambios")
    migracion.llenar(None, None)
    assert _filas() == escritas
    assert reconstruir_registro() == len(escritas)


def _leidos_del_historial(ambito=None) -> list[Cambio]:
    """Lo que debe mostrarse, calculado sin el registro: cada versión pública de cada registro
    público (de los que hoy pertenecen al ámbito), comparada con su anterior pública."""
    del_historial = []
    for seguible in seguibles():
        historicos = seguible.modelo.history.all()
        ids_publicos = seguible.objetos_publicos()
        if ambito is not None:
            nombre, objeto = ambito
            if nombre not in seguible.pertenencia:
                continue
            ids_publicos = ids_publicos.filter(**{seguible.pertenencia[nombre]: objeto.pk})
        consulta = seguible.versiones_publicas(historicos).filter(id__in=ids_publicos.values("pk"))
        versiones = list(seguible.preparar(_con_anterior(consulta)))
        publicas = _anteriores_publicas(seguible, historicos, versiones)
        for version in versiones:
            evaluada = _accion_y_campos(seguible, version, publicas)
            if evaluada is None:
                continue
            accion, campos = evaluada
            del_historial.append(
                Cambio(
                    fecha=version.history_date,
                    clave=seguible.clave,
                    tipo=seguible.tipo,
                    registro_id=version.id,
                    titulo=seguible.titulo(version),
                    url=seguible.url(version),
                    accion=accion,
                    campos=_con_nombres(seguible, campos),
                    version_id=version.history_id,
                )
            )
    del_historial.sort(key=lambda c: (c.fecha, c.version_id, c.clave), reverse=True)
    return del_historial


def test_muestra_lo_mismo_que_leer_el_historial(institucion):
    _poblar({}, 0, 3)
    del_registro = cambios_recientes(limite=500)
    assert del_registro == _leidos_del_historial()
    assert len(del_registro) > len(seguibles())


def test_los_canales_por_ambito_muestran_lo_mismo_que_leer_el_historial(institucion):
    from oela.models import Programa

    base = _poblar({}, 0, 3)
    ambitos = [(nombre, base[nombre]) for nombre in ("programa", "compromiso", "sujeto")]
    for ambito in ambitos:
        del_canal = cambios_recientes(limite=500, ambito=ambito)
        assert del_canal == _leidos_del_historial(ambito), ambito[0]
        assert del_canal, ambito[0]
    # Otro objeto del mismo ámbito no ve nada de éste.
    otro = Programa.objects.exclude(pk=ambitos[0][1].pk).first()
    del_otro = cambios_recientes(limite=500, ambito=("programa", otro))
    assert del_otro  # el otro programa también tiene cambios…
    # …y ninguno es de éste.
    assert not {c.version_id for c in del_otro} & {
        c.version_id for c in cambios_recientes(limite=500, ambito=ambitos[0])
    }


def test_los_datos_generados_llenan_el_registro(institucion):
    """El generador copia el historial con SQL en PostgreSQL (y con simple-history en SQLite):
    avisa igual al registro, que queda como si se llenara desde el historial."""
    from cocreacion.sinteticos import generar

    generar(escala=0.01)
    escritas = _filas()
    assert {clave for clave, *_resto in escritas} >= {"sujetos", "compromisos", "hitos"}
    assert reconstruir_registro() == len(escritas)
    assert _filas() == escritas
    assert cambios_recientes(limite=5)
