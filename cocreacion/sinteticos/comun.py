"""Piezas comunes del generador de datos sintéticos.

Por qué fábricas propias y no factory-boy o model-bakery: ambas crean registro por registro
(``save()`` y su alta en el historial, con señales), y la escala 1 son más de 300,000 filas
(``Proporciones``) con una meta de 300 s para generarlas (``tests/benchmarks/bench_portal.py``):
aquí se escribe por lotes (``bulk_create``, ``LOTE`` filas) con un alta en bloque en el
historial (``historial_en_bloque``), y los valores derivados salen de los servicios de cada app.
Una fábrica por registro no cabría en esa meta ni aun sin señales.
"""

from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass

from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext_lazy as _l

from cocreacion.comun.historial import versiones_creadas_en_bloque

PREFIJO = "[SINTÉTICO]"
PREFIJO_SLUG = "sintetico"
LOTE = 2000
LOTE_ACTUALIZAR = 200


@dataclass(frozen=True)
class Parte:
    """Lo que un módulo ``<app>/sinteticos.py`` aporta al generador (lista ``PARTES``).

    ``orden`` fija la secuencia (una parte lee del ``contexto`` lo que dejaron las anteriores:
    los catálogos van primero) y conserva la del azar con la misma semilla.
    ``datos_reales()`` dice qué datos reales de esa app tiene la base («593 sujetos
    obligados»), vacía si no tiene: con uno solo, el generador se niega a escribir.
    """

    nombre: str
    orden: int
    generar: Callable[..., dict]
    datos_reales: Callable[[], list[str]] | None = None


def partes() -> list[Parte]:
    """Las partes que declara cada app (``<app>.sinteticos.PARTES``), en su orden."""
    from cocreacion.registro import reunir

    return sorted(reunir("sinteticos", "PARTES"), key=lambda parte: parte.orden)


def cuantos(numero: int, singular: str, plural: str) -> str:
    return f"{numero:,} " + (singular if numero == 1 else plural)


class HayDatosSinteticos(Exception):
    """La base ya tiene datos sintéticos (se generan una sola vez por base)."""


class HayDatosReales(Exception):
    """La base tiene datos reales: los sintéticos nunca se mezclan con ellos."""


def datos_reales_presentes() -> list[str]:
    """Qué datos reales tiene la base («593 sujetos obligados»…); vacía si no tiene ninguno.

    Cada app dice los suyos (``Parte.datos_reales``): los datos reales siempre traen el padrón
    de sujetos (``cargar_datos_reales``) y todo lo demás cuelga de ellos o de un programa."""
    return [texto for parte in partes() if parte.datos_reales for texto in parte.datos_reales()]


def existen_datos_sinteticos() -> bool:
    from cocreacion.models import SujetoObligado

    return SujetoObligado.objects.filter(slug__startswith=f"{PREFIJO_SLUG}-").exists()


def crear(objetos, modelo, *, actor, motivo=None):
    """Inserta por lotes con su alta («+») en el historial de simple-history.

    No se llama a ``full_clean`` por fila: cada generador arma sus registros a partir de
    catálogos, fechas y reglas propias del portal (``sesion_cargar``, ``normalizar_hito``,
    ``Resultado.calcular``…) y las pruebas de ``test_sinteticos`` validan una muestra con
    ``full_clean``; validar 300,000 filas una por una costaría minutos sin encontrar nada.
    """
    objetos = modelo._default_manager.bulk_create(list(objetos), batch_size=LOTE)
    historial_en_bloque(modelo, objetos, actor=actor, motivo=motivo or _l("Datos sintéticos"))
    return objetos


CAMPOS_DEL_HISTORIAL = {"history_id", "history_date", "history_change_reason", "history_type"}


def copia_por_sql(historico) -> bool:
    """Si el alta del historial puede copiarse con ``INSERT … SELECT`` (PostgreSQL y un modelo
    histórico sin campos propios que no sepamos llenar)."""
    conocidos = (
        {f.attname for f in historico.tracked_fields} | CAMPOS_DEL_HISTORIAL | {"history_user_id"}
    )
    propios = [f for f in historico._meta.concrete_fields if f.attname not in conocidos]
    return connection.vendor == "postgresql" and not propios


