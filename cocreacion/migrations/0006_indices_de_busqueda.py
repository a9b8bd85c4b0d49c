"""Índices GIN para la búsqueda del portal (sólo PostgreSQL; en SQLite no hace nada).

Cada índice de texto completo repite exactamente la expresión que genera
``SearchVector(*campos, config="es_sin_acentos")`` en ``cocreacion.portal.busqueda`` para los campos
declarados en ``cocreacion/listados/publicacion.py``; los de trigramas (``gin_trgm_ops``) sirven a la
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
    ("cocreacion_elemento_busqueda", "cocreacion_elementolistado",
     vector("titulo", "descripcion", "justificacion", "unidad_responsable")),
    ("cocreacion_elemento_titulo_trgm", "cocreacion_elementolistado", '"titulo" gin_trgm_ops'),
    ("cocreacion_dictamen_busqueda", "cocreacion_dictamen", vector("folio", "antecedentes")),
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
    dependencies = [("cocreacion", "0005_busqueda_en_espanol")]

    operations = [migrations.RunPython(crear, borrar, elidable=False)]
