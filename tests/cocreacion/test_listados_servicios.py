# ruff: noqa: F811
"""Ciclo del listado: cada transición legal e ilegal, por rol, con historial y folios."""

import threading
from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections
from django.utils import timezone

from cocreacion.listados import services as servicios
from cocreacion.listados.models import DictamenAprobadoInmutable
from cocreacion.listados.services import TransicionInvalida
from cocreacion.models import (
    Dictamen,
    ElementoListado,
    EstadoListado,
    Institucion,
    Listado,
    SujetoObligado,
)
from tests.cocreacion.test_listados_apoyo import (  # noqa: F401
    abierto,
    crear_periodo,
    elementos,
    enlace,
    listado,
    listado_ajeno,
    llevar_a,
    otro_enlace,
    periodo,
)

pytestmark = pytest.mark.django_db


def test_clave_del_periodo_y_orden_de_plazos(institucion):
    with pytest.raises(ValidationError, match="AAAA-S1"):
        crear_periodo(clave="2021-1").full_clean()
    with pytest.raises(ValidationError, match="orden"):
        crear_periodo(clave="2021-S2", fecha_limite_revision=date(2000, 1, 1)).full_clean()


def test_abrir_periodo_por_tipo_y_orden_sin_duplicar(catalogos, usuario_coordinacion):
    periodo = crear_periodo()
    creados = servicios.periodo_abrir(
        periodo=periodo, actor=usuario_coordinacion, tipos=["municipio"]
    )
    municipios = SujetoObligado.objects.activos().filter(tipo="municipio").count()
    assert creados == municipios == 570
    assert (
        servicios.periodo_abrir(periodo=periodo, actor=usuario_coordinacion, tipos=["municipio"])
        == 0
    )
    estatales = servicios.periodo_abrir(
        periodo=periodo, actor=usuario_coordinacion, ordenes=["estatal"]
    )
    assert estatales == SujetoObligado.objects.activos().filter(orden="estatal").count()
    periodo.refresh_from_db()
    assert periodo.abierto_en is not None
    assert set(Listado.objects.values_list("estado", flat=True)) == {"borrador"}
    registro = Listado.history.first()
    assert registro.history_user == usuario_coordinacion


def test_abrir_periodo_rechaza_a_quien_no_es_dga(periodo, usuario_consejo, enlace):
    for actor in (usuario_consejo, enlace):
        with pytest.raises(TransicionInvalida, match="personal de la DGA"):
            servicios.periodo_abrir(periodo=periodo, actor=actor)
    assert not Listado.objects.exists()


def test_sujetos_inactivos_no_se_requieren(periodo, sujeto_obligado, usuario_coordinacion):
    sujeto_obligado.activo = False
    sujeto_obligado.save()
    assert servicios.periodo_abrir(periodo=periodo, actor=usuario_coordinacion) == 0


def test_enviar_exige_elementos_enlace_propio_y_plazo(
    listado, enlace, otro_enlace, usuario_consejo
):
    with pytest.raises(TransicionInvalida, match="no tiene elementos"):
        servicios.listado_enviar(listado=listado, actor=enlace)
    elementos(listado, 2)
    for ajeno in (otro_enlace, usuario_consejo):
        with pytest.raises(TransicionInvalida, match="Sólo el enlace"):
            servicios.listado_enviar(listado=listado, actor=ajeno)
    with pytest.raises(TransicionInvalida, match="plazo de envío venció"):
        servicios.listado_enviar(listado=listado, actor=enlace, hoy=date(2101, 1, 1))
    servicios.listado_enviar(listado=listado, actor=enlace)
    listado.refresh_from_db()
    assert listado.estado == EstadoListado.ENVIADO
    assert listado.enviado_por == enlace
    ultimo = listado.history.first()
    assert (ultimo.estado, ultimo.history_user, ultimo.history_change_reason) == (
        "enviado",
        enlace,
        "Listado enviado",
    )
    with pytest.raises(TransicionInvalida, match="está «Enviado»"):
        servicios.listado_enviar(listado=listado, actor=enlace)


