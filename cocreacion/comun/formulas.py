"""Celdas sin fórmulas vivas: el único lugar donde se neutralizan (y se reconocen al volver).

Una hoja de cálculo (Excel, LibreOffice, Google Sheets) interpreta como fórmula el texto que
empieza con ``=``, ``+``, ``-`` o ``@``, y algunos programas también tras un tabulador o un
retorno de carro. Un título capturado como ``=HYPERLINK("http://…")`` se ejecutaría en la
computadora de quien descarga. Toda exportación del portal (CSV y XLSX de ``/datos/``, de la
matriz, de la Métrica, del admin y la hoja de hitos que se llena y se vuelve a subir) pasa sus
celdas por ``neutralizar``: antepone un apóstrofo, que la hoja muestra como texto.

Los números no se tocan: un número (``int``, ``float``, ``Decimal``) no es texto y un texto
que es sólo un número (``-1.5``) tampoco ejecuta nada. Al importar, ``quitar_neutralizacion``
retira el apóstrofo que la exportación puso, para que el archivo de ida y vuelta se lea igual
que lo que se exportó.
"""

import re

PREFIJOS_PELIGROSOS = ("=", "+", "-", "@", "\t", "\r")
APOSTROFO = "'"
# Un número escrito como texto («-1.5», «+52», «-3e2»): ninguna hoja lo evalúa como fórmula.
_NUMERO = re.compile(r"[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][+-]?\d+)?")


def neutralizar(valor):
    """``valor`` listo para una celda: el texto que empieza como fórmula lleva un apóstrofo."""
    if isinstance(valor, str) and valor.startswith(PREFIJOS_PELIGROSOS):
        if _NUMERO.fullmatch(valor):
            return valor
        return APOSTROFO + valor
    return valor


def neutralizar_fila(fila) -> list:
    return [neutralizar(valor) for valor in fila]


def neutralizar_dataset(dataset):
    """Copia de un ``tablib.Dataset`` con fórmulas neutralizadas (los tipos no cambian)."""
    import tablib

    limpio = tablib.Dataset(headers=dataset.headers, title=dataset.title)
    for fila in dataset:
        limpio.append(neutralizar_fila(fila))
    return limpio


def quitar_neutralizacion(texto: str) -> str:
    """Lo contrario de ``neutralizar`` para una celda importada: ``'=A1`` → ``=A1``.

    Sólo se quita el apóstrofo que ``neutralizar`` pudo poner (seguido de un prefijo
    peligroso que no forma un número); cualquier otro apóstrofo es parte del texto.
    """
    if texto.startswith(APOSTROFO) and neutralizar(texto[1:]) == texto:
        return texto[1:]
    return texto
