"""Servicios del ciclo de listados de interés público: cada transición con su regla.

Cada transición dice quién puede hacerla, desde qué estado y qué debe estar completo; si algo
falta se rechaza con ``TransicionInvalida`` y un mensaje claro. Toda escritura pasa por
``cocreacion.comun.historial.guardar``: el historial registra a la persona que actúa y el momento.

Estados del listado: la máquina de estados es una sola tabla, ``TRANSICIONES`` (al final de
este módulo): de qué estados sale cada paso, a cuál llega, quién puede darlo y qué servicio lo
da. La leen los servicios (``_exigir_origen``, ``_exigir_permiso``, ``_llegar``), los botones del
admin (``transiciones_disponibles``), el despacho (``ejecutar_transicion``) y las pruebas; el
trabajo que se hace *dentro* de un estado sin cambiarlo (capturar elementos, revisarlos) está en
``EN_ESTADO``. Agregar un estado es agregar su opción en ``EstadoListado`` y sus filas aquí.

Por qué una tabla propia y no una biblioteca de máquinas de estados: la tabla son ~110 líneas sin
dependencias. ``django-fsm-2`` (MIT, mantenida) declara cada paso como método del modelo con
``@transition``, pero aquí los pasos son servicios que releen el listado con bloqueo de fila,
validan, escriben el historial a nombre de quien actúa y avisan por correo: el decorador sólo
repetiría sobre el objeto en memoria lo que el servicio ya comprueba sobre la fila bloqueada, y
movería las reglas al modelo contra la convención del proyecto. ``django-fsm`` 5 y
``viewflow.fsm`` siguen el mismo modelo de métodos decorados, sobre el motor de Viewflow: una
dependencia mayor para una tabla de siete filas.
"""

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.utils.translation import ngettext
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from cocreacion.comun.articulos import con_articulo
from cocreacion.comun.enlaces import folio_enlazable
from cocreacion.comun.fechas import fecha_larga
from cocreacion.comun.historial import eliminar, guardar
from cocreacion.listados import pendientes as avisos
from cocreacion.listados import permissions as permisos
from cocreacion.listados.selectors import sujetos_por_requerir
from cocreacion.models import (
    Dictamen,
    ElementoListado,
    EstadoListado,
    Institucion,
    Listado,
    Periodicidad,
    PeriodoListado,
    Resolucion,
    SujetoObligado,
)
from cocreacion.operacion.cache_paginas import invalidar as invalidar_paginas

TIPO_DOCUMENTO_FOLIO = "DIP"  # Dictamen de información de interés público


class TransicionInvalida(ValidationError):
    """La operación no está permitida: por quién la pide, por el estado o por lo que falta."""


def _hoy() -> date:
    return timezone.localdate()


_fecha = fecha_larga


def _exigir(condicion: bool, mensaje: str) -> None:
    if not condicion:
        raise TransicionInvalida(mensaje)


def _exigir_estado(listado: Listado, estados, accion: str) -> None:
    if listado.estado not in estados:
        permitidos = ", ".join(str(EstadoListado(e).label) for e in estados)
        raise TransicionInvalida(
            _(
                "No se puede %(accion)s el listado de %(sujeto)s: está «%(estado)s» y sólo se "
                "permite desde «%(permitidos)s»."
            )
            % {
                "accion": accion,
                "sujeto": listado.sujeto_obligado,
                "estado": listado.get_estado_display(),
                "permitidos": permitidos,
            }
        )


def _exigir_origen(listado: Listado, codigo: str) -> None:
    """El listado está en uno de los estados de origen del paso ``codigo`` (o de ``EN_ESTADO``)."""
    if codigo in EN_ESTADO:
        estados, accion = EN_ESTADO[codigo]
    else:
        paso = transicion(codigo)
        estados, accion = paso.origenes, paso.accion
    _exigir_estado(listado, estados, accion)


def _exigir_permiso(codigo: str, actor, listado: Listado, mensaje: str | None = None) -> None:
    paso = transicion(codigo)
    _exigir(
        paso.permiso(actor, listado),
        mensaje or paso.sin_permiso % {"s": listado.sujeto_obligado},
    )


