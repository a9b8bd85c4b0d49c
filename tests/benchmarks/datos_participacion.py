"""Participación ciudadana para el benchmark: una consulta chica y una enorme, lado a lado.

El generador de la demostración (``cocreacion.participacion.sinteticos``) reparte las propuestas
parejo entre consultas; para comprobar que las consultas SQL por página no crecen con las filas,
el benchmark necesita los extremos en la misma base, y los pone aquí.

``generar(consultas=50, propuestas=20_000, apoyos=200_000)`` escribe por lotes
(``bulk_create``, sin historial: son datos de medición) consultas publicadas, propuestas en
todos los estados (publicadas con sus pasos y respuestas, algunas rechazadas y otras sin
confirmar) y apoyos confirmados. Los títulos llevan ``PREFIJO``. Una consulta queda con pocas
propuestas (``POCAS``) y otra con muchas (``MUCHAS``): los benchmarks comparan las dos para
comprobar que el número de consultas SQL por página no crece con las filas.
"""

import datetime as dt
import random
from dataclasses import dataclass

from django.db import transaction
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
    TemaPropuesta,
)
from cocreacion.sinteticos.comun import PREFIJO, PREFIJO_SLUG, listas_rapidas

LOTE = 5000
POCAS = 5
MUCHAS = 5000


@dataclass
class Resultado:
    consultas: int
    propuestas: int
    apoyos: int
    pasos: int
    chica: Consulta
    grande: Consulta


