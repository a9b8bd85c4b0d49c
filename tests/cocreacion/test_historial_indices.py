"""Cada tabla de historial tiene el índice (history_date, history_id) que usan sus lecturas."""

import pytest
from django.apps import apps
from django.db import connection

APPS_DEL_PORTAL = {"cocreacion", "oela", "stgao", "metricas", "participacion"}


def _modelos_historicos():
    return [
        modelo
        for modelo in apps.get_models()
        if modelo._meta.app_label in APPS_DEL_PORTAL
        and any(campo.name == "history_date" for campo in modelo._meta.fields)
    ]


def test_todos_los_modelos_con_historial_lo_tienen():
    # Un modelo nuevo con ``HistoricalRecords`` en vez de ``Historial`` se queda sin el índice.
    modelos = _modelos_historicos()
    assert len(modelos) >= 30
    sin_indice = [
        modelo._meta.label
        for modelo in modelos
        if not any(
            tuple(indice.fields) == ("history_date", "history_id")
            for indice in modelo._meta.indexes
        )
    ]
    assert sin_indice == []


@pytest.mark.django_db
def test_el_indice_existe_en_la_base_y_ya_no_el_de_la_fecha_sola():
    with connection.cursor() as cursor:
        for modelo in _modelos_historicos():
            tabla = modelo._meta.db_table
            restricciones = connection.introspection.get_constraints(cursor, tabla)
            indices = [r["columns"] for r in restricciones.values() if r["index"]]
            assert ["history_date", "history_id"] in indices, tabla
            assert ["history_date"] not in indices, tabla