def _llegar(listado: Listado, codigo: str) -> None:
    """Pone al listado en el estado de destino del paso ``codigo``."""
    listado.estado = transicion(codigo).destino


def _bloquear(listado: Listado) -> Listado:
    """Relee el listado con bloqueo de fila para que dos transiciones no se crucen."""
    return (
        Listado.objects.select_for_update(of=("self",))
        .select_related("periodo", "sujeto_obligado")
        .get(pk=listado.pk)
    )


# --- Periodos ---------------------------------------------------------------------------


def huella_de_seleccion(pks) -> str:
    """Resumen corto de a quiénes se va a pedir: la confirmación debe ver lo mismo que la vista
    previa (si el padrón cambió entre una y otra, se vuelve a mostrar la vista previa)."""
    return hashlib.sha256(",".join(str(pk) for pk in sorted(pks)).encode()).hexdigest()[:16]


@transaction.atomic
def periodo_abrir(
    *,
    periodo: PeriodoListado,
    actor,
    tipos: list[str] | None = None,
    ordenes: list[str] | None = None,
    sujetos: list[SujetoObligado] | None = None,
    huella: str | None = None,
) -> int:
    """Requiere el listado: crea un listado en borrador por cada sujeto obligado elegido.

    Sin filtros se requiere a todos los sujetos activos y vigentes del padrón de Oaxaca;
    ``tipos``/``ordenes``/``sujetos`` acotan la selección (``cocreacion.listados.selectors.
    sujetos_por_requerir`` da la vista previa). Con ``huella``, la selección debe ser la misma
    que vio quien confirmó. Puede repetirse para sumar sujetos: nunca duplica. Devuelve cuántos
    listados creó.
    """
    _exigir(
        permisos.puede_abrir_periodo(actor),
        _("Sólo el personal de la DGA puede abrir un periodo y requerir listados."),
    )
    periodo = PeriodoListado.objects.select_for_update().get(pk=periodo.pk)
    pks = list(
        sujetos_por_requerir(
            periodo=periodo, tipos=tipos, ordenes=ordenes, sujetos=sujetos
        ).values_list("pk", flat=True)
    )
    _exigir(
        huella is None or huella == huella_de_seleccion(pks),
        _(
            "La selección cambió desde la vista previa (alguien abrió listados o cambió el "
            "padrón). Revise de nuevo la vista previa antes de confirmar."
        ),
    )
    nuevos = [Listado(periodo=periodo, sujeto_obligado_id=pk) for pk in pks]
    bulk_create_with_history(
        nuevos,
        Listado,
        batch_size=500,
        default_user=actor,
        default_change_reason=_("Listado requerido"),
    )
    invalidar_paginas()  # bulk_create no dispara señales
    if periodo.abierto_en is None:
        periodo.abierto_en = timezone.now()
        guardar(periodo, actor=actor, motivo=_("Periodo abierto"))
    avisos.avisar_periodo_abierto(
        periodo=periodo,
        listado_ids=list(
            periodo.listados.filter(
                sujeto_obligado_id__in=[li.sujeto_obligado_id for li in nuevos]
            ).values_list("pk", flat=True)
        ),
    )
    return len(nuevos)


@transaction.atomic
def periodo_cerrar_envio(*, periodo: PeriodoListado, actor, hoy: date | None = None) -> int:
    """Vencido el plazo de envío, los listados que siguen en borrador quedan «no presentado»."""
    hoy = hoy or _hoy()
    _exigir(
        permisos.puede_revisar(actor),
        _("Sólo el personal de la DGA puede cerrar el plazo de envío."),
    )
    _exigir(
        hoy > periodo.fecha_limite_envio,
        _("El plazo de envío del periodo %(p)s vence el %(f)s; aún no puede cerrarse.")
        % {"p": periodo, "f": _fecha(periodo.fecha_limite_envio)},
    )
    pendientes = list(
        Listado.objects.select_for_update()
        .filter(periodo=periodo, estado=EstadoListado.BORRADOR)
        .order_by("pk")
    )
    for listado in pendientes:
        listado.estado = EstadoListado.NO_PRESENTADO
    bulk_update_with_history(
        pendientes,
        Listado,
        ["estado"],
        batch_size=500,
        default_user=actor,
        default_change_reason=_("No presentado en plazo"),
    )
    invalidar_paginas()  # bulk_update no dispara señales
    return len(pendientes)


