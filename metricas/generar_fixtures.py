"""Genera los fixtures de la Métrica a partir de los datos reales que trae el repositorio.

Uso: ``python -m metricas.generar_fixtures`` (desde la raíz). Escribe
``fixtures/metricas_ediciones.json`` (ediciones, pesos 2017, bandas y promedios por entidad de
``fixtures/metrica-2017/prom.csv``) y ``fixtures/metricas_indicadores.json`` (indicadores de
referencia del *Programa Anual de Trabajo 2021*).
"""

import csv
import json
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

RAIZ = Path(__file__).resolve().parents[1]
FIXTURES = RAIZ / "fixtures"

FUENTE_2017 = (
    "INAI–CIDE, Métrica de Gobierno Abierto 2017, Resumen Ejecutivo (Anexo 1: fórmulas y pesos). "
    "Resultados por sujeto obligado: archivo BSO.csv y promedios por entidad: prom.csv, "
    "republicados en el repositorio público JuveCampos/Metrica_Gob_Abierto "
    "(commit f9dc6e5, 2019-08-09)."
)

# (subíndice, clave, nombre, peso): Resumen Ejecutivo 2017, Anexo 1.
COMPONENTES_2017 = [
    ("tg", "acceso-informacion", "Acceso a la información", "0.5"),
    ("tg", "transparencia-reactiva", "Transparencia reactiva", "0.2"),
    ("tg", "transparencia-proactiva", "Transparencia proactiva", "0.2"),
    ("tg", "datos-abiertos", "Datos abiertos", "0.1"),
    ("tc", "disponibilidad", "Disponibilidad", "0.25"),
    ("tc", "claridad", "Claridad", "0.25"),
    ("tc", "completitud", "Completitud", "0.25"),
    ("tc", "celeridad", "Celeridad", "0.25"),
    ("pg", "mecanismos", "Mecanismos", "0.2"),
    ("pg", "actores", "Actores", "0.1"),
    ("pg", "funcionamiento", "Funcionamiento", "0.3"),
    ("pg", "formato", "Formato", "0.1"),
    ("pg", "seguimiento", "Seguimiento", "0.3"),
    ("pc", "metodo-contacto", "Método de contacto", "0.2"),
    ("pc", "acuse-recepcion", "Acuse de recepción", "0.3"),
    ("pc", "activacion", "Activación", "0.3"),
    ("pc", "celeridad-participacion", "Celeridad", "0.2"),
]

BANDAS_2017 = [
    ("No aprobatorio", "0", "IGA de 0.6 o menos."),
    ("Aprobatorio", "0.6", "IGA mayor que 0.6, según el Resumen Ejecutivo 2017."),
    ("Satisfactorio", "0.8", "IGA mayor que 0.8, según el Resumen Ejecutivo 2017."),
]

ENTIDADES = {
    "Aguascalientes": "aguascalientes",
    "Baja California": "baja_california",
    "Baja California Sur": "baja_california_sur",
    "Campeche": "campeche",
    "Chiapas": "chiapas",
    "Chihuahua": "chihuahua",
    "Ciudad de Mexico": "ciudad_de_mexico",
    "Coahuila": "coahuila",
    "Colima": "colima",
    "Durango": "durango",
    "Federal": "",
    "Guanajuato": "guanajuato",
    "Guerrero": "guerrero",
    "Hidalgo": "hidalgo",
    "Jalisco": "jalisco",
    "Mexico": "mexico",
    "Michoacan": "michoacan",
    "Morelos": "morelos",
    "Nayarit": "nayarit",
    "NuevoLeon": "nuevo_leon",
    "Oaxaca": "oaxaca",
    "Puebla": "puebla",
    "Queretaro": "queretaro",
    "Quintana Roo": "quintana_roo",
    "San Luis Potosi": "san_luis_potosi",
    "Sinaloa": "sinaloa",
    "Sonora": "sonora",
    "Tabasco": "tabasco",
    "Tamaulipas": "tamaulipas",
    "Tlaxcala": "tlaxcala",
    "Veracruz": "veracruz",
    "Yucatan": "yucatan",
    "Zacatecas": "zacatecas",
}

