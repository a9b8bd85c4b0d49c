"""Columnas de búsqueda e índices GIN declarados en los modelos (``CampoDeBusqueda`` e
``indices_de_busqueda`` de ``cocreacion.models.campo_busqueda``).

Antes eran SQL escrito a mano en las migraciones 0003 y 0006, que
repetían a mano la expresión de los campos de cada ``Buscable``. En PostgreSQL se quitan esas
columnas e índices (``IF EXISTS``) y se crean los declarados, que calculan el texto de búsqueda
de las filas que ya existen; en SQLite aquellas migraciones no hacían nada y aquí se agrega la
columna con el texto sin acentos.
"""

import importlib

import django.contrib.postgres.indexes
from django.db import migrations, models

import cocreacion.models.campo_busqueda

COLUMNAS = ["oela_accion"]
INDICES = [
    "oela_lineaaccion_busqueda",
    "oela_lineaaccion_texto_trgm",
    "oela_accion_busqueda",
    "oela_accion_descripcion_trgm",
]
ANTERIORES = ["0003_indices_de_busqueda", "0006_vector_de_busqueda_guardado_en_acciones"]


def quitar_lo_escrito_a_mano(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for indice in INDICES:
        schema_editor.execute(f'DROP INDEX IF EXISTS "{indice}"')
    for tabla in COLUMNAS:
        schema_editor.execute(f'ALTER TABLE "{tabla}" DROP COLUMN IF EXISTS "busqueda"')


def volver_a_lo_escrito_a_mano(apps, schema_editor):
    for nombre in ANTERIORES:
        importlib.import_module(f"oela.migrations.{nombre}").crear(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("cocreacion", "0015_busqueda_declarada_en_los_modelos"),
        ("oela", "0007_apartados_del_documento_y_origen_de_la_alineacion"),
    ]

    operations = [
        migrations.RunPython(quitar_lo_escrito_a_mano, volver_a_lo_escrito_a_mano),
        migrations.AddField(
            model_name="accion",
            name="busqueda",
            field=cocreacion.models.campo_busqueda.CampoDeBusqueda(
                campos=["descripcion", "indicador", "responsable"], verbose_name="texto de búsqueda"
            ),
        ),
        migrations.AddField(
            model_name="lineaaccion",
            name="busqueda",
            field=cocreacion.models.campo_busqueda.CampoDeBusqueda(
                campos=["texto"], verbose_name="texto de búsqueda"
            ),
        ),
        migrations.AddIndex(
            model_name="accion",
            index=cocreacion.models.campo_busqueda.IndiceGin(
                fields=["busqueda"], name="oela_accion_busqueda"
            ),
        ),
        migrations.AddIndex(
            model_name="accion",
            index=cocreacion.models.campo_busqueda.IndiceGin(
                django.contrib.postgres.indexes.OpClass(
                    models.F("descripcion"), name="gin_trgm_ops"
                ),
                name="oela_accion_trgm",
            ),
        ),
        migrations.AddIndex(
            model_name="lineaaccion",
            index=cocreacion.models.campo_busqueda.IndiceGin(
                fields=["busqueda"], name="oela_linea_busqueda"
            ),
        ),
        migrations.AddIndex(
            model_name="lineaaccion",
            index=cocreacion.models.campo_busqueda.IndiceGin(
                django.contrib.postgres.indexes.OpClass(models.F("texto"), name="gin_trgm_ops"),
                name="oela_linea_trgm",
            ),
        ),
    ]
