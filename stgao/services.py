"""Escrituras con reglas del Secretariado y del Plan de Acción Local.

Todas reciben argumentos por nombre y ``actor``; validan con ``full_clean``, corren en una
transacción y dejan historial a nombre de quien actúa (``cocreacion.comun.historial.guardar``).
Las reglas de quién puede qué (``permissions.py``) se revisan aquí, con ``actor``: publicar o
retirar sesiones, planes y compromisos; reportar hitos; revisar la línea base. Las funciones
``*_cargar`` son para las cargas del sistema (datos reales del repositorio, datos sintéticos):
no revisan permisos y nunca las llaman el admin ni las vistas.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from cocreacion.comun.historial import guardar

from . import permissions as reglas_permiso
from .models import (
    PREFIJO_SESION,
    Acuerdo,
    Compromiso,
    EstadoHito,
    Evidencia,
    Hito,
    PlanAccionLocal,
    SeguimientoAcuerdo,
    Sesion,
)
from .permissions import exigir_reportar_hito
from .reglas import avance_ponderado

INTENTOS_NUMERACION = 5


def _cambia_publicacion(modelo, instancia, campo: str) -> bool:
    """¿Este guardado publica o retira ``instancia``? (uno nuevo ya publicado también cuenta)."""
    nuevo = bool(getattr(instancia, campo))
    if instancia.pk is None:
        return nuevo
    guardado = modelo.objects.filter(pk=instancia.pk).values_list(campo, flat=True).first()
    return bool(guardado) != nuevo


def _exigir_publicar(condicion: bool, mensaje: str) -> None:
    if not condicion:
        raise PermissionDenied(mensaje)


# --- Sesiones y acuerdos ---------------------------------------------------------------


@transaction.atomic
def sesion_guardar(*, sesion: Sesion, actor, motivo: str = "") -> Sesion:
    """Guarda la sesión; publicarla o retirarla exige el permiso de publicar sesiones."""
    if _cambia_publicacion(Sesion, sesion, "publicada"):
        _exigir_publicar(
            reglas_permiso.puede_publicar_sesiones(actor),
            _("Sólo la Coordinación de la DGA publica o retira sesiones."),
        )
        motivo = motivo or (_("Publicación") if sesion.publicada else _("Retiro de publicación"))
    return sesion_cargar(sesion=sesion, actor=actor, motivo=motivo)


@transaction.atomic
def sesion_cargar(*, sesion: Sesion, actor, motivo: str = "") -> Sesion:
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
def plan_guardar(*, plan: PlanAccionLocal, actor, motivo: str = "") -> PlanAccionLocal:
    """Guarda el plan; publicarlo o retirarlo exige el permiso de publicar planes."""
    if _cambia_publicacion(PlanAccionLocal, plan, "publicado"):
        _exigir_publicar(
            reglas_permiso.puede_publicar_planes(actor),
            _("Sólo la Coordinación de la DGA publica o retira planes de acción local."),
        )
        motivo = motivo or (_("Publicación") if plan.publicado else _("Retiro de publicación"))
    return guardar(plan, actor=actor, motivo=motivo)


@transaction.atomic
def compromiso_guardar(*, compromiso: Compromiso, actor, motivo: str = "") -> Compromiso:
    """Guarda el compromiso (número y slug por omisión) y asegura al líder entre responsables.

    Publicarlo o retirarlo exige el permiso de publicar compromisos. Si se llama antes de
    guardar las relaciones muchos-a-muchos (admin), quien llama debe invocar después
    ``compromiso_asegurar_lider``.
    """
    if _cambia_publicacion(Compromiso, compromiso, "publicado"):
        _exigir_publicar(
            reglas_permiso.puede_publicar_compromisos(actor),
            _("Sólo la Coordinación de la DGA publica o retira compromisos."),
        )
        motivo = motivo or (
            _("Publicación") if compromiso.publicado else _("Retiro de publicación")
        )
    return compromiso_cargar(compromiso=compromiso, actor=actor, motivo=motivo)


def compromiso_publicar(*, compromiso: Compromiso, actor, publicado: bool = True) -> Compromiso:
    compromiso = Compromiso.objects.get(pk=compromiso.pk)
    compromiso.publicado = publicado
    return compromiso_guardar(compromiso=compromiso, actor=actor)


@transaction.atomic
def compromiso_cargar(*, compromiso: Compromiso, actor, motivo: str = "") -> Compromiso:
    """``compromiso_guardar`` sin revisar permisos, para las cargas del sistema."""
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


CAMPOS_CAPTURA_HITO = ["compromiso", "numero", "descripcion", "responsable", "peso"]


def _valores_guardados(hito: Hito) -> dict | None:
    if hito.pk is None:
        return None
    campos = [*CAMPOS_CAPTURA_HITO, *reglas_permiso.CAMPOS_LINEA_BASE]
    campos = [Hito._meta.get_field(c).attname for c in campos]
    return Hito.objects.filter(pk=hito.pk).values(*campos).first()


def hito_cambios_no_permitidos(
    *, hito: Hito, actor, guardado: dict | None, congelada: bool
) -> dict[str, str]:
    """Qué cambios de ``hito`` (frente a ``guardado``, sus valores en la base) no puede hacer
    ``actor``: ``{campo: mensaje}``. La usan ``hito_guardar`` y la importación de hitos (que
    así señala fila y columna antes de guardar nada).
    """
    errores: dict[str, str] = {}
    if guardado is None:
        if not reglas_permiso.puede_capturar_hitos(actor):
            errores["__all__"] = _("Sólo el personal de la DGA da de alta hitos.")
        return errores
    if not reglas_permiso.puede_reportar_hito(actor, hito):
        errores["__all__"] = str(reglas_permiso.MENSAJE_HITO_AJENO)
        return errores
    cambiados = [
        c
        for c in [*CAMPOS_CAPTURA_HITO, *reglas_permiso.CAMPOS_LINEA_BASE]
        if getattr(hito, Hito._meta.get_field(c).attname)
        != guardado.get(Hito._meta.get_field(c).attname)
    ]
    for campo in cambiados:
        if campo in reglas_permiso.CAMPOS_LINEA_BASE and congelada:
            errores[campo] = _(
                "Las fechas planeadas de un compromiso publicado son su línea base: no se "
                "cambian al reportar. La DGA las revisa con un motivo (revisar línea base)."
            )
        elif campo in CAMPOS_CAPTURA_HITO and not reglas_permiso.puede_capturar_hitos(actor):
            errores[campo] = _("Este dato del hito lo captura el personal de la DGA.")
    return errores


def _exigir_cambios_permitidos(hito: Hito, actor) -> Compromiso:
    guardado = _valores_guardados(hito)
    compromiso = Compromiso.objects.get(pk=hito.compromiso_id)
    congelada = guardado is not None and compromiso.linea_base_congelada()
    errores = hito_cambios_no_permitidos(
        hito=hito, actor=actor, guardado=guardado, congelada=congelada
    )
    if "__all__" in errores:
        raise PermissionDenied(errores["__all__"])
    if errores:
        raise ValidationError(errores)
    return compromiso


def _asegurar_responsable_del_hito(hito: Hito, compromiso: Compromiso) -> None:
    """El sujeto que responde por un hito queda entre los responsables del compromiso: así su
    enlace lo ve (los enlaces ven los compromisos de su sujeto)."""
    if (
        hito.responsable_id
        and hito.responsable_id != compromiso.lider_id
        and not compromiso.responsables.filter(pk=hito.responsable_id).exists()
    ):
        compromiso.responsables.add(hito.responsable_id)


@transaction.atomic
def hito_guardar(*, hito: Hito, actor, motivo: str = "", recalcular: bool = True) -> Hito:
    """Guarda el hito (número siguiente si falta; fechas reales según el estado) y recalcula.

    Con las reglas de ``actor``: el alta y la descripción, responsable y peso son del personal
    DGA; el enlace sólo reporta los hitos de su sujeto; las fechas planeadas de una línea base
    congelada no cambian aquí (``hito_revisar_linea_base``).
    """
    compromiso = _exigir_cambios_permitidos(hito, actor)
    hito_cargar(hito=hito, actor=actor, motivo=motivo, recalcular=recalcular)
    _asegurar_responsable_del_hito(hito, compromiso)
    return hito


@transaction.atomic
def hitos_importar(*, hitos: list[Hito], actor, motivo: str = "Importación de avance") -> int:
    """Guarda los hitos ya validados de una importación y recalcula cada compromiso una vez.

    Cada hito pasa por ``hito_guardar`` (con las reglas de ``actor``): si uno falla, no queda
    ninguno. Devuelve cuántos se guardaron.
    """
    compromisos = {}
    for hito in hitos:
        hito_guardar(hito=hito, actor=actor, motivo=motivo, recalcular=False)
        compromisos[hito.compromiso_id] = hito.compromiso
    for compromiso in compromisos.values():
        compromiso_recalcular(compromiso=compromiso, actor=actor)
    return len(hitos)


@transaction.atomic
def hito_cargar(*, hito: Hito, actor, motivo: str = "", recalcular: bool = True) -> Hito:
    """``hito_guardar`` sin revisar permisos, para las cargas del sistema."""
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
def hito_revisar_linea_base(
    *, hito: Hito, fecha_fin_planeada, actor, motivo: str, fecha_inicio_planeada=None
) -> Hito:
    """Cambia las fechas planeadas de un hito cuya línea base ya está congelada.

    Sólo el personal DGA, con un motivo que se publica junto a las fechas. La primera revisión
    guarda las fechas originales (la línea base publicada); las siguientes las conservan. Queda
    en el historial a nombre de quien revisa.
    """
    if not reglas_permiso.puede_revisar_linea_base(actor):
        raise PermissionDenied(_("Sólo el personal de la DGA revisa la línea base de un hito."))
    hito = Hito.objects.select_for_update().select_related("compromiso").get(pk=hito.pk)
    motivo = (motivo or "").strip()
    if not motivo:
        raise ValidationError({"motivo_revision": _("Escriba el motivo del cambio de fechas.")})
    if not hito.compromiso.linea_base_congelada():
        raise ValidationError(
            _(
                "El compromiso aún no se publica: sus fechas planeadas se cambian en el hito, "
                "sin revisión."
            )
        )
    if (
        hito.fecha_inicio_planeada == fecha_inicio_planeada
        and hito.fecha_fin_planeada == fecha_fin_planeada
    ):
        raise ValidationError(_("Las fechas son las mismas que las vigentes: no hay cambio."))
    if not hito.linea_base_revisada:
        hito.fecha_inicio_original = hito.fecha_inicio_planeada
        hito.fecha_fin_original = hito.fecha_fin_planeada
    hito.fecha_inicio_planeada = fecha_inicio_planeada
    hito.fecha_fin_planeada = fecha_fin_planeada
    hito.motivo_revision = motivo
    guardar(hito, actor=actor, motivo=_("Revisión de la línea base: %(m)s") % {"m": motivo})
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
        compromiso_cargar(compromiso=compromiso, actor=actor, motivo="Datos reales")
        compromiso.responsables.add(*responsables)
        compromiso.corresponsables.add(*organizaciones)
        for dh in hitos:
            hito_cargar(hito=Hito(compromiso=compromiso, **dh), actor=actor, recalcular=False)
        compromiso_recalcular(compromiso=compromiso, actor=actor)
    return plan, True
