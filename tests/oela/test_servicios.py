"""Reglas de los servicios: publicar, cerrar, copiar a otro año y registrar avances."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from oela.models import (
    Accion,
    Actividad,
    Avance,
    EstadoPrograma,
    LineaAccion,
    Programa,
    Requerimiento,
)
from oela.selectors import arbol_del_programa
from oela.services import (
    avance_registrar,
    programa_cambiar_estado,
    programa_cerrar,
    programa_clonar,
    programa_guardar,
    programa_publicar,
)

from .conftest import generar_programa

pytestmark = pytest.mark.django_db


class TestPublicar:
    def test_coordinacion_publica_y_queda_en_el_historial(self, usuario_coordinacion):
        programa = generar_programa(2050, estado=EstadoPrograma.BORRADOR)
        programa_publicar(programa=programa, actor=usuario_coordinacion)
        programa.refresh_from_db()
        assert programa.estado == EstadoPrograma.PUBLICADO
        ultima = programa.history.latest()
        assert ultima.history_user == usuario_coordinacion
        assert "Borrador → Publicado" in ultima.history_change_reason

    def test_personal_dga_no_puede_publicar(self, usuario_personal):
        programa = generar_programa(2050, estado=EstadoPrograma.BORRADOR)
        with pytest.raises(PermissionDenied):
            programa_publicar(programa=programa, actor=usuario_personal)
        programa.refresh_from_db()
        assert programa.estado == EstadoPrograma.BORRADOR

    def test_transicion_ilegal(self, usuario_coordinacion):
        programa = generar_programa(2050, estado=EstadoPrograma.BORRADOR)
        with pytest.raises(ValidationError, match="no puede pasar"):
            programa_cerrar(programa=programa, actor=usuario_coordinacion)

    def test_no_se_publica_un_programa_vacio(self, usuario_coordinacion):
        programa = generar_programa(2050, objetivos=0, estado=EstadoPrograma.BORRADOR)
        with pytest.raises(ValidationError, match="sin objetivos"):
            programa_publicar(programa=programa, actor=usuario_coordinacion)

    def test_cerrar_y_reabrir(self, usuario_coordinacion):
        programa = generar_programa(2050)
        programa_cerrar(programa=programa, actor=usuario_coordinacion)
        programa_cambiar_estado(
            programa=programa, estado=EstadoPrograma.PUBLICADO, actor=usuario_coordinacion
        )
        programa.refresh_from_db()
        assert programa.estado == EstadoPrograma.PUBLICADO

    def test_guardar_con_cambio_de_estado_exige_permiso(self, usuario_personal):
        programa = generar_programa(2050, estado=EstadoPrograma.BORRADOR)
        programa.titulo = "Nuevo título"
        programa_guardar(programa=programa, actor=usuario_personal)
        programa.estado = EstadoPrograma.PUBLICADO
        with pytest.raises(PermissionDenied):
            programa_guardar(programa=programa, actor=usuario_personal)
        assert Programa.objects.get(pk=programa.pk).titulo == "Nuevo título"


class TestClonar:
    def test_copia_la_estructura_sin_avances(self, programa_2021, usuario_personal):
        origen = programa_2021
        linea = LineaAccion.objects.get(
            estrategia__objetivo__programa=origen,
            estrategia__objetivo__numero=1,
            estrategia__numero=2,
            numero=1,
        )
        accion = Accion.objects.create(
            linea=linea, numero=1, descripcion="Difundir", meta=4, unidad_medida="campañas", mar=2
        )
        Avance.objects.create(accion=accion, mes=3, realizado=2)
        Actividad.objects.create(
            accion=accion, tipo="taller", fecha="2021-03-10", modalidad="virtual", mujeres=3
        )
        nuevo = programa_clonar(programa=origen, anio=2022, actor=usuario_personal)
        assert nuevo.estado == EstadoPrograma.BORRADOR
        arbol = arbol_del_programa(nuevo)
        assert len(arbol.lineas) == 22
        copia = next(li for li in arbol.lineas if li.clave == "1.2.1")
        assert [str(d) for d in copia.disposiciones.all()] == ["LGTAIP art. 57"]
        (accion_copia,) = copia.acciones_cargadas
        assert accion_copia.mar == 2 and accion_copia.meta == 4
        assert accion_copia.realizado_total == 0
        assert not Actividad.objects.filter(accion=accion_copia).exists()
        assert Requerimiento.objects.filter(programa=nuevo).count() == 10
        assert nuevo.history.latest().history_user == usuario_personal

    def test_no_duplica_un_anio(self, programa_2021, usuario_personal):
        with pytest.raises(ValidationError, match="Ya existe un programa para 2021"):
            programa_clonar(programa=programa_2021, anio=2021, actor=usuario_personal)


class TestAvance:
    def test_registrar_y_corregir(self, usuario_personal):
        programa = generar_programa(2051, objetivos=1, estrategias=1, lineas=1, acciones=1)
        accion = Accion.objects.get(linea__estrategia__objetivo__programa=programa)
        avance_registrar(accion=accion, mes=2, realizado=3, actor=usuario_personal)
        avance_registrar(accion=accion, mes=2, realizado=4, actor=usuario_personal)
        avance = Avance.objects.get()
        assert avance.realizado == 4
        assert avance.history.count() == 2
        assert arbol_del_programa(programa).acciones[0].avance == 40

    def test_no_en_borrador(self, usuario_personal):
        programa = generar_programa(2052, objetivos=1, estrategias=1, lineas=1, acciones=1,
                                    estado=EstadoPrograma.BORRADOR)  # fmt: skip
        accion = Accion.objects.get(linea__estrategia__objetivo__programa=programa)
        with pytest.raises(ValidationError, match="programas publicados"):
            avance_registrar(accion=accion, mes=1, realizado=1, actor=usuario_personal)
        assert not Avance.objects.exists()

    def test_mes_invalido(self, usuario_personal):
        programa = generar_programa(2053, objetivos=1, estrategias=1, lineas=1, acciones=1)
        accion = Accion.objects.get(linea__estrategia__objetivo__programa=programa)
        with pytest.raises(ValidationError):
            avance_registrar(accion=accion, mes=13, realizado=1, actor=usuario_personal)


def test_reporte_de_importacion_con_plurales_correctos():
    from cocreacion.comun.importacion import ResultadoImportacion
    from oela.importacion import ImportadorMatriz

    def reporte(**datos):
        importador = ImportadorMatriz(programa=None, actor=None)
        return importador.informar(ResultadoImportacion(archivo="m.csv", **datos))

    uno = reporte(ensayo=True, filas=1, creados=["1.1.1.1"])
    assert uno[0] == "1 fila leída; 1 elemento nuevo y 0 con cambios."
    varios = reporte(ensayo=False, filas=3, creados=["a", "b"], cambiados=["c"])
    assert varios[0] == "3 filas leídas; 2 elementos nuevos y 1 con cambios."
