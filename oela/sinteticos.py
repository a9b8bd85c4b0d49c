"""Programas anuales sintéticos: 5 objetivos × 2 estrategias × 5 líneas × 5 acciones = 250."""

import datetime as dt

from cocreacion.sinteticos.comun import PREFIJO, TEXTO_RELLENO, Parte, anios_libres, crear, cuantos
from oela.models import (
    MESES,
    Accion,
    Actividad,
    Avance,
    EstadoPrograma,
    Estrategia,
    LineaAccion,
    Modalidad,
    Objetivo,
    Programa,
    Requerimiento,
    TipoActividad,
    TipoRequerimiento,
)

FORMA = (5, 2, 5)  # objetivos, estrategias por objetivo, líneas por estrategia
ACTIVIDADES_POR_PROGRAMA = 20


def generar(*, proporciones, azar, actor, contexto) -> dict:
    objetivos_n, estrategias_n, lineas_n = FORMA
    acciones_n = max(
        1, proporciones.acciones_por_programa // (objetivos_n * estrategias_n * lineas_n)
    )
    anios = anios_libres(
        Programa.objects.values_list("anio", flat=True),
        proporciones.programas,
        preferidos=range(2020, 1999, -1),
    )
    programas = crear(
        (
            Programa(
                anio=anio,
                titulo=f"{PREFIJO} Programa Anual de Trabajo {anio}",
                area="Dirección de Gobierno Abierto",
                presentacion=TEXTO_RELLENO,
                objetivo_general=f"{PREFIJO} Objetivo general del programa {anio}.",
                # Uno de cada diez queda en borrador (no debe verse en el portal).
                estado=EstadoPrograma.BORRADOR
                if i % 10 == 9
                else (EstadoPrograma.CERRADO if i % 3 == 2 else EstadoPrograma.PUBLICADO),
            )
            for i, anio in enumerate(anios)
        ),
        Programa,
        actor=actor,
    )
    objetivos = crear(
        (
            Objetivo(
                programa=p,
                numero=o,
                eje_problematico=f"{PREFIJO} Eje problemático {o}",
                problematica=TEXTO_RELLENO,
                texto=f"{PREFIJO} Objetivo {o} del programa {p.anio}",
            )
            for p in programas
            for o in range(1, objetivos_n + 1)
        ),
        Objetivo,
        actor=actor,
    )
    estrategias = crear(
        (
            Estrategia(objetivo=o, numero=e, texto=f"{PREFIJO} Estrategia {o.numero}.{e}")
            for o in objetivos
            for e in range(1, estrategias_n + 1)
        ),
        Estrategia,
        actor=actor,
    )
    lineas = crear(
        (
            LineaAccion(estrategia=e, numero=n, texto=f"{PREFIJO} Línea de acción {n}")
            for e in estrategias
            for n in range(1, lineas_n + 1)
        ),
        LineaAccion,
        actor=actor,
    )
    acciones = []
    for linea in lineas:
        for n in range(1, acciones_n + 1):
            calendario = {campo: 0 for campo, _e in MESES}
            for campo, _e in azar.sample(MESES, 3):
                calendario[campo] = azar.randint(1, 4)
            acciones.append(
                Accion(
                    linea=linea,
                    numero=n,
                    descripcion=f"{PREFIJO} Acción {n}: {TEXTO_RELLENO}",
                    meta=sum(calendario.values()),
                    unidad_medida="Asesorías",
                    indicador="Asesorías realizadas / asesorías programadas",
                    medio_verificacion="Listas de asistencia",
                    responsable="Dirección de Gobierno Abierto",
                    peso=azar.randint(1, 3),
                    **calendario,
                )
            )
    acciones = crear(acciones, Accion, actor=actor)
    publicos = {p.pk for p in programas if p.estado != EstadoPrograma.BORRADOR}
    programa_de = {lin.pk: lin.estrategia.objetivo.programa for lin in lineas}
    avances = []
    for accion in acciones:
        if programa_de[accion.linea_id].pk not in publicos:
            continue
        for mes, (campo, _e) in enumerate(MESES, start=1):
            programado = getattr(accion, campo)
            if programado and azar.random() < 0.8:
                avances.append(
                    Avance(
                        accion=accion,
                        mes=mes,
                        realizado=azar.randint(0, programado + 1),
                        comentario=f"{PREFIJO} Avance del mes.",
                    )
                )
    crear(avances, Avance, actor=actor)
    actividades = []
    por_programa = {}
    for accion in acciones:
        por_programa.setdefault(programa_de[accion.linea_id].pk, []).append(accion)
    for programa in programas:
        elegidas = azar.sample(
            por_programa[programa.pk], min(ACTIVIDADES_POR_PROGRAMA, len(por_programa[programa.pk]))
        )
        for accion in elegidas:
            actividades.append(
                Actividad(
                    accion=accion,
                    tipo=azar.choice(TipoActividad.values),
                    fecha=dt.date(programa.anio, azar.randint(1, 12), azar.randint(1, 28)),
                    modalidad=azar.choice(Modalidad.values),
                    descripcion=f"{PREFIJO} Actividad realizada.",
                    mujeres=azar.randint(0, 40),
                    hombres=azar.randint(0, 40),
                    no_especificado=azar.randint(0, 3),
                )
            )
    crear(actividades, Actividad, actor=actor)
    requerimientos = crear(
        (
            Requerimiento(
                programa=p,
                tipo=tipo,
                descripcion=f"{PREFIJO} Requerimiento {tipo.label.lower()}",
                cantidad=2,
                orden=n,
            )
            for p in programas
            for n, tipo in enumerate(TipoRequerimiento)
        ),
        Requerimiento,
        actor=actor,
    )
    contexto["programas"] = programas
    return {
        "programas": len(programas),
        "acciones": len(acciones),
        "avances": len(avances),
        "actividades": len(actividades),
        "requerimientos": len(requerimientos),
    }


def datos_reales() -> list[str]:
    programas = Programa.objects.exclude(titulo__startswith=PREFIJO).count()
    return [cuantos(programas, "programa anual", "programas anuales")] if programas else []


PARTES = [Parte("programas anuales", orden=20, generar=generar, datos_reales=datos_reales)]
