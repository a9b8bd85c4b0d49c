"""Periodos de listados de interés público, listados, elementos y dictámenes sintéticos.

Los dictámenes toman sus antecedentes y considerandos de las mismas funciones que usa el
servicio ``listado_dictaminar`` y su folio de ``formato_folio``: el texto y la numeración son
los que el portal produciría.
"""

import datetime as dt

from django.utils import timezone

from cocreacion.listados import services as servicios
from cocreacion.models import (
    Dictamen,
    ElementoListado,
    EstadoListado,
    Institucion,
    Listado,
    Periodicidad,
    PeriodoListado,
    Resolucion,
)
from cocreacion.sinteticos.comun import (
    LOTE_ACTUALIZAR,
    PREFIJO,
    TEXTO_RELLENO,
    Parte,
    crear,
    historial_en_bloque,
)

# Estado de cada listado en un ciclo de 20: la mayoría publicados, algunos en cada etapa.
CICLO_ESTADOS = (
    [EstadoListado.PUBLICADO] * 14
    + [EstadoListado.APROBADO, EstadoListado.DICTAMINADO, EstadoListado.EN_REVISION]
    + [EstadoListado.ENVIADO, EstadoListado.BORRADOR, EstadoListado.NO_PRESENTADO]
)
RESOLUCIONES = [Resolucion.PROCEDENTE] * 6 + [
    Resolucion.CON_MODIFICACIONES,
    Resolucion.CON_MODIFICACIONES,
    Resolucion.NO_PROCEDENTE,
]
CON_DICTAMEN = {EstadoListado.DICTAMINADO, EstadoListado.APROBADO, EstadoListado.PUBLICADO}
APROBADOS = {EstadoListado.APROBADO, EstadoListado.PUBLICADO}


def _claves(cuantas: int) -> list[str]:
    ocupadas = set(PeriodoListado.objects.values_list("clave", flat=True))
    candidatas = [f"{a}-S{s}" for a in range(2020, 1999, -1) for s in (2, 1)]
    candidatas += [f"{a}-S{s}" for a in range(2022, 2100) for s in (1, 2)]
    libres = [c for c in candidatas if c not in ocupadas]
    return libres[:cuantas]


def _periodo(clave: str) -> PeriodoListado:
    anio, semestre = int(clave[:4]), int(clave[-1])
    zona = timezone.get_default_timezone()
    if semestre == 1:
        envio, revision, aprobacion = (
            dt.date(anio, 7, 31),
            dt.date(anio, 8, 31),
            dt.date(anio, 9, 30),
        )
        apertura = dt.datetime(anio, 6, 1, 9, tzinfo=zona)
    else:
        envio, revision, aprobacion = (
            dt.date(anio + 1, 1, 31),
            dt.date(anio + 1, 2, 28),
            dt.date(anio + 1, 3, 31),
        )
        apertura = dt.datetime(anio, 12, 1, 9, tzinfo=zona)
    return PeriodoListado(
        clave=clave,
        convocatoria=f"{PREFIJO} Convocatoria del periodo {clave}. {TEXTO_RELLENO}",
        fecha_limite_envio=envio,
        fecha_limite_revision=revision,
        fecha_limite_aprobacion=aprobacion,
        abierto_en=apertura,
    )


def _elementos(listado, cuantos, azar, revisar: str) -> list[ElementoListado]:
    periodicidades = Periodicidad.values
    elementos = []
    for n in range(1, cuantos + 1):
        revisado = revisar == "todos" or (revisar == "mitad" and n % 2)
        resolucion = azar.choice(RESOLUCIONES) if revisado else ""
        elementos.append(
            ElementoListado(
                listado=listado,
                numero=n,
                titulo=f"{PREFIJO} Información {n} de {listado.sujeto_obligado.siglas}",
                descripcion=TEXTO_RELLENO,
                justificacion="Permite a la ciudadanía conocer el uso de los recursos públicos.",
                unidad_responsable="Unidad de Transparencia",
                periodicidad=periodicidades[n % len(periodicidades)],
                formato="XLSX",
                liga="https://datos.ejemplo.invalid/informacion",
                resolucion=resolucion,
                fundamentacion="Con fundamento en la ley de transparencia (texto sintético)."
                if resolucion
                else "",
                modificaciones="Publicar también en formato abierto."
                if resolucion == Resolucion.CON_MODIFICACIONES
                else "",
                revisado_en=listado.enviado_en + dt.timedelta(days=10) if resolucion else None,
            )
        )
    return elementos


