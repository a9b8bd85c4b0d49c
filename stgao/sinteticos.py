"""Secretariado (integrantes, sesiones, acuerdos) y planes de acción local sintéticos."""

import datetime as dt

from django.utils import timezone

from cocreacion.sinteticos.comun import (
    LOTE_ACTUALIZAR,
    PREFIJO,
    PREFIJO_SLUG,
    TEXTO_RELLENO,
    Parte,
    crear,
    historial_en_bloque,
)
from stgao.models import (
    Acuerdo,
    Asistencia,
    Compromiso,
    EstadoAcuerdo,
    EstadoAsistencia,
    EstadoHito,
    EstadoPlan,
    Evidencia,
    Hito,
    Integrante,
    Modalidad,
    PlanAccionLocal,
    PuntoOrden,
    Rol,
    Sector,
    Sesion,
    Sexo,
    Tema,
    TipoSesion,
)
from stgao.reglas import avance_ponderado
from stgao.services import (
    clave_acuerdo,
    compromiso_recalcular,
    normalizar_hito,
    sesion_cargar,
)

INTEGRANTES = 30
PUNTOS_POR_SESION = 5
ACUERDOS_POR_SESION = 3
PRIMER_ANIO = 2016


def _integrantes(azar, actor):
    sectores = Sector.values
    return crear(
        (
            Integrante(
                persona=f"{PREFIJO} Persona integrante {i:02d}",
                cargo="Titular del área",
                sector=sectores[i % len(sectores)],
                rol=Rol.PRESIDENCIA
                if i == 0
                else (Rol.SECRETARIA_TECNICA if i == 1 else Rol.INTEGRANTE),
                fecha_alta=dt.date(PRIMER_ANIO - 1, 1, 1),
                sexo=Sexo.MUJER if i % 2 else Sexo.HOMBRE,
            )
            for i in range(INTEGRANTES)
        ),
        Integrante,
        actor=actor,
    )


