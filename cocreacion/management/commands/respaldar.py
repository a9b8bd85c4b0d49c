"""``manage.py respaldar [CARPETA]``: respaldo completo (base de datos y archivos)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cocreacion.operacion.respaldo import ErrorDeRespaldo, crear_respaldo


class Command(BaseCommand):
    help = "Crea un respaldo completo (base de datos y archivos subidos) en un .tar.gz."

    def add_arguments(self, parser):
        parser.add_argument("carpeta", nargs="?", default="respaldos")

    def handle(self, *args, carpeta, **opciones):
        try:
            archivo = crear_respaldo(Path(carpeta))
        except ErrorDeRespaldo as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Respaldo creado: {archivo}"))
