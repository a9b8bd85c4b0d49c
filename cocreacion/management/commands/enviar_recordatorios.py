"""Envía los recordatorios del día por correo (para cron o un temporizador de systemd).

Puede correr las veces que sea: lo ya enviado no se repite (ver
``cocreacion.portal.services``).
"""

from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import ngettext

from cocreacion.models import TipoNotificacion
from cocreacion.portal.services import enviar_recordatorios


class Command(BaseCommand):
    help = (
        "Envía los recordatorios de plazos (7 días y 1 día antes del envío de listados) y de "
        "hitos vencidos. Idempotente: nunca envía dos veces el mismo recordatorio."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--fecha",
            help="Día que se toma como «hoy», AAAA-MM-DD (para pruebas o para ponerse al día).",
        )

    def handle(self, *args, fecha=None, **opciones):
        hoy = None
        if fecha:
            try:
                hoy = date.fromisoformat(fecha)
            except ValueError as exc:
                raise CommandError(
                    f"--fecha «{fecha}» no es una fecha válida; use AAAA-MM-DD."
                ) from exc
        cuenta = enviar_recordatorios(hoy=hoy)
        etiquetas = dict(TipoNotificacion.choices)
        if not cuenta or not any(cuenta.values()):
            self.stdout.write("No hubo recordatorios nuevos que enviar.")
            return
        for tipo, n in sorted(cuenta.items()):
            correos = ngettext("%(n)s correo", "%(n)s correos", n) % {"n": n}
            self.stdout.write(f"{etiquetas.get(tipo, tipo)}: {correos}.")
