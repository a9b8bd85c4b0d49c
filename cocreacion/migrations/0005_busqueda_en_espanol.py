"""Búsqueda en español sin acentos (sólo PostgreSQL; en SQLite no hace nada).

Crea las extensiones ``unaccent`` y ``pg_trgm`` y la configuración de texto completo
``es_sin_acentos``: la española con ``unaccent`` antes del lematizador, para que «construccion»
encuentre «construcción» y «nino» encuentre «niño».
"""

from django.contrib.postgres.operations import TrigramExtension, UnaccentExtension
from django.db import migrations

CREAR = """
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'es_sin_acentos') THEN
    CREATE TEXT SEARCH CONFIGURATION es_sin_acentos (COPY = pg_catalog.spanish);
    ALTER TEXT SEARCH CONFIGURATION es_sin_acentos
      ALTER MAPPING FOR hword, hword_part, word WITH unaccent, spanish_stem;
  END IF;
END
$$;
"""
BORRAR = "DROP TEXT SEARCH CONFIGURATION IF EXISTS es_sin_acentos;"


def crear(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREAR)


def borrar(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BORRAR)


class Migration(migrations.Migration):
    dependencies = [("cocreacion", "0003_listados_interes_publico")]

    operations = [
        UnaccentExtension(),
        TrigramExtension(),
        migrations.RunPython(crear, borrar),
    ]
