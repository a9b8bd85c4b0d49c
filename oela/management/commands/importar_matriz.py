"""``python manage.py importar_matriz ARCHIVO --programa AÑO [--dry-run]``."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from cocreacion.comun.importacion import ErrorDeImportacion
from oela.importacion import importar_matriz
from oela.models import Programa


class Command(BaseCommand):
    help = "Importa la Matriz de Programación (XLSX o CSV) a un programa: todo o nada."

    def add_arguments(self, parser):
        parser.add_argument("archivo", help="Ruta del archivo .xlsx o .csv")
        parser.add_argument("--programa", type=int, required=True, help="Año del programa")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            dest="simular",
            help="Sólo informa lo que se crearía o cambiaría; no guarda nada.",
        )
        parser.add_argument(
            "--usuario", help="Nombre de usuario a quien se atribuyen los cambios (historial)."
        )

    def handle(self, *args, archivo, programa, simular, usuario=None, **opciones):
        try:
            destino = Programa.objects.get(anio=programa)
        except Programa.DoesNotExist as exc:
            raise CommandError(
                f"No existe el programa {programa}. Créelo en el admin antes de importar."
            ) from exc
        actor = None
        if usuario:
            actor = get_user_model().objects.filter(username=usuario).first()
            if actor is None:
                raise CommandError(f"No existe el usuario «{usuario}».")
        try:
            resultado = importar_matriz(
                programa=destino, archivo=archivo, actor=actor, ensayo=simular
            )
        except ErrorDeImportacion as exc:
            raise CommandError(exc.resumen()) from exc
        self.stdout.write(resultado.reporte())
