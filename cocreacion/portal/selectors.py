"""«Mis pendientes»: lo que cada persona debe y para cuándo, reunido de todas las apps.

Cada app (y cada sub-paquete del núcleo) aporta lo suyo con un módulo ``<app>.pendientes`` que
define ``pendientes(usuario, hoy)``: los listados de interés público
(``cocreacion.listados.pendientes``) y los hitos del Secretariado (``stgao.pendientes``).
Cada aporte hace un número fijo de consultas, sin importar cuántos pendientes haya.
"""

from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from cocreacion.registro import modulos_de_apps


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


def pendientes(usuario, hoy: date | None = None) -> list[Pendiente]:
    """Todo lo pendiente de ``usuario``, lo vencido y lo más próximo primero."""
    hoy = hoy or timezone.localdate()
    reunidos = []
    for modulo in modulos_de_apps("pendientes"):
        aporte = getattr(modulo, "pendientes", None)
        if aporte is not None:
            reunidos.extend(aporte(usuario, hoy))
    return sorted(reunidos, key=lambda p: (p.fecha_limite is None, p.fecha_limite or hoy))
