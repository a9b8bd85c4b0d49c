"""Vector de búsqueda guardado en el compromiso (sólo PostgreSQL; en SQLite no hace nada).

Con 100,000 compromisos, una palabra común («niños») coincide con miles de filas y ordenarlas
por relevancia recalculaba ``to_tsvector`` (español sin acentos) de cuatro textos largos en
cada una: más de un segundo por búsqueda. La columna generada ``busqueda`` lo calcula al
escribir; el índice GIN y ``ts_rank`` la leen. Django no la conoce como campo (no aparece en
formularios, historial ni exportaciones): ``stgao/publicacion.py`` la nombra en el
``Buscable`` de compromisos. Su expresión es la de ``SearchVector(*campos)`` con los campos
buscables de ese ``Buscable``; si cambian, cambie aquí también. Reemplaza al índice de
expresión ``stgao_compromiso_busqueda`` de la migración 0003.
"""

from django.db import migrations

CONFIG = "'es_sin_acentos'::regconfig"
CAMPOS = ("titulo", "problema", "solucion", "objetivo")
VECTOR = (
    f"to_tsvector({CONFIG}, " + " || ' ' || ".join(f"COALESCE(\"{c}\", '')" for c in CAMPOS) + ")"
)


def crear(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute('DROP INDEX IF EXISTS "stgao_compromiso_busqueda"')
    schema_editor.execute(
        'ALTER TABLE "stgao_compromiso" ADD COLUMN "busqueda" tsvector '
        f"GENERATED ALWAYS AS ({VECTOR}) STORED"
    )
    schema_editor.execute(
        'CREATE INDEX "stgao_compromiso_busqueda_guardada" ON "stgao_compromiso" '
        'USING gin ("busqueda")'
    )


def borrar(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute('ALTER TABLE "stgao_compromiso" DROP COLUMN IF EXISTS "busqueda"')
    schema_editor.execute(
        'CREATE INDEX IF NOT EXISTS "stgao_compromiso_busqueda" ON "stgao_compromiso" '
        f"USING gin (({VECTOR}))"
    )


class Migration(migrations.Migration):
    dependencies = [("stgao", "0003_indices_de_busqueda")]

    operations = [migrations.RunPython(crear, borrar, elidable=False)]
