"""Costo declarado del parecido por trigramas (``%>``) en PostgreSQL; en SQLite no hace nada.

Ver ``COSTO_DEL_PARECIDO`` en ``cocreacion.models.campo_busqueda``: con el costo de pg_trgm (1)
el planificador recorría las tablas evaluando el parecido fila por fila en vez de usar los
índices de trigramas.
"""

from django.db import migrations

from cocreacion.models.campo_busqueda import fijar_costo_del_parecido


def fijar(apps, schema_editor):
    fijar_costo_del_parecido(schema_editor.connection)


def devolver(apps, schema_editor):
    fijar_costo_del_parecido(schema_editor.connection, costo=1)


class Migration(migrations.Migration):
    dependencies = [("cocreacion", "0018_indice_del_registro_de_cambios_por_registro")]

    operations = [migrations.RunPython(fijar, devolver, elidable=False)]
