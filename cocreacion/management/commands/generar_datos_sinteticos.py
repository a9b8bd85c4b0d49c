"""Llena una base nueva con datos sintéticos (marcados «[SINTÉTICO]») para medir el portal.

Uso: ``DATABASE_URL=… python manage.py generar_datos_sinteticos --escala 1`` (escala 1: 10
programas de 250 acciones, 2,000 sujetos obligados, 20 planes × 100 compromisos × 10 hitos,
300 sesiones, 40 periodos × 500 sujetos × 10 elementos, 5 ediciones × 2,000 resultados). Se
niega a escribir en una base con datos reales; para ver el portal con datos, ``make demo``.
"""

import time

from django.core.management.base import BaseCommand, CommandError

from cocreacion.sinteticos import HayDatosReales, HayDatosSinteticos, generar


class Command(BaseCommand):
    help = "Genera datos sintéticos en proporciones realistas para pruebas de carga y escala."

    def add_arguments(self, parser):
        parser.add_argument(
            "--escala",
            type=float,
            default=1.0,
            help="Factor de volumen (1 = proporciones de referencia; 0.01 para pruebas).",
        )
        parser.add_argument("--semilla", type=int, default=2026, help="Semilla del azar.")

    def handle(self, *args, escala, semilla, **opciones):
        if escala <= 0:
            raise CommandError("La escala debe ser mayor que cero.")
        inicio = time.perf_counter()
        try:
            resumen = generar(
                escala=escala,
                semilla=semilla,
                avisar=lambda texto: self.stdout.write(f"  {texto}"),
            )
        except (HayDatosSinteticos, HayDatosReales) as error:
            raise CommandError(str(error)) from error
        total = sum(resumen.conteos.values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Datos sintéticos generados (escala {escala}): {total:,} registros en "
                f"{time.perf_counter() - inicio:.1f} s."
            )
        )
