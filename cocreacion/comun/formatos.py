"""Formatos de django-import-export del admin: los mismos límites y la misma neutralización.

- Exportar (``EXPORT_FORMATS``): CSV, XLSX, TSV y JSON; las hojas pasan cada celda por
  ``cocreacion.comun.formulas.neutralizar`` (la de django-import-export sólo quitaba un «=» inicial
  y convertía los números en texto).
- Importar (``IMPORT_FORMATS``): CSV y XLSX leídos con ``leer_tabla``, con los límites de
  ``LIMITES_IMPORTACION``; ``admin_base.AdminAuditadoConImportacion`` además revisa el
  archivo en su formulario, antes de que django-import-export lo guarde en su almacenamiento
  temporal, con los mensajes en español que dan archivo, fila y columna.

Los settings nombran estas clases directamente, así que este módulo sólo importa lo que se
puede importar antes de que Django arranque.
"""

import tablib
from import_export.formats import base_formats

from cocreacion.comun.formulas import neutralizar_dataset


class _Neutralizado:
    def export_data(self, dataset, **kwargs):
        return super().export_data(neutralizar_dataset(dataset), **kwargs)

    def _escape_formulae(self, dataset):
        """Ya neutralizado en ``export_data``; el escape propio del paquete no hace falta."""


class CSV(_Neutralizado, base_formats.CSV):
    pass


class TSV(_Neutralizado, base_formats.TSV):
    pass


class XLSX(_Neutralizado, base_formats.XLSX):
    pass


# django-import-export exporta números y fechas como tales (no como texto) sólo si el tipo
# exacto del formato está en ``BINARY_FORMATS``; el XLSX propio también debe estar.
if XLSX not in base_formats.BINARY_FORMATS:
    base_formats.BINARY_FORMATS.append(XLSX)


class JSON(base_formats.JSON):
    """Un JSON no es una hoja de cálculo: sale tal cual, como en ``/datos/``."""

    def _escape_formulae(self, dataset):
        pass


def dataset_de_tabla(tabla) -> tablib.Dataset:
    datos = tablib.Dataset(headers=tabla.encabezados)
    for _fila, registro in tabla.filas:
        datos.append([registro.get(encabezado) for encabezado in tabla.encabezados])
    return datos


class _Acotado:
    """Lee con ``leer_tabla``: mismos límites, codificaciones y mensajes que los importadores."""

    NOMBRE = "archivo"

    def is_binary(self):
        return True  # los bytes llegan sin decodificar: ``leer_tabla`` decide la codificación

    def get_read_mode(self):
        return "rb"

    def create_dataset(self, in_stream, **kwargs):
        from cocreacion.comun.importacion import leer_tabla

        if isinstance(in_stream, str):
            in_stream = in_stream.encode("utf-8")
        return dataset_de_tabla(leer_tabla(in_stream, nombre=self.NOMBRE))


class CSVAcotado(_Acotado, base_formats.CSV):
    NOMBRE = "archivo.csv"


class XLSXAcotado(_Acotado, base_formats.XLSX):
    NOMBRE = "archivo.xlsx"