def historial_en_bloque(modelo, objetos, *, actor, motivo, tipo="+"):
    """Registra en el historial el estado actual de ``objetos`` (ya guardados), en bloque.

    En PostgreSQL copia las filas con un solo ``INSERT … SELECT`` por lote: da las mismas
    versiones que ``bulk_history_create`` (mismos campos, tipo, persona y motivo, en el orden
    de los ids) sin construir en Python un objeto histórico por fila ni volver a enviar los
    textos al servidor, que era la mitad del tiempo del generador. Si el modelo histórico
    tuviera campos propios que no sepamos llenar, o en otra base, se usa simple-history.
    """
    if not objetos:
        return
    historico = modelo.history.model
    motivo = str(motivo)
    seguidos = list(historico.tracked_fields)
    if not copia_por_sql(historico):
        modelo.history.bulk_history_create(
            objetos,
            batch_size=LOTE,
            update=tipo == "~",
            default_user=actor,
            default_change_reason=motivo,
        )
        return
    q = connection.ops.quote_name
    destino = [q(historico._meta.get_field(f.name).column) for f in seguidos]
    origen = [q(modelo._meta.get_field(f.name).column) for f in seguidos]
    pk = q(modelo._meta.pk.column)
    # Sólo nombres de tablas y columnas de los modelos (citados); los valores van como parámetros.
    sql = (
        f"INSERT INTO {q(historico._meta.db_table)} ({', '.join(destino)}, history_date, "  # noqa: S608  # nosec B608
        "history_change_reason, history_type, history_user_id) "
        f"SELECT {', '.join(origen)}, %s, %s, %s, %s FROM {q(modelo._meta.db_table)} "
        f"WHERE {pk} = ANY(%s) ORDER BY {pk} RETURNING history_id"
    )
    ids = [o.pk for o in objetos]
    with connection.cursor() as cursor:
        for inicio in range(0, len(ids), LOTE * 5):
            cursor.execute(
                sql,
                [
                    timezone.now(),
                    motivo[:100],
                    tipo,
                    getattr(actor, "pk", None),
                    ids[inicio : inicio + LOTE * 5],
                ],
            )
            ids_versiones = [fila[0] for fila in cursor.fetchall()]
            # Estadísticas al día de las tablas recién llenadas: sin ellas el planificador
            # creía vacías las tablas de la transacción y armaba el registro público de cambios
            # (que las cruza) con planes que crecían con el cuadrado de las filas.
            cursor.execute(f"ANALYZE {q(historico._meta.db_table)}, {q(modelo._meta.db_table)}")
            # Sin simple-history, el registro público de cambios no se entera solo.
            versiones_creadas_en_bloque.send(sender=historico, ids=ids_versiones)


def anios_libres(ocupados, cuantos: int, *, preferidos, respaldo=range(2000, 2101)) -> list[int]:
    """Los primeros ``cuantos`` años de ``preferidos`` (y luego de ``respaldo``) no ocupados."""
    ocupados = set(ocupados)
    elegidos = []
    for anio in [*preferidos, *respaldo]:
        if anio not in ocupados and anio not in elegidos:
            elegidos.append(anio)
            if len(elegidos) == cuantos:
                return elegidos
    raise ValueError(f"No hay {cuantos} años libres entre 2000 y 2100.")


TEXTO_RELLENO = (
    "Texto generado automáticamente para medir el portal con volúmenes realistas; "
    "no describe ninguna actividad real de la institución."
)


class _Escapar:
    """``re.sub`` de psycopg para las listas, con ``bytes.replace`` (mismo resultado)."""

    @staticmethod
    def sub(_plantilla, dato):
        return bytes(dato).replace(b"\\", b"\\\\").replace(b'"', b'\\"')


@contextmanager
def listas_rapidas():
    """Escapa en C los textos de las listas que Django manda a PostgreSQL en ``bulk_create``.

    Django 5.2 inserta por lotes con ``UNNEST(%s::tipo[])`` y psycopg arma cada lista con una
    expresión regular cuya plantilla se expande en Python por cada comilla: con los
    considerandos en JSON de 16,000 dictámenes eso se llevaba una cuarta parte del tiempo del
    generador. El texto enviado es idéntico; al salir se restituye el dumper de psycopg.
    """
    if connection.vendor != "postgresql":
        yield
        return
    from psycopg.types.array import ListDumper

    class ListaRapida(ListDumper):
        _re_esc = _Escapar()

    connection.ensure_connection()
    adaptadores = connection.connection.adapters
    adaptadores.register_dumper(list, ListaRapida)
    try:
        yield
    finally:
        adaptadores.register_dumper(list, ListDumper)
