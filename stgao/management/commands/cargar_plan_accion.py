"""Carga un Plan de Acción Local desde un JSON de ``fixtures/`` (sin pisar lo existente)."""

import json

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from stgao.services import plan_cargar_desde_datos


class Command(BaseCommand):
    help = "Carga un Plan de Acción Local y sus compromisos desde fixtures/<archivo>.json."

    def add_arguments(self, parser):
        parser.add_argument("archivo", help="Nombre del JSON dentro de fixtures/.")

    def handle(self, *args, archivo, **opciones):
        ruta = next((d / archivo for d in settings.FIXTURE_DIRS if (d / archivo).exists()), None)
        if ruta is None:
            raise CommandError(f"No se encontró {archivo} en fixtures/.")
        datos = json.loads(ruta.read_text(encoding="utf-8"))
        plan, creado = plan_cargar_desde_datos(datos=datos, actor=None)
        if creado:
            self.stdout.write(self.style.SUCCESS(f"✓ {archivo}: {plan} cargado."))
        else:
            self.stdout.write(f"· {archivo}: {plan} ya estaba cargado.")