# --- Elementos (captura del sujeto obligado) --------------------------------------------


def _exigir_captura(listado: Listado, actor) -> None:
    _exigir_origen(listado, "capturar")
    _exigir(
        permisos.puede_editar_elementos(actor, listado),
        _("Sólo el enlace de %(s)s puede capturar los elementos de su listado.")
        % {"s": listado.sujeto_obligado},
    )


@transaction.atomic
def elemento_guardar(*, listado: Listado, elemento: ElementoListado, actor) -> ElementoListado:
    """Agrega o modifica un elemento mientras el listado está en borrador."""
    listado = _bloquear(listado)
    if elemento.pk:
        _exigir(
            elemento.listado_id == listado.pk,
            _("El elemento no pertenece a este listado."),
        )
    _exigir_captura(listado, actor)
    elemento.listado = listado
    if not elemento.numero:
        ultimo = listado.elementos.aggregate(m=Max("numero"))["m"] or 0
        elemento.numero = ultimo + 1
    return guardar(elemento, actor=actor, motivo=_("Elemento capturado"))


@transaction.atomic
def elemento_eliminar(*, elemento: ElementoListado, actor) -> None:
    listado = _bloquear(elemento.listado)
    _exigir_captura(listado, actor)
    eliminar(elemento, actor=actor, motivo=_("Elemento eliminado"))


@transaction.atomic
def listado_preparar_importacion(*, listado: Listado, actor) -> Listado:
    """El listado bloqueado para importar sus elementos, si ``actor`` puede capturarlos."""
    listado = _bloquear(listado)
    _exigir_captura(listado, actor)
    return listado


@transaction.atomic
def listado_agregar_elementos(
    *, listado: Listado, elementos: list[ElementoListado], actor, motivo: str, reemplazar: bool
) -> int:
    """Agrega de una vez elementos ya validados (``full_clean``); con ``reemplazar`` sustituye
    los capturados antes. Todo o nada; devuelve cuántos se agregaron."""
    listado = listado_preparar_importacion(listado=listado, actor=actor)
    if reemplazar:
        for anterior in listado.elementos.all():
            eliminar(anterior, actor=actor, motivo=_("Sustituido por importación"))
    for elemento in elementos:
        elemento.listado = listado
    bulk_create_with_history(
        elementos, ElementoListado, default_user=actor, default_change_reason=motivo
    )
    invalidar_paginas()  # bulk_create no dispara señales
    return len(elementos)


# --- Transiciones del listado -----------------------------------------------------------


@transaction.atomic
def listado_enviar(*, listado: Listado, actor, hoy: date | None = None) -> Listado:
    """borrador → enviado: el enlace (o la DGA a su nombre) con al menos un elemento, en plazo."""
    listado = _bloquear(listado)
    _exigir_origen(listado, "enviar")
    _exigir_permiso("enviar", actor, listado)
    hoy = hoy or _hoy()
    _exigir(
        hoy <= listado.periodo.fecha_limite_envio or permisos.puede_revisar(actor),
        _("El plazo de envío venció el %(f)s; solicite una prórroga a la DGA.")
        % {"f": _fecha(listado.periodo.fecha_limite_envio)},
    )
    _exigir(
        listado.elementos.exists(),
        _("El listado no tiene elementos: capture al menos uno antes de enviarlo."),
    )
    _llegar(listado, "enviar")
    listado.enviado_en = timezone.now()
    listado.enviado_por = actor
    guardar(listado, actor=actor, motivo=_("Listado enviado"))
    avisos.avisar_listado_enviado(listado=listado)
    return listado


