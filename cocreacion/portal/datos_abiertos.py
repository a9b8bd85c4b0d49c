"""Datos abiertos: registro de conjuntos de datos, exportación en flujo y diccionario.

Cada app declara ``CONJUNTOS_DE_DATOS`` en su ``resources.py`` (el núcleo también en
``cocreacion/resources.py``). Un conjunto reutiliza el recurso de django-import-export que usan
las importaciones: no hay una segunda lista de columnas. La exportación:

- recorre la consulta con ``iterator()`` y entrega el CSV y el JSON por partes (memoria plana);
- escribe fechas en ISO 8601 y números sin formato local;
- neutraliza celdas que empiezan con ``= + - @``, tabulador o retorno de carro para que un
  título malicioso no ejecute una fórmula en la hoja de cálculo de quien descarga
  (``cocreacion.comun.formulas``, el mismo paso de toda exportación del portal).
"""

import csv
import datetime as dt
import decimal
import io
import json
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import partial, partialmethod

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import QuerySet
from django.utils.encoding import force_str, smart_str
from django.utils.translation import gettext_lazy as _

from cocreacion.comun.formulas import neutralizar

TAMANO_LOTE = 2000

FRECUENCIAS = {
    "continua": _("continua (cada vez que cambia un registro)"),
    "semestral": _("semestral"),
    "anual": _("anual"),
    "eventual": _("eventual"),
}


@dataclass
class ConjuntoDeDatos:
    """Un conjunto de datos público con su recurso y sus metadatos (DCAT)."""

    nombre: str
    titulo: str
    descripcion: str
    recurso: type
    consulta: Callable[[], QuerySet]
    frecuencia: str = "continua"
    tema: str = ""
    descripciones: dict[str, str] = field(default_factory=dict)
    tipos: dict[str, str] = field(default_factory=dict)

    def instancia_recurso(self):
        return self.recurso()

    def encabezados(self) -> list[str]:
        return self.instancia_recurso().get_export_headers()

    def filas(self) -> Iterator[list]:
        lectores = lectores_de_columnas(self.instancia_recurso())
        for objeto in self.consulta().iterator(chunk_size=TAMANO_LOTE):
            yield [valor_plano(leer(objeto)) for leer in lectores]

    def esquema(self) -> list[dict]:
        """Diccionario de campos (Frictionless Table Schema) a partir del recurso y el modelo."""
        recurso = self.instancia_recurso()
        modelo = recurso._meta.model
        campos = []
        for campo in recurso.get_export_fields():
            nombre = campo.column_name
            modelo_campo = _campo_del_modelo(modelo, campo.attribute)
            descripcion = self.descripciones.get(nombre)
            tipo = self.tipos.get(nombre) or _tipo_frictionless(modelo_campo)
            entrada = {"name": nombre, "type": tipo}
            if modelo_campo is not None:
                entrada["title"] = str(modelo_campo.verbose_name)
                descripcion = descripcion or str(
                    modelo_campo.help_text or modelo_campo.verbose_name
                )
                if modelo_campo.choices and not modelo_campo.is_relation:
                    entrada["constraints"] = {"enum": [str(v) for v, _ in modelo_campo.choices]}
                    descripcion += ". Valores: " + "; ".join(
                        f"{v} = {etiqueta}" for v, etiqueta in modelo_campo.choices
                    )
            entrada["description"] = descripcion or nombre
            campos.append(entrada)
        return campos


