"""Escrituras con reglas del Secretariado y del Plan de Acción Local.

Todas reciben argumentos por nombre y ``actor``; validan con ``full_clean``, corren en una
transacción y dejan historial a nombre de quien actúa (``cocreacion.historial.guardar``).
"""

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify

from cocreacion.historial import guardar

from .models import (
    PREFIJO_SESION,
    Acuerdo,
    Compromiso,
    EstadoHito,
    Evidencia,
    Hito,
    SeguimientoAcuerdo,
    Sesion,
)
from .permissions import exigir_reportar_hito
from .reglas import avance_ponderado

INTENTOS_NUMERACION = 5


# --- Sesiones y acuerdos ---------------------------------------------------------------


@transaction.atomic
def sesion_guardar(*, sesion: Sesion, actor, motivo: str = "") -> Sesion:
    """Guarda la sesión; si no trae número, toma el siguiente de su tipo en el año."""
    if sesion.fecha_hora:
        sesion.anio = timezone.localtime(sesion.fecha_hora).year
    if not sesion.numero:
        ultimo = (
            Sesion.objects.filter(tipo=sesion.tipo, anio=sesion.anio)
            .exclude(pk=sesion.pk)
            .aggregate(m=Max("numero"))["m"]
        )
        sesion.numero = (ultimo or 0) + 1
    return guardar(sesion, actor=actor, motivo=motivo)


def clave_acuerdo(sesion: Sesion, numero: int) -> str:
    """Por ejemplo ``STGAO/SO-03/2021/02``."""
    prefijo = PREFIJO_SESION.get(sesion.tipo, "S")
    return f"STGAO/{prefijo}-{sesion.numero:02d}/{sesion.anio}/{numero:02d}"


def _siguiente_numero_acuerdo(sesion: Sesion) -> int:
    return (Acuerdo.objects.filter(sesion=sesion).aggregate(m=Max("numero"))["m"] or 0) + 1


def acuerdo_guardar(*, acuerdo: Acuerdo, actor, motivo: str = "") -> Acuerdo:
    """Guarda el acuerdo; uno nuevo recibe el siguiente número y clave de su sesión.

    La sesión se bloquea (``select_for_update``) mientras se numera; además, la restricción
    única (sesión, número) y un reintento cubren a las bases que no bloquean filas.
    """
    if acuerdo.pk:
        with transaction.atomic():
            return guardar(acuerdo, actor=actor, motivo=motivo)
    ultimo_error = None
    for _intento in range(INTENTOS_NUMERACION):
        try:
            with transaction.atomic():
                sesion = Sesion.objects.select_for_update().get(pk=acuerdo.sesion_id)
                acuerdo.sesion = sesion
                acuerdo.numero = _siguiente_numero_acuerdo(sesion)
                acuerdo.clave = clave_acuerdo(sesion, acuerdo.numero)
                acuerdo.full_clean(exclude=["numero", "clave"], validate_unique=False)
                return guardar(acuerdo, actor=actor, motivo=motivo, validar=False)
        except IntegrityError as error:
            ultimo_error = error
            acuerdo.pk = None
    raise ultimo_error


def acuerdo_crear(
    *,
    sesion: Sesion,
    texto: str,
    actor,
    fecha_limite=None,
    responsables=(),
    sujetos_responsables=(),
) -> Acuerdo:
    with transaction.atomic():
        acuerdo = acuerdo_guardar(
            acuerdo=Acuerdo(sesion=sesion, texto=texto, fecha_limite=fecha_limite), actor=actor
        )
        if responsables:
            acuerdo.responsables.set(responsables)
        if sujetos_responsables:
            acuerdo.sujetos_responsables.set(sujetos_responsables)
    return acuerdo


@transaction.atomic
def seguimiento_registrar(
    *, acuerdo: Acuerdo, sesion: Sesion, texto: str, actor, estado_resultante: str = ""
) -> SeguimientoAcuerdo:
    """Registra el seguimiento en una sesión posterior; si trae estado, lo aplica al acuerdo."""
    seguimiento = guardar(
        SeguimientoAcuerdo(
            acuerdo=acuerdo, sesion=sesion, texto=texto, estado_resultante=estado_resultante
        ),
        actor=actor,
    )
    if estado_resultante and estado_resultante != acuerdo.estado:
        acuerdo.estado = estado_resultante
        guardar(acuerdo, actor=actor, motivo=f"Seguimiento en la sesión {sesion.clave}")
    return seguimiento


# --- Plan de Acción Local ----------------------------------------------------------------


def _slug_libre(base: str, excluir_pk=None) -> str:
    base = (slugify(base) or "compromiso")[:100]
    candidato, n = base, 2
    while Compromiso.objects.filter(slug=candidato).exclude(pk=excluir_pk).exists():
        candidato, n = f"{base}-{n}", n + 1
    return candidato


@transaction.atomic
def compromiso_guardar(*, compromiso: Compromiso, actor, motivo: str = "") -> Compromiso:
    """Guarda el compromiso (número y slug por omisión) y asegura al líder entre responsables.

    Si se llama antes de guardar las relaciones muchos-a-muchos (admin), quien llama debe
    invocar después ``compromiso_asegurar_lider``.
    """
    if not compromiso.numero and compromiso.plan_id:
        compromiso.numero = (
            Compromiso.objects.filter(plan_id=compromiso.plan_id).aggregate(m=Max("numero"))["m"]
            or 0
        ) + 1
    if not compromiso.slug:
        compromiso.slug = _slug_libre(compromiso.titulo, compromiso.pk)
    guardar(compromiso, actor=actor, motivo=motivo)
    compromiso_asegurar_lider(compromiso=compromiso)
    return compromiso