@transaction.atomic
def listado_devolver(*, listado: Listado, actor, motivo: str) -> Listado:
    """enviado/en revisión → borrador, para que el sujeto obligado corrija; exige el motivo."""
    listado = _bloquear(listado)
    _exigir_origen(listado, "devolver")
    _exigir_permiso("devolver", actor, listado)
    _exigir(bool((motivo or "").strip()), _("Indique el motivo de la devolución."))
    _llegar(listado, "devolver")
    listado.observaciones = motivo.strip()
    guardar(listado, actor=actor, motivo=_("Devuelto para corrección"))
    avisos.avisar_listado_devuelto(listado=listado, motivo=listado.observaciones)
    return listado


@transaction.atomic
def listado_iniciar_revision(*, listado: Listado, actor) -> Listado:
    """enviado → en revisión (personal de la DGA)."""
    listado = _bloquear(listado)
    _exigir_origen(listado, "iniciar_revision")
    _exigir_permiso("iniciar_revision", actor, listado)
    _llegar(listado, "iniciar_revision")
    return guardar(listado, actor=actor, motivo=_("Revisión iniciada"))


@transaction.atomic
def elemento_revisar(
    *,
    elemento: ElementoListado,
    resolucion: str,
    fundamentacion: str,
    actor,
    modificaciones: str = "",
) -> ElementoListado:
    """Resolución de la DGA sobre un elemento, con su fundamentación y motivación."""
    listado = _bloquear(elemento.listado)
    _exigir_origen(listado, "revisar_elementos")
    _exigir(permisos.puede_revisar(actor), _("Sólo el personal de la DGA revisa elementos."))
    _exigir(
        resolucion in Resolucion.values,
        _("Elija una resolución: procedente, no procedente o procedente con modificaciones."),
    )
    _exigir(
        bool((fundamentacion or "").strip()),
        _("El elemento «%(t)s» necesita su fundamentación y motivación.") % {"t": elemento.titulo},
    )
    _exigir(
        resolucion != Resolucion.CON_MODIFICACIONES or bool((modificaciones or "").strip()),
        _("Indique qué modificaciones requiere el elemento «%(t)s».") % {"t": elemento.titulo},
    )
    elemento.resolucion = resolucion
    elemento.fundamentacion = fundamentacion.strip()
    elemento.modificaciones = (modificaciones or "").strip()
    elemento.revisado_por = actor
    elemento.revisado_en = timezone.now()
    return guardar(elemento, actor=actor, motivo=_("Elemento revisado"))


def _elementos_de_informacion(n: int) -> str:
    return ngettext("%(n)s elemento de información", "%(n)s elementos de información", n) % {"n": n}


def _antecedentes(listado: Listado, institucion: Institucion) -> str:
    periodo = listado.periodo
    enviado = (
        _fecha(timezone.localtime(listado.enviado_en))
        if listado.enviado_en
        else _("la fecha de su envío")
    )
    return _(
        "I. En cumplimiento de la obligación de requerir semestralmente a los sujetos "
        "obligados el listado de información que consideran de interés público, %(inst)s "
        "requirió a %(sujeto)s su listado correspondiente al periodo %(periodo)s, con plazo "
        "de envío al %(limite)s.\n"
        "II. El %(enviado)s, %(sujeto)s presentó su listado con %(elementos)s.\n"
        "III. La %(area)s revisó cada elemento en relación con las funciones, atribuciones "
        "y competencias del sujeto obligado."
    ) % {
        "inst": con_articulo(institucion.nombre),
        "sujeto": listado.sujeto_obligado,
        "periodo": periodo.clave,
        "limite": _fecha(periodo.fecha_limite_envio),
        "enviado": enviado,
        "elementos": _elementos_de_informacion(listado.elementos.count()),
        "area": institucion.area,
    }