def lectores_de_columnas(recurso) -> list[Callable]:
    """Una función por columna que da lo mismo que ``recurso.export_field(campo, objeto,
    force_native_type=True)``, pero decidida una vez por exportación y no por celda.

    Con 100,000 filas y 30 columnas, ``export_field`` buscaba el nombre del campo recorriendo
    todos los campos del recurso, buscaba su ``dehydrate_*`` y, en las columnas
    ``get_FOO_display`` y de muchos a muchos, traducía todas las opciones o armaba un
    administrador de relación por celda. Aquí las columnas siguen saliendo del recurso (no hay
    otra lista) y cada una usa su ``dehydrate_*`` o ``Field.export`` salvo dos casos que se
    resuelven sin cambiar el resultado: las etiquetas de opciones del modelo (se traducen una
    vez) y las relaciones de muchos a muchos ya precargadas (se leen de la precarga). La
    prueba ``test_exportacion_rapida`` compara ambas salidas byte a byte.

    Usa piezas internas de django-import-export (``get_field_name``, ``get_dehydrate_method``)
    y de Django (``get_FOO_display`` como ``partialmethod``, ``_prefetched_objects_cache``)
    porque la vía pública (``export_resource`` por fila) es 9 veces más lenta: 5,000 sujetos
    obligados en 10.3 s contra 1.1 s (medido en la máquina de 2 núcleos). Los rangos de ambas
    bibliotecas están fijados en ``pyproject.toml`` y ``test_internos_fijados`` falla con la
    actualización que cambie alguna de esas piezas.
    """
    modelo = recurso._meta.model
    lectores = []
    for campo in recurso.get_export_fields():
        nombre = recurso.get_field_name(campo)
        deshidratar = campo.get_dehydrate_method(nombre)
        metodo = deshidratar if callable(deshidratar) else getattr(recurso, deshidratar, None)
        if metodo is not None:
            lectores.append(metodo)
        else:
            lectores.append(
                _lector_de_etiqueta(modelo, campo)
                or _lector_precargado(modelo, campo)
                or partial(campo.export, force_native_type=True)
            )
    return lectores


def _lector_de_etiqueta(modelo, campo) -> Callable | None:
    """``get_FOO_display`` del modelo con el widget base: la etiqueta traducida una vez."""
    from import_export.widgets import Widget

    atributo = campo.attribute or ""
    if not (atributo.startswith("get_") and atributo.endswith("_display")):
        return None
    if type(campo.widget) is not Widget:
        return None
    try:
        campo_modelo = modelo._meta.get_field(atributo[4:-8])
    except FieldDoesNotExist:
        return None
    # Sólo si es el método que Django crea (no uno redefinido en el modelo).
    if campo_modelo.is_relation or not campo_modelo.choices:
        return None
    if not _es_display_de_django(modelo, atributo):
        return None
    etiquetas = {valor: str(etiqueta) for valor, etiqueta in campo_modelo.flatchoices}
    nombre = campo_modelo.attname

    def leer(objeto):
        valor = getattr(objeto, nombre)
        if valor in etiquetas:
            return etiquetas[valor]
        return "" if valor is None else force_str(valor)

    return leer


def _es_display_de_django(modelo, atributo: str) -> bool:
    for clase in modelo.__mro__:
        if atributo in clase.__dict__:
            return isinstance(clase.__dict__[atributo], partialmethod)
    return False


def _lector_precargado(modelo, campo) -> Callable | None:
    """Muchos a muchos con ``ManyToManyWidget``: si la consulta la precargó, se lee de ahí
    (``Field.export`` crearía un administrador de relación por celda para llegar a lo mismo)."""
    from import_export.widgets import ManyToManyWidget

    if type(campo.widget) is not ManyToManyWidget or not campo.attribute:
        return None
    try:
        relacion = modelo._meta.get_field(campo.attribute)
    except FieldDoesNotExist:
        return None
    if not relacion.many_to_many or relacion.auto_created:
        return None
    clave, atributo = relacion.name, campo.widget.field
    separador = campo.widget.separator
    exportar = partial(campo.export, force_native_type=True)

    def leer(objeto):
        precargados = getattr(objeto, "_prefetched_objects_cache", {}).get(clave)
        if precargados is None:
            return exportar(objeto)
        return separador.join([smart_str(getattr(o, atributo)) for o in precargados])

    return leer


def _campo_del_modelo(modelo, atributo: str | None):
    if not atributo:
        return None
    actual = modelo
    campo = None
    for parte in atributo.split("__"):
        try:
            campo = actual._meta.get_field(parte)
        except Exception:  # noqa: BLE001 - atributos calculados no son campos
            return None
        if campo.is_relation and campo.related_model is not None:
            actual = campo.related_model
    return campo


def _tipo_frictionless(campo) -> str:
    if campo is None:
        return "string"
    if isinstance(campo, models.BooleanField):
        return "boolean"
    if isinstance(campo, models.DateTimeField):
        return "datetime"
    if isinstance(campo, models.DateField):
        return "date"
    if isinstance(campo, models.IntegerField | models.AutoField) or campo.is_relation:
        return "integer"
    if isinstance(campo, models.DecimalField | models.FloatField):
        return "number"
    return "string"


