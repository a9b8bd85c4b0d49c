"""Vectores de búsqueda guardados (sólo PostgreSQL; en SQLite no hace nada).

Como ``stgao.0004`` con los compromisos: con datos a escala 1 (200,000 elementos de listados,
16,000 dictámenes, 2,000 sujetos obligados), una palabra común («transparencia», «municipio»)
coincide con casi todas las filas, y ordenarlas por relevancia recalculaba ``to_tsvector`` de
cada una en cada búsqueda (8 s con «transparencia», 1.5 s con «municipio»). Cada columna
generada ``busqueda`` lo calcula al escribir; el índice GIN y ``ts_rank`` la leen.

Django no conoce las columnas como campos (no aparecen en formularios, historial ni
exportaciones): ``cocreacion/listados/publicacion.py`` y ``cocreacion/portal/busqueda.py`` las nombran con
``vector_guardado`` en su ``Buscable``. Cada expresión es la de ``SearchVector(*campos,
config="es_sin_acentos")`` con los campos de ese ``Buscable``; si cambian, cambie aquí también.
Reemplazan a los índices de expresión equivalentes de la migración 0006 (el de trigramas del
título sigue: sirve a los errores de dedo).

También agrega los índices de trigramas que faltaban en el título de dictámenes (``folio``) y
sujetos obligados (``nombre``): sin ellos, el ``OR`` entre ``@@`` y ``%>`` no puede usar
índices y cada búsqueda recorría los 16,000 dictámenes (36 ms con «trasparencia»; 1 ms con el
índice).
"""

from django.db import migrations

CONFIG = "'es_sin_acentos'::regconfig"


def vector(*columnas: str) -> str:
    return (
        f"to_tsvector({CONFIG}, "
        + " || ' ' || ".join(f"COALESCE(\"{c}\", '')" for c in columnas)
        + ")"
    )


# (tabla, índice de expresión que se reemplaza o "", expresión)
VECTORES = [
    ("cocreacion_elementolistado", "cocreacion_elemento_busqueda",
     vector("titulo", "descripcion", "justificacion", "unidad_responsable")),
    ("cocreacion_dictamen", "cocreacion_dictamen_busqueda", vector("folio", "antecedentes")),
    ("cocreacion_sujetoobligado", "", vector("nombre", "siglas")),
]  # fmt: skip


TRIGRAMAS = [
    ("cocreacion_dictamen_folio_trgm", "cocreacion_dictamen", "folio"),
    ("cocreacion_sujeto_nombre_trgm", "cocreacion_sujetoobligado", "nombre"),
]


def crear(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for tabla, anterior, expresion in VECTORES:
        if anterior:
            schema_editor.execute(f'DROP INDEX IF EXISTS "{anterior}"')
        schema_editor.execute(
            f'ALTER TABLE "{tabla}" ADD COLUMN "busqueda" tsvector '
            f"GENERATED ALWAYS AS ({expresion}) STORED"
        )
        schema_editor.execute(
            f'CREATE INDEX "{tabla}_busqueda_guardada" ON "{tabla}" USING gin ("busqueda")'
        )
    for nombre, tabla, columna in TRIGRAMAS:
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS "{nombre}" ON "{tabla}" USING gin ("{columna}" gin_trgm_ops)'
        )


def borrar(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for nombre, _tabla, _columna in TRIGRAMAS:
        schema_editor.execute(f'DROP INDEX IF EXISTS "{nombre}"')
    for tabla, anterior, expresion in VECTORES:
        schema_editor.execute(f'ALTER TABLE "{tabla}" DROP COLUMN IF EXISTS "busqueda"')
        if anterior:
            schema_editor.execute(
                f'CREATE INDEX IF NOT EXISTS "{anterior}" ON "{tabla}" USING gin (({expresion}))'
            )


class Migration(migrations.Migration):
    dependencies = [("cocreacion", "0009_indice_fecha_y_version_del_historial")]

    operations = [migrations.RunPython(crear, borrar, elidable=False)]
