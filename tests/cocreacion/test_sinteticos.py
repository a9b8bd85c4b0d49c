"""Generador de datos sintéticos (issue 7): conteos, proporciones, reglas derivadas y páginas."""

from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from cocreacion.listados.services import formato_folio
from cocreacion.models import Dictamen, ElementoListado, Listado, PeriodoListado, SujetoObligado
from cocreacion.sinteticos import PREFIJO, Proporciones, comun, generar
from metricas.models import Edicion, Resultado
from oela.models import Accion, Programa
from stgao.models import Acuerdo, Compromiso, Hito, PlanAccionLocal, Sesion
from stgao.services import clave_acuerdo, compromiso_recalcular

ESCALA = 0.01


@pytest.fixture
def sinteticos(db, institucion):
    return generar(escala=ESCALA)


def test_proporciones_de_la_escala_1_son_las_del_issue():
    p = Proporciones.de(1)
    assert (p.sujetos, p.programas, p.acciones_por_programa) == (2000, 10, 250)
    assert (p.planes, p.compromisos_por_plan, p.hitos_por_compromiso) == (20, 100, 10)
    assert p.sesiones == 300
    assert (p.periodos, p.sujetos_por_periodo, p.elementos_por_listado) == (40, 500, 10)
    assert (p.ediciones, p.resultados_por_edicion) == (5, 2000)
    pequena = Proporciones.de(ESCALA)
    assert (pequena.sujetos, pequena.programas, pequena.sesiones) == (20, 1, 3)
    assert pequena.sujetos_por_periodo == 20
    with pytest.raises(ValueError):
        Proporciones.de(0)


def test_conteos_y_proporciones(sinteticos):
    p = sinteticos.proporciones
    assert SujetoObligado.objects.count() == p.sujetos == 20
    assert Programa.objects.count() == p.programas
    assert Accion.objects.count() == p.programas * 250
    assert PlanAccionLocal.objects.count() == p.planes
    assert Compromiso.objects.count() == p.planes * 100
    assert Hito.objects.count() == p.planes * 100 * 10
    assert Sesion.objects.count() == p.sesiones
    assert PeriodoListado.objects.count() == p.periodos
    assert Listado.objects.count() == p.periodos * p.sujetos_por_periodo
    assert ElementoListado.objects.count() == Listado.objects.count() * 10
    assert Edicion.objects.count() == p.ediciones
    assert Resultado.objects.count() == p.ediciones * p.sujetos
    assert sinteticos.conteos["acciones"] == Accion.objects.count()
    # Todo se reconoce como sintético.
    assert not SujetoObligado.objects.exclude(nombre__startswith=PREFIJO).exists()
    assert not Programa.objects.exclude(titulo__startswith=PREFIJO).exists()
    assert not Compromiso.objects.exclude(titulo__startswith=PREFIJO).exists()
    assert not ElementoListado.objects.exclude(titulo__startswith=PREFIJO).exists()
    # Casi todo publicado, con algunos borradores.
    publicados = Compromiso.objects.publicados().count()
    assert 0 < Compromiso.objects.count() - publicados < publicados
    assert Listado.objects.filter(estado="borrador").exists()
    assert Listado.objects.filter(estado="publicado").count() > Listado.objects.count() // 2
    assert Dictamen.objects.filter(aprobado_en__isnull=True).exists()
    # El historial existe para lo generado por lotes.
    assert Compromiso.history.count() >= Compromiso.objects.count()
    assert ElementoListado.history.count() == ElementoListado.objects.count()


def test_valores_derivados_siguen_las_reglas_de_cada_app(sinteticos, institucion):
    campos = ["avance", "total_hitos", "hitos_en_proceso", "vencimiento_pendiente"]
    for compromiso in Compromiso.objects.all():
        antes = [getattr(compromiso, c) for c in campos]
        compromiso_recalcular(compromiso=compromiso, actor=None)
        assert [getattr(compromiso, c) for c in campos] == antes
    assert Compromiso.objects.filter(avance__gt=0).exists()
    for acuerdo in Acuerdo.objects.select_related("sesion"):
        assert acuerdo.clave == clave_acuerdo(acuerdo.sesion, acuerdo.numero)
    for resultado in Resultado.objects.all()[:20]:
        guardado = (resultado.t, resultado.p, resultado.iga)
        resultado.calcular()
        assert (resultado.t, resultado.p, resultado.iga) == guardado
        assert Decimal(0) <= resultado.iga <= Decimal(1)
    periodo = PeriodoListado.objects.get()
    aprobados = list(Dictamen.objects.publicados().order_by("numero_folio"))
    assert periodo.ultimo_folio == len(aprobados) > 0
    for n, dictamen in enumerate(aprobados, start=1):
        assert dictamen.folio == formato_folio(institucion.siglas_area, periodo, n)
        assert len(dictamen.considerandos) == 10
        assert dictamen.listado.sujeto_obligado.nombre in dictamen.antecedentes


