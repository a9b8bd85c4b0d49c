"""Columnas de búsqueda e índices GIN declarados en los modelos (``CampoDeBusqueda`` e
``indices_de_busqueda`` de ``cocreacion.models.campo_busqueda``).

Antes eran SQL escrito a mano en las migraciones 0003, 0004 y 0006, que
repetían a mano la expresión de los campos de cada ``Buscable``. En PostgreSQL se quitan esas
columnas e índices (``IF EXISTS``) y se crean los declarados, que calculan el texto de búsqueda
de las filas que ya existen; en SQLite aquellas migraciones no hacían nada y aquí se agrega la
columna con el texto sin acentos.
"""

import importlib

import django.contrib.postgres.indexes
from django.db import migrations, models

import cocreacion.models.campo_busqueda

COLUMNAS = ["stgao_compromiso", "stgao_hito"]
INDICES = [
    "stgao_compromiso_busqueda",
    "stgao_compromiso_titulo_trgm",
    "stgao_hito_busqueda",
    "stgao_hito_descripcion_trgm",
    "stgao_acuerdo_busqueda",
    "stgao_sesion_busqueda",
    "stgao_acuerdo_clave_trgm",
    "stgao_sesion_sede_trgm",
]
ANTERIORES = [
    "0003_indices_de_busqueda",
    "0004_vector_de_busqueda_guardado",
    "0006_busqueda_guardada_en_hitos_y_trigramas",
]


def quitar_lo_escrito_a_mano(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for indice in INDICES:
        schema_editor.execute(f'DROP INDEX IF EXISTS "{indice}"')
    for tabla in COLUMNAS:
        schema_editor.execute(f'ALTER TABLE "{tabla}" DROP COLUMN IF EXISTS "busqueda"')


def volver_a_lo_escrito_a_mano(apps, schema_editor):
    for nombre in ANTERIORES:
        importlib.import_module(f"stgao.migrations.{nombre}").crear(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("cocreacion", "0015_busqueda_declarada_en_los_modelos"),
        ("stgao", "0008_linea_base_de_hitos"),
    ]

    operations = [
        migrations.RunPython(quitar_lo_escrito_a_mano, volver_a_lo_escrito_a_mano),
        migrations.AddField(
            model_name="acuerdo",
            name="busqueda",
            field=cocreacion.models.campo_busqueda.CampoDeBusqueda(
                campos=["clave", "texto"], verbose_name="texto de búsqueda"
            ),
        ),
        migrations.AddField(
            model_name="compromiso",
            name="busqueda",
            field=cocreacion.models.campo_busqueda.CampoDeBusqueda(
                campos=["titulo", "problema", "solucion", "objetivo"],
                verbose_name="texto de búsqueda",
            ),
        ),
        migrations.AddField(
            model_name="hito",
            name="busqueda",
            field=cocreacion.models.campo_busqueda.CampoDeBusqueda(
                campos=["descripcion"], verbose_name="texto de búsqueda"
            ),
        ),
        migrations.AddField(
            model_name="sesion",
            name="busqueda",
            field=cocreacion.models.campo_busqueda.CampoDeBusqueda(
                campos=["resumen", "sede"], verbose_name="texto de búsqueda"
            ),
        ),
        migrations.AddIndex(
            model_name="acuerdo",
            index=cocreacion.models.campo_busqueda.IndiceGin(
                fields=["busqueda"], name="stgao_acuerdo_busqueda"
            ),
        ),
        migrations.AddIndex(
            model_name="acuerdo",
            index=cocreacion.models.campo_busqueda.IndiceGin(
                django.contrib.postgres.indexes.OpClass(models.F("clave"), name="gin_trgm_ops"),
                name="stgao_acuerdo_trgm",
            ),
        ),
        migrations.AddIndex(
            model_name="compromiso",
            index=cocreacion.models.campo_busqueda.IndiceGin(
                fields=["busqueda"], name="stgao_compromiso_busqueda"
            ),
        ),
        migrations.AddIndex(
            model_name="compromiso",
            index=cocreacion.models.campo_busqueda.IndiceGin(
                django.contrib.postgres.indexes.OpClass(models.F("titulo"), name="gin_trgm_ops"),
                name="stgao_compromiso_trgm",
            ),
        ),
        migrations.AddIndex(
            model_name="hito",
            index=cocreacion.models.campo_busqueda.IndiceGin(
                fields=["busqueda"], name="stgao_hito_busqueda"
            ),
        ),
        migrations.AddIndex(
            model_name="hito",
            index=cocreacion.models.campo_busqueda.IndiceGin(
                django.contrib.postgres.indexes.OpClass(
                    models.F("descripcion"), name="gin_trgm_ops"
                ),
                name="stgao_hito_trgm",
            ),
        ),
        migrations.AddIndex(
            model_name="sesion",
            index=cocreacion.models.campo_busqueda.IndiceGin(
                fields=["busqueda"], name="stgao_sesion_busqueda"
            ),
        ),
        migrations.AddIndex(
            model_name="sesion",
            index=cocreacion.models.campo_busqueda.IndiceGin(
                django.contrib.postgres.indexes.OpClass(models.F("sede"), name="gin_trgm_ops"),
                name="stgao_sesion_trgm",
            ),
        ),
    ]
