"""Prepara la base de la demostración (``make demo``) con datos sintéticos."""

import time

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError

from cocreacion.sinteticos import HayDatosReales, demostracion


class Command(BaseCommand):
    help = "Llena la base aparte de la demostración con datos sintéticos (sólo la primera vez)."

    def handle(self, *args, **opciones):
        inicio = time.perf_counter()
        try:
            resumen = demostracion.preparar(avisar=lambda texto: self.stdout.write(f"  {texto}"))
        except (ImproperlyConfigured, HayDatosReales) as error:
            raise CommandError(str(error)) from error
        if resumen is None:
            self.stdout.write("La base de la demostración ya tiene sus datos sintéticos.")
            return
        total = sum(resumen.conteos.values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Demostración lista: {total:,} registros sintéticos en "
                f"{time.perf_counter() - inicio:.1f} s."
            )
        )
