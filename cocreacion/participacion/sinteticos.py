"""Consultas, propuestas y apoyos sintéticos (marcados «[SINTÉTICO]»), por lotes.

A escala 1: 50 consultas × 400 propuestas (20,000) y 10 apoyos por propuesta en promedio
(200,000), repartidos con sesgo entre las publicadas (unas juntan muchos, otras pocos). Hay
consultas pasadas, abiertas, una próxima y un borrador; propuestas sin confirmar, por moderar,
rechazadas y publicadas en cada estado, con sus pasos y respuestas, y las incorporadas
enlazadas a compromisos sintéticos. Las huellas de los apoyos son resúmenes inventados (no hay
correos); ninguna propuesta sintética guarda correo.
"""

import hashlib
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import connection
from django.utils import timezone

from cocreacion.participacion.models import (
    Apoyo,
    Consulta,
    Destino,
    EstadoPropuesta,
    Moderacion,
    MotivoRechazo,
    PasoPropuesta,
    Propuesta,
)
from cocreacion.sinteticos.comun import LOTE, PREFIJO, PREFIJO_SLUG, Parte, crear

RESPUESTA = (
    "Respuesta inventada para medir el portal: la DGA revisó la propuesta con el sujeto "
    "obligado y dejó constancia de lo que se decidió y por qué."
)


def _persona_dga():
    """Quien firma los pasos sintéticos: una cuenta inactiva sin contraseña utilizable."""
    usuario, creado = get_user_model().objects.get_or_create(
        username=f"{PREFIJO_SLUG}-dga",
        defaults={"first_name": PREFIJO, "last_name": "DGA", "is_active": False},
    )
    if creado:
        usuario.set_unusable_password()
        usuario.save(update_fields=["password"])
    return usuario


def _consultas(proporciones, ahora, actor):
    n = proporciones.consultas
    consultas = []
    for i in range(n):
        if n == 1 or i == n - 2:
            inicio, cierre = ahora - timedelta(days=10), ahora + timedelta(days=20)  # abierta
        elif i == n - 1:
            inicio, cierre = ahora + timedelta(days=15), ahora + timedelta(days=45)  # próxima
        else:
            inicio = ahora - timedelta(days=40 * (n - i) + 30)
            cierre = inicio + timedelta(days=30)  # pasada
        consultas.append(
            Consulta(
                titulo=f"{PREFIJO} Consulta ciudadana {i + 1:02d}",
                slug=f"{PREFIJO_SLUG}-consulta-{i + 1:02d}",
                pregunta="¿Qué información pública le ayudaría a vigilar a su gobierno?",
                reglas="Propuestas inventadas para medir el portal.",
                inicio=inicio,
                cierre=cierre,
                destino=Destino.PLAN_ACCION_LOCAL,
                # Una de cada diez queda en borrador (no debe verse en el portal).
                publicada=n == 1 or i % 10 != 7,
            )
        )
    return crear(consultas, Consulta, actor=actor)


def _estado(azar):
    r = azar.random()
    if r < 0.05:
        return "sin_confirmar", None
    if r < 0.15:
        return Moderacion.PENDIENTE, None
    if r < 0.20:
        return Moderacion.RECHAZADA, None
    r = azar.random()
    if r < 0.3:
        return Moderacion.PUBLICADA, EstadoPropuesta.RECIBIDA
    if r < 0.6:
        return Moderacion.PUBLICADA, EstadoPropuesta.EN_ANALISIS
    if r < 0.8:
        return Moderacion.PUBLICADA, EstadoPropuesta.INCORPORADA
    return Moderacion.PUBLICADA, EstadoPropuesta.NO_INCORPORADA


