"""Datos sintéticos para medir el portal con volúmenes realistas (nunca datos reales).

``generar(escala=1)`` llena la base con registros claramente marcados con ``PREFIJO`` en las
proporciones de referencia: 10 programas de 250 acciones, 2,000 sujetos obligados, 20 planes de
acción local de 100 compromisos con 10 hitos, 300 sesiones, 40 periodos de listados × 500 sujetos
× 10 elementos, 5 ediciones de la Métrica × 2,000 resultados y 50 consultas × 400 propuestas
con 200,000 apoyos. Con escalas fraccionarias (p. ej. 0.01) se reduce el número de «padres» y
se conservan las proporciones por padre.

Se escribe por lotes (``bulk_create`` y un alta en bloque en el historial, ver ``comun``) y
los valores derivados (claves, folios, T/P/IGA, avance de compromisos) salen de los métodos y
servicios de cada app, no de reglas copiadas aquí. Cada app aporta su parte en
``<app>/sinteticos.py`` (lista ``PARTES``), que el núcleo descubre como los demás módulos de app
(``cocreacion.registro``): aquí no se nombra ninguna app. Lo usan ``manage.py
generar_datos_sinteticos`` (mediciones) y ``make demo`` (``demostracion.preparar``, en su propia
base); ``make run`` nunca. Se niega a escribir en una base con datos reales (``HayDatosReales``):
nunca se mezclan.
"""

import math
import random
import time
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.utils.translation import gettext as _

from cocreacion.operacion.cache_paginas import invalidar as invalidar_paginas
from cocreacion.sinteticos import catalogos
from cocreacion.sinteticos.comun import (
    PREFIJO,
    HayDatosReales,
    HayDatosSinteticos,
    Parte,
    datos_reales_presentes,
    existen_datos_sinteticos,
    listas_rapidas,
    partes,
)

__all__ = ["PREFIJO", "HayDatosReales", "HayDatosSinteticos", "Proporciones", "generar"]

# La parte del núcleo; las de cada app y sub-paquete están en su ``sinteticos.py``.
PARTES = [
    Parte(
        "catálogos",
        orden=10,
        generar=catalogos.generar,
        datos_reales=catalogos.datos_reales,
    )
]


@dataclass(frozen=True)
class Proporciones:
    """Cuántos registros genera una escala (los «por padre» no cambian con la escala)."""

    escala: float
    sujetos: int
    programas: int
    acciones_por_programa: int
    planes: int
    compromisos_por_plan: int
    hitos_por_compromiso: int
    sesiones: int
    periodos: int
    sujetos_por_periodo: int
    elementos_por_listado: int
    ediciones: int
    resultados_por_edicion: int
    consultas: int
    propuestas_por_consulta: int
    apoyos_por_propuesta: int

    @classmethod
    def de(cls, escala: float) -> "Proporciones":
        if escala <= 0:
            raise ValueError(_("La escala debe ser mayor que cero."))

        def n(base: int) -> int:
            return max(1, math.floor(base * escala + 0.5))

        sujetos = n(2000)
        return cls(
            escala=escala,
            sujetos=sujetos,
            programas=n(10),
            acciones_por_programa=250,
            planes=n(20),
            compromisos_por_plan=100,
            hitos_por_compromiso=10,
            sesiones=n(300),
            periodos=n(40),
            sujetos_por_periodo=min(500, sujetos),
            elementos_por_listado=10,
            ediciones=n(5),
            resultados_por_edicion=min(2000, sujetos),
            consultas=n(50),
            propuestas_por_consulta=400,
            apoyos_por_propuesta=10,
        )


@dataclass
class Resumen:
    proporciones: Proporciones
    conteos: dict = field(default_factory=dict)
    segundos: dict = field(default_factory=dict)


def generar(*, escala: float = 1.0, actor=None, semilla: int = 2026, avisar=None) -> Resumen:
    """Genera todo el conjunto sintético; ``avisar(texto)`` recibe el avance de cada parte."""
    if existen_datos_sinteticos():
        raise HayDatosSinteticos(
            _("La base ya tiene datos sintéticos; use una base nueva para generarlos otra vez.")
        )
    reales = datos_reales_presentes()
    if reales:
        raise HayDatosReales(
            _(
                "La base %(base)s tiene datos reales (%(cuales)s): los datos sintéticos nunca se "
                "mezclan con ellos. Use una base nueva (DATABASE_URL) o «make demo», que usa la "
                "suya."
            )
            % {"base": connection.settings_dict["NAME"], "cuales": ", ".join(reales)}
        )
    proporciones = Proporciones.de(escala)
    azar = random.Random(semilla)  # noqa: S311 (datos de prueba, no criptografía)  # nosec B311
    resumen = Resumen(proporciones=proporciones)
    avisar = avisar or (lambda _texto: None)
    contexto = {}
    for parte in partes():
        nombre, funcion = parte.nombre, parte.generar
        inicio = time.perf_counter()
        with transaction.atomic(), listas_rapidas():
            _sin_esperar_al_disco()
            conteos = funcion(proporciones=proporciones, azar=azar, actor=actor, contexto=contexto)
            invalidar_paginas()  # se escribe por lotes, sin señales
        resumen.conteos.update(conteos)
        resumen.segundos[nombre] = time.perf_counter() - inicio
        avisar(
            _("%(parte)s: %(conteos)s (%(s).1f s)")
            % {
                "parte": nombre,
                "conteos": ", ".join(f"{k} {v:,}" for k, v in conteos.items()),
                "s": resumen.segundos[nombre],
            }
        )
    if connection.vendor == "postgresql":
        _al_dia_para_leer()
    return resumen


def _al_dia_para_leer():
    """Estadísticas e índices listos para leer, como tras una carga masiva en PostgreSQL.

    ``VACUUM`` y no sólo ``ANALYZE``: los índices GIN de la búsqueda guardan lo insertado en
    una lista pendiente que cada búsqueda recorre entera hasta que un ``VACUUM`` la vacía (a
    escala 1, buscar «municipio» tardaba 330 ms en vez de 30; en producción lo hace el
    autovacuum poco después de cada importación). ``VACUUM`` no corre dentro de una
    transacción: dentro de una (las pruebas), sólo ``ANALYZE``. Sin esperar al disco en cada
    tabla: con otros procesos escribiendo, esperar tomaba minutos a escala 1.
    """
    with connection.cursor() as cursor:
        if connection.in_atomic_block:
            cursor.execute("ANALYZE")
            return
        cursor.execute("SET synchronous_commit TO OFF")
        try:
            cursor.execute("VACUUM (ANALYZE)")
        finally:
            cursor.execute("RESET synchronous_commit")


def _sin_esperar_al_disco():
    """La transacción en curso confirma sin esperar a que el WAL llegue al disco.

    Son datos sintéticos de prueba: si el servidor se cae justo al confirmar, se pierde a lo
    sumo la última parte (la base queda íntegra) y se vuelven a generar en una base nueva.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit TO OFF")
