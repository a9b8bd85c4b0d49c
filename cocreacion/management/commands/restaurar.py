"""``manage.py restaurar ARCHIVO``: reemplaza base de datos y archivos con un respaldo."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cocreacion.operacion.respaldo import ErrorDeRespaldo, restaurar_respaldo


class Command(BaseCommand):
    help = "Restaura un respaldo creado con «respaldar» y verifica conteos y sumas SHA-256."

    def add_arguments(self, parser):
        parser.add_argument("archivo")
        parser.add_argument("--si", action="store_true", help="No pedir confirmación.")

    def handle(self, *args, archivo, si, **opciones):
        ruta = Path(archivo)
        if not ruta.is_file():
            raise CommandError(f"No existe el archivo de respaldo «{archivo}».")
        if not si:
            respuesta = input(
                "Esto REEMPLAZA la base de datos y los archivos actuales. ¿Seguir? [s/N] "
            )
            if respuesta.strip().lower() not in {"s", "si", "sí"}:
                raise CommandError("Restauración cancelada.")
        try:
            verificacion = restaurar_respaldo(ruta)
        except ErrorDeRespaldo as error:
            raise CommandError(str(error)) from error
        if not verificacion.correcta:
            raise CommandError(
                "La restauración terminó pero no coincide con el manifiesto: "
                f"conteos {verificacion.conteos_distintos}, "
                f"archivos {verificacion.archivos_distintos}"
            )
        self.stdout.write(self.style.SUCCESS("Restauración completa y verificada."))