def _considerandos(listado: Listado) -> list[dict]:
    # Las etiquetas se traducen una vez por dictamen: ``get_FOO_display`` vuelve a traducir y
    # a hacer «hashable» todas las opciones en cada llamada (dos por elemento), y con miles de
    # dictámenes (datos sintéticos, regeneraciones) eso dominaba el tiempo. Mismo resultado:
    # la etiqueta si el valor está entre las opciones y, si no, el valor tal cual.
    periodicidades = {valor: str(etiqueta) for valor, etiqueta in Periodicidad.choices}
    resoluciones = {valor: str(etiqueta) for valor, etiqueta in Resolucion.choices}
    return [
        {
            "numero": e.numero,
            "titulo": e.titulo,
            "descripcion": e.descripcion,
            "justificacion": e.justificacion,
            "unidad_responsable": e.unidad_responsable,
            "periodicidad": periodicidades.get(e.periodicidad, e.periodicidad),
            "formato": e.formato,
            "liga": e.liga,
            "resolucion": e.resolucion,
            "resolucion_texto": resoluciones.get(e.resolucion, e.resolucion),
            "fundamentacion": e.fundamentacion,
            "modificaciones": e.modificaciones,
        }
        for e in listado.elementos.order_by("numero", "pk")
    ]


@transaction.atomic
def listado_dictaminar(
    *,
    listado: Listado,
    actor,
    fecha: date | None = None,
    antecedentes: str = "",
    firmantes: str = "",
) -> Dictamen:
    """en revisión → dictaminado: genera el proyecto de dictamen con todos los elementos revisados.

    Si el listado ya tenía un dictamen aprobado, el nuevo es su corrección (versión siguiente).
    """
    listado = _bloquear(listado)
    _exigir_origen(listado, "dictaminar")
    _exigir_permiso("dictaminar", actor, listado)
    pendientes = listado.elementos.filter(resolucion="").count()
    _exigir(
        pendientes == 0,
        ngettext(
            "Falta %(n)s elemento por revisar; el listado no puede dictaminarse todavía.",
            "Faltan %(n)s elementos por revisar; el listado no puede dictaminarse todavía.",
            pendientes,
        )
        % {"n": pendientes},
    )
    _exigir(listado.elementos.exists(), _("El listado no tiene elementos que dictaminar."))
    anteriores = list(listado.dictamenes.order_by("-version"))
    _exigir(
        not any(not d.aprobado for d in anteriores),
        _("Ya hay un proyecto de dictamen sin aprobar para este listado."),
    )
    previo = next((d for d in anteriores if d.aprobado), None)
    fecha = fecha or _hoy()
    # El texto del dictamen se congela con el órgano garante en funciones en su fecha.
    institucion = Institucion.objects.vigente_en(fecha)
    dictamen = Dictamen(
        listado=listado,
        version=(anteriores[0].version + 1) if anteriores else 1,
        sustituye=previo,
        motivo_correccion=listado.observaciones if previo else "",
        fecha=fecha,
        antecedentes=antecedentes or _antecedentes(listado, institucion),
        considerandos=_considerandos(listado),
        firmantes=firmantes or (previo.firmantes if previo else ""),
    )
    guardar(dictamen, actor=actor, motivo=_("Proyecto de dictamen generado"))
    _llegar(listado, "dictaminar")
    guardar(listado, actor=actor, motivo=_("Listado dictaminado"))
    return dictamen


@transaction.atomic
def dictamen_actualizar(*, dictamen: Dictamen, actor) -> Dictamen:
    """Guarda cambios de redacción de un proyecto de dictamen (nunca de uno aprobado)."""
    _exigir(permisos.puede_revisar(actor), _("Sólo el personal de la DGA redacta dictámenes."))
    _exigir(
        not Dictamen.objects.filter(pk=dictamen.pk, aprobado_en__isnull=False).exists(),
        _("El dictamen ya fue aprobado y no se modifica; registre una corrección."),
    )
    return guardar(dictamen, actor=actor, motivo=_("Proyecto de dictamen editado"))


def formato_folio(siglas_area: str, periodo: PeriodoListado, numero: int) -> str:
    return f"{siglas_area}/{TIPO_DOCUMENTO_FOLIO}/{periodo.clave}/{numero:04d}"