def _sesiones(proporciones, azar, actor, integrantes):
    """Cada sesión pasa por ``sesion_cargar`` (año y número consecutivo derivados)."""
    anios = 10
    por_anio = max(1, -(-proporciones.sesiones // anios))
    sesiones = []
    zona = timezone.get_default_timezone()
    for i in range(proporciones.sesiones):
        anio = PRIMER_ANIO + i // por_anio
        dia = dt.date(anio, 1, 15) + dt.timedelta(days=(i % por_anio) * (340 // por_anio))
        modalidad = [Modalidad.PRESENCIAL, Modalidad.VIRTUAL, Modalidad.HIBRIDA][i % 3]
        sesion = Sesion(
            tipo=TipoSesion.INSTALACION
            if i == 0
            else (TipoSesion.EXTRAORDINARIA if i % 6 == 5 else TipoSesion.ORDINARIA),
            fecha_hora=dt.datetime.combine(dia, dt.time(11, 0), tzinfo=zona),
            modalidad=modalidad,
            sede="" if modalidad == Modalidad.VIRTUAL else "Sala de sesiones (ficticia)",
            enlace_virtual=""
            if modalidad == Modalidad.PRESENCIAL
            else "https://reunion.ejemplo.invalid/sala",
            resumen=f"{PREFIJO} {TEXTO_RELLENO}",
            publicada=i % 20 != 19,
        )
        sesiones.append(sesion_cargar(sesion=sesion, actor=actor, motivo="Datos sintéticos"))
    crear(
        (
            PuntoOrden(sesion=s, numero=n, asunto=f"{PREFIJO} Punto {n} del orden del día")
            for s in sesiones
            for n in range(1, PUNTOS_POR_SESION + 1)
        ),
        PuntoOrden,
        actor=actor,
    )
    estados_asistencia = [EstadoAsistencia.PRESENTE] * 8 + [
        EstadoAsistencia.AUSENTE,
        EstadoAsistencia.REPRESENTADO,
    ]
    asistencias = crear(
        (
            Asistencia(sesion=s, integrante=i, estado=azar.choice(estados_asistencia))
            for s in sesiones
            for i in integrantes
        ),
        Asistencia,
        actor=actor,
    )
    estados = EstadoAcuerdo.values
    acuerdos = crear(
        (
            Acuerdo(
                sesion=s,
                numero=n,
                clave=clave_acuerdo(s, n),
                texto=f"{PREFIJO} Acuerdo {n}: {TEXTO_RELLENO}",
                fecha_limite=s.fecha + dt.timedelta(days=60),
                estado=estados[(s.pk + n) % len(estados)],
            )
            for s in sesiones
            for n in range(1, ACUERDOS_POR_SESION + 1)
        ),
        Acuerdo,
        actor=actor,
    )
    Responsable = Acuerdo.responsables.through
    Responsable.objects.bulk_create(
        (
            Responsable(acuerdo_id=a.pk, integrante_id=integrantes[a.pk % len(integrantes)].pk)
            for a in acuerdos
        ),
        batch_size=2000,
    )
    return sesiones, len(asistencias), len(acuerdos)


def _planes(proporciones, azar, actor, sujetos, organizaciones):
    hoy = timezone.localdate()
    planes = crear(
        (
            PlanAccionLocal(
                nombre=f"{PREFIJO} Plan de Acción Local {p:02d}",
                slug=f"{PREFIJO_SLUG}-pal-{p:02d}",
                anio_inicio=PRIMER_ANIO + p % 8,
                anio_fin=PRIMER_ANIO + p % 8 + 2,
                estado=EstadoPlan.CONCLUIDO if p % 8 < 6 else EstadoPlan.IMPLEMENTACION,
                descripcion=TEXTO_RELLENO,
                publicado=p % 10 != 9,
            )
            for p in range(1, proporciones.planes + 1)
        ),
        PlanAccionLocal,
        actor=actor,
    )
    temas = Tema.values
    compromisos = crear(
        (
            Compromiso(
                plan=plan,
                numero=n,
                slug=f"{plan.slug}-compromiso-{n:03d}",
                titulo=f"{PREFIJO} Compromiso {n} del plan {plan.slug[-2:]}",
                problema=f"{PREFIJO} {TEXTO_RELLENO}",
                solucion=TEXTO_RELLENO,
                beneficios="Más información pública\nMejor rendición de cuentas",
                objetivo=TEXTO_RELLENO,
                tema=temas[n % len(temas)],
                valor_transparencia=True,
                valor_participacion=n % 2 == 0,
                lider=sujetos[(plan.pk * 131 + n) % len(sujetos)],
                fecha_inicio=dt.date(plan.anio_inicio, 1, 1),
                fecha_fin=dt.date(plan.anio_fin, 12, 31),
                publicado=n % 20 != 0,
            )
            for plan in planes
            for n in range(1, proporciones.compromisos_por_plan + 1)
        ),
        Compromiso,
        actor=actor,
    )
    Responsable = Compromiso.responsables.through
    Responsable.objects.bulk_create(
        (Responsable(compromiso_id=c.pk, sujetoobligado_id=c.lider_id) for c in compromisos),
        batch_size=2000,
    )
    Corresponsable = Compromiso.corresponsables.through
    Corresponsable.objects.bulk_create(
        (
            Corresponsable(
                compromiso_id=c.pk,
                organizacion_id=organizaciones[c.pk % len(organizaciones)].pk,
            )
            for c in compromisos[::2]
        ),
        batch_size=2000,
    )
    hitos = []
    total = proporciones.hitos_por_compromiso
    for c in compromisos:
        hechos = azar.randint(0, total)
        duracion = (c.fecha_fin - c.fecha_inicio).days
        for n in range(1, total + 1):
            planeada = c.fecha_inicio + dt.timedelta(days=duracion * n // total)
            if n <= hechos:
                estado = EstadoHito.COMPLETADO
            elif n == hechos + 1 and azar.random() < 0.5:
                estado = EstadoHito.EN_PROCESO
            else:
                estado = EstadoHito.PENDIENTE
            real = min(planeada + dt.timedelta(days=azar.randint(-20, 30)), hoy)
            hito = Hito(
                compromiso=c,
                numero=n,
                descripcion=f"{PREFIJO} Hito {n}: {TEXTO_RELLENO}",
                responsable_id=c.lider_id,
                fecha_inicio_planeada=planeada - dt.timedelta(days=30),
                fecha_fin_planeada=planeada,
                fecha_inicio_real=real - dt.timedelta(days=20)
                if estado != EstadoHito.PENDIENTE
                else None,
                fecha_fin_real=real if estado == EstadoHito.COMPLETADO else None,
                peso=azar.randint(1, 3),
                estado=estado,
            )
            normalizar_hito(hito)
            hitos.append(hito)
    hitos = crear(hitos, Hito, actor=actor)
    evidencias = crear(
        (
            Evidencia(
                hito=h,
                descripcion=f"{PREFIJO} Informe del hito {h.numero}",
                enlace="https://evidencias.ejemplo.invalid/informe.pdf",
                fecha=h.fecha_fin_real,
            )
            for h in hitos
            if h.estado == EstadoHito.COMPLETADO and h.numero <= 2
        ),
        Evidencia,
        actor=actor,
    )
    _resumir(compromisos, hitos, actor)
    return planes, compromisos, len(hitos), len(evidencias)


CAMPOS_RESUMEN = ["avance", "total_hitos", "hitos_en_proceso", "vencimiento_pendiente"]
MUESTRA_VERIFICADA = 25


def _resumir(compromisos, hitos, actor):
    """Avance y resúmenes de estado de cada compromiso en una pasada, por lotes.

    El avance sale de ``reglas.avance_ponderado`` (la regla del servicio). Llamar a
    ``compromiso_recalcular`` para 2,000 compromisos tomaría minutos; se llama para una muestra
    y se exige que no cambie nada: si el servicio y este resumen divergen, la generación falla.
    """
    por_compromiso = {}
    for h in hitos:
        por_compromiso.setdefault(h.compromiso_id, []).append(h)
    for c in compromisos:
        propios = por_compromiso.get(c.pk, [])
        pendientes = [h.fecha_fin_planeada for h in propios if h.estado != EstadoHito.COMPLETADO]
        c.avance = avance_ponderado(propios)
        c.total_hitos = len(propios)
        c.hitos_en_proceso = any(h.estado == EstadoHito.EN_PROCESO for h in propios)
        c.vencimiento_pendiente = min(pendientes) if pendientes else None
    # Lotes chicos: ``bulk_update`` arma un CASE con una rama por fila y el servidor recorre
    # las ramas para cada fila (cuadrático con lotes de 2,000).
    Compromiso.objects.bulk_update(compromisos, CAMPOS_RESUMEN, batch_size=LOTE_ACTUALIZAR)
    historial_en_bloque(
        Compromiso, compromisos, actor=actor, motivo="Avance recalculado desde sus hitos", tipo="~"
    )
    for c in compromisos[:: max(1, len(compromisos) // MUESTRA_VERIFICADA)]:
        antes = [getattr(c, campo) for campo in CAMPOS_RESUMEN]
        compromiso_recalcular(compromiso=c, actor=actor)
        despues = [getattr(c, campo) for campo in CAMPOS_RESUMEN]
        if antes != despues:
            raise AssertionError(f"Resumen distinto del servicio en {c.slug}: {antes} ≠ {despues}")


def generar(*, proporciones, azar, actor, contexto) -> dict:
    integrantes = _integrantes(azar, actor)
    sesiones, asistencias, acuerdos = _sesiones(proporciones, azar, actor, integrantes)
    planes, compromisos, hitos, evidencias = _planes(
        proporciones, azar, actor, contexto["sujetos"], contexto["organizaciones"]
    )
    contexto["sesiones"] = sesiones
    contexto["compromisos"] = compromisos
    return {
        "integrantes": len(integrantes),
        "sesiones": len(sesiones),
        "asistencias": asistencias,
        "acuerdos": acuerdos,
        "planes": len(planes),
        "compromisos": len(compromisos),
        "hitos": hitos,
        "evidencias": evidencias,
    }


PARTES = [Parte("secretariado y compromisos", orden=30, generar=generar)]
