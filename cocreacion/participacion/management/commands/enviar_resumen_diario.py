"""Envía el resumen diario a quien sigue registros por correo (para cron o systemd).

Puede correr las veces que sea, también en dos servidores a la vez: nadie recibe dos
resúmenes el mismo día (ver ``cocreacion.participacion.services.seguimiento``).
"""

from django.core.management.base import BaseCommand
from django.utils.translation import ngettext

from cocreacion.participacion.services import resumen_diario_enviar


class Command(BaseCommand):
    help = (
        "Manda a cada persona que sigue compromisos o sujetos obligados por correo un resumen "
        "con lo que cambió desde su último resumen (nada si nada cambió). Idempotente por día."
    )

    def handle(self, *args, **opciones):
        resultado = resumen_diario_enviar()
        self.stdout.write(
            ngettext(
                "%(n)s resumen enviado",
                "%(n)s resúmenes enviados",
                resultado.enviados,
            )
            % {"n": resultado.enviados}
            + f" (suscriptores revisados: {resultado.suscriptores}; con cambios: "
            f"{resultado.con_cambios}; registros seguidos con cambios calculados: "
            f"{resultado.objetos}; solicitudes sin confirmar borradas: "
            f"{resultado.pendientes_borradas})."
        )
