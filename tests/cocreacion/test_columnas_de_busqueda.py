"""La columna de búsqueda y sus índices: declarados una vez en el modelo, iguales en la base.

Cada ``Buscable`` busca en la columna ``CampoDeBusqueda`` de su modelo, con sus índices en
``Meta.indexes``. Estas pruebas fallan si la base (lo que dejaron las migraciones, o un SQL
escrito a mano) difiere de esa declaración: otra expresión, otro tipo, un índice de menos, de
más o distinto.
"""

import pytest
from django.db import connection
from django.db.models import Func, TextField
from django.db.models.functions import Cast

from cocreacion.models.campo_busqueda import CampoDeBusqueda, IndiceGin, VectorDeBusqueda
from cocreacion.portal.busqueda import buscables, sin_acentos

pytestmark = pytest.mark.django_db


def _modelos():
    return {b.modelo: b for b in buscables()}


def _sql_de_la_declaracion(modelo) -> str:
    """La expresión de la columna como la escribe la migración (con sus valores en línea)."""
    campo = modelo._meta.get_field("busqueda")
    editor = connection.schema_editor(collect_sql=True)
    sql, params = campo.generated_sql(connection)
    return sql % tuple(editor.quote_value(p) for p in params)


def test_cada_buscable_declara_su_columna_y_sus_indices():
    for modelo, buscable in _modelos().items():
        campo = modelo._meta.get_field(buscable.columna)
        assert isinstance(campo, CampoDeBusqueda), modelo
        assert buscable.campos == campo.campos
        assert all(modelo._meta.get_field(c) for c in campo.campos)
        gin = [i for i in modelo._meta.indexes if isinstance(i, IndiceGin)]
        assert [i.fields for i in gin if i.fields] == [[buscable.columna]], modelo
        (trigramas,) = [i for i in gin if i.expressions]
        (opclass,) = trigramas.expressions
        assert opclass.extra["name"] == "gin_trgm_ops"
        assert opclass.get_source_expressions()[0].name == buscable.campo_titulo
        # La historia no copia la columna: se calcula de los demás campos.
        assert "busqueda" not in {f.name for f in modelo.history.model._meta.fields}


def _expresion_en_la_base(cursor, tabla: str, columna: str) -> str:
    cursor.execute(
        "SELECT pg_get_expr(d.adbin, d.adrelid), a.attgenerated, format_type(a.atttypid, NULL) "
        "FROM pg_attribute a JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
        "WHERE a.attrelid = %s::regclass AND a.attname = %s",
        [tabla, columna],
    )
    filas = cursor.fetchall()
    assert len(filas) == 1, f"{tabla}.{columna} no es una columna generada"
    expresion, generada, tipo = filas[0]
    assert (generada, tipo) == ("s", "tsvector"), tabla
    return expresion


def _indices_gin_en_la_base(cursor, tabla: str) -> dict[str, str]:
    cursor.execute(
        "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s AND indexdef LIKE %s",
        [tabla, "% USING gin %"],
    )
    return {
        nombre: definicion.replace(f"{nombre} ON public.{tabla}", "")
        for nombre, definicion in cursor.fetchall()
    }


@pytest.mark.postgresql
def test_la_base_tiene_la_columna_y_los_indices_declarados_postgresql():
    """Compara el catálogo con lo que PostgreSQL hace de la declaración: cada expresión y cada
    índice declarado se crea en una tabla temporal con las mismas columnas y se comparan las
    definiciones que PostgreSQL normaliza (``pg_get_expr``, ``pg_indexes``)."""
    with connection.cursor() as cursor, connection.schema_editor() as editor:
        for modelo in _modelos():
            tabla = modelo._meta.db_table
            temporal = f"tmp_{tabla}"
            cursor.execute(
                f'CREATE TEMP TABLE "{temporal}" (LIKE "{tabla}" INCLUDING GENERATED)'  # noqa: S608  # nosec B608
            )
            cursor.execute(f'ALTER TABLE "{temporal}" DROP COLUMN "busqueda"')
            cursor.execute(
                f'ALTER TABLE "{temporal}" ADD COLUMN "busqueda" tsvector '
                f"GENERATED ALWAYS AS ({_sql_de_la_declaracion(modelo)}) STORED"
            )
            assert _expresion_en_la_base(cursor, tabla, "busqueda") == _expresion_en_la_base(
                cursor, temporal, "busqueda"
            ), f"La columna de {tabla} no es la declarada en {modelo.__name__}"

            declarados = {}
            for indice in modelo._meta.indexes:
                if not isinstance(indice, IndiceGin):
                    continue
                sql = str(indice.create_sql(modelo, editor))
                sql = sql.replace(f'"{tabla}"', f'"{temporal}"').replace(
                    f'"{indice.name}"', f'"tmp_{indice.name}"'
                )
                cursor.execute(sql)
                declarados[indice.name] = None
            temporales = _indices_gin_en_la_base(cursor, temporal)
            esperados = {
                nombre: temporales[f"tmp_{nombre}"].replace(f"tmp_{nombre} ON pg_temp", "")
                for nombre in declarados
            }
            en_la_base = _indices_gin_en_la_base(cursor, tabla)
            assert set(en_la_base) == set(esperados), (
                f"{tabla}: índices GIN en la base {sorted(en_la_base)}, "
                f"declarados {sorted(esperados)}"
            )
            for nombre, definicion in esperados.items():
                assert en_la_base[nombre].split("USING")[1] == definicion.split("USING")[1], nombre


