"""Cifras del Secretariado y los compromisos.

- ``/compromisos/`` y la página de un compromiso con 2,000 compromisos de 10 hitos cada uno
  (meta ≤ 100 ms de servidor cada una).
- El acta en PDF de una sesión con 40 integrantes (meta ≤ 2 s).
"""

import datetime as dt
import random

from tests.benchmarks.comun import Medicion, medir_estatico, medir_funcion, medir_get

N_COMPROMISOS = 2000
HITOS_POR_COMPROMISO = 10
N_INTEGRANTES = 40


def _poblar_compromisos():
    from cocreacion.models import Organizacion, SujetoObligado
    from stgao.models import Compromiso, Evidencia, Hito, PlanAccionLocal

    azar = random.Random(2021)  # noqa: S311 (datos de prueba)
    sujetos = SujetoObligado.objects.bulk_create(
        SujetoObligado(
            nombre=f"Sujeto de medición {i}",
            slug=f"sujeto-medicion-{i}",
            tipo="poder_ejecutivo",
            orden="estatal",
            nombre_normalizado=f"sujeto de medicion {i}",
        )
        for i in range(40)
    )
    organizacion = Organizacion.objects.create(
        nombre="Organización de medición", tipo="sociedad_civil", ambito="local"
    )
    plan = PlanAccionLocal.objects.create(
        nombre="Plan de medición",
        slug="plan-medicion",
        anio_inicio=2021,
        anio_fin=2023,
        publicado=True,
    )
    compromisos = Compromiso.objects.bulk_create(
        Compromiso(
            plan=plan,
            numero=i + 1,
            slug=f"compromiso-medicion-{i}",
            titulo=f"Compromiso {i}",
            problema="Problema " * 30,
            solucion="Solución " * 30,
            beneficios="Uno\nDos\nTres",
            tema=azar.choice(["presupuesto", "datos_abiertos", "participacion"]),
            lider=sujetos[i % len(sujetos)],
            publicado=True,
            avance=0,
            fecha_fin=dt.date(2023, 1, 1) + dt.timedelta(days=i % 700),
        )
        for i in range(N_COMPROMISOS)
    )
    Relacion = Compromiso.responsables.through
    Relacion.objects.bulk_create(
        Relacion(compromiso_id=c.pk, sujetoobligado_id=c.lider_id) for c in compromisos
    )
    Corresponsable = Compromiso.corresponsables.through
    Corresponsable.objects.bulk_create(
        Corresponsable(compromiso_id=c.pk, organizacion_id=organizacion.pk)
        for c in compromisos[::3]
    )
    hitos = []
    for c in compromisos:
        hechos = azar.randint(0, HITOS_POR_COMPROMISO)
        for n in range(HITOS_POR_COMPROMISO):
            completado = n < hechos
            hitos.append(
                Hito(
                    compromiso=c,
                    numero=n + 1,
                    descripcion=f"Hito {n + 1} del compromiso",
                    fecha_fin_planeada=dt.date(2021, 1, 1) + dt.timedelta(days=60 * n),
                    estado="completado" if completado else "pendiente",
                    fecha_inicio_real=dt.date(2021, 1, 1) if completado else None,
                    fecha_fin_real=dt.date(2021, 2, 1) if completado else None,
                )
            )
        c.avance = round(100 * hechos / HITOS_POR_COMPROMISO, 2)
        c.total_hitos = HITOS_POR_COMPROMISO
        c.vencimiento_pendiente = (
            dt.date(2021, 1, 1) + dt.timedelta(days=60 * hechos)
            if hechos < HITOS_POR_COMPROMISO
            else None
        )
    Hito.objects.bulk_create(hitos, batch_size=5000)
    Compromiso.objects.bulk_update(
        compromisos, ["avance", "total_hitos", "vencimiento_pendiente"], batch_size=2000
    )
    primero = Hito.objects.filter(compromiso=compromisos[0]).order_by("numero")
    Evidencia.objects.bulk_create(
        Evidencia(hito=h, descripcion="Informe", enlace="https://example.org/") for h in primero
    )
    return compromisos[0]


def _poblar_sesion():
    from stgao.models import Asistencia, Integrante, PuntoOrden, Sesion
    from stgao.services import acuerdo_crear

    sesion = Sesion.objects.create(
        tipo="ordinaria",
        numero=1,
        anio=2021,
        fecha_hora=dt.datetime(2021, 3, 15, 16, 0, tzinfo=dt.UTC),
        modalidad="presencial",
        sede="Sala de plenos",
        publicada=True,
    )
    integrantes = Integrante.objects.bulk_create(
        Integrante(
            persona=f"Integrante de medición {i}",
            cargo="Titular del área",
            sector="sociedad_civil" if i % 2 else "poder_ejecutivo",
            fecha_alta=dt.date(2020, 1, 1),
            sexo="mujer" if i % 2 else "hombre",
        )
        for i in range(N_INTEGRANTES)
    )
    Asistencia.objects.bulk_create(
        Asistencia(sesion=sesion, integrante=i, estado="presente" if n % 5 else "ausente")
        for n, i in enumerate(integrantes)
    )
    PuntoOrden.objects.bulk_create(
        PuntoOrden(sesion=sesion, numero=n + 1, asunto=f"Punto {n + 1} del orden del día")
        for n in range(12)
    )
    for n in range(15):
        acuerdo_crear(
            sesion=sesion,
            texto=f"Acuerdo {n + 1} " * 10,
            actor=None,
            responsables=integrantes[n : n + 2],
        )
    return sesion


def correr() -> list[Medicion]:
    from django.test import Client

    compromiso = _poblar_compromisos()
    sesion = _poblar_sesion()
    cliente = Client()
    detalle = f"/compromisos/{compromiso.slug}/"
    mediciones = [
        medir_get(
            cliente,
            "/compromisos/",
            que="/compromisos/ (2,000 compromisos × 10 hitos)",
            meta="≤ 100 ms",
        ),
        medir_get(
            cliente,
            "/compromisos/?orden=avance_desc&estado=en_proceso&tema=presupuesto",
            que="/compromisos/ filtrado por estado y tema, orden por avance",
            meta="≤ 100 ms",
        ),
        medir_get(
            cliente, "/compromisos/?pagina=50", que="/compromisos/ página 50", meta="≤ 100 ms"
        ),
        medir_get(
            cliente, detalle, que="/compromisos/<slug>/ (10 hitos con evidencia)", meta="≤ 100 ms"
        ),
        medir_get(
            cliente, f"{detalle}historial/", que="/compromisos/<slug>/historial/", meta="≤ 100 ms"
        ),
        medir_get(cliente, "/stgao/", que="/stgao/ (40 integrantes)"),
        medir_get(
            cliente, f"/stgao/sesiones/{sesion.pk}/", que="/stgao/sesiones/<id>/ (40 integrantes)"
        ),
        medir_estatico(cliente.get("/compromisos/").content),
    ]
    url_acta = f"/stgao/sesiones/{sesion.pk}/acta.pdf"
    mediciones.append(
        medir_get(
            cliente,
            url_acta,
            repeticiones=5,
            que="acta PDF, sesión de 40 integrantes",
            meta="≤ 2 s",
        )
    )
    memoria = medir_funcion(
        lambda: cliente.get(url_acta), que="acta PDF: memoria máxima", repeticiones=1
    )
    memoria.nota = "(tiempo inflado por tracemalloc)"
    mediciones.append(memoria)
    return mediciones