def test_el_enlace_no_captura_fuera_de_borrador_ni_en_listado_ajeno(
    listado, listado_ajeno, enlace, usuario_personal
):
    nuevo = ElementoListado(
        titulo="Padrón",
        descripcion="d",
        justificacion="j",
        unidad_responsable="u",
        periodicidad="anual",
        formato="PDF",
    )
    with pytest.raises(TransicionInvalida, match="Sólo el enlace"):
        servicios.elemento_guardar(listado=listado_ajeno, elemento=nuevo, actor=enlace)
    servicios.elemento_guardar(listado=listado, elemento=nuevo, actor=enlace)
    assert nuevo.numero == 1 and nuevo.listado == listado
    servicios.listado_enviar(listado=listado, actor=enlace)
    nuevo.titulo = "Cambio tardío"
    with pytest.raises(TransicionInvalida, match="está «Enviado»"):
        servicios.elemento_guardar(listado=listado, elemento=nuevo, actor=enlace)
    with pytest.raises(TransicionInvalida):
        servicios.elemento_eliminar(elemento=nuevo, actor=enlace)
    assert ElementoListado.objects.get(pk=nuevo.pk).titulo == "Padrón"


def test_revision_por_elemento_y_dictaminar_exige_todo_revisado(
    listado, enlace, usuario_personal, usuario_consejo
):
    elementos(listado, 3)
    servicios.listado_enviar(listado=listado, actor=enlace)
    with pytest.raises(TransicionInvalida, match="Sólo el personal de la DGA"):
        servicios.listado_iniciar_revision(listado=listado, actor=usuario_consejo)
    with pytest.raises(TransicionInvalida, match="Sólo el personal de la DGA"):
        servicios.listado_iniciar_revision(listado=listado, actor=enlace)
    primero, segundo, tercero = listado.elementos.all()
    with pytest.raises(TransicionInvalida, match="«Enviado»"):
        servicios.elemento_revisar(
            elemento=primero, resolucion="procedente", fundamentacion="x", actor=usuario_personal
        )
    servicios.listado_iniciar_revision(listado=listado, actor=usuario_personal)
    with pytest.raises(TransicionInvalida, match="fundamentación"):
        servicios.elemento_revisar(
            elemento=primero, resolucion="procedente", fundamentacion=" ", actor=usuario_personal
        )
    with pytest.raises(TransicionInvalida, match="modificaciones"):
        servicios.elemento_revisar(
            elemento=primero,
            resolucion="con_modificaciones",
            fundamentacion="Art. 37",
            actor=usuario_personal,
        )
    with pytest.raises(TransicionInvalida, match="Elija una resolución"):
        servicios.elemento_revisar(
            elemento=primero, resolucion="quizá", fundamentacion="Art. 37", actor=usuario_personal
        )
    servicios.elemento_revisar(
        elemento=primero, resolucion="procedente", fundamentacion="Art. 37", actor=usuario_personal
    )
    servicios.elemento_revisar(
        elemento=segundo,
        resolucion="no_procedente",
        fundamentacion="Ajeno a sus funciones",
        actor=usuario_personal,
    )
    with pytest.raises(TransicionInvalida, match="Falta 1 elemento por revisar"):
        servicios.listado_dictaminar(listado=listado, actor=usuario_personal)
    servicios.elemento_revisar(
        elemento=tercero,
        resolucion="con_modificaciones",
        fundamentacion="Art. 37",
        modificaciones="Desagregar por sexo",
        actor=usuario_personal,
    )
    dictamen = servicios.listado_dictaminar(listado=listado, actor=usuario_personal)
    listado.refresh_from_db()
    assert listado.estado == EstadoListado.DICTAMINADO
    assert dictamen.folio is None and not dictamen.aprobado
    assert [c["resolucion"] for c in dictamen.considerandos] == [
        "procedente",
        "no_procedente",
        "con_modificaciones",
    ]
    assert [c["titulo"] for c in dictamen.elementos_publicables] == [primero.titulo, tercero.titulo]
    assert [c["titulo"] for c in dictamen.elementos_no_admitidos] == [segundo.titulo]
    assert "Secretaría de Prueba" in dictamen.antecedentes
    # Con su artículo, el órgano garante en funciones en la fecha del dictamen.
    garante = Institucion.objects.vigente_en(dictamen.fecha)
    assert garante.nombre.startswith("Instituto ")
    assert f"interés público, el {garante.nombre}" in dictamen.antecedentes
    assert "presentó su listado con 3 elementos de información." in dictamen.antecedentes
    assert primero.history.first().history_user == usuario_personal


