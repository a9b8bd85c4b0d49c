"""El historial público empieza en la publicación: nada del pasado en borrador.

Un compromiso se captura en borrador (título, textos de hitos, una evidencia que luego se
quita), se corrige y se publica; después cambia en público. Ni su historial, ni los canales, ni
``/cambios/``, ni el conjunto de datos «cambios» muestran lo de antes de publicarse.
"""

import datetime as dt

import pytest

from metricas.models import Edicion, Resultado
from stgao import services
from stgao.models import Evidencia, Hito, PlanAccionLocal

pytestmark = pytest.mark.django_db

BORRADOR = ["Título del borrador", "Texto del hito en borrador", "Evidencia quitada en borrador"]


def _paginas(client, compromiso) -> dict[str, str]:
    urls = [
        f"/compromisos/{compromiso.slug}/historial/",
        f"/compromisos/{compromiso.slug}/cambios.atom",
        "/cambios/",
        "/cambios.atom",
        "/datos/cambios.csv",
        "/datos/cambios.json",
    ]
    paginas = {}
    for url in urls:
        respuesta = client.get(url)
        assert respuesta.status_code == 200, url
        contenido = (
            b"".join(respuesta.streaming_content) if respuesta.streaming else respuesta.content
        )
        paginas[url] = contenido.decode()
    return paginas


@pytest.fixture
def compromiso_publicado(crear_compromiso, usuario_coordinacion, institucion, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    compromiso = crear_compromiso("Título del borrador", publicado=False)
    hito = services.hito_guardar(
        hito=Hito(
            compromiso=compromiso,
            descripcion="Texto del hito en borrador",
            fecha_fin_planeada=dt.date(2030, 1, 1),
        ),
        actor=usuario_coordinacion,
    )
    evidencia = services.evidencia_agregar(
        hito=hito,
        descripcion="Evidencia quitada en borrador",
        enlace="https://example.org/borrador",
        actor=usuario_coordinacion,
    )
    evidencia._history_user = usuario_coordinacion
    evidencia.delete()
    compromiso.titulo = "Título publicado"
    services.compromiso_guardar(compromiso=compromiso, actor=usuario_coordinacion)
    hito.descripcion = "Texto publicado del hito"
    services.hito_guardar(hito=hito, actor=usuario_coordinacion)
    services.compromiso_publicar(compromiso=compromiso, actor=usuario_coordinacion)
    # Ya en público:
    compromiso.refresh_from_db()
    compromiso.titulo = "Título corregido en público"
    services.compromiso_guardar(compromiso=compromiso, actor=usuario_coordinacion)
    hito.refresh_from_db()
    hito.descripcion = "Texto del hito corregido en público"
    services.hito_guardar(hito=hito, actor=usuario_coordinacion)
    services.evidencia_agregar(
        hito=hito,
        descripcion="Evidencia agregada en público",
        enlace="https://example.org/publica",
        actor=usuario_coordinacion,
    )
    return compromiso


def test_nada_del_borrador_en_historial_canales_cambios_ni_datos(client, compromiso_publicado):
    paginas = _paginas(client, compromiso_publicado)
    for url, contenido in paginas.items():
        for texto in BORRADOR:
            assert texto not in contenido, (url, texto)
    historial = paginas[f"/compromisos/{compromiso_publicado.slug}/historial/"]
    # Lo que cambió en público se compara con lo que se publicó.
    assert "Título publicado → Título corregido en público" in historial
    assert "Texto publicado del hito → Texto del hito corregido en público" in historial
    assert "Evidencia agregada en público" in historial
    assert "Publicado" in historial
    assert "Título corregido en público" in paginas["/cambios/"]
    assert "Evidencia agregada en público" in paginas["/datos/cambios.csv"]


def test_lo_escrito_antes_de_publicar_el_plan_tampoco(
    client, crear_compromiso, usuario_coordinacion, institucion
):
    """El compromiso es público cuando lo son él y su plan: cuenta la última publicación."""
    plan = PlanAccionLocal.objects.create(
        nombre="Plan tardío", slug="plan-tardio", anio_inicio=2031, anio_fin=2032
    )
    compromiso = crear_compromiso("Título con el plan en borrador", plan_=plan, hitos=1)
    compromiso.titulo = "Título al publicar el plan"
    services.compromiso_guardar(compromiso=compromiso, actor=usuario_coordinacion)
    plan.publicado = True
    services.plan_guardar(plan=plan, actor=usuario_coordinacion)
    compromiso.titulo = "Título final"
    services.compromiso_guardar(compromiso=compromiso, actor=usuario_coordinacion)
    paginas = _paginas(client, compromiso)
    for url, contenido in paginas.items():
        assert "Título con el plan en borrador" not in contenido, url
    historial = paginas[f"/compromisos/{compromiso.slug}/historial/"]
    assert "Título al publicar el plan → Título final" in historial


def test_evidencia_de_borrador_que_sigue_existiendo_no_es_un_cambio(
    client, crear_compromiso, usuario_coordinacion, institucion
):
    compromiso = crear_compromiso("Con evidencia previa", publicado=False, hitos=1)
    services.evidencia_agregar(
        hito=compromiso.hitos.get(),
        descripcion="Minuta de la mesa de cocreación",
        enlace="https://example.org/minuta",
        actor=usuario_coordinacion,
    )
    services.compromiso_publicar(compromiso=compromiso, actor=usuario_coordinacion)
    assert Evidencia.objects.count() == 1
    historial = client.get(f"/compromisos/{compromiso.slug}/historial/").content.decode()
    assert "evidencia agregada" not in historial.lower()
    # En la página del compromiso sí está: es parte de lo que se publicó.
    assert "Minuta de la mesa" in client.get(compromiso.get_absolute_url()).content.decode()


def test_resultados_capturados_con_la_edicion_en_borrador_no_son_cambios_publicos(
    client, sujeto_obligado, usuario_coordinacion, institucion
):
    from decimal import Decimal

    from metricas import services as metricas_servicios

    edicion = Edicion.objects.create(anio=2021, nombre="Métrica 2021", autores="INAI–CIDE")
    resultado = Resultado.objects.create(
        edicion=edicion, sujeto_obligado=sujeto_obligado, tg=Decimal("0.1"), tc=Decimal("0.1"),
        pg=Decimal("0.1"), pc=Decimal("0.1"), t=Decimal("0.1"), p=Decimal("0.1"),
        iga=Decimal("0.1"),
    )  # fmt: skip
    resultado.tg = Decimal("0.4321")
    resultado.save()
    metricas_servicios.edicion_publicar(edicion=edicion, actor=usuario_coordinacion)
    html = client.get("/cambios/").content.decode()
    assert "Métrica 2021" in html
    assert "0.4321" not in html and "0.1000" not in html
