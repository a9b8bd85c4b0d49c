"""Datos abiertos: registro de conjuntos de datos, exportación en flujo y diccionario.

Cada app declara ``CONJUNTOS_DE_DATOS`` en su ``resources.py`` (el núcleo también en
``resources_catalogos.py``). Un conjunto reutiliza el recurso de django-import-export que usan
las importaciones: no hay una segunda lista de columnas. La exportación:

- recorre la consulta con ``iterator()`` y entrega el CSV y el JSON por partes (memoria plana);
- escribe fechas en ISO 8601 y números sin formato local;
- neutraliza celdas que empiezan con ``= + - @``, tabulador o retorno de carro para que un
  título malicioso no ejecute una fórmula en la hoja de cálculo de quien descarga.
"""

import csv
import datetime as dt
import decimal
import io
import json
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from django.db import models
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

TAMANO_LOTE = 2000
PREFIJOS_PELIGROSOS = ("=", "+", "-", "@", "\t", "\r")

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
        recurso = self.instancia_recurso()
        campos = recurso.get_export_fields()
        for objeto in self.consulta().iterator(chunk_size=TAMANO_LOTE):
            yield [
                valor_plano(recurso.export_field(c, objeto, force_native_type=True)) for c in campos
            ]

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


def neutralizar(valor):
    """Evita la inyección de fórmulas en hojas de cálculo (CSV y XLSX)."""
    if isinstance(valor, str) and valor.startswith(PREFIJOS_PELIGROSOS):
        try:
            float(valor)
        except ValueError:
            return "'" + valor
    return valor


def neutralizar_fila(fila) -> list:
    return [neutralizar(valor) for valor in fila]


def neutralizar_dataset(dataset):
    """Copia de un ``tablib.Dataset`` (el de django-import-export) con fórmulas neutralizadas."""
    import tablib

    limpio = tablib.Dataset(headers=dataset.headers, title=dataset.title)
    for fila in dataset:
        limpio.append(neutralizar_fila(fila))
    return limpio


def conjuntos() -> dict[str, ConjuntoDeDatos]:
    """Todos los conjuntos declarados por las apps del portal, por nombre."""
    from .registro import reunir

    declarados = reunir(
        "resources", "CONJUNTOS_DE_DATOS", extra=("cocreacion.resources_catalogos",)
    )
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
