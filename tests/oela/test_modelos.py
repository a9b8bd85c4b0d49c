"""Modelos, claves derivadas, fixture real 2021 y avance ponderado."""

import pytest
from django.core.exceptions import ValidationError

from oela.models import (
    Accion,
    EstadoPrograma,
    Estrategia,
    LineaAccion,
    Objetivo,
    Programa,
    Requerimiento,
)
from oela.selectors import arbol_del_programa, avance_accion

from .conftest import generar_programa, registrar_avance

pytestmark = pytest.mark.django_db


class TestFixture2021:
    def test_estructura_del_programa_real(self, programa_2021):
        p = programa_2021
        assert p.estado == EstadoPrograma.PUBLICADO
        assert p.titulo == "Hacia Gobiernos Abiertos con Innovación Pública"
        assert p.objetivo_general.startswith("Coordinar los esfuerzos de apertura gubernamental")
        assert "COCREACIÓN OAXACA" in p.presentacion
        arbol = arbol_del_programa(p)
        assert len(arbol.objetivos) == 4
        assert [e.clave for e in arbol.estrategias] == [
            "1.1", "1.2", "2.1", "2.2", "3.1", "3.2", "3.3", "4.1"
        ]  # fmt: skip
        assert len(arbol.lineas) == 22
        assert arbol.acciones == []  # el programa no trae acciones: no se inventan

    def test_textos_exactos(self, programa_2021):
        o3 = Objetivo.objects.get(programa=programa_2021, numero=3)
        assert o3.eje_problematico == (
            "Desarrollar acciones orientadas a la promoción intensiva, fomento y difusión acerca "
            "de los ejercicios de gobierno abierto."
        )
        assert o3.problematica.startswith("falta de procesos constantes de fomento")
        assert o3.enunciado_especifico == (
            "Promover, coordinar e implementar políticas públicas de gobierno abierto desde el "
            "instituto en beneficio de la ciudadanía."
        )
        linea = LineaAccion.objects.get(
            estrategia__objetivo__programa=programa_2021,
            estrategia__objetivo__numero=3,
            estrategia__numero=2,
            numero=2,
        )
        assert linea.clave == "3.2.2"
        assert linea.texto.endswith(
            "diseño institucional, conceptualización, desarrollo y construcción de políticas "
            "públicas de gobierno abierto."
        )

    def test_requerimientos_con_estado(self, programa_2021):
        reqs = Requerimiento.objects.filter(programa=programa_2021)
        humanos = reqs.filter(tipo="humano")
        assert humanos.count() == 4
        assert humanos.get(descripcion__startswith="Desarrolladores").estado == "no_activo"
        assert humanos.get(descripcion__startswith="Desarrolladores").cantidad == 2
        equipos = reqs.filter(descripcion__startswith="Equipos de cómputo")
        assert sorted((r.cantidad, r.estado) for r in equipos) == [
            (1, "activo"),
            (2, "no_activo"),
        ]
        assert reqs.filter(tipo="financiero").count() == 3

    def test_alineacion_normativa(self, programa_2021):
        arbol = arbol_del_programa(programa_2021)
        por_clave = {li.clave: li for li in arbol.lineas}
        assert [str(d) for d in por_clave["1.2.1"].disposiciones.all()] == ["LGTAIP art. 57"]
        assert [str(d) for d in por_clave["4.1.1"].disposiciones.all()] == ["LTAIPEO art. 43"]
        assert not por_clave["1.1.2"].disposiciones.exists()


class TestClaves:
    def test_clave_derivada_de_los_numeros(self, programa_generado):
        accion = Accion.objects.select_related("linea__estrategia__objetivo").get(
            linea__estrategia__objetivo__numero=2,
            linea__estrategia__numero=1,
            linea__numero=2,
            numero=1,
        )
        assert accion.linea.clave == "2.1.2"
        assert accion.clave == "2.1.2.1"
        # Cambiar el número de la estrategia cambia la clave de todas sus líneas.
        estrategia = accion.linea.estrategia
        estrategia.numero = 7
        estrategia.save()
        accion.refresh_from_db()
        assert accion.linea.clave == "2.7.2"

    def test_numero_unico_dentro_del_padre(self, programa_generado):
        estrategia = Estrategia.objects.filter(objetivo__programa=programa_generado).first()
        repetida = LineaAccion(estrategia=estrategia, numero=1, texto="Otra")
        with pytest.raises(ValidationError, match="Ya hay una línea con ese número"):
            repetida.full_clean()
        otra_estrategia = Estrategia.objects.exclude(pk=estrategia.pk).first()
        LineaAccion(estrategia=otra_estrategia, numero=9, texto="Sí cabe").full_clean()

    def test_anio_unico(self, programa_generado):
        with pytest.raises(ValidationError):
            Programa(
                anio=2030, titulo="x", area="x", objetivo_general="x", estado="borrador"
            ).full_clean()


class TestPublicados:
    def test_solo_publicados_y_cerrados(self, db):
        generar_programa(2020, estado=EstadoPrograma.CERRADO)
        generar_programa(2021, estado=EstadoPrograma.PUBLICADO)
        generar_programa(2022, estado=EstadoPrograma.BORRADOR)
        anios = sorted(Programa.objects.publicados().values_list("anio", flat=True))
        assert anios == [2020, 2021]


class TestAvance:
    def test_avance_de_accion_topado(self):
        assert avance_accion(5, 10) == 50
        assert avance_accion(30, 10) == 100
        assert avance_accion(None, 10) == 0
        assert avance_accion(3, 0) is None

    def test_rollup_ponderado(self, db):
        programa = generar_programa(2031, objetivos=1, estrategias=1, lineas=2, acciones=2)
        a1, a2, a3, a4 = Accion.objects.filter(linea__estrategia__objetivo__programa=programa)
        # línea 1: a1 100 % (peso 3), a2 0 % (peso 1) → 75 %
        a1.peso = 3
        a1.save()
        registrar_avance(a1, 1, 6)
        registrar_avance(a1, 2, 20)  # 26/10 → topado a 100 %
        # línea 2: a3 50 %, a4 sin avance → 25 %
        registrar_avance(a3, 3, 5)
        linea2 = a3.linea
        linea2.peso = 3
        linea2.save()
        arbol = arbol_del_programa(programa)
        l1, l2 = arbol.lineas
        assert l1.avance == pytest.approx(75)
        assert l2.avance == pytest.approx(25)
        # estrategia: (75·1 + 25·3) / 4 = 37.5
        assert arbol.estrategias[0].avance == pytest.approx(37.5)
        assert arbol.objetivos[0].avance == pytest.approx(37.5)
        assert programa.avance == pytest.approx(37.5)

    def test_nodos_sin_acciones_no_tienen_avance(self, programa_2021):
        arbol = arbol_del_programa(programa_2021)
        assert all(li.avance is None for li in arbol.lineas)
        assert programa_2021.avance is None

    def test_arbol_con_consultas_constantes(self, django_assert_num_queries, db):
        chico = generar_programa(2032, objetivos=1, estrategias=1, lineas=1, acciones=1)
        grande = generar_programa(2033, objetivos=4, estrategias=3, lineas=4, acciones=5)
        with django_assert_num_queries(7):
            arbol_del_programa(chico)
        with django_assert_num_queries(7):
            arbol = arbol_del_programa(grande)
        assert len(arbol.acciones) == 240