@transaction.atomic
def dictamen_aprobar(
    *,
    dictamen: Dictamen,
    actor,
    sesion: str,
    fecha_sesion: date,
    numero_acuerdo: str,
) -> Dictamen:
    """dictaminado → aprobado: registra la aprobación del órgano aprobador y asigna el folio.

    El folio sale del contador del periodo, leído con bloqueo de fila (``select_for_update``)
    dentro de esta transacción: dos aprobaciones simultáneas nunca obtienen el mismo número, y
    un número asignado no se vuelve a usar.
    """
    dictamen = Dictamen.objects.select_for_update().get(pk=dictamen.pk)
    listado = _bloquear(dictamen.listado)
    # Aprueba el órgano del garante en funciones el día de la sesión.
    institucion = Institucion.objects.vigente_en(fecha_sesion or dictamen.fecha)
    _exigir_permiso(
        "aprobar",
        actor,
        listado,
        _("Sólo el %(o)s (o la Coordinación de la DGA en su nombre) registra la aprobación.")
        % {"o": institucion.organo_aprobador or _("órgano que aprueba")},
    )
    _exigir(not dictamen.aprobado, _("El dictamen %(f)s ya está aprobado.") % {"f": dictamen.folio})
    _exigir_origen(listado, "aprobar")
    _exigir(
        bool((sesion or "").strip())
        and fecha_sesion is not None
        and bool((numero_acuerdo or "").strip()),
        _("Para aprobar indique la sesión, su fecha y el número de acuerdo."),
    )
    hoy = timezone.localdate()
    _exigir(
        fecha_sesion <= hoy,
        _(
            "La fecha de la sesión (%(f)s) es posterior a hoy (%(h)s): registre la aprobación "
            "el día de la sesión o después."
        )
        % {"f": _fecha(fecha_sesion), "h": _fecha(hoy)},
    )
    _exigir(
        bool(institucion.organo_aprobador),
        _(
            "%(i)s no tiene registrado su órgano que aprueba: captúrelo en Instituciones "
            "antes de registrar la aprobación."
        )
        % {"i": institucion.nombre_corto},
    )
    periodo = PeriodoListado.objects.select_for_update().get(pk=listado.periodo_id)
    # Antes de gastar un número: un folio que no cabe en su dirección tumbaría las páginas que
    # lo enlazan (datos viejos capturados antes de validar las siglas).
    _exigir(
        folio_enlazable(formato_folio(institucion.siglas_area, periodo, periodo.ultimo_folio + 1)),
        _(
            "No se puede asignar folio: las siglas del área «%(s)s» del registro Institución "
            "no sirven para un folio (sólo letras sin acentos, números y guiones). "
            "Corríjalas y vuelva a aprobar; no se guardó nada."
        )
        % {"s": institucion.siglas_area},
    )
    periodo.ultimo_folio += 1
    guardar(periodo, actor=actor, motivo=_("Folio %(n)s asignado") % {"n": periodo.ultimo_folio})
    dictamen.numero_folio = periodo.ultimo_folio
    dictamen.folio = formato_folio(institucion.siglas_area, periodo, periodo.ultimo_folio)
    dictamen.sesion = sesion.strip()
    dictamen.fecha_sesion = fecha_sesion
    dictamen.numero_acuerdo = numero_acuerdo.strip()
    dictamen.organo_aprobador = institucion.organo_aprobador
    dictamen.aprobado_en = timezone.now()
    dictamen.aprobado_por = actor
    dictamen._aprobando = True
    motivo = _("Aprobado por %(o)s") % {"o": institucion.organo_aprobador}
    guardar(dictamen, actor=actor, motivo=motivo)
    dictamen._aprobando = False
    _llegar(listado, "aprobar")
    listado.observaciones = ""
    guardar(listado, actor=actor, motivo=_("Dictamen aprobado"))
    avisos.avisar_listado_aprobado(listado=listado, dictamen=dictamen)
    return dictamen


@transaction.atomic
def listado_publicar(*, listado: Listado, actor) -> Listado:
    """aprobado → publicado (Coordinación DGA)."""
    listado = _bloquear(listado)
    _exigir_origen(listado, "publicar")
    _exigir_permiso("publicar", actor, listado)
    _llegar(listado, "publicar")
    return guardar(listado, actor=actor, motivo=_("Listado publicado"))


