"""Índices GIN para la búsqueda del portal (sólo PostgreSQL; en SQLite no hace nada).

Cada índice de texto completo repite exactamente la expresión que genera
``SearchVector(*campos, config="es_sin_acentos")`` en ``cocreacion.portal.busqueda`` para los campos
declarados en ``stgao/publicacion.py``; los de trigramas (``gin_trgm_ops``) sirven a la
tolerancia a errores de dedo en el título. Si cambian los campos buscables, cambie aquí también.
"""

from django.db import migrations

CONFIG = "'es_sin_acentos'::regconfig"


def vector(*columnas: str) -> str:
    return (
        f"to_tsvector({CONFIG}, "
        + " || ' ' || ".join(f"COALESCE(\"{c}\", '')" for c in columnas)
        + ")"
    )


INDICES = [
    ("stgao_compromiso_busqueda", "stgao_compromiso",
     vector("titulo", "problema", "solucion", "objetivo")),
    ("stgao_compromiso_titulo_trgm", "stgao_compromiso", '"titulo" gin_trgm_ops'),
    ("stgao_hito_busqueda", "stgao_hito", vector("descripcion")),
    ("stgao_hito_descripcion_trgm", "stgao_hito", '"descripcion" gin_trgm_ops'),
    ("stgao_acuerdo_busqueda", "stgao_acuerdo", vector("clave", "texto")),
    ("stgao_sesion_busqueda", "stgao_sesion", vector("resumen", "sede")),
]  # fmt: skip


def crear(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for nombre, tabla, expresion in INDICES:
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS "{nombre}" ON "{tabla}" USING gin (({expresion}))'
            if expresion.startswith("to_tsvector")
            else f'CREATE INDEX IF NOT EXISTS "{nombre}" ON "{tabla}" USING gin ({expresion})'
        )


def borrar(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for nombre, _tabla, _expresion in INDICES:
        schema_editor.execute(f'DROP INDEX IF EXISTS "{nombre}"')


class Migration(migrations.Migration):
    dependencies = [
        ("stgao", "0002_resumen_de_hitos_en_compromiso"),
        ("cocreacion", "0005_busqueda_en_espanol"),
    ]

    operations = [migrations.RunPython(crear, borrar, elidable=False)]
