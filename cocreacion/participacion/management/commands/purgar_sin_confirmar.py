"""Borra las propuestas y los apoyos sin confirmar cuyo enlace caducó (una vez al día)."""

from django.core.management.base import BaseCommand

from cocreacion.participacion.services import sin_confirmar_purgar


class Command(BaseCommand):
    help = (
        "Borra las propuestas y los apoyos que nadie confirmó y cuyo enlace ya caducó, con su "
        "correo y su historial. Idempotente."
    )

    def handle(self, *args, **opciones):
        cuenta = sin_confirmar_purgar()
        self.stdout.write(
            f"Se borraron {cuenta['propuestas']} propuesta(s) y {cuenta['apoyos']} apoyo(s) "
            "sin confirmar."
        )
