"""Importar un archivo de resultados de la Métrica (forma de ``BSO.csv``) a una edición.

Va por la tubería común (``cocreacion.comun.importacion.importar``): ``ImportadorResultados``
lee y valida con ``lectura.leer_archivo`` (codificación por fila y nombres reparados con la
tabla de correcciones), busca la edición y aplica con ``services.resultados_importar``. El
``detalle`` del resultado es el ``services.InformeImportacion`` de la Métrica (emparejamiento
con el padrón, entradas de comparación, reparaciones, codificación e inconsistencias).
"""

from django.utils.translation import gettext as _

from cocreacion.comun.importacion import (
    ErrorDeFila,
    ErrorDeImportacion,
    Importador,
    ResultadoImportacion,
    importar,
)

from . import services
from .lectura import COLUMNAS_PUBLICADAS, COLUMNAS_REQUERIDAS, leer_archivo
from .models import Edicion


def importar_resultados(
    *, archivo, edicion: Edicion | int, actor, ensayo: bool = False, nombre: str | None = None
) -> ResultadoImportacion:
    """Importa un archivo de resultados a una edición: todo o nada.

    Reimportar el mismo archivo no cambia nada; ``ensayo=True`` hace todo y lo deshace.
    Lanza ``ErrorDeImportacion`` (errores por fila y columna) sin haber escrito nada.
    """
    importador = ImportadorResultados(edicion=edicion, actor=actor)
    return importar(importador, archivo=archivo, nombre=nombre, ensayo=ensayo)


class ImportadorResultados(Importador):
    columnas = (*COLUMNAS_REQUERIDAS, *COLUMNAS_PUBLICADAS)
    campos = {
        "SO": "nombre_en_fuente",
        "edo": "entidad_federativa",
        "niv": "orden",
        "ts": "tipo",
        **{c: c.lower() for c in ("TG", "TC", "PG", "PC")},
        "T": "t",
        "P": "p",
        "GA": "iga",
    }

    def __init__(self, *, edicion: Edicion | int, actor):
        self.edicion = edicion
        self.actor = actor

    def leer(self, archivo, nombre):
        return leer_archivo(archivo, nombre=nombre)

    def validar(self, leido, resultado):
        resultado.filas = len(leido.filas)
        if not isinstance(self.edicion, Edicion):
            anio = self.edicion
            self.edicion = Edicion.objects.filter(anio=anio).first()
            if self.edicion is None:
                raise ErrorDeImportacion(
                    [ErrorDeFila(_("No existe la edición %(a)s de la Métrica.") % {"a": anio})],
                    archivo=leido.archivo,
                )
        resultado.detalle = services.InformeImportacion(
            archivo=leido.archivo,
            edicion=self.edicion.anio,
            simulacion=resultado.ensayo,
            filas=len(leido.filas),
            codificacion=leido.avisos_codificacion,
            reparaciones=leido.reparaciones,
        )
        return leido.filas

    def aplicar(self, filas, resultado):
        informe = resultado.detalle
        resultado.creados, resultado.cambiados = services.resultados_importar(
            filas=filas, edicion=self.edicion, actor=self.actor, informe=informe
        )
        resultado.filas_sin_cambios = informe.resultados_sin_cambios
        resultado.avisos = [
            str(a) for a in [*informe.reparaciones, *informe.codificacion, *informe.inconsistencias]
        ]

    def al_confirmar(self, resultado):
        informe = resultado.detalle
        if informe.creados or informe.resultados_nuevos:
            services.actualizar_estadisticas()

    def informar(self, resultado):
        return [resultado.detalle.resumen(), *resultado.detalle.detalle()]
