"""«Mis pendientes»: lo que cada persona debe y para cuándo, reunido de todas las apps.

El núcleo aporta los listados de interés público; cada app puede aportar lo suyo con un módulo
``<app>.pendientes`` que define ``pendientes(usuario, hoy)`` (el Secretariado aporta los hitos).
Cada aporte hace un número fijo de consultas, sin importar cuántos pendientes haya.
"""

from dataclasses import dataclass
from datetime import date

from django.urls import reverse
from django.utils import timezone

from cocreacion.listados import permissions as permisos
from cocreacion.models import EstadoListado, Listado
from cocreacion.registro import modulos_de_apps

# Cuántos listados por revisar se muestran a la DGA (los más urgentes); el resto, en el admin.
TOPE_REVISION = 50


@dataclass(frozen=True)
class Pendiente:
    """Una cosa por hacer: qué, de qué registro, para cuándo, dónde se hace y por qué volvió."""

    tipo: str
    titulo: str
    url: str
    fecha_limite: date | None = None
    motivo: str = ""
    accion: str = ""
    hoy: date | None = None

    @property
    def dias_restantes(self) -> int | None:
        if self.fecha_limite is None:
            return None
        return (self.fecha_limite - (self.hoy or timezone.localdate())).days

    @property
    def dias_vencido(self) -> int:
        dias = self.dias_restantes
        return -dias if dias is not None and dias < 0 else 0

    @property
    def vencido(self) -> bool:
        dias = self.dias_restantes
        return dias is not None and dias < 0

    @property
    def urgente(self) -> bool:
        dias = self.dias_restantes
        return dias is not None and 0 <= dias <= 7


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


def pendientes(usuario, hoy: date | None = None) -> list[Pendiente]:
    """Todo lo pendiente de ``usuario``, lo vencido y lo más próximo primero."""
    hoy = hoy or timezone.localdate()
    reunidos = _listados_del_enlace(usuario, hoy) + _listados_por_revisar(usuario, hoy)
    for modulo in modulos_de_apps("pendientes"):
        aporte = getattr(modulo, "pendientes", None)
        if aporte is not None:
            reunidos.extend(aporte(usuario, hoy))
    return sorted(reunidos, key=lambda p: (p.fecha_limite is None, p.fecha_limite or hoy))
