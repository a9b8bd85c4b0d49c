"""Ediciones sintéticas de la Métrica con un resultado por sujeto obligado.

T, P e IGA salen de ``Resultado.calcular()``, el mismo cálculo que usa el modelo al guardar.
"""

from decimal import Decimal

from cocreacion.sinteticos.comun import PREFIJO, Parte, anios_libres, crear
from metricas.models import Banda, Edicion, Resultado

BANDAS = [
    ("No aprobatorio", Decimal("0")),
    ("Aprobatorio", Decimal("0.6")),
    ("Satisfactorio", Decimal("0.8")),
]


def _valor(azar, centro: float) -> Decimal:
    return Decimal(str(round(min(1.0, max(0.0, azar.gauss(centro, 0.18))), 6)))


def generar(*, proporciones, azar, actor, contexto) -> dict:
    anios = anios_libres(
        Edicion.objects.values_list("anio", flat=True),
        proporciones.ediciones,
        preferidos=range(2018, 2030, 2),
    )
    ediciones = crear(
        (
            Edicion(
                anio=anio,
                nombre=f"{PREFIJO} Métrica de Gobierno Abierto {anio}",
                autores="Equipo ficticio",
                notas="Resultados inventados para medir el portal.",
                iga_nacional=Decimal("0.45"),
                t_nacional=Decimal("0.55"),
                p_nacional=Decimal("0.35"),
                sujetos_evaluados=proporciones.resultados_por_edicion,
                # La última queda sin publicar (no debe verse en el portal).
                publicada=i < proporciones.ediciones - 1 or proporciones.ediciones == 1,
            )
            for i, anio in enumerate(anios)
        ),
        Edicion,
        actor=actor,
    )
    crear(
        (
            Banda(edicion=e, nombre=nombre, mayor_que=limite)
            for e in ediciones
            for nombre, limite in BANDAS
        ),
        Banda,
        actor=actor,
    )
    sujetos = contexto["sujetos"][: proporciones.resultados_por_edicion]
    resultados = []
    for edicion in ediciones:
        for sujeto in sujetos:
            resultado = Resultado(
                edicion=edicion,
                sujeto_obligado=sujeto,
                nombre_en_fuente=sujeto.nombre,
                tg=_valor(azar, 0.6),
                tc=_valor(azar, 0.45),
                pg=_valor(azar, 0.35),
                pc=_valor(azar, 0.3),
            )
            resultados.append(resultado.calcular())
    crear(resultados, Resultado, actor=actor)
    return {"ediciones": len(ediciones), "resultados": len(resultados)}


PARTES = [Parte("Métrica", orden=50, generar=generar)]