def test_aprobar_asigna_folio_y_registra_sesion(
    listado, enlace, usuario_personal, usuario_coordinacion, usuario_consejo, institucion
):
    dictamen = llevar_a(listado, "dictaminado", enlace=enlace, analista=usuario_personal)
    datos = {"sesion": "Sesión", "fecha_sesion": date(2021, 9, 1), "numero_acuerdo": "A/1"}
    for sin_permiso in (usuario_personal, enlace):
        with pytest.raises(TransicionInvalida, match="Consejo General"):
            servicios.dictamen_aprobar(dictamen=dictamen, actor=sin_permiso, **datos)
    with pytest.raises(TransicionInvalida, match="número de acuerdo"):
        servicios.dictamen_aprobar(
            dictamen=dictamen, actor=usuario_consejo, **{**datos, "numero_acuerdo": ""}
        )
    manana = timezone.localdate() + timedelta(days=1)
    with pytest.raises(TransicionInvalida, match="posterior a hoy"):
        servicios.dictamen_aprobar(
            dictamen=dictamen, actor=usuario_consejo, **{**datos, "fecha_sesion": manana}
        )
    dictamen.refresh_from_db()
    assert not dictamen.aprobado and dictamen.numero_folio is None
    aprobado = servicios.dictamen_aprobar(dictamen=dictamen, actor=usuario_consejo, **datos)
    assert aprobado.folio == "DGA/DIP/2021-S1/0001"
    assert aprobado.organo_aprobador == "Consejo General"
    assert aprobado.aprobado_por == usuario_consejo
    listado.refresh_from_db()
    assert listado.estado == EstadoListado.APROBADO
    with pytest.raises(TransicionInvalida, match="ya está aprobado"):
        servicios.dictamen_aprobar(dictamen=aprobado, actor=usuario_coordinacion, **datos)
    with pytest.raises(TransicionInvalida, match="Sólo la Coordinación"):
        servicios.listado_publicar(listado=listado, actor=usuario_personal)
    servicios.listado_publicar(listado=listado, actor=usuario_coordinacion)
    listado.refresh_from_db()
    assert listado.estado == EstadoListado.PUBLICADO
    estados = list(listado.history.order_by("history_date").values_list("estado", flat=True))
    assert estados[-5:] == ["enviado", "en_revision", "dictaminado", "aprobado", "publicado"]


def test_folio_usa_siglas_del_area_y_es_consecutivo_por_periodo(
    abierto, listado, listado_ajeno, enlace, otro_enlace, usuario_personal, usuario_coordinacion
):
    Institucion.objects.update(siglas_area="DGAyTP")
    primero = llevar_a(
        listado,
        "aprobado",
        enlace=enlace,
        analista=usuario_personal,
        aprobador=usuario_coordinacion,
    )
    segundo = llevar_a(
        listado_ajeno,
        "aprobado",
        enlace=otro_enlace,
        analista=usuario_personal,
        aprobador=usuario_coordinacion,
    )
    assert [primero.folio, segundo.folio] == ["DGAyTP/DIP/2021-S1/0001", "DGAyTP/DIP/2021-S1/0002"]
    otro_periodo = crear_periodo(clave="2021-S2")
    servicios.periodo_abrir(
        periodo=otro_periodo, actor=usuario_coordinacion, sujetos=[listado.sujeto_obligado]
    )
    nuevo = otro_periodo.listados.get()
    tercero = llevar_a(
        nuevo, "aprobado", enlace=enlace, analista=usuario_personal, aprobador=usuario_coordinacion
    )
    assert tercero.folio == "DGAyTP/DIP/2021-S2/0001"