INDICADORES = [
    (
        "estrategico",
        "Métrica de Gobierno Abierto",
        "",
        "INAI-CIDE",
        "Mide qué tanto puede conocer un ciudadano lo que hacen sus gobiernos y qué tanto puede "
        "incidir en sus decisiones.",
    ),
    (
        "estrategico",
        "Ranking de Portales Estatales de Transparencia",
        "",
        "Universidad Autónoma del Estado de México, UAEM y U-GeOBe",
        "Identifica los parámetros en los temas de gobierno abierto, como datos abiertos, "
        "interacción ciudadana, disponibilidad de información, adaptados a las nuevas "
        "regulaciones y condiciones de la realidad mexicana en temas de transparencia y acceso "
        "a la información.",
    ),
    (
        "estrategico",
        "Iniciativa de Co-creación desde lo Local",
        "",
        "INAI",
        "Sirve como referencia respecto de los compromisos que adquieren los gobiernos en las "
        "entidades federativas con la sociedad civil y la agenda de gobierno abierto en México.",
    ),
    (
        "relacionado",
        "Índice de Derecho de Acceso a la Información en México",
        "IDAIM",
        "Fundar. Centro de análisis e investigación",
        "Mide la calidad de las leyes de transparencia en México con relación a las mejores "
        "prácticas nacionales e internacionales en la materia.",
    ),
    (
        "relacionado",
        "Censo Nacional de Transparencia, Acceso a la Información Pública y Protección de "
        "Datos Personales Estatal",
        "",
        "INEGI",
        "Generar información estadística y geográfica de la gestión y desempeño de los "
        "organismos garantes del derecho de acceso a la información pública y de protección de "
        "datos personales para que ésta se vincule con el quehacer gubernamental dentro del "
        "proceso de diseño, implementación, monitoreo y evaluación de las políticas públicas de "
        "alcance nacional en la materia.",
    ),
    (
        "relacionado",
        "Open Government Index",
        "",
        "World Justice Project",
        "Mide la cantidad de información pública de gobierno, facilidad para obtenerla, "
        "participación cívica y efectividad de sus mecanismos de quejas, de los países.",
    ),
    (
        "relacionado",
        "Índice de Percepción de la Corrupción",
        "",
        "Transparency International",
        "Analiza las percepciones sobre corrupción en el sector público en 176 países.",
    ),
    (
        "relacionado",
        "Índice de Información Presupuestal Estatal",
        "IIPE",
        "Instituto Mexicano para la Competitividad, IMCO",
        "Mide la calidad de la información presupuestal de las 32 entidades federativas del país.",
    ),
    (
        "relacionado",
        "Índice de Transparencia y Disponibilidad de la Información Fiscal",
        "ITDIF",
        "Aregional",
        "Determina la disponibilidad y calidad de la información fiscal generada por los "
        "gobiernos estatales.",
    ),
    (
        "relacionado",
        "Índice Estatal de Capacidades para el Desarrollo Social",
        "IDES",
        "Gestión Social y Cooperación, GESOC",
        "Refleja, a partir de información de fuentes oficiales, la capacidad institucional de "
        "cada una de las 32 entidades federativas para la implementación de una política de "
        "Desarrollo Social efectiva, abierta y participativa.",
    ),
]


def seis(valor: str) -> str:
    return str(Decimal(valor).quantize(Decimal("0.000001"), rounding=ROUND_HALF_UP))