def test_las_paginas_publicas_muestran_los_datos(sinteticos, client):
    programa = Programa.objects.publicados().first()
    compromiso = Compromiso.objects.publicados().first()
    borrador = Compromiso.objects.filter(publicado=False).first()
    sesion = Sesion.objects.publicadas().first()
    dictamen = Dictamen.objects.publicados().first()
    edicion = Edicion.objects.publicadas().first()
    sujeto = compromiso.lider
    assert client.get("/").status_code == 200  # la portada muestra cifras, no nombres
    paginas = [
        (f"/programa/{programa.anio}/", programa.titulo),
        (f"/programa/{programa.anio}/matriz/", PREFIJO),
        ("/stgao/sesiones/", sesion.clave),
        (f"/stgao/sesiones/{sesion.pk}/", PREFIJO),
        ("/stgao/acuerdos/", PREFIJO),
        ("/compromisos/", PREFIJO),
        (compromiso.get_absolute_url(), compromiso.titulo),
        ("/interes-publico/", PREFIJO),
        (dictamen.get_absolute_url(), dictamen.folio),
        (f"/metricas/{edicion.anio}/", PREFIJO),
        ("/sujetos-obligados/", PREFIJO),
        (f"/sujetos-obligados/{sujeto.slug}/", sujeto.nombre),
        ("/buscar/?q=municipio", PREFIJO),
    ]
    for ruta, texto in paginas:
        respuesta = client.get(ruta)
        assert respuesta.status_code == 200, ruta
        assert texto in respuesta.content.decode(), ruta
    assert client.get(borrador.get_absolute_url()).status_code == 404


def test_comando_y_segunda_generacion(db, institucion, capsys):
    call_command("generar_datos_sinteticos", "--escala", "0.002")
    assert "Datos sintéticos generados" in capsys.readouterr().out
    assert SujetoObligado.objects.count() == 4
    with pytest.raises(CommandError, match="ya tiene datos sintéticos"):
        call_command("generar_datos_sinteticos", "--escala", "0.002")
    with pytest.raises(CommandError, match="mayor que cero"):
        call_command("generar_datos_sinteticos", "--escala", "0")


@pytest.fixture(params=["insert_select", "simple_history"])
def sinteticos_por_cada_camino(request, db, institucion, monkeypatch):
    """Los datos generados por los dos caminos del alta en el historial: el ``INSERT … SELECT``
    de PostgreSQL y ``bulk_history_create`` de simple-history (el de SQLite, p. ej. ``make run``
    sin ``DATABASE_URL``)."""
    if request.param == "simple_history":
        monkeypatch.setattr(comun, "copia_por_sql", lambda historico: False)
    return generar(escala=ESCALA)


def test_el_alta_en_el_historial_copia_cada_registro(sinteticos_por_cada_camino):
    """El alta en bloque (INSERT … SELECT) deja lo mismo que ``bulk_history_create``."""
    for modelo in (ElementoListado, Dictamen, Hito, Resultado, Accion, SujetoObligado):
        historico = modelo.history.model
        campos = [f.attname for f in historico.tracked_fields]
        # Por el id del registro («pk» de la tabla histórica es ``history_id``, otra secuencia).
        actuales = {fila[0]: fila for fila in modelo.objects.values_list("id", *campos)}
        altas = historico.objects.filter(history_type="+").order_by("history_id")
        assert altas.count() == len(actuales), modelo
        assert {fila[0]: fila for fila in altas.values_list("id", *campos)} == actuales, modelo
        assert set(altas.values_list("history_change_reason", "history_user")) == {
            ("Datos sintéticos", None)
        }
        # En el orden en que se crearon, como lo haría simple-history.
        assert list(altas.values_list("id", flat=True)) == sorted(actuales)


def test_una_muestra_de_cada_modelo_pasa_full_clean(sinteticos):
    """El generador no valida fila por fila: esta muestra es la que lo garantiza."""
    modelos = [
        SujetoObligado,
        Programa,
        Accion,
        PlanAccionLocal,
        Compromiso,
        Hito,
        Sesion,
        Acuerdo,
        PeriodoListado,
        Listado,
        ElementoListado,
        Dictamen,
        Edicion,
        Resultado,
    ]
    for modelo in modelos:
        muestra = list(modelo.objects.order_by("pk")[:3]) + list(modelo.objects.order_by("-pk")[:3])
        assert muestra, modelo
        for objeto in muestra:
            objeto.full_clean()


def test_consultas_propuestas_y_apoyos_sinteticos(sinteticos):
    from cocreacion.participacion.models import Apoyo, Consulta, PasoPropuesta, Propuesta

    p = sinteticos.proporciones
    assert (Proporciones.de(1).consultas, Proporciones.de(1).propuestas_por_consulta) == (50, 400)
    assert Consulta.objects.count() == p.consultas
    assert Propuesta.objects.count() == p.consultas * p.propuestas_por_consulta
    assert sinteticos.conteos["apoyos"] == Apoyo.objects.count()
    assert abs(Apoyo.objects.count() - Propuesta.objects.count() * 10) < Propuesta.objects.count()
    assert not Consulta.objects.exclude(titulo__startswith=PREFIJO).exists()
    assert not Propuesta.objects.exclude(titulo__startswith=PREFIJO).exists()
    assert not Propuesta.objects.exclude(correo="").exists()  # ningún correo, ni inventado
    publicadas = Propuesta.objects.publicadas()
    assert 0 < publicadas.count() < Propuesta.objects.count()
    assert not Apoyo.objects.exclude(propuesta__in=publicadas).exists()
    assert (
        PasoPropuesta.objects.filter(a="incorporada").count()
        == publicadas.filter(estado="incorporada").count()
    )
    for propuesta in Propuesta.objects.order_by("?")[:20]:
        propuesta.full_clean()