def test_dictamen_aprobado_congelado_y_correccion_como_version_nueva(
    listado, enlace, usuario_personal, usuario_coordinacion
):
    original = llevar_a(
        listado,
        "publicado",
        enlace=enlace,
        analista=usuario_personal,
        aprobador=usuario_coordinacion,
    )
    original.antecedentes = "Edición silenciosa"
    with pytest.raises(DictamenAprobadoInmutable, match="corrección"):
        original.save()
    with pytest.raises(TransicionInvalida, match="ya fue aprobado"):
        servicios.dictamen_actualizar(dictamen=original, actor=usuario_personal)
    with pytest.raises(DictamenAprobadoInmutable):
        original.delete()
    with pytest.raises(TransicionInvalida, match="motivo"):
        servicios.listado_corregir(listado=listado, actor=usuario_personal, motivo="")
    servicios.listado_corregir(
        listado=listado, actor=usuario_personal, motivo="Error en el elemento 2"
    )
    elemento = listado.elementos.get(numero=2)
    servicios.elemento_revisar(
        elemento=elemento,
        resolucion="procedente",
        fundamentacion="Reconsiderado",
        actor=usuario_personal,
    )
    nueva = servicios.listado_dictaminar(listado=listado, actor=usuario_personal)
    assert (nueva.version, nueva.sustituye, nueva.motivo_correccion) == (
        2,
        original,
        "Error en el elemento 2",
    )
    nueva = servicios.dictamen_aprobar(
        dictamen=nueva,
        actor=usuario_coordinacion,
        sesion="S",
        fecha_sesion=date(2021, 10, 1),
        numero_acuerdo="A/2",
    )
    assert nueva.folio == "DGA/DIP/2021-S1/0002"
    original.refresh_from_db()
    assert original.antecedentes != "Edición silenciosa"
    assert original.considerandos[1]["resolucion"] == "no_procedente"
    assert nueva.considerandos[1]["resolucion"] == "procedente"
    assert list(Dictamen.objects.publicados().order_by("version")) == [original, nueva]
    assert list(Dictamen.objects.vigentes()) == [nueva]


def test_devolver_para_correccion_con_motivo(listado, enlace, usuario_personal, usuario_consejo):
    llevar_a(listado, "en_revision", enlace=enlace, analista=usuario_personal)
    with pytest.raises(TransicionInvalida):
        servicios.listado_devolver(listado=listado, actor=usuario_consejo, motivo="x")
    servicios.listado_devolver(listado=listado, actor=usuario_personal, motivo="Falta la liga")
    listado.refresh_from_db()
    assert (listado.estado, listado.observaciones) == ("borrador", "Falta la liga")


def test_cerrar_envio_marca_no_presentados_solo_vencido_el_plazo(
    abierto, listado, listado_ajeno, enlace, usuario_personal
):
    elementos(listado, 1)
    servicios.listado_enviar(listado=listado, actor=enlace)
    with pytest.raises(TransicionInvalida, match="aún no puede cerrarse"):
        servicios.periodo_cerrar_envio(periodo=abierto, actor=usuario_personal)
    assert (
        servicios.periodo_cerrar_envio(
            periodo=abierto, actor=usuario_personal, hoy=date(2101, 1, 1)
        )
        == 1
    )
    listado_ajeno.refresh_from_db()
    listado.refresh_from_db()
    assert (listado.estado, listado_ajeno.estado) == ("enviado", "no_presentado")
    assert listado_ajeno.history.first().history_user == usuario_personal
    with pytest.raises(TransicionInvalida, match="«No presentado»"):
        servicios.listado_enviar(listado=listado_ajeno, actor=usuario_personal)


def test_transiciones_disponibles_segun_estado_y_rol(
    listado, enlace, usuario_personal, usuario_coordinacion, usuario_consejo
):
    codigos = lambda u: [t.codigo for t in servicios.transiciones_disponibles(listado, u)]  # noqa: E731
    assert codigos(enlace) == ["enviar"]
    assert codigos(usuario_consejo) == []
    llevar_a(listado, "enviado", enlace=enlace, analista=usuario_personal)
    assert codigos(enlace) == []
    assert codigos(usuario_personal) == ["iniciar_revision", "devolver"]
    servicios.listado_iniciar_revision(listado=listado, actor=usuario_personal)
    listado.refresh_from_db()
    assert codigos(usuario_personal) == ["devolver", "dictaminar"]
    assert codigos(usuario_consejo) == []
    elemento = listado.elementos.first()
    servicios.elemento_revisar(
        elemento=elemento, resolucion="procedente", fundamentacion="Art. 37", actor=usuario_personal
    )
    for otro in listado.elementos.exclude(pk=elemento.pk):
        servicios.elemento_revisar(
            elemento=otro, resolucion="no_procedente", fundamentacion="No", actor=usuario_personal
        )
    servicios.listado_dictaminar(listado=listado, actor=usuario_personal)
    listado.refresh_from_db()
    assert codigos(usuario_personal) == []
    assert codigos(usuario_consejo) == codigos(usuario_coordinacion) == ["aprobar"]


