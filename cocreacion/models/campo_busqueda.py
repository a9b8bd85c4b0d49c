"""La columna de búsqueda de cada modelo buscable, declarada una sola vez en su modelo.

``CampoDeBusqueda(campos=[...])`` es una columna generada (``GeneratedField`` guardada) con el
texto buscable de esos campos; ``indices_de_busqueda`` da sus índices para ``Meta.indexes``. De
esa única declaración salen la columna y los índices de la base (``makemigrations``), la lista
de campos que usa la búsqueda (``Buscable.campos`` en ``portal.busqueda``) y lo que compara
la prueba de la base con la declaración.

- En PostgreSQL la columna es el ``tsvector`` de los campos unidos con espacios, en la
  configuración ``es_sin_acentos`` (español sin acentos, migración ``cocreacion.0005``); el
  índice GIN de la columna sirve a ``@@`` y ``ts_rank`` la lee sin recalcular el vector de cada
  fila, y el de trigramas del título sirve a la tolerancia a errores de dedo.
- En SQLite es el mismo texto sin acentos y en minúsculas (la función ``FUNCION_SQLITE`` que
  cada conexión registra al abrirse, ``registrar_funcion_sqlite`` en ``portal.busqueda``),
  donde la búsqueda compara cada palabra con ``LIKE``. SQLite no tiene índices GIN: ahí los
  índices de búsqueda no crean nada (ningún índice sirve a ``LIKE '%palabra%'``).

Cambiar ``campos`` cambia la expresión: Django no sabe modificar una columna generada, así que
la migración debe quitar el campo y volver a agregarlo (``RemoveField`` + ``AddField``).
"""

from django.contrib.postgres.indexes import GinIndex, OpClass
from django.contrib.postgres.search import SearchVectorField
from django.db.backends.ddl_references import Statement
from django.db.models import F, Func, GeneratedField, TextField, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

CONFIGURACION = "es_sin_acentos"
FUNCION_SQLITE = "cocreacion_sin_acentos"
NOMBRE = "busqueda"


# El parecido por trigramas (``%>``, la tolerancia a errores de dedo) compara lo buscado con cada
# tramo del título; en una descripción larga cuesta unos 18 µs por fila, y pg_trgm declara su
# función con el costo de una suma (1). Con ese costo PostgreSQL prefería recorrer la tabla
# evaluándolo fila por fila (2,500 acciones: 47 ms) en vez de usar el índice de trigramas
# (0.3 ms). Es el costo declarado de la función, no una opción del planificador: lo fija la
# migración ``cocreacion.0019`` y se vuelve a fijar al restaurar un respaldo (``pg_restore``
# vuelve a crear la extensión con su costo original).
COSTO_DEL_PARECIDO = 100
FUNCION_DEL_PARECIDO = "word_similarity_commutator_op(text, text)"


def fijar_costo_del_parecido(connection, costo: int = COSTO_DEL_PARECIDO) -> None:
    """Declara en PostgreSQL el costo de ``%>``; en otro motor no hace nada.

    Si el usuario de la base no es dueño de la extensión (la creó otro), avisa en el registro
    de PostgreSQL y sigue: la búsqueda funciona igual, sólo más lenta cuando nada coincide."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            DO $$
            BEGIN
              ALTER FUNCTION {FUNCION_DEL_PARECIDO} COST {int(costo)};
            EXCEPTION WHEN insufficient_privilege THEN
              RAISE WARNING 'No se pudo fijar el costo de {FUNCION_DEL_PARECIDO}: %', SQLERRM;
            END
            $$;
            """
        )


class VectorDeBusquedaField(SearchVectorField):
    """``tsvector`` en PostgreSQL; texto en los demás motores (SQLite no conoce ``tsvector``)."""

    def db_type(self, connection):
        return "tsvector" if connection.vendor == "postgresql" else "text"


class VectorDeBusqueda(Func):
    """El texto buscable de ``campos``: cada uno sin nulos, unidos por un espacio.

    PostgreSQL: ``to_tsvector('es_sin_acentos', …)`` (la misma expresión que
    ``SearchVector(*campos, config="es_sin_acentos")``). SQLite: ``FUNCION_SQLITE(…)``.
    Las dos funciones son inmutables, como exige una columna generada.
    """

    arg_joiner = " || ' ' || "
    template = f"{FUNCION_SQLITE}(%(expressions)s)"
    output_field = VectorDeBusquedaField()

    def __init__(self, *campos: str):
        super().__init__(
            *[Coalesce(F(campo), Value(""), output_field=TextField()) for campo in campos]
        )

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(
            compiler,
            connection,
            template=f"to_tsvector('{CONFIGURACION}'::regconfig, %(expressions)s)",
            **extra,
        )


class CampoDeBusqueda(GeneratedField):
    """Columna generada con el texto buscable de ``campos`` (ver el módulo)."""

    def __init__(self, *, campos, **kwargs):
        self.campos = list(campos)
        kwargs.pop("expression", None)
        kwargs.pop("output_field", None)
        kwargs.pop("db_persist", None)
        kwargs.setdefault("verbose_name", _("texto de búsqueda"))
        super().__init__(
            expression=VectorDeBusqueda(*self.campos),
            output_field=VectorDeBusquedaField(),
            db_persist=True,
            **kwargs,
        )

    def deconstruct(self):
        nombre, _ruta, args, kwargs = super().deconstruct()
        for clave in ("expression", "output_field", "db_persist"):
            kwargs.pop(clave, None)
        kwargs["campos"] = self.campos
        return nombre, "cocreacion.models.campo_busqueda.CampoDeBusqueda", args, kwargs


class IndiceGin(GinIndex):
    """Índice GIN en PostgreSQL; en los demás motores no crea nada (no existe ahí)."""

    def create_sql(self, model, schema_editor, using="", **kwargs):
        if schema_editor.connection.vendor != "postgresql":
            return Statement("-- índice GIN %(nombre)s: sólo en PostgreSQL", nombre=self.name)
        return super().create_sql(model, schema_editor, using=using, **kwargs)

    def remove_sql(self, model, schema_editor, **kwargs):
        if schema_editor.connection.vendor != "postgresql":
            return Statement("-- índice GIN %(nombre)s: sólo en PostgreSQL", nombre=self.name)
        return super().remove_sql(model, schema_editor, **kwargs)

    def deconstruct(self):
        _ruta, args, kwargs = super().deconstruct()
        return "cocreacion.models.campo_busqueda.IndiceGin", args, kwargs


def indices_de_busqueda(prefijo: str, *, titulo: str) -> list[IndiceGin]:
    """Los índices de la columna de búsqueda y de trigramas del título, para ``Meta.indexes``.

    ``prefijo`` nombra los índices (``<prefijo>_busqueda``, ``<prefijo>_trgm``: a lo más 30
    caracteres); ``titulo`` es el campo que la búsqueda compara con trigramas
    (``Buscable.campo_titulo``).
    """
    return [
        IndiceGin(fields=[NOMBRE], name=f"{prefijo}_busqueda"),
        IndiceGin(OpClass(F(titulo), name="gin_trgm_ops"), name=f"{prefijo}_trgm"),
    ]
