"""``python manage.py importar_metrica ARCHIVO --edicion AÑO [--dry-run]``."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from cocreacion.comun.importacion import ErrorDeImportacion
from metricas.importacion import importar_resultados


class Command(BaseCommand):
    help = (
        "Importa resultados de la Métrica de Gobierno Abierto (archivo con la forma de BSO.csv: "
        "SO, edo, niv, ts, TG, TC, PG, PC y, opcionales, T, P, GA). Todo o nada; reimportar el "
        "mismo archivo no cambia nada."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "archivo", help="Ruta del CSV o XLSX (relativa a la raíz del proyecto)."
        )
        parser.add_argument("--edicion", type=int, required=True, help="Año de la edición.")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            dest="simulacion",
            help="Revisa y muestra el informe sin guardar nada.",
        )

    def handle(self, *args, archivo, edicion, simulacion, **opciones):
        ruta = Path(archivo)
        if not ruta.is_absolute() and not ruta.exists():
            ruta = Path(settings.BASE_DIR) / ruta
        if not ruta.exists():
            raise CommandError(f"No se encontró el archivo {archivo}.")
        try:
            informe = importar_resultados(
                archivo=ruta, edicion=edicion, actor=None, ensayo=simulacion
            ).detalle
        except ErrorDeImportacion as exc:
            raise CommandError(exc.resumen()) from exc
        self.stdout.write(self.style.SUCCESS(informe.resumen()))
        for aviso in [*informe.reparaciones, *informe.codificacion]:
            self.stdout.write(self.style.WARNING(f"  {aviso}"))
        for fila, so in informe.fuera_del_padron:
            self.stdout.write(
                self.style.WARNING(
                    f"  Fila {fila}: «{so}» es de Oaxaca pero no está en el padrón; "
                    "quedó como entrada de comparación."
                )
            )
        for inconsistencia in informe.inconsistencias:
            self.stdout.write(self.style.WARNING(f"  {inconsistencia}"))
        if opciones.get("verbosity", 1) >= 2:
            for fila, so, nombre in informe.emparejados:
                self.stdout.write(f"  Fila {fila}: «{so}» → {nombre} (padrón)")
            for fila, so, nombre in informe.comparadas:
                self.stdout.write(f"  Fila {fila}: «{so}» → {nombre} (comparación)")
            for fila, so, nombre in informe.creados:
                self.stdout.write(f"  Fila {fila}: «{so}» → {nombre} (comparación, nueva)")