@transaction.atomic
def listado_corregir(*, listado: Listado, actor, motivo: str) -> Listado:
    """aprobado/publicado → en revisión para corregir; el dictamen aprobado queda intacto.

    Al dictaminar de nuevo se genera una versión nueva que, al aprobarse, sustituye a la
    anterior (que sigue visible con su folio).
    """
    listado = _bloquear(listado)
    _exigir_origen(listado, "corregir")
    _exigir_permiso("corregir", actor, listado)
    _exigir(bool((motivo or "").strip()), _("Indique el motivo de la corrección."))
    _llegar(listado, "corregir")
    listado.observaciones = motivo.strip()
    return guardar(listado, actor=actor, motivo=_("Corrección iniciada"))


# --- Transiciones disponibles (lo que el admin ofrece) ----------------------------------


@dataclass(frozen=True)
class Transicion:
    """Un paso del ciclo del listado: la única declaración de sus reglas de estado y permiso."""

    codigo: str
    etiqueta: str
    origenes: tuple[str, ...]
    destino: str
    # Verbo del mensaje «No se puede <accion> el listado de…» cuando el estado no lo permite.
    accion: str
    # ``permiso(usuario, listado)``; ``sin_permiso`` es el mensaje (con ``%(s)s``: el sujeto).
    permiso: Callable[..., bool]
    sin_permiso: str
    # El servicio que da el paso desde el admin; ``None`` si pide datos propios (aprobar).
    servicio: Callable[..., object] | None
    necesita_motivo: bool = False
    # Los pasos que no se deshacen piden confirmación en una página que dice qué pasará.
    confirmar: bool = False


def _dga(usuario, listado) -> bool:
    return permisos.puede_revisar(usuario)


TRANSICIONES = [
    Transicion(
        "enviar",
        _l("Enviar listado"),
        origenes=(EstadoListado.BORRADOR,),
        destino=EstadoListado.ENVIADO,
        accion=_l("enviar"),
        permiso=lambda usuario, listado: permisos.puede_enviar(usuario, listado),
        sin_permiso=_l("Sólo el enlace de %(s)s puede enviar este listado."),
        servicio=listado_enviar,
        confirmar=True,
    ),
    Transicion(
        "iniciar_revision",
        _l("Iniciar revisión"),
        origenes=(EstadoListado.ENVIADO,),
        destino=EstadoListado.EN_REVISION,
        accion=_l("revisar"),
        permiso=_dga,
        sin_permiso=_l("Sólo el personal de la DGA revisa listados."),
        servicio=listado_iniciar_revision,
    ),
    Transicion(
        "devolver",
        _l("Devolver para corrección"),
        origenes=(EstadoListado.ENVIADO, EstadoListado.EN_REVISION),
        destino=EstadoListado.BORRADOR,
        accion=_l("devolver"),
        permiso=_dga,
        sin_permiso=_l("Sólo el personal de la DGA puede devolver listados."),
        servicio=listado_devolver,
        necesita_motivo=True,
    ),
    Transicion(
        "dictaminar",
        _l("Generar dictamen"),
        origenes=(EstadoListado.EN_REVISION,),
        destino=EstadoListado.DICTAMINADO,
        accion=_l("dictaminar"),
        permiso=_dga,
        sin_permiso=_l("Sólo el personal de la DGA dictamina listados."),
        servicio=listado_dictaminar,
        confirmar=True,
    ),
    Transicion(
        "aprobar",
        _l("Registrar aprobación del dictamen"),
        origenes=(EstadoListado.DICTAMINADO,),
        destino=EstadoListado.APROBADO,
        accion=_l("aprobar el dictamen de"),
        permiso=lambda usuario, listado: permisos.puede_aprobar(usuario),
        sin_permiso=_l("Sólo el órgano que aprueba registra la aprobación."),
        servicio=None,  # pide sesión, fecha y acuerdo: su propio formulario (dictamen_aprobar)
    ),
    Transicion(
        "publicar",
        _l("Publicar"),
        origenes=(EstadoListado.APROBADO,),
        destino=EstadoListado.PUBLICADO,
        accion=_l("publicar"),
        permiso=lambda usuario, listado: permisos.puede_publicar(usuario),
        sin_permiso=_l("Sólo la Coordinación de la DGA publica listados."),
        servicio=listado_publicar,
        confirmar=True,
    ),
    Transicion(
        "corregir",
        _l("Corregir dictamen (versión nueva)"),
        origenes=(EstadoListado.APROBADO, EstadoListado.PUBLICADO),
        destino=EstadoListado.EN_REVISION,
        accion=_l("corregir"),
        permiso=_dga,
        sin_permiso=_l("Sólo el personal de la DGA corrige dictámenes."),
        servicio=listado_corregir,
        necesita_motivo=True,
        confirmar=True,
    ),
]
_POR_CODIGO = {t.codigo: t for t in TRANSICIONES}