@pytest.mark.postgresql
def test_la_columna_vale_el_vector_de_sus_campos_postgresql(catalogos):
    from django.contrib.postgres.search import SearchVector

    from cocreacion.models import SujetoObligado

    (par,) = set(
        SujetoObligado.objects.filter(siglas__gt="")
        .annotate(
            _calculado=Cast(SearchVector("nombre", "siglas", config="es_sin_acentos"), TextField()),
            _guardado=Cast("busqueda", TextField()),
        )
        .values_list("_calculado", "_guardado")[:1]
    )
    assert par[0] == par[1]


@pytest.mark.sqlite
def test_la_base_tiene_la_columna_declarada_sqlite():
    """En SQLite la columna guarda el texto sin acentos (la función registrada por conexión);
    la definición guardada en ``sqlite_master`` lleva la expresión de la declaración."""
    with connection.cursor() as cursor:
        for modelo in _modelos():
            tabla = modelo._meta.db_table
            cursor.execute(f'PRAGMA table_xinfo("{tabla}")')
            # ``hidden`` 3: columna generada guardada.
            assert [c[6] for c in cursor.fetchall() if c[1] == "busqueda"] == [3], tabla
            cursor.execute(
                "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = %s", [tabla]
            )
            (definicion,) = cursor.fetchone()
            assert f"GENERATED ALWAYS AS ({_sql_de_la_declaracion(modelo)}) STORED" in definicion, (
                tabla
            )


@pytest.mark.sqlite
def test_la_columna_vale_el_texto_sin_acentos_de_sus_campos_sqlite(catalogos):
    from cocreacion.models import SujetoObligado

    sujeto = SujetoObligado.objects.exclude(siglas="").order_by("pk").first()
    sujeto.nombre = "Órgano ÁRBOL Niño"
    sujeto.save()
    guardado = SujetoObligado.objects.values_list("busqueda", flat=True).get(pk=sujeto.pk)
    assert (
        guardado
        == sin_acentos(f"{sujeto.nombre} {sujeto.siglas}")
        == f"organo arbol nino {sujeto.siglas.lower()}"
    )


def test_la_expresion_sale_de_los_campos_declarados():
    """La misma lista de campos da la misma expresión en la declaración y en la búsqueda."""
    expresion = VectorDeBusqueda("titulo", "texto")
    assert isinstance(expresion, Func)
    assert [e.source_expressions[0].name for e in expresion.source_expressions] == [
        "titulo",
        "texto",
    ]


def _costo_del_parecido() -> float:
    from cocreacion.models.campo_busqueda import FUNCION_DEL_PARECIDO

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT procost FROM pg_proc WHERE oid = %s::regprocedure", [FUNCION_DEL_PARECIDO]
        )
        return cursor.fetchone()[0]


@pytest.mark.postgresql
def test_el_parecido_por_trigramas_declara_su_costo_postgresql(db):
    from cocreacion.models.campo_busqueda import COSTO_DEL_PARECIDO

    assert _costo_del_parecido() == COSTO_DEL_PARECIDO


@pytest.mark.postgresql
def test_la_busqueda_de_lo_parecido_usa_el_indice_de_trigramas_postgresql(db):
    """Con el costo declarado, una tabla de miles de filas se lee por su índice de trigramas."""
    from cocreacion.models import SujetoObligado

    SujetoObligado.objects.bulk_create(
        SujetoObligado(
            nombre=f"Ayuntamiento de San Pedro número {i}",
            slug=f"san-pedro-{i}",
            nombre_normalizado=f"ayuntamiento de san pedro numero {i}",
            tipo="municipio",
            orden="municipal",
        )
        for i in range(3000)
    )
    with connection.cursor() as cursor:
        # Lo que hace el autovacuum tras una carga: vaciar la lista pendiente del índice GIN.
        cursor.execute("SELECT gin_clean_pending_list('coc_sujeto_trgm'::regclass)")
        cursor.execute("ANALYZE cocreacion_sujetoobligado")
        cursor.execute(
            "EXPLAIN SELECT id FROM cocreacion_sujetoobligado WHERE nombre %%> %s",
            ["participación ciudadana"],
        )
        plan = "\n".join(fila[0] for fila in cursor.fetchall())
    assert "coc_sujeto_trgm" in plan, plan
