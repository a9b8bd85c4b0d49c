"""Lo que los listados de interés público aportan a «Mis pendientes» y a los avisos por correo.

``pendientes(usuario, hoy)``: los listados que un enlace debe capturar o corregir y los que la
DGA debe revisar. ``recordatorios(hoy)``: el plazo de envío que se acerca. Los ``avisar_*``
los llaman los servicios del ciclo (``cocreacion.listados.services``) y salen al confirmar.
Los descubre ``cocreacion.registro`` como a los ``pendientes`` de cada app.
"""

from collections.abc import Iterator
from datetime import date, timedelta

from django.urls import reverse
from django.utils import timezone

from cocreacion.comun.fechas import fecha_larga
from cocreacion.listados import permissions as permisos
from cocreacion.models import EstadoListado, Listado, TipoNotificacion
from cocreacion.portal.selectors import Pendiente
from cocreacion.portal.services import (
    Aviso,
    avisar_al_confirmar,
    enlaces_por_sujeto,
    revisores_dga,
)

# Cuántos listados por revisar se muestran a la DGA (los más urgentes); el resto, en el admin.
TOPE_REVISION = 50

# Los dos recordatorios del plazo: el de una semana sale si faltan de 2 a 7 días (así no se
# pierde si el comando no corrió justo ese día) y el de un día, si falta 1 día o vence hoy.
RECORDATORIOS_DE_PLAZO = ((7, 2), (1, 0))


def pendientes(usuario, hoy: date) -> list[Pendiente]:
    return _listados_del_enlace(usuario, hoy) + _listados_por_revisar(usuario, hoy)


def _listados_del_enlace(usuario, hoy: date) -> list[Pendiente]:
    sujeto = permisos.sujeto_de(usuario)
    if sujeto is None:
        return []
    listados = (
        Listado.objects.publicados()
        .filter(sujeto_obligado=sujeto, estado=EstadoListado.BORRADOR)
        .select_related("periodo")
        .order_by("periodo__fecha_limite_envio", "pk")
    )
    pendientes = []
    for listado in listados:
        url = reverse("interes_publico:mi_listado", args=[listado.pk])
        devuelto = bool(listado.observaciones.strip())
        pendientes.append(
            Pendiente(
                tipo="Listado devuelto por la DGA" if devuelto else "Listado por enviar",
                titulo=f"Listado {listado.periodo.clave} de {sujeto}",
                url=url,
                fecha_limite=listado.periodo.fecha_limite_envio,
                motivo=listado.observaciones.strip(),
                accion="Corregir y volver a enviar" if devuelto else "Capturar y enviar",
                hoy=hoy,
            )
        )
    return pendientes


def _listados_por_revisar(usuario, hoy: date) -> list[Pendiente]:
    if permisos.sujeto_de(usuario) is not None or not permisos.puede_revisar(usuario):
        return []
    listados = (
        Listado.objects.filter(estado__in=[EstadoListado.ENVIADO, EstadoListado.EN_REVISION])
        .select_related("periodo", "sujeto_obligado")
        .order_by("periodo__fecha_limite_revision", "enviado_en", "pk")[:TOPE_REVISION]
    )
    return [
        Pendiente(
            tipo="Listado por revisar"
            if listado.estado == EstadoListado.ENVIADO
            else "Listado en revisión",
            titulo=str(listado),
            url=reverse("admin:cocreacion_listado_change", args=[listado.pk]),
            fecha_limite=listado.periodo.fecha_limite_revision,
            accion="Revisar y dictaminar",
            hoy=hoy,
        )
        for listado in listados
    ]


# --- Avisos que disparan los servicios de listados --------------------------------------


def _ruta_listado_enlace(listado) -> str:
    return reverse("interes_publico:mi_listado", args=[listado.pk])


def avisar_periodo_abierto(*, periodo, listado_ids: list[int]) -> None:
    """A cada enlace de los sujetos obligados a los que se acaba de requerir el listado."""
    if not listado_ids:
        return

    def construir() -> Iterator:
        listados = list(Listado.objects.filter(pk__in=listado_ids).select_related("periodo"))
        enlaces = enlaces_por_sujeto(li.sujeto_obligado_id for li in listados)
        for listado in listados:
            limite = fecha_larga(listado.periodo.fecha_limite_envio)
            yield (
                Aviso(
                    tipo=TipoNotificacion.PERIODO_ABIERTO,
                    clave=f"listado:{listado.pk}:requerido",
                    asunto=f"Se abrió el periodo {periodo.clave}: envíe su listado antes del "
                    f"{limite}",
                    cuerpo=(
                        f"La DGA abrió el periodo {periodo.clave} de información de interés "
                        "público y requiere el listado de su sujeto obligado. Capture los "
                        f"elementos y envíelo a más tardar el {limite}."
                    ),
                    ruta=_ruta_listado_enlace(listado),
                ),
                enlaces.get(listado.sujeto_obligado_id, []),
            )

    avisar_al_confirmar(construir)


