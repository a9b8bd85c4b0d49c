"""Trabajo para después de confirmar la transacción, una sola vez por clave y transacción.

Sólo con la API pública de Django (``transaction.on_commit``). Antes se leía la lista interna
``connection.run_on_commit`` (tuplas ``(ids, función, robusta)`` de Django) para no registrar
dos veces lo mismo; esa forma puede cambiar en cualquier versión sin aviso. Ahora cada llamada
registra su función con la *marca* vigente de su clave, y al confirmar sólo la primera de cada
marca trabaja: las demás ven que la marca ya se gastó y no hacen nada. Registrar de más cuesta
poco: 10,000 invalidaciones en una transacción tardan al registrar lo mismo que con la lista
interna (~230 ms contra ~300 ms en la máquina de 2 núcleos compartida) y ~90 ms más al confirmar
(``tests/benchmarks/bench_al_confirmar.py``), frente a los segundos de la importación que las
causa. Y es correcto también con puntos de guardado: lo registrado en uno que se revierte lo
descarta Django, y lo registrado fuera sigue con la misma marca.

``pendiente(clave)`` dice si la transacción en curso tiene trabajo sin confirmar de esa clave.
Tras revertir un punto de guardado puede decir «sí» de más (hasta que la transacción termine):
quien pregunta lo usa para *no* usar una caché, así que equivocarse por ese lado sólo cuesta
una página sin caché, nunca una página vieja.
"""

from collections.abc import Callable
from functools import partial

from django.db import DEFAULT_DB_ALIAS, transaction

# Las marcas viven en el objeto de la conexión (uno por hilo, como la transacción misma), bajo
# un nombre propio del portal: no se lee ni se cambia nada de Django.
_ATRIBUTO = "_cocreacion_marcas_al_confirmar"


def _marcas_de(conexion) -> dict:
    if not conexion.in_atomic_block:
        # Sin transacción abierta no queda nada por confirmar: lo anotado era de una que terminó
        # (o se revirtió, y Django descartó sus funciones).
        marcas = {}
        setattr(conexion, _ATRIBUTO, marcas)
        return marcas
    marcas = getattr(conexion, _ATRIBUTO, None)
    if marcas is None:
        marcas = {}
        setattr(conexion, _ATRIBUTO, marcas)
    return marcas


def _correr(marcas: dict, clave, marca, funcion: Callable[[], object]) -> None:
    if marcas.get(clave) is not marca:
        return  # otra función de la misma marca ya trabajó al confirmar
    del marcas[clave]
    funcion()


def una_vez_al_confirmar(clave, funcion: Callable[[], object], *, using=None) -> None:
    """Corre ``funcion`` al confirmar, una vez aunque se pida muchas veces con la misma clave."""
    conexion = transaction.get_connection(using or DEFAULT_DB_ALIAS)
    marcas = _marcas_de(conexion)
    marca = marcas.get(clave)
    if marca is None:
        marca = marcas[clave] = object()
    transaction.on_commit(partial(_correr, marcas, clave, marca, funcion), using=using)


def pendiente(clave, *, using=None) -> bool:
    """¿La transacción en curso pidió ``clave`` y aún no confirma?"""
    conexion = transaction.get_connection(using or DEFAULT_DB_ALIAS)
    return conexion.in_atomic_block and clave in _marcas_de(conexion)