def compromiso_asegurar_lider(*, compromiso: Compromiso) -> None:
    if compromiso.lider_id and not compromiso.responsables.filter(pk=compromiso.lider_id).exists():
        compromiso.responsables.add(compromiso.lider_id)


@transaction.atomic
def compromiso_recalcular(*, compromiso: Compromiso, actor) -> Compromiso:
    """Recalcula avance ponderado y resúmenes de estado desde los hitos; guarda si cambió."""
    hitos = list(compromiso.hitos.only("peso", "estado", "fecha_fin_planeada"))
    pendientes = [h.fecha_fin_planeada for h in hitos if h.estado != EstadoHito.COMPLETADO]
    nuevos = {
        "avance": avance_ponderado(hitos),
        "total_hitos": len(hitos),
        "hitos_en_proceso": any(h.estado == EstadoHito.EN_PROCESO for h in hitos),
        "vencimiento_pendiente": min(pendientes) if pendientes else None,
    }
    if any(getattr(compromiso, campo) != valor for campo, valor in nuevos.items()):
        for campo, valor in nuevos.items():
            setattr(compromiso, campo, valor)
        guardar(compromiso, actor=actor, motivo="Avance recalculado desde sus hitos", validar=False)
    return compromiso


def normalizar_hito(hito: Hito) -> None:
    hoy = timezone.localdate()
    if hito.estado == EstadoHito.COMPLETADO:
        hito.fecha_fin_real = hito.fecha_fin_real or hoy
        hito.fecha_inicio_real = hito.fecha_inicio_real or hito.fecha_fin_real
    elif hito.estado == EstadoHito.EN_PROCESO:
        hito.fecha_inicio_real = hito.fecha_inicio_real or hoy


@transaction.atomic
def hito_guardar(*, hito: Hito, actor, motivo: str = "", recalcular: bool = True) -> Hito:
    """Guarda el hito (número siguiente si falta; fechas reales según el estado) y recalcula."""
    if not hito.numero and hito.compromiso_id:
        hito.numero = (
            Hito.objects.filter(compromiso_id=hito.compromiso_id).aggregate(m=Max("numero"))["m"]
            or 0
        ) + 1
    normalizar_hito(hito)
    guardar(hito, actor=actor, motivo=motivo)
    if recalcular:
        compromiso_recalcular(compromiso=hito.compromiso, actor=actor)
    return hito


@transaction.atomic
def hito_reportar_avance(
    *,
    hito: Hito,
    estado: str,
    actor,
    fecha_inicio_real=None,
    fecha_fin_real=None,
    motivo: str = "Reporte de avance",
) -> Hito:
    """El responsable (enlace) o el personal DGA informa el estado y las fechas reales."""
    exigir_reportar_hito(actor, hito)
    hito.estado = estado
    if fecha_inicio_real is not None:
        hito.fecha_inicio_real = fecha_inicio_real
    if fecha_fin_real is not None:
        hito.fecha_fin_real = fecha_fin_real
    return hito_guardar(hito=hito, actor=actor, motivo=motivo)


@transaction.atomic
def evidencia_agregar(
    *, hito: Hito, descripcion: str, actor, archivo=None, enlace: str = "", fecha=None
) -> Evidencia:
    """Agrega evidencia (archivo validado por su contenido, o liga) al hito."""
    exigir_reportar_hito(actor, hito)
    evidencia = Evidencia(hito=hito, descripcion=descripcion, enlace=enlace or "")
    if archivo is not None:
        evidencia.archivo = archivo
    if fecha:
        evidencia.fecha = fecha
    return guardar(evidencia, actor=actor)


@transaction.atomic
def plan_cargar_desde_datos(*, datos: dict, actor):
    """Crea el plan y sus compromisos de ``datos`` si el plan (por slug) aún no existe.

    Los sujetos obligados se buscan por slug; las organizaciones por nombre (se crean si faltan).
    Devuelve ``(plan, creado)``.
    """
    from cocreacion.models import Organizacion, SujetoObligado

    from .models import PlanAccionLocal

    datos_plan = datos["plan"]
    existente = PlanAccionLocal.objects.filter(slug=datos_plan["slug"]).first()
    if existente:
        return existente, False
    plan = guardar(PlanAccionLocal(**datos_plan), actor=actor, motivo="Datos reales")
    for dc in datos.get("compromisos", []):
        dc = dict(dc)
        responsables = [SujetoObligado.objects.get(slug=s) for s in dc.pop("responsables", [])]
        lider = SujetoObligado.objects.get(slug=dc.pop("lider"))
        organizaciones = []
        for do in dc.pop("corresponsables", []):
            organizacion = Organizacion.objects.filter(nombre=do["nombre"]).first()
            if organizacion is None:
                organizacion = guardar(Organizacion(**do), actor=actor, motivo="Datos reales")
            organizaciones.append(organizacion)
        hitos = dc.pop("hitos", [])
        compromiso = Compromiso(plan=plan, lider=lider, **dc)
        compromiso_guardar(compromiso=compromiso, actor=actor, motivo="Datos reales")
        compromiso.responsables.add(*responsables)
        compromiso.corresponsables.add(*organizaciones)
        for dh in hitos:
            hito_guardar(hito=Hito(compromiso=compromiso, **dh), actor=actor, recalcular=False)
        compromiso_recalcular(compromiso=compromiso, actor=actor)
    return plan, True
