"""Vector de búsqueda guardado en las acciones del programa (sólo PostgreSQL; en SQLite no hace nada).

Como ``stgao.0004``: ordenar por relevancia las acciones que coinciden recalculaba
``to_tsvector`` de tres textos de cada una en cada búsqueda. La columna generada ``busqueda`` lo
calcula al escribir; el índice GIN y ``ts_rank`` la leen. Django no la conoce como campo:
``oela/publicacion.py`` la nombra en el ``Buscable`` de acciones. Su expresión es la de
``SearchVector("descripcion", "indicador", "responsable", config="es_sin_acentos")``; si cambian
los campos de ese ``Buscable``, cambie aquí también. Reemplaza al índice de expresión
``oela_accion_busqueda`` de la migración 0003 (el de trigramas sigue: sirve a los errores de
dedo). Las líneas de acción son pocas y siguen con su índice de expresión.
"""

from django.db import migrations

CAMPOS = ("descripcion", "indicador", "responsable")
VECTOR = (
    "to_tsvector('es_sin_acentos'::regconfig, "
    + " || ' ' || ".join(f"COALESCE(\"{c}\", '')" for c in CAMPOS)
    + ")"
)


def crear(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute('DROP INDEX IF EXISTS "oela_accion_busqueda"')
    schema_editor.execute(
        f'ALTER TABLE "oela_accion" ADD COLUMN "busqueda" tsvector GENERATED ALWAYS AS ({VECTOR}) STORED'
    )
    schema_editor.execute(
        'CREATE INDEX "oela_accion_busqueda_guardada" ON "oela_accion" USING gin ("busqueda")'
    )


def borrar(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute('ALTER TABLE "oela_accion" DROP COLUMN IF EXISTS "busqueda"')
    schema_editor.execute(
        f'CREATE INDEX IF NOT EXISTS "oela_accion_busqueda" ON "oela_accion" USING gin (({VECTOR}))'
    )


class Migration(migrations.Migration):
    dependencies = [("oela", "0005_indice_fecha_y_version_del_historial")]

    operations = [migrations.RunPython(crear, borrar, elidable=False)]
