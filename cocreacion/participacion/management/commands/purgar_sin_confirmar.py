"""Borra las propuestas y los apoyos sin confirmar cuyo enlace caducó (una vez al día)."""

from django.core.management.base import BaseCommand
from django.utils.translation import ngettext

from cocreacion.participacion.services import sin_confirmar_purgar


class Command(BaseCommand):
    help = (
        "Borra las propuestas y los apoyos que nadie confirmó y cuyo enlace ya caducó, con su "
        "correo y su historial. Idempotente."
    )

    def handle(self, *args, **opciones):
        cuenta = sin_confirmar_purgar()
        propuestas = ngettext("%(n)s propuesta", "%(n)s propuestas", cuenta["propuestas"])
        apoyos = ngettext("%(n)s apoyo", "%(n)s apoyos", cuenta["apoyos"])
        self.stdout.write(
            f"Sin confirmar y con el enlace caducado, se borraron "
            f"{propuestas % {'n': cuenta['propuestas']}} y {apoyos % {'n': cuenta['apoyos']}}."
        )