def valor_plano(valor):
    """Valor listo para CSV/JSON: ISO para fechas, números como números."""
    if isinstance(valor, dt.datetime):
        return valor.isoformat()
    if isinstance(valor, dt.date):
        return valor.isoformat()
    if isinstance(valor, decimal.Decimal):
        return float(valor) if valor % 1 else int(valor)
    if valor is None:
        return ""
    return valor


def conjuntos() -> dict[str, ConjuntoDeDatos]:
    """Todos los conjuntos declarados por las apps del portal, por nombre."""
    from cocreacion.registro import reunir

    declarados = reunir("resources", "CONJUNTOS_DE_DATOS")
    return {c.nombre: c for c in declarados}


class _Eco:
    def write(self, valor):
        return valor


def csv_en_flujo(conjunto: ConjuntoDeDatos) -> Iterator[str]:
    escritor = csv.writer(_Eco())
    yield "\ufeff" + escritor.writerow(conjunto.encabezados())
    for fila in conjunto.filas():
        yield escritor.writerow([neutralizar(v) for v in fila])


def json_en_flujo(conjunto: ConjuntoDeDatos) -> Iterator[str]:
    encabezados = conjunto.encabezados()
    yield "["
    primero = True
    for fila in conjunto.filas():
        registro = json.dumps(dict(zip(encabezados, fila, strict=True)), ensure_ascii=False)
        yield ("\n" if primero else ",\n") + registro
        primero = False
    yield "\n]\n"


def xlsx_temporal(conjunto: ConjuntoDeDatos):
    """Escribe el XLSX en modo de sólo escritura a un archivo temporal (memoria acotada)."""
    from openpyxl import Workbook

    libro = Workbook(write_only=True)
    hoja = libro.create_sheet(title=conjunto.nombre[:31])
    hoja.append(conjunto.encabezados())
    for fila in conjunto.filas():
        hoja.append([neutralizar(v) for v in fila])
    archivo = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse lo cierra
    libro.save(archivo)
    archivo.seek(0)
    return archivo


def paquete_de_datos(conjuntos_publicos, *, institucion, base_url: str) -> dict:
    """Descriptor Frictionless ``datapackage.json`` con metadatos al estilo DCAT."""
    hoy = dt.date.today().isoformat()
    return {
        "profile": "data-package",
        "name": "cocreacion-oaxaca",
        "title": "Cocreación Oaxaca: datos abiertos",
        "description": (
            f"Datos públicos del programa de gobierno abierto de {institucion.nombre}: "
            "programa anual, Secretariado Técnico, compromisos, información de interés público "
            "y Métrica de Gobierno Abierto."
        ),
        "homepage": f"{base_url}/datos/",
        "publisher": {"name": institucion.nombre, "siglas": institucion.siglas},
        "licenses": [
            {
                "name": institucion.licencia_datos,
                "path": institucion.licencia_datos_url,
                "title": institucion.licencia_datos,
            }
        ],
        "language": "es-MX",
        "modified": hoy,
        "resources": [
            {
                "name": c.nombre,
                "title": str(c.titulo),
                "description": str(c.descripcion),
                "path": f"{base_url}/datos/{c.nombre}.csv",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "dialect": {"delimiter": ",", "header": True},
                "accrualPeriodicity": str(FRECUENCIAS.get(c.frecuencia, c.frecuencia)),
                "theme": str(c.tema),
                "alternates": {
                    "json": f"{base_url}/datos/{c.nombre}.json",
                    "xlsx": f"{base_url}/datos/{c.nombre}.xlsx",
                },
                "schema": {"fields": c.esquema()},
            }
            for c in conjuntos_publicos
        ],
    }


def primera_linea(texto: str) -> str:
    return io.StringIO(texto).readline().strip()


class ConjuntoCalculado(ConjuntoDeDatos):
    """Conjunto que no sale de un solo modelo: da sus propias columnas y filas."""

    def __init__(self, *, columnas: list[tuple[str, str, str]], generador, **kwargs):
        super().__init__(recurso=None, consulta=lambda: None, **kwargs)
        self.columnas = columnas
        self.generador = generador

    def encabezados(self) -> list[str]:
        return [nombre for nombre, _tipo, _descripcion in self.columnas]

    def filas(self) -> Iterator[list]:
        yield from self.generador()

    def esquema(self) -> list[dict]:
        return [
            {"name": nombre, "type": tipo, "description": descripcion}
            for nombre, tipo, descripcion in self.columnas
        ]