def _repartir(total: int, consultas: int) -> list[int]:
    """Propuestas por consulta: ``POCAS`` en la primera, hasta ``MUCHAS`` en la segunda y el
    resto parejo entre las demás."""
    if consultas == 1:
        return [total]
    grande = min(MUCHAS, max(total - POCAS, 0))
    resto = max(total - POCAS - grande, 0)
    demas = consultas - 2
    cuotas = [POCAS, grande]
    for i in range(demas):
        cuotas.append(resto // demas + (1 if i < resto % demas else 0))
    return cuotas


@transaction.atomic
def generar(
    *, consultas: int = 50, propuestas: int = 20_000, apoyos: int = 200_000, semilla: int = 2026
) -> Resultado:
    from django.contrib.auth import get_user_model

    from cocreacion.models import Municipio

    azar = random.Random(semilla)  # noqa: S311 (datos de medición, no criptografía)  # nosec B311
    ahora = timezone.now()
    actor, _creado = get_user_model().objects.get_or_create(
        username=f"{PREFIJO_SLUG}-dga", defaults={"is_staff": True}
    )
    from stgao.models import Compromiso

    # Las incorporadas se vinculan a un compromiso público si la base ya tiene alguno.
    compromiso = Compromiso.objects.publicados().order_by("pk").first()
    municipios = list(Municipio.objects.all()[:200])
    if not municipios:
        municipios = Municipio.objects.bulk_create(
            Municipio(clave=f"9{i:04d}", clave_municipio=f"{i:03d}", nombre=f"Municipio {i}")
            for i in range(1, 101)
        )
    with listas_rapidas():
        lista_consultas = Consulta.objects.bulk_create(
            Consulta(
                titulo=f"{PREFIJO} Consulta {i}",
                slug=f"{PREFIJO_SLUG}-consulta-{i}",
                pregunta="¿Qué información pública le serviría para vigilar el gasto?",
                reglas="Propuestas respetuosas y sobre el tema.",
                inicio=ahora - dt.timedelta(days=60 + i),
                cierre=ahora + dt.timedelta(days=30) if i % 2 else ahora - dt.timedelta(days=1),
                destino=Destino.PLAN_ACCION_LOCAL,
                publicada=True,
            )
            for i in range(consultas)
        )
        temas = TemaPropuesta.values
        estados = EstadoPropuesta.values
        nuevas = []
        for consulta, cuota in zip(lista_consultas, _repartir(propuestas, consultas), strict=True):
            for j in range(cuota):
                creada = consulta.inicio + dt.timedelta(minutes=j)
                tipo = azar.random()
                # 94 % publicadas, 3 % rechazadas, 3 % sin confirmar.
                moderacion = Moderacion.PUBLICADA if tipo < 0.94 else Moderacion.RECHAZADA
                confirmada = None if tipo >= 0.97 else creada + dt.timedelta(minutes=5)
                nuevas.append(
                    Propuesta(
                        consulta=consulta,
                        titulo=f"{PREFIJO} Propuesta {j} de la consulta {consulta.slug}",
                        problema="No sabemos cuánto cuestan las obras de mi municipio. " * 4,
                        texto="Publicar cada contrato con su monto, su avance y sus fotos. " * 4,
                        tema=azar.choice([*temas, ""]),
                        municipio=azar.choice(municipios) if j % 3 else None,
                        nombre=f"Persona {j}" if j % 2 else "",
                        creada_en=creada,
                        confirmada_en=confirmada,
                        moderacion=Moderacion.PENDIENTE if confirmada is None else moderacion,
                        motivo_rechazo=(
                            MotivoRechazo.DUPLICADA
                            if confirmada and moderacion == Moderacion.RECHAZADA
                            else ""
                        ),
                        moderada_en=creada + dt.timedelta(hours=1) if confirmada else None,
                        moderada_por=actor if confirmada else None,
                        estado=estados[j % len(estados)],
                        compromiso=(
                            compromiso
                            if estados[j % len(estados)] == EstadoPropuesta.INCORPORADA
                            else None
                        ),
                    )
                )
        Propuesta.objects.bulk_create(nuevas, batch_size=LOTE)
        publicadas = [p for p in nuevas if p.moderacion == Moderacion.PUBLICADA]
        pasos = []
        for p in publicadas:
            anterior = EstadoPropuesta.RECIBIDA
            camino = {
                EstadoPropuesta.RECIBIDA: [],
                EstadoPropuesta.EN_ANALISIS: [EstadoPropuesta.EN_ANALISIS],
                EstadoPropuesta.INCORPORADA: [
                    EstadoPropuesta.EN_ANALISIS,
                    EstadoPropuesta.INCORPORADA,
                ],
                EstadoPropuesta.NO_INCORPORADA: [
                    EstadoPropuesta.EN_ANALISIS,
                    EstadoPropuesta.NO_INCORPORADA,
                ],
            }[p.estado]
            for n, destino in enumerate(camino):
                respuesta = f"La DGA revisó la propuesta y decidió: {destino}. " * 3
                fecha = p.moderada_en + dt.timedelta(days=n + 1)
                pasos.append(
                    PasoPropuesta(
                        propuesta=p, de=anterior, a=destino, respuesta=respuesta, actor=actor,
                        fecha=fecha,
                    )
                )  # fmt: skip
                anterior = destino
            if camino:
                p.respuesta, p.respondida_en = respuesta, fecha
        PasoPropuesta.objects.bulk_create(pasos, batch_size=LOTE)
        Propuesta.objects.bulk_update(
            [p for p in publicadas if p.respondida_en], ["respuesta", "respondida_en"], LOTE
        )
        # Apoyos repartidos entre las publicadas (huella distinta por apoyo: 64 hex).
        lote = []
        total = 0
        por_propuesta = max(1, apoyos // max(len(publicadas), 1))
        sobran = apoyos - por_propuesta * len(publicadas)
        for i, p in enumerate(publicadas):
            cuantos = por_propuesta + (1 if i < sobran else 0)
            for k in range(cuantos):
                total += 1
                confirmado = p.moderada_en + dt.timedelta(minutes=k + 1)
                lote.append(
                    Apoyo(
                        propuesta=p,
                        huella_correo=f"{total:064x}",
                        creado_en=confirmado,
                        confirmado_en=confirmado if k % 10 else None,
                    )
                )
            if len(lote) >= LOTE:
                Apoyo.objects.bulk_create(lote, batch_size=LOTE)
                lote = []
        Apoyo.objects.bulk_create(lote, batch_size=LOTE)
    return Resultado(
        consultas=len(lista_consultas),
        propuestas=len(nuevas),
        apoyos=total,
        pasos=len(pasos),
        chica=lista_consultas[0],
        grande=lista_consultas[min(1, len(lista_consultas) - 1)],
    )