def avisar_listado_enviado(*, listado) -> None:
    """A la DGA: un sujeto obligado envió su listado y espera revisión."""
    enviado = timezone.localtime(listado.enviado_en or timezone.now())

    def construir() -> Iterator:
        yield (
            Aviso(
                tipo=TipoNotificacion.LISTADO_ENVIADO,
                clave=f"listado:{listado.pk}:enviado:{enviado.isoformat()}",
                asunto=f"Listado enviado: {listado.sujeto_obligado} ({listado.periodo.clave})",
                cuerpo=(
                    f"{listado.sujeto_obligado} envió su listado del periodo "
                    f"{listado.periodo.clave} el {fecha_larga(enviado.date())}. La revisión "
                    f"vence el {fecha_larga(listado.periodo.fecha_limite_revision)}."
                ),
                ruta=reverse("admin:cocreacion_listado_change", args=[listado.pk]),
            ),
            revisores_dga(),
        )

    avisar_al_confirmar(construir)


def avisar_listado_devuelto(*, listado, motivo: str) -> None:
    """A los enlaces del sujeto obligado, con el motivo que escribió la DGA."""
    momento = timezone.now().isoformat()

    def construir() -> Iterator:
        yield (
            Aviso(
                tipo=TipoNotificacion.LISTADO_DEVUELTO,
                clave=f"listado:{listado.pk}:devuelto:{momento}",
                asunto=f"La DGA devolvió su listado {listado.periodo.clave} para corrección",
                cuerpo=(
                    f"La DGA devolvió el listado {listado.periodo.clave} de "
                    f"{listado.sujeto_obligado} para que lo corrija.\n\nMotivo: {motivo}\n\n"
                    "Corríjalo y vuelva a enviarlo."
                ),
                ruta=_ruta_listado_enlace(listado),
            ),
            enlaces_por_sujeto([listado.sujeto_obligado_id]).get(listado.sujeto_obligado_id, []),
        )

    avisar_al_confirmar(construir)


def avisar_listado_aprobado(*, listado, dictamen) -> None:
    """A los enlaces del sujeto obligado: su dictamen se aprobó y tiene folio."""

    def construir() -> Iterator:
        yield (
            Aviso(
                tipo=TipoNotificacion.LISTADO_APROBADO,
                clave=f"dictamen:{dictamen.pk}:aprobado",
                asunto=f"Se aprobó el dictamen de su listado {listado.periodo.clave} "
                f"({dictamen.folio})",
                cuerpo=(
                    f"El {dictamen.organo_aprobador} aprobó el dictamen {dictamen.folio} del "
                    f"listado {listado.periodo.clave} de {listado.sujeto_obligado}. Ahí puede "
                    "consultar la resolución de cada elemento y descargar el PDF."
                ),
                ruta=dictamen.get_absolute_url(),
            ),
            enlaces_por_sujeto([listado.sujeto_obligado_id]).get(listado.sujeto_obligado_id, []),
        )

    avisar_al_confirmar(construir)


def _dias_en_palabras(dias: int) -> str:
    if dias == 0:
        return "vence hoy"
    if dias == 1:
        return "vence mañana"
    return f"faltan {dias} días"


def recordatorios(hoy: date) -> Iterator:
    """Listados en borrador de periodos abiertos cuyo plazo de envío se acerca."""
    mas_lejano = max(dias for dias, _minimo in RECORDATORIOS_DE_PLAZO)
    listados = list(
        Listado.objects.publicados()
        .filter(
            estado=EstadoListado.BORRADOR,
            periodo__fecha_limite_envio__gte=hoy,
            periodo__fecha_limite_envio__lte=hoy + timedelta(days=mas_lejano),
        )
        .select_related("periodo", "sujeto_obligado")
        .order_by("pk")
    )
    enlaces = enlaces_por_sujeto(li.sujeto_obligado_id for li in listados)
    for listado in listados:
        limite = listado.periodo.fecha_limite_envio
        dias = (limite - hoy).days
        for etiqueta, minimo in RECORDATORIOS_DE_PLAZO:
            if minimo <= dias <= etiqueta:
                yield (
                    Aviso(
                        tipo=TipoNotificacion.PLAZO_PROXIMO,
                        clave=f"listado:{listado.pk}:plazo:{limite.isoformat()}:{etiqueta}",
                        asunto=f"Listado {listado.periodo.clave}: el plazo de envío "
                        f"{_dias_en_palabras(dias)}",
                        cuerpo=(
                            f"El listado {listado.periodo.clave} de {listado.sujeto_obligado} "
                            f"sigue en borrador y el plazo de envío {_dias_en_palabras(dias)} "
                            f"({fecha_larga(limite)}). Después del plazo sólo la DGA puede "
                            "recibirlo."
                        ),
                        ruta=_ruta_listado_enlace(listado),
                    ),
                    enlaces.get(listado.sujeto_obligado_id, []),
                )
                break
