"""Importar los elementos de un listado de interés público desde un XLSX o CSV.

Va por la tubería común (``cocreacion.comun.importacion.importar``): ``ImportadorElementos``
comprueba con el servicio que quien importa puede capturar el listado (y lo bloquea), lee,
valida cada fila con ``full_clean`` y aplica con ``services.listado_agregar_elementos``.
"""

from django.core.exceptions import ValidationError
from django.db.models import Max
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cocreacion.comun.importacion import (
    ErrorDeFila,
    ErrorDeImportacion,
    Importador,
    ResultadoImportacion,
    exigir_columnas,
    importar,
)
from cocreacion.listados import services as servicios
from cocreacion.models import ElementoListado, Listado, Periodicidad, normalizar_nombre

# columna del archivo → campo de ``ElementoListado``
COLUMNAS_IMPORTACION = {
    "título": "titulo",
    "descripción": "descripcion",
    "justificación": "justificacion",
    "unidad responsable": "unidad_responsable",
    "periodicidad": "periodicidad",
    "formato": "formato",
    "liga": "liga",
}
COLUMNAS_OBLIGATORIAS = [c for c in COLUMNAS_IMPORTACION if c != "liga"]


def importar_elementos(
    *,
    listado: Listado,
    archivo,
    actor,
    nombre: str | None = None,
    reemplazar: bool = False,
    ensayo: bool = False,
) -> ResultadoImportacion:
    """Importa elementos al listado: todo o nada, con errores por fila y columna.

    Columnas: título, descripción, justificación, unidad responsable, periodicidad, formato y
    liga (opcional). Con ``reemplazar`` se sustituyen los elementos capturados antes. Quien no
    puede capturar el listado recibe ``TransicionInvalida`` antes de que se lea el archivo.
    """
    importador = ImportadorElementos(listado=listado, actor=actor, reemplazar=reemplazar)
    return importar(importador, archivo=archivo, nombre=nombre, ensayo=ensayo)


def _periodicidad(valor: str) -> str | None:
    buscado = normalizar_nombre(valor)
    for opcion in Periodicidad:
        nombres = {
            normalizar_nombre(opcion.value.replace("_", " ")),
            normalizar_nombre(opcion.label),
        }
        if buscado in nombres:
            return opcion.value
    return None


class ImportadorElementos(Importador):
    columnas = tuple(COLUMNAS_IMPORTACION)
    campos = COLUMNAS_IMPORTACION

    def __init__(self, *, listado: Listado, actor, reemplazar: bool):
        self.listado = listado
        self.actor = actor
        self.reemplazar = reemplazar

    def comprobar(self):
        self.listado = servicios.listado_preparar_importacion(
            listado=self.listado, actor=self.actor
        )

    def validar(self, tabla, resultado):
        exigir_columnas(tabla, COLUMNAS_OBLIGATORIAS)
        resultado.filas = len(tabla.filas)
        listado = self.listado
        por_encabezado = {e.casefold(): e for e in tabla.encabezados}
        etiquetas = {campo: columna for columna, campo in COLUMNAS_IMPORTACION.items()}
        errores: list[ErrorDeFila] = []
        nuevos: list[ElementoListado] = []
        numero = 0 if self.reemplazar else (listado.elementos.aggregate(m=Max("numero"))["m"] or 0)
        if not tabla.filas:
            errores.append(ErrorDeFila(_("El archivo no tiene filas de elementos."), fila=2))
        for fila, registro in tabla.filas:
            datos = {}
            for columna, campo in COLUMNAS_IMPORTACION.items():
                encabezado = por_encabezado.get(columna.casefold())
                valor = registro.get(encabezado) if encabezado else None
                datos[campo] = "" if valor is None else str(valor).strip()
            if "__sobrantes__" in registro:
                errores.append(
                    ErrorDeFila(_("Hay valores fuera de las columnas con encabezado."), fila=fila)
                )
            if datos["periodicidad"]:
                periodicidad = _periodicidad(datos["periodicidad"])
                if periodicidad is None:
                    errores.append(
                        ErrorDeFila(
                            _("«%(v)s» no es una periodicidad válida; use: %(o)s.")
                            % {
                                "v": datos["periodicidad"],
                                "o": ", ".join(str(o.label) for o in Periodicidad),
                            },
                            fila=fila,
                            columna="periodicidad",
                        )
                    )
                    continue
                datos["periodicidad"] = periodicidad
            numero += 1
            elemento = ElementoListado(listado=listado, numero=numero, **datos)
            try:
                elemento.full_clean(exclude=["listado"])
            except ValidationError as exc:
                for campo, mensajes in exc.message_dict.items():
                    for mensaje in mensajes:
                        errores.append(
                            ErrorDeFila(
                                mensaje,
                                fila=fila,
                                columna=etiquetas.get(campo, campo),
                                campo=campo,
                            )
                        )
                continue
            nuevos.append(elemento)
        if errores:
            raise ErrorDeImportacion(errores, archivo=tabla.archivo)
        return nuevos

    def aplicar(self, nuevos, resultado):
        servicios.listado_agregar_elementos(
            listado=self.listado,
            elementos=nuevos,
            actor=self.actor,
            motivo=_("Importado de %(a)s") % {"a": resultado.archivo},
            reemplazar=self.reemplazar,
        )
        resultado.creados = [f"{e.numero}. {e.titulo}" for e in nuevos]

    def informar(self, resultado):
        n = len(resultado.creados)
        return [
            ngettext("Se importó %(n)s elemento.", "Se importaron %(n)s elementos.", n) % {"n": n}
        ]