# Trabajo dentro de un estado, sin cambiarlo: en qué estados se permite y el verbo del mensaje.
EN_ESTADO = {
    "capturar": ((EstadoListado.BORRADOR,), _l("modificar")),
    "revisar_elementos": ((EstadoListado.EN_REVISION,), _l("revisar los elementos de")),
}


def permite(listado: Listado, trabajo: str) -> bool:
    """¿El estado del listado admite ``trabajo`` (una clave de ``EN_ESTADO``)?"""
    return listado.estado in EN_ESTADO[trabajo][0]


def transicion(codigo: str) -> Transicion | None:
    return _POR_CODIGO.get(codigo)


def consecuencias(codigo: str, *, listado: Listado) -> list[str]:
    """Lo que pasará al confirmar la transición ``codigo``, en palabras de quien la pide."""
    n = listado.elementos.count()
    elementos_txt = _("%(n)s elemento") % {"n": n} if n == 1 else _("%(n)s elementos") % {"n": n}
    if codigo == "enviar":
        return [
            _("El listado %(p)s de %(s)s pasa a «Enviado» con sus %(e)s.")
            % {"p": listado.periodo, "s": listado.sujeto_obligado, "e": elementos_txt},
            _("El sujeto obligado ya no podrá agregar, modificar ni eliminar elementos."),
            _("La DGA recibe un aviso por correo para revisarlo."),
        ]
    if codigo == "dictaminar":
        return [
            _("Se genera el proyecto de dictamen con la resolución de sus %(e)s.")
            % {"e": elementos_txt},
            _("El listado pasa a «Dictaminado» y sus resoluciones ya no se cambian aquí."),
            _(
                "Las resoluciones escritas en la ficha ya se guardaron y son las que toma el "
                "dictamen."
            ),
        ]
    if codigo == "publicar":
        return [
            _("El listado de %(s)s pasa a «Publicado» en el portal.")
            % {"s": listado.sujeto_obligado},
            _("No hay un paso para despublicarlo; un error se corrige con una versión nueva."),
        ]
    if codigo == "corregir":
        return [
            _("El listado vuelve a «En revisión» para dictaminarlo de nuevo."),
            _(
                "El dictamen aprobado sigue vigente y visible con su folio hasta que se apruebe "
                "la versión nueva, que lo sustituye."
            ),
        ]
    return []


def transiciones_disponibles(listado: Listado, usuario) -> list[Transicion]:
    """Las transiciones que ``usuario`` puede pedir desde el estado actual del listado."""
    return [t for t in TRANSICIONES if listado.estado in t.origenes and t.permiso(usuario, listado)]


def ejecutar_transicion(codigo: str, *, listado: Listado, actor, motivo: str = ""):
    """Despacha la transición ``codigo`` (salvo «aprobar», que pide los datos de la sesión)."""
    paso = transicion(codigo)
    if paso is None or paso.servicio is None:
        raise TransicionInvalida(_("Transición desconocida: %(c)s.") % {"c": codigo})
    extra = {"motivo": motivo} if paso.necesita_motivo else {}
    return paso.servicio(listado=listado, actor=actor, **extra)
