"""Lo que la exportación rápida de ``/datos/`` y ``SelectoLigero`` toman de adentro de sus
bibliotecas, escrito como contrato: si una actualización lo cambia, esto falla con un mensaje
que dice qué cambió (además de las pruebas que comparan la salida byte a byte:
``test_exportacion_rapida`` y ``tests/cocreacion/test_widgets.py``).

Por qué se conservan (cifras en los docstrings de ``cocreacion.portal.datos_abiertos`` y
``cocreacion.comun.widgets``); sus rangos están fijados en ``pyproject.toml``.
"""

import datetime as dt
from functools import partialmethod
from types import SimpleNamespace

import pytest
from import_export import fields, resources, widgets

from cocreacion.models import SujetoObligado
from stgao.models import Compromiso


def test_import_export_conserva_lo_que_usan_los_lectores_por_columna():
    assert callable(getattr(fields.Field, "get_dehydrate_method", None))
    assert callable(getattr(resources.Resource, "get_field_name", None))
    # ``Field.export`` recibe ``force_native_type`` por ``**kwargs`` y lo pasa a su widget.
    campo = fields.Field(attribute="fecha", column_name="fecha", widget=widgets.DateWidget())
    objeto = SimpleNamespace(fecha=dt.date(2021, 1, 2))
    assert campo.export(objeto, force_native_type=True) == dt.date(2021, 1, 2)


def test_django_crea_get_foo_display_como_partialmethod():
    # ``_es_display_de_django`` distingue así el método de Django de uno redefinido.
    assert isinstance(SujetoObligado.__dict__["get_tipo_display"], partialmethod)


@pytest.mark.django_db
def test_la_precarga_de_django_queda_donde_la_lee_la_exportacion(crear_compromiso):
    crear_compromiso(titulo="Con responsables")
    compromiso = Compromiso.objects.prefetch_related("responsables").get()
    assert "responsables" in compromiso._prefetched_objects_cache


def test_flatatt_sigue_en_django_forms_utils():
    from django.forms.utils import flatatt

    assert flatatt({"id": "x", "required": True, "hidden": False}) == ' id="x" required'
