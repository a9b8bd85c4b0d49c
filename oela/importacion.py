"""Importar la Matriz de Programación (XLSX o CSV) a un programa.

Va por la tubería común (``cocreacion.comun.importacion.importar``): ``ImportadorMatriz`` lee
con los límites comunes, valida el archivo completo con ``matriz.leer_contenido`` (todos los
errores juntos), avisa de los meses que no suman la meta y aplica con
``services.matriz_aplicar``. El ensayo («qué cambiará») hace lo mismo y lo deshace.
"""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cocreacion.comun.importacion import Importador, ResultadoImportacion, importar

from . import services
from .matriz import CAMPOS_ACCION, COLUMNAS, leer_contenido
from .models import Programa


def importar_matriz(
    *, programa: Programa, archivo, actor, nombre: str | None = None, ensayo: bool = False
) -> ResultadoImportacion:
    """Importa la matriz al programa: todo o nada; con ``ensayo`` sólo informa.

    Crea o actualiza objetivos, estrategias, líneas y acciones por su clave; nunca borra.
    Lanza ``ErrorDeImportacion`` con todos los errores.
    """
    importador = ImportadorMatriz(programa=programa, actor=actor)
    return importar(importador, archivo=archivo, nombre=nombre, ensayo=ensayo)


class ImportadorMatriz(Importador):
    columnas = tuple(COLUMNAS)
    campos = {columna: campo for campo, columna in CAMPOS_ACCION.items()}

    def __init__(self, *, programa: Programa, actor):
        self.programa = programa
        self.actor = actor

    def validar(self, tabla, resultado):
        contenido = leer_contenido(tabla)
        resultado.filas = contenido.filas
        resultado.avisos = services.meses_que_no_suman_la_meta(contenido)
        return contenido

    def aplicar(self, contenido, resultado):
        resultado.creados, resultado.cambiados = services.matriz_aplicar(
            programa=self.programa, contenido=contenido, actor=self.actor, archivo=resultado.archivo
        )

    def informar(self, resultado):
        verbo_crear = _("Se crearía") if resultado.ensayo else _("Se creó")
        verbo_cambiar = _("Cambiaría") if resultado.ensayo else _("Cambió")
        lineas = [
            ngettext("%(n)s fila leída", "%(n)s filas leídas", resultado.filas)
            % {"n": resultado.filas}
            + "; "
            + ngettext("%(c)s elemento nuevo", "%(c)s elementos nuevos", len(resultado.creados))
            % {"c": len(resultado.creados)}
            + _(" y %(m)s con cambios.") % {"m": len(resultado.cambiados)}
        ]
        lineas += [f"+ {verbo_crear}: {c}" for c in resultado.creados]
        lineas += [f"~ {verbo_cambiar}: {c}" for c in resultado.cambiados]
        if resultado.sin_cambios:
            lineas.append(_("El archivo coincide con el programa: no hay nada que cambiar."))
        if resultado.ensayo:
            lineas.append(_("Simulación: no se guardó nada."))
        return lineas