def generar(*, proporciones, azar, actor, contexto) -> dict:
    ahora = timezone.now()
    consultas = _consultas(proporciones, ahora, actor)
    compromisos = contexto.get("compromisos") or []
    persona = _persona_dga()
    municipios = list(_municipios())
    propuestas, planes = [], []
    for consulta in consultas:
        for k in range(proporciones.propuestas_por_consulta):
            moderacion, estado = _estado(azar)
            creada = min(consulta.inicio + timedelta(minutes=7 * k + 1), ahora)
            propuesta = Propuesta(
                consulta=consulta,
                titulo=f"{PREFIJO} Propuesta {k + 1} para {consulta.slug[-2:]}",
                problema="Un problema inventado para medir el portal.",
                texto="Una propuesta inventada para medir el portal.",
                municipio=azar.choice(municipios) if municipios and k % 3 == 0 else None,
                nombre="" if k % 2 else f"{PREFIJO} Persona {k + 1}",
                huella_correo=hashlib.sha256(f"{consulta.slug}-{k}".encode()).hexdigest(),
                creada_en=creada,
                confirmada_en=None if moderacion == "sin_confirmar" else creada,
                moderacion=Moderacion.PENDIENTE if moderacion == "sin_confirmar" else moderacion,
            )
            if moderacion == Moderacion.RECHAZADA:
                propuesta.motivo_rechazo = azar.choice(MotivoRechazo.values)
                propuesta.motivo_rechazo_texto = "Motivo inventado."
            if estado is not None:
                propuesta.estado = estado
                propuesta.moderada_por = persona
                propuesta.moderada_en = creada
                if estado != EstadoPropuesta.RECIBIDA:
                    propuesta.respuesta = RESPUESTA
                    propuesta.respondida_en = creada
                if estado == EstadoPropuesta.INCORPORADA and compromisos:
                    propuesta.compromiso = azar.choice(compromisos)
            propuestas.append(propuesta)
            planes.append(estado)
    propuestas = crear(propuestas, Propuesta, actor=actor)

    pasos = []
    for propuesta, estado in zip(propuestas, planes, strict=True):
        if estado in (None, EstadoPropuesta.RECIBIDA):
            continue
        pasos.append(
            PasoPropuesta(
                propuesta=propuesta,
                de=EstadoPropuesta.RECIBIDA,
                a=EstadoPropuesta.EN_ANALISIS,
                respuesta=RESPUESTA,
                actor=persona,
                fecha=propuesta.creada_en,
            )
        )
        if estado != EstadoPropuesta.EN_ANALISIS:
            pasos.append(
                PasoPropuesta(
                    propuesta=propuesta,
                    de=EstadoPropuesta.EN_ANALISIS,
                    a=estado,
                    respuesta=RESPUESTA,
                    actor=persona,
                    fecha=propuesta.creada_en,
                )
            )
    PasoPropuesta.objects.bulk_create(pasos, batch_size=LOTE)

    # Apoyos: en total 10 por propuesta, sólo a las publicadas, con sesgo (pocas juntan mucho).
    publicadas = [
        p for p, e in zip(propuestas, planes, strict=True) if e is not None and p.consulta.publicada
    ]
    total = (
        proporciones.propuestas_por_consulta * len(consultas) * proporciones.apoyos_por_propuesta
    )
    pesos = [azar.paretovariate(1.5) for _p in publicadas]
    suma = sum(pesos) or 1
    filas, n = [], 0
    for propuesta, peso in zip(publicadas, pesos, strict=True):
        for _j in range(max(0, round(total * peso / suma))):
            n += 1
            filas.append(
                (
                    propuesta.pk,
                    hashlib.sha256(f"apoyo-{n}".encode()).hexdigest(),
                    propuesta.creada_en,
                    propuesta.creada_en if n % 20 else None,
                )
            )
    _insertar_apoyos(filas)
    return {"consultas": len(consultas), "propuestas": len(propuestas), "apoyos": n}


def _insertar_apoyos(filas) -> None:
    """Inserta los apoyos como tuplas con ``executemany`` (en lotes), sin armar 200,000
    instancias del modelo: con ``bulk_create`` eran tres cuartas partes del tiempo de esta parte.
    Los apoyos no tienen historial, así que no se pierde nada."""
    q = connection.ops.quote_name
    opts = Apoyo._meta
    columnas = [opts.get_field(c).column for c in ("propuesta", "huella_correo", "creado_en")]
    columnas.append(opts.get_field("confirmado_en").column)
    # Sólo nombres de tabla y columnas del modelo (citados); los valores van como parámetros.
    sql = (
        f"INSERT INTO {q(opts.db_table)} ({', '.join(q(c) for c in columnas)}) "  # noqa: S608  # nosec B608
        "VALUES (%s, %s, %s, %s)"
    )
    with connection.cursor() as cursor:
        for inicio in range(0, len(filas), LOTE * 5):
            cursor.executemany(sql, filas[inicio : inicio + LOTE * 5])


def _municipios():
    from cocreacion.models import Municipio

    return Municipio.objects.only("pk")[:570]


# Después de los compromisos (stgao, orden 30): las propuestas incorporadas los enlazan.
PARTES = [Parte("consultas, propuestas y apoyos", orden=60, generar=generar)]
