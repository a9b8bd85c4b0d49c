"""``manage.py limpiar_archivos_huerfanos [--borrar] [--margen-horas N]``.

Informa (y con ``--borrar`` borra) los archivos de ``MEDIA_ROOT`` que no nombra ningún registro
ni ninguna versión del historial. Las reglas están en ``cocreacion.operacion.archivos_huerfanos``.
"""

import argparse
from datetime import timedelta

from django.core.management.base import BaseCommand
from django.template.defaultfilters import filesizeformat

from cocreacion.operacion.archivos_huerfanos import (
    MARGEN_POR_OMISION,
    SinCarpetaDeMedios,
    revisar,
)
from cocreacion.operacion.archivos_huerfanos import (
    borrar as borrar_huerfanos,  # «borrar» es también el nombre de la opción
)


def _horas(valor: str) -> float:
    try:
        horas = float(valor)
    except ValueError:
        horas = -1
    if horas < 0:
        raise argparse.ArgumentTypeError("debe ser un número de horas mayor o igual a cero")
    return horas


def legible(n: int) -> str:
    """Tamaño para personas (``filesizeformat`` de Django): 1,536 → «1.5 KB»."""
    # Con espacio normal: en la terminal el espacio duro no aporta y estorba al copiar.
    return str(filesizeformat(n)).replace("\xa0", " ")


class Command(BaseCommand):
    help = (
        "Informa los archivos subidos que no nombra ningún registro ni el historial; "
        "con --borrar los borra."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--borrar",
            action="store_true",
            help="Borra los archivos huérfanos (por omisión sólo se informan).",
        )
        parser.add_argument(
            "--margen-horas",
            type=_horas,
            default=MARGEN_POR_OMISION.total_seconds() / 3600,
            help="No toca archivos más nuevos que esto, por si su subida sigue en curso (24).",
        )

    def handle(self, *args, borrar: bool, margen_horas: float, **opciones):
        try:
            revision = revisar(timedelta(hours=margen_horas))
        except SinCarpetaDeMedios as error:
            self.stdout.write(
                self.style.WARNING(
                    f"La carpeta de archivos subidos (MEDIA_ROOT) no existe o no es una carpeta: "
                    f"{error}. No hay nada que revisar."
                )
            )
            return

        for huerfano in revision.huerfanos:
            nota = "  (temporal de una subida interrumpida)" if huerfano.temporal else ""
            self.stdout.write(
                f"{huerfano.ruta}\t{legible(huerfano.tamano)}\t"
                f"{huerfano.modificado:%Y-%m-%d %H:%M}{nota}"
            )
        self._avisos(revision)

        total = len(revision.huerfanos)
        if not total:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Sin archivos huérfanos en {revision.raiz} "
                    f"(archivos revisados: {revision.revisados:,})."
                )
            )
            return
        if not borrar:
            self.stdout.write(
                self.style.WARNING(
                    f"Archivos huérfanos: {total:,} ({legible(revision.bytes_huerfanos)}) de "
                    f"{revision.revisados:,} revisados en {revision.raiz}. No se borró nada; "
                    "para borrarlos use --borrar."
                )
            )
            return
        borrados, bytes_borrados = borrar_huerfanos(revision)
        self.stdout.write(
            self.style.SUCCESS(
                f"Archivos huérfanos borrados: {borrados:,} ({legible(bytes_borrados)})."
            )
        )
        if borrados < total:
            self.stdout.write(
                self.style.WARNING(
                    f"No se borraron {total - borrados:,}: cambiaron, desaparecieron o su "
                    "carpeta se volvió un enlace simbólico después de la revisión."
                )
            )

    def _avisos(self, revision):
        if revision.recientes:
            horas = revision.margen.total_seconds() / 3600
            self.stdout.write(
                f"Archivos sin registro con menos de {horas:g} h: {revision.recientes:,}. "
                "Se respetan: pueden ser de una subida en curso."
            )
        if revision.enlaces_omitidos:
            self.stdout.write(
                f"Enlaces simbólicos omitidos (no se siguen ni se borran): "
                f"{len(revision.enlaces_omitidos):,}: {', '.join(revision.enlaces_omitidos[:5])}"
                + ("…" if len(revision.enlaces_omitidos) > 5 else "")
            )
        for carpeta in revision.carpetas_ilegibles:
            self.stderr.write(
                f"No se pudo leer la carpeta {carpeta}: sus archivos no se revisaron."
            )
