"""Lo que cada app declara para publicar: campos públicos válidos y nada de personas usuarias."""

import pytest
from django.conf import settings
from django.contrib.sitemaps import Sitemap

from cocreacion.portal.busqueda import buscables
from cocreacion.portal.cambios import seguibles
from cocreacion.portal.datos_abiertos import conjuntos
from cocreacion.portal.sitemaps import todos

PROHIBIDOS = {"notas_internas", "observaciones", "sexo", "aprobado_por", "revisado_por",
              "enviado_por"}  # fmt: skip


def test_cada_app_declara_lo_suyo():
    claves = {s.clave for s in seguibles()}
    assert {"programas", "lineas", "acciones", "compromisos", "hitos", "evidencias",
            "sesiones", "acuerdos", "dictamenes", "elementos-listados",
            "metrica-ediciones"} <= claves  # fmt: skip
    assert {"lineas", "acciones", "compromisos", "hitos", "sesiones", "acuerdos", "dictamenes",
            "elementos", "sujetos"} <= {b.clave for b in buscables()}  # fmt: skip
    assert {"programas", "lineas-programa", "compromisos", "sesiones", "dictamenes",
            "metrica-ediciones"} <= set(todos())  # fmt: skip
    assert {"programas", "programa-arbol", "acciones", "avances", "actividades", "compromisos",
            "hitos", "evidencias", "integrantes-stgao", "sesiones",
            "acuerdos"} <= set(conjuntos())  # fmt: skip
    assert all(issubclass(m, Sitemap) for m in todos().values())


@pytest.mark.parametrize("seguible", seguibles(), ids=lambda s: s.clave)
def test_campos_publicos_editables_y_sin_usuarios(seguible):
    """``diff_against`` sólo compara campos editables; nunca se sigue a una persona usuaria."""
    for nombre in seguible.campos_publicos:
        campo = seguible.modelo._meta.get_field(nombre)
        assert campo.editable, f"{seguible.clave}.{nombre} no es editable"
        assert nombre not in PROHIBIDOS
        if campo.is_relation:
            assert campo.related_model._meta.label != settings.AUTH_USER_MODEL


@pytest.mark.parametrize("conjunto", list(conjuntos().values()), ids=lambda c: c.nombre)
def test_conjuntos_sin_columnas_internas(conjunto):
    assert not PROHIBIDOS & set(conjunto.encabezados())