def _aprobar_en_paralelo(dictamenes, actor):
    """Aprueba cada dictamen en su propio hilo (y conexión) a la vez; devuelve errores."""
    barrera = threading.Barrier(len(dictamenes))
    errores = []

    def aprobar(dictamen):
        try:
            barrera.wait(timeout=10)
            servicios.dictamen_aprobar(
                dictamen=dictamen,
                actor=actor,
                sesion="Sesión simultánea",
                fecha_sesion=date(2021, 9, 1),
                numero_acuerdo=f"A/{dictamen.pk}",
            )
        except Exception as exc:  # noqa: BLE001
            errores.append(exc)
        finally:
            connections.close_all()

    hilos = [threading.Thread(target=aprobar, args=(d,)) for d in dictamenes]
    for hilo in hilos:
        hilo.start()
    for hilo in hilos:
        hilo.join(timeout=30)
    return errores


@pytest.mark.django_db(transaction=True)
def test_folios_unicos_con_aprobaciones_simultaneas(
    institucion,
    sujeto_obligado,
    otro_sujeto_obligado,
    crear_enlace,
    usuario_personal,
    usuario_coordinacion,
):
    """En PostgreSQL, cuatro aprobaciones a la vez en hilos con su propia conexión: el bloqueo
    de la fila del periodo serializa el contador. En SQLite (sin bloqueos de fila ni escrituras
    concurrentes) se aprueban una tras otra y se comprueba lo mismo."""
    periodo = crear_periodo()
    sujetos = [sujeto_obligado, otro_sujeto_obligado] + [
        SujetoObligado.objects.create(
            nombre=f"Sujeto concurrente {i}", tipo="municipio", orden="municipal"
        )
        for i in range(2)
    ]
    servicios.periodo_abrir(periodo=periodo, actor=usuario_coordinacion, sujetos=sujetos)
    dictamenes = []
    for i, sujeto in enumerate(sujetos):
        enlace_i = crear_enlace(sujeto, f"enlace{i}")
        dictamenes.append(
            llevar_a(
                periodo.listados.get(sujeto_obligado=sujeto),
                "dictaminado",
                enlace=enlace_i,
                analista=usuario_personal,
            )
        )
    if connection.vendor == "postgresql":
        errores = _aprobar_en_paralelo(dictamenes, usuario_coordinacion)
        assert errores == []
    else:
        for dictamen in dictamenes:
            servicios.dictamen_aprobar(
                dictamen=dictamen,
                actor=usuario_coordinacion,
                sesion="S",
                fecha_sesion=date(2021, 9, 1),
                numero_acuerdo=f"A/{dictamen.pk}",
            )
    folios = sorted(Dictamen.objects.values_list("folio", flat=True))
    assert folios == [f"DGA/DIP/2021-S1/{n:04d}" for n in range(1, 5)]
    periodo.refresh_from_db()
    assert periodo.ultimo_folio == 4


@pytest.mark.django_db(transaction=True)
def test_la_misma_aprobacion_dos_veces_a_la_vez_da_un_solo_folio(
    institucion, sujeto_obligado, crear_enlace, usuario_personal, usuario_coordinacion
):
    periodo = crear_periodo()
    servicios.periodo_abrir(periodo=periodo, actor=usuario_coordinacion, sujetos=[sujeto_obligado])
    dictamen = llevar_a(
        periodo.listados.get(),
        "dictaminado",
        enlace=crear_enlace(sujeto_obligado),
        analista=usuario_personal,
    )
    if connection.vendor == "postgresql":
        errores = _aprobar_en_paralelo([dictamen, dictamen], usuario_coordinacion)
    else:
        errores = []
        for _ in range(2):
            try:
                servicios.dictamen_aprobar(
                    dictamen=dictamen,
                    actor=usuario_coordinacion,
                    sesion="S",
                    fecha_sesion=date(2021, 9, 1),
                    numero_acuerdo="A/1",
                )
            except TransicionInvalida as exc:
                errores.append(exc)
    assert len(errores) == 1 and "ya está aprobado" in str(errores[0])
    periodo.refresh_from_db()
    assert periodo.ultimo_folio == 1
    assert Dictamen.objects.get().folio == "DGA/DIP/2021-S1/0001"
