# ruff: noqa: F811
"""Interés público y Métrica en datos, búsqueda, historial y mapa: nunca proyectos ni borradores."""

import pytest

from metricas.models import Edicion
from tests.cocreacion.test_listados_apoyo import (  # noqa: F401
    RUTAS,
    abierto,
    elementos,
    enlace,
    listado,
    listado_ajeno,
    llevar_a,
    otro_enlace,
    periodo,
)

from .ayudas import (
    canal_atom,
    mapa_del_sitio,
    texto_de_conjunto,
    textos_del_canal,
    titulos_de_busqueda,
)

pytestmark = [pytest.mark.django_db, pytest.mark.urls(RUTAS)]


@pytest.fixture
def aprobado_y_proyecto(
    listado, listado_ajeno, enlace, otro_enlace, usuario_personal, usuario_coordinacion
):
    elementos(listado_ajeno, 2, prefijo="Clandestino")
    proyecto = llevar_a(listado_ajeno, "dictaminado", enlace=otro_enlace, analista=usuario_personal)
    aprobado = llevar_a(
        listado, "aprobado", enlace=enlace, analista=usuario_personal,
        aprobador=usuario_coordinacion,
    )  # fmt: skip
    return aprobado, proyecto


def test_conjuntos_sin_proyectos(client, aprobado_y_proyecto):
    aprobado, _ = aprobado_y_proyecto
    for nombre in ["dictamenes-interes-publico", "elementos-interes-publico"]:
        texto = texto_de_conjunto(client, nombre)
        assert "Clandestino" not in texto, nombre
    assert aprobado.folio in texto_de_conjunto(client, "dictamenes-interes-publico")
    assert "añadido en Oaxaca" in texto_de_conjunto(client, "elementos-interes-publico")


def test_busqueda_de_dictamenes_y_elementos(client, aprobado_y_proyecto):
    aprobado, _ = aprobado_y_proyecto
    respuesta = client.get("/buscar/", {"q": "Información número"})
    grupos = {g.buscable.clave: g for g in respuesta.context["grupos"]}
    assert grupos["elementos"].total == 3
    assert all(r.url == aprobado.get_absolute_url() for r in grupos["elementos"].resultados)
    assert client.get(grupos["elementos"].resultados[0].url).status_code == 200
    assert any(aprobado.folio in t for t in titulos_de_busqueda(client, aprobado.folio))
    assert titulos_de_busqueda(client, "Clandestino") == []


def test_mapa_y_canales_sin_proyectos(client, aprobado_y_proyecto, sujeto_obligado):
    aprobado, _ = aprobado_y_proyecto
    mapa = mapa_del_sitio(client)
    assert aprobado.get_absolute_url() in mapa
    assert mapa.count("/interes-publico/dictamenes/") == 1
    todo = textos_del_canal(canal_atom(client, "/cambios.atom"))
    assert f"Dictamen {aprobado.folio}" in todo
    assert "Clandestino" not in todo
    del_sujeto = textos_del_canal(
        canal_atom(client, f"/sujetos-obligados/{sujeto_obligado.slug}/cambios.atom")
    )
    assert f"Dictamen {aprobado.folio}" in del_sujeto


def test_edicion_no_publicada_de_la_metrica_no_aparece(client, institucion):
    publicada = Edicion.objects.create(
        anio=2098, nombre="Métrica publicada de prueba", autores="INAI–CIDE", publicada=True
    )
    Edicion.objects.create(
        anio=2099, nombre="Edición clandestina", autores="INAI–CIDE", publicada=False
    )
    mapa = mapa_del_sitio(client)
    assert "/metricas/2098/" in mapa and "/metricas/2099/" not in mapa
    assert "/metricas/indicadores-de-referencia/" in mapa
    todo = textos_del_canal(canal_atom(client, "/cambios.atom"))
    assert publicada.nombre in todo and "clandestina" not in todo
    for nombre in ["metrica-resultados", "metrica-promedios-por-entidad", "cambios"]:
        assert "clandestina" not in texto_de_conjunto(client, nombre)
