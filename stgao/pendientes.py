"""Lo que el Secretariado aporta a «Mis pendientes» y a los avisos: los hitos de cada enlace."""

from datetime import date, timedelta

from django.urls import reverse

from cocreacion.comun.fechas import fecha_larga
from cocreacion.models import TipoNotificacion
from cocreacion.portal.selectors import Pendiente
from cocreacion.portal.services import Aviso, enlaces_por_sujeto

from .models import EstadoHito, Hito
from .permissions import sujeto_del_enlace

# Un enlace ve los hitos vencidos y los que vencen en este margen; los lejanos, en el admin.
DIAS_POR_DELANTE = 60


def hitos_por_reportar(sujeto, hoy: date):
    """Hitos sin completar de los compromisos de ``sujeto`` que vencen pronto o ya vencieron."""
    return (
        Hito.objects.filter(compromiso__responsables=sujeto)
        .exclude(estado=EstadoHito.COMPLETADO)
        .filter(fecha_fin_planeada__lte=hoy + timedelta(days=DIAS_POR_DELANTE))
        .select_related("compromiso")
        .distinct()
        .order_by("fecha_fin_planeada", "pk")
    )


def pendientes(usuario, hoy: date) -> list[Pendiente]:
    sujeto = sujeto_del_enlace(usuario)
    if sujeto is None:
        return []
    return [
        Pendiente(
            tipo="Hito por reportar",
            titulo=f"{hito} — compromiso «{hito.compromiso.titulo}»",
            url=reverse("admin:stgao_hito_change", args=[hito.pk]),
            fecha_limite=hito.fecha_fin_planeada,
            accion="Reportar avance y evidencias",
            hoy=hoy,
        )
        for hito in hitos_por_reportar(sujeto, hoy)
    ]


# Un hito vencido se avisa una vez; los que vencieron hace más de esto ya no (evita una ola de
# correos por hitos viejos la primera vez que corre el comando).
DIAS_AVISO_HITO_VENCIDO = 30


def recordatorios(hoy: date):
    """Hitos que vencieron sin completarse: un aviso a los enlaces de su responsable.

    El responsable es el sujeto obligado del hito o, si no tiene, los responsables del
    compromiso. La clave lleva la fecha planeada: si se reprograma y vuelve a vencer, se avisa
    de nuevo.
    """
    hitos = list(
        Hito.objects.exclude(estado=EstadoHito.COMPLETADO)
        .filter(
            fecha_fin_planeada__lt=hoy,
            fecha_fin_planeada__gte=hoy - timedelta(days=DIAS_AVISO_HITO_VENCIDO),
        )
        .select_related("compromiso")
        .prefetch_related("compromiso__responsables")
        .order_by("pk")
    )
    sujetos_de = {
        hito.pk: (
            [hito.responsable_id]
            if hito.responsable_id
            else [s.pk for s in hito.compromiso.responsables.all()]
        )
        for hito in hitos
    }
    enlaces = enlaces_por_sujeto(pk for pks in sujetos_de.values() for pk in pks)
    for hito in hitos:
        usuarios = {u.pk: u for pk in sujetos_de[hito.pk] for u in enlaces.get(pk, [])}
        yield (
            Aviso(
                tipo=TipoNotificacion.HITO_VENCIDO,
                clave=f"hito:{hito.pk}:vencido:{hito.fecha_fin_planeada.isoformat()}",
                asunto=f"Venció el hito {hito.numero} del compromiso «{hito.compromiso.titulo}»"[
                    :255
                ],
                cuerpo=(
                    f"El {hito} del compromiso «{hito.compromiso.titulo}» debía concluir el "
                    f"{fecha_larga(hito.fecha_fin_planeada)} y no está reportado como "
                    "completado. Reporte su avance y agregue las evidencias."
                ),
                ruta=reverse("admin:stgao_hito_change", args=[hito.pk]),
            ),
            list(usuarios.values()),
        )