class _ElementosEnMemoria:
    """Lo que ``_antecedentes`` y ``_considerandos`` piden a ``listado.elementos``, en memoria."""

    def __init__(self, elementos):
        self._elementos = elementos

    def count(self) -> int:
        return len(self._elementos)

    def order_by(self, *_campos):
        return sorted(self._elementos, key=lambda e: (e.numero, e.pk))


class _ListadoEnMemoria:
    """El listado recién creado con sus elementos ya cargados (para los textos del dictamen)."""

    def __init__(self, listado, elementos):
        self._listado = listado
        self.elementos = _ElementosEnMemoria(elementos)

    def __getattr__(self, nombre):
        return getattr(self._listado, nombre)


def generar(*, proporciones, azar, actor, contexto) -> dict:
    institucion = Institucion.objects.actual()
    sujetos = [s for s in contexto["sujetos"] if s.activo] or contexto["sujetos"]
    periodos = crear(
        (_periodo(c) for c in _claves(proporciones.periodos)), PeriodoListado, actor=actor
    )
    totales = {"listados": 0, "elementos": 0, "dictámenes": 0, "dictámenes aprobados": 0}
    for p_indice, periodo in enumerate(periodos):
        inicio = (p_indice * 97) % len(sujetos)
        elegidos = (sujetos[inicio:] + sujetos[:inicio])[: proporciones.sujetos_por_periodo]
        enviado = timezone.make_aware(
            dt.datetime.combine(periodo.fecha_limite_envio - dt.timedelta(days=5), dt.time(10))
        )
        listados = []
        for n, sujeto in enumerate(elegidos):
            estado = CICLO_ESTADOS[(n + p_indice) % len(CICLO_ESTADOS)]
            presentado = estado not in (EstadoListado.BORRADOR, EstadoListado.NO_PRESENTADO)
            listados.append(
                Listado(
                    periodo=periodo,
                    sujeto_obligado=sujeto,
                    estado=estado,
                    enviado_en=enviado if presentado else None,
                )
            )
        listados = crear(listados, Listado, actor=actor)
        elementos, de_listado = [], {}
        for listado in listados:
            if listado.estado in CON_DICTAMEN:
                revisar = "todos"
            elif listado.estado == EstadoListado.EN_REVISION:
                revisar = "mitad"
            else:
                revisar = "ninguno"
            propios = _elementos(listado, proporciones.elementos_por_listado, azar, revisar)
            de_listado[listado.pk] = propios
            elementos += propios
        crear(elementos, ElementoListado, actor=actor)
        dictamenes, folio = [], 0
        for listado in listados:
            if listado.estado not in CON_DICTAMEN:
                continue
            en_memoria = _ListadoEnMemoria(listado, de_listado[listado.pk])
            dictamen = Dictamen(
                listado=listado,
                fecha=periodo.fecha_limite_revision,
                antecedentes=servicios._antecedentes(en_memoria, institucion),
                considerandos=servicios._considerandos(en_memoria),
                firmantes=f"{PREFIJO} Persona titular — Dirección de Gobierno Abierto",
            )
            if listado.estado in APROBADOS:
                folio += 1
                dictamen.numero_folio = folio
                dictamen.folio = servicios.formato_folio(institucion.siglas_area, periodo, folio)
                dictamen.sesion = f"{PREFIJO} Sesión ordinaria del periodo {periodo.clave}"
                dictamen.fecha_sesion = periodo.fecha_limite_aprobacion
                dictamen.numero_acuerdo = f"SINT/{periodo.clave}/{folio:04d}"
                dictamen.organo_aprobador = institucion.organo_aprobador
                dictamen.aprobado_en = timezone.make_aware(
                    dt.datetime.combine(periodo.fecha_limite_aprobacion, dt.time(13))
                )
                dictamen.aprobado_por = actor
            dictamenes.append(dictamen)
        crear(dictamenes, Dictamen, actor=actor)
        periodo.ultimo_folio = folio
        totales["listados"] += len(listados)
        totales["elementos"] += len(elementos)
        totales["dictámenes"] += len(dictamenes)
        totales["dictámenes aprobados"] += folio
    PeriodoListado.objects.bulk_update(periodos, ["ultimo_folio"], batch_size=LOTE_ACTUALIZAR)
    historial_en_bloque(
        PeriodoListado,
        periodos,
        actor=actor,
        motivo="Folios de los dictámenes sintéticos",
        tipo="~",
    )
    contexto["periodos"] = periodos
    return {"periodos": len(periodos), **totales}


PARTES = [Parte("listados y dictámenes", orden=40, generar=generar)]
