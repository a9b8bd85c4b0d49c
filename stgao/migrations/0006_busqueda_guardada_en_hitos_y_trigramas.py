"""Vector de búsqueda guardado en los hitos y trigramas de acuerdos y sesiones (sólo
PostgreSQL; en SQLite no hace nada).

Como la 0004 con los compromisos: a escala 1 hay 20,000 hitos y una palabra común coincide con
miles; ordenarlos por relevancia recalculaba ``to_tsvector`` de cada uno en cada búsqueda. La
columna generada ``busqueda`` lo calcula al escribir; el índice GIN y ``ts_rank`` la leen.
Django no la conoce como campo: ``stgao/publicacion.py`` la nombra en el ``Buscable`` de hitos.
Su expresión es la de ``SearchVector("descripcion", config="es_sin_acentos")``; si cambian los
campos de ese ``Buscable``, cambie aquí también. Reemplaza al índice de expresión
``stgao_hito_busqueda`` de la migración 0003 (el de trigramas sigue: sirve a los errores de dedo).

Acuerdos (900) y sesiones (300) son pocos y siguen con su índice de expresión, pero les faltaba
el de trigramas de su título (``clave``, ``sede``): sin él, el ``OR`` entre ``@@`` y ``%>`` no
usa índices y cada búsqueda calculaba ``to_tsvector`` de todos los acuerdos (11 ms; 0.4 ms con
el índice).
"""

from django.db import migrations

VECTOR = "to_tsvector('es_sin_acentos'::regconfig, COALESCE(\"descripcion\", ''))"
TRIGRAMAS = [
    ("stgao_acuerdo_clave_trgm", "stgao_acuerdo", "clave"),
    ("stgao_sesion_sede_trgm", "stgao_sesion", "sede"),
]


def crear(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute('DROP INDEX IF EXISTS "stgao_hito_busqueda"')
    schema_editor.execute(
        f'ALTER TABLE "stgao_hito" ADD COLUMN "busqueda" tsvector GENERATED ALWAYS AS ({VECTOR}) STORED'
    )
    schema_editor.execute(
        'CREATE INDEX "stgao_hito_busqueda_guardada" ON "stgao_hito" USING gin ("busqueda")'
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
    schema_editor.execute('ALTER TABLE "stgao_hito" DROP COLUMN IF EXISTS "busqueda"')
    schema_editor.execute(
        f'CREATE INDEX IF NOT EXISTS "stgao_hito_busqueda" ON "stgao_hito" USING gin (({VECTOR}))'
    )


class Migration(migrations.Migration):
    dependencies = [("stgao", "0005_indice_fecha_y_version_del_historial")]

    operations = [migrations.RunPython(crear, borrar, elidable=False)]
