"""Carga los datos reales que el portal trae consigo (catálogos, programa 2021, Métrica 2017).

Cada app declara en su ``AppConfig.datos_reales`` lo que aporta: nombres de fixtures de
``fixtures/`` o tuplas ``("comando", argumentos…)``. Un fixture sólo se carga si su modelo aún
no tiene registros: volver a correr ``make run`` nunca pisa lo que el personal editó.
"""

import json

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Carga, sin sobrescribir, los datos reales que trae el portal."

    def handle(self, *args, **opciones):
        for config in apps.get_app_configs():
            for dato in getattr(config, "datos_reales", []):
                if isinstance(dato, str):
                    self._cargar_fixture(dato)
                else:
                    comando, *argumentos = dato
                    self.stdout.write(f"→ {comando} {' '.join(argumentos)}")
                    call_command(comando, *argumentos, stdout=self.stdout, stderr=self.stderr)

    def _cargar_fixture(self, nombre: str) -> None:
        ruta = next(
            (d / nombre for d in settings.FIXTURE_DIRS if (d / nombre).exists()),
            None,
        )
        if ruta is None:
            self.stderr.write(f"No se encontró el fixture {nombre}.")
            raise SystemExit(1)
        registros = json.loads(ruta.read_text(encoding="utf-8"))
        modelo = apps.get_model(registros[0]["model"]) if registros else None
        if modelo is not None and modelo.objects.exists():
            self.stdout.write(f"· {nombre}: ya cargado ({modelo._meta.verbose_name_plural}).")
            return
        call_command("loaddata", nombre, verbosity=0)
        self.stdout.write(self.style.SUCCESS(f"✓ {nombre}: {len(registros)} registros."))
