"""Columnas de búsqueda e índices GIN declarados en los modelos (``CampoDeBusqueda`` e
``indices_de_busqueda`` de ``cocreacion.models.campo_busqueda``).

Antes eran SQL escrito a mano en las migraciones 0006 y 0010, que
repetían a mano la expresión de los campos de cada ``Buscable``. En PostgreSQL se quitan esas
columnas e índices (``IF EXISTS``) y se crean los declarados, que calculan el texto de búsqueda
de las filas que ya existen; en SQLite aquellas migraciones no hacían nada y aquí se agrega la
columna con el texto sin acentos.
"""

import importlib

import django.contrib.postgres.indexes
from django.conf import settings
from django.db import migrations, models

import cocreacion.models.campo_busqueda

COLUMNAS = ["cocreacion_elementolistado", "cocreacion_dictamen", "cocreacion_sujetoobligado"]
INDICES = [
    "cocreacion_elemento_busqueda",
    "cocreacion_elemento_titulo_trgm",
    "cocreacion_dictamen_busqueda",
    "cocreacion_dictamen_folio_trgm",
    "cocreacion_sujeto_nombre_trgm",
]
ANTERIORES = ["0006_indices_de_busqueda", "0010_vectores_de_busqueda_guardados"]


def quitar_lo_escrito_a_mano(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for indice in INDICES:
        schema_editor.execute(f'DROP INDEX IF EXISTS "{indice}"')
    for tabla in COLUMNAS:
        schema_editor.execute(f'ALTER TABLE "{tabla}" DROP COLUMN IF EXISTS "busqueda"')


def volver_a_lo_escrito_a_mano(apps, schema_editor):
    for nombre in ANTERIORES:
        importlib.import_module(f"cocreacion.migrations.{nombre}").crear(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("cocreacion", "0014_siglas_del_area_enlazables"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(quitar_lo_escrito_a_mano, volver_a_lo_escrito_a_mano),
        migrations.AddField(
            model_name="dictamen",
            name="busqueda",
            field=cocreacion.models.campo_busqueda.CampoDeBusqueda(
                campos=["folio", "antecedentes"], verbose_name="texto de búsqueda"
            ),
        ),
        migrations.AddField(
            model_name="elementolistado",
            name="busqueda",
            field=cocreacion.models.campo_busqueda.CampoDeBusqueda(
                campos=["titulo", "descripcion", "justificacion", "unidad_responsable"],
                verbose_name="texto de búsqueda",
            ),
        ),
        migrations.AddField(
            model_name="sujetoobligado",
            name="busqueda",
            field=cocreacion.models.campo_busqueda.CampoDeBusqueda(
                campos=["nombre", "siglas"], verbose_name="texto de búsqueda"
            ),
        ),
        migrations.AddIndex(
            model_name="dictamen",
            index=cocreacion.models.campo_busqueda.IndiceGin(
                fields=["busqueda"], name="coc_dictamen_busqueda"
            ),
        ),
        migrations.AddIndex(
            model_name="dictamen",
            index=cocreacion.models.campo_busqueda.IndiceGin(
                django.contrib.postgres.indexes.OpClass(models.F("folio"), name="gin_trgm_ops"),
                name="coc_dictamen_trgm",
            ),
        ),
        migrations.AddIndex(
            model_name="dictamen",
            index=models.Index(
                condition=models.Q(("aprobado_en__isnull", False)),
                fields=["aprobado_en", "id"],
                name="coc_dictamen_aprobado",
            ),
        ),
        migrations.AddIndex(
            model_name="elementolistado",
            index=cocreacion.models.campo_busqueda.IndiceGin(
                fields=["busqueda"], name="coc_elemento_busqueda"
            ),
        ),
        migrations.AddIndex(
            model_name="elementolistado",
            index=cocreacion.models.campo_busqueda.IndiceGin(
                django.contrib.postgres.indexes.OpClass(models.F("titulo"), name="gin_trgm_ops"),
                name="coc_elemento_trgm",
            ),
        ),
        migrations.AddIndex(
            model_name="sujetoobligado",
            index=cocreacion.models.campo_busqueda.IndiceGin(
                fields=["busqueda"], name="coc_sujeto_busqueda"
            ),
        ),
        migrations.AddIndex(
            model_name="sujetoobligado",
            index=cocreacion.models.campo_busqueda.IndiceGin(
                django.contrib.postgres.indexes.OpClass(models.F("nombre"), name="gin_trgm_ops"),
                name="coc_sujeto_trgm",
            ),
        ),
    ]