def ediciones() -> list[dict]:
    registros = [
        {
            "model": "metricas.edicion",
            "pk": 1,
            "fields": {
                "anio": 2017,
                "nombre": "Métrica de Gobierno Abierto 2017",
                "autores": "INAI–CIDE",
                "notas": "Primera edición. Evaluó 908 sujetos obligados de los tres órdenes de "
                "gobierno; 27 de Oaxaca.",
                "fuente": FUENTE_2017,
                "iga_nacional": "0.390000",
                "t_nacional": "0.500000",
                "p_nacional": "0.280000",
                "sujetos_evaluados": 908,
                "umbral_cuadrantes": "0.500000",
                "publicada": True,
            },
        },
        {
            "model": "metricas.edicion",
            "pk": 2,
            "fields": {
                "anio": 2019,
                "nombre": "Métrica de Gobierno Abierto 2019",
                "autores": "INAI–CIDE",
                "notas": "Valores nacionales del resumen publicado. Los pesos de sus componentes "
                "y los resultados por sujeto obligado aún no se cargan en el portal.",
                "fuente": "INAI–CIDE, Métrica de Gobierno Abierto 2019, resumen de resultados.",
                "iga_nacional": "0.520000",
                "t_nacional": "0.640000",
                "p_nacional": "0.410000",
                "sujetos_evaluados": None,
                "umbral_cuadrantes": "0.500000",
                "publicada": True,
            },
        },
        {
            "model": "metricas.edicion",
            "pk": 3,
            "fields": {
                "anio": 2021,
                "nombre": "Métrica de Gobierno Abierto 2021",
                "autores": "INAI–CIDE",
                "notas": "Valores nacionales del resumen publicado (1,365 instituciones; Oaxaca "
                "0.37). Los resultados por sujeto obligado aún no se cargan en el portal.",
                "fuente": "INAI–CIDE, Métrica de Gobierno Abierto 2021, resumen de resultados.",
                "iga_nacional": "0.480000",
                "t_nacional": "0.610000",
                "p_nacional": "0.350000",
                "sujetos_evaluados": 1365,
                "umbral_cuadrantes": "0.500000",
                "publicada": True,
            },
        },
    ]
    for pk, (subindice, clave, nombre, peso) in enumerate(COMPONENTES_2017, start=1):
        registros.append(
            {
                "model": "metricas.componente",
                "pk": pk,
                "fields": {
                    "edicion": 1,
                    "subindice": subindice,
                    "clave": clave,
                    "nombre": nombre,
                    "peso": peso,
                    "orden": pk,
                },
            }
        )
    for pk, (nombre, limite, descripcion) in enumerate(BANDAS_2017, start=1):
        registros.append(
            {
                "model": "metricas.banda",
                "pk": pk,
                "fields": {
                    "edicion": 1,
                    "nombre": nombre,
                    "mayor_que": seis(limite),
                    "descripcion": descripcion,
                },
            }
        )
    with (FIXTURES / "metrica-2017" / "prom.csv").open(encoding="utf-8", newline="") as f:
        for pk, fila in enumerate(csv.DictReader(f), start=1):
            registros.append(
                {
                    "model": "metricas.promedioentidad",
                    "pk": pk,
                    "fields": {
                        "edicion": 1,
                        "entidad_federativa": ENTIDADES[fila["estado"]],
                        "iga": seis(fila["GA"]),
                        "t": seis(fila["T"]),
                        "p": seis(fila["P"]),
                        "tg": seis(fila["TG"]),
                        "tc": seis(fila["TC"]),
                        "pg": seis(fila["PG"]),
                        "pc": seis(fila["PC"]),
                    },
                }
            )
    registros.append(
        {
            "model": "metricas.promedioentidad",
            "pk": pk + 1,
            "fields": {
                "edicion": 3,
                "entidad_federativa": "oaxaca",
                "iga": "0.370000",
                "t": None,
                "p": None,
                "tg": None,
                "tc": None,
                "pg": None,
                "pc": None,
            },
        }
    )
    return registros


def indicadores() -> list[dict]:
    return [
        {
            "model": "metricas.indicadorreferencia",
            "pk": pk,
            "fields": {
                "nombre": nombre,
                "siglas": siglas,
                "categoria": categoria,
                "autor": autor,
                "descripcion": descripcion,
                "sitio": "",
                "orden": pk,
                "publicado": True,
            },
        }
        for pk, (categoria, nombre, siglas, autor, descripcion) in enumerate(INDICADORES, start=1)
    ]


def main():
    for nombre, registros in [
        ("metricas_ediciones.json", ediciones()),
        ("metricas_indicadores.json", indicadores()),
    ]:
        (FIXTURES / nombre).write_text(
            json.dumps(registros, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
        print(f"{nombre}: {len(registros)} registros")


if __name__ == "__main__":
    main()
