"""Búsqueda en todo el portal (sólo registros públicos).

Cada app declara en su ``publicacion.py`` una lista ``BUSCABLES`` de ``Buscable``: con qué
consulta pública (``publicados()``) y cómo titular y enlazar cada resultado. En qué campos se
busca lo dice una sola vez el modelo, con su columna generada ``CampoDeBusqueda`` y sus índices
(``cocreacion.models.campo_busqueda``). El núcleo declara los suyos en ``BUSCABLES_DEL_NUCLEO``.

- En PostgreSQL: búsqueda de texto completo en español sin acentos (configuración
  ``es_sin_acentos`` creada por la migración de búsqueda en español de ``cocreacion``) sobre la
  columna guardada, ordenada por relevancia, más similitud de trigramas en el título para
  tolerar errores de dedo.
- En SQLite: cada palabra debe aparecer en la columna de búsqueda, que guarda los campos sin
  acentos y en minúsculas (la función ``FUNCION_SQLITE``, que cada conexión registra al abrirse,
  es ``sin_acentos``); primero lo que la tiene en el título.

Los fragmentos empiezan y terminan en límites de palabra en los dos motores.
"""

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    TrigramWordSimilarity,
)
from django.db import connection
from django.db.models import (
    Case,
    F,
    FloatField,
    Func,
    IntegerField,
    Q,
    QuerySet,
    TextField,
    Value,
    When,
)
from django.db.models.expressions import RawSQL
from django.utils.html import escape
from django.utils.safestring import mark_safe

from cocreacion.models.campo_busqueda import CONFIGURACION, FUNCION_SQLITE, CampoDeBusqueda
from cocreacion.registro import reunir

LARGO_MAXIMO = 200
# Cuántas coincidencias se cuentan por tipo: una palabra común coincide con cientos de miles de
# elementos de listados y contarlas todas costaba más que buscarlas; nadie pagina tanto. Arriba
# del tope se dice «más de 1,000» y sólo se pagina hasta él.
TOPE_CONTEO = 1000
INICIO_MARCA, FIN_MARCA = "\x02", "\x03"
LARGO_FRAGMENTO = 220
# Cuánto texto antes de la primera coincidencia muestra un fragmento, y cuánto puede retroceder
# para no empezar a media palabra (una «palabra» enorme, como una URL, se corta donde caiga).
CONTEXTO_PREVIO = 60
RETROCESO_MAXIMO = 40
_ESPACIOS = re.compile(r"\s+")


@dataclass
class Buscable:
    tipo: str
    clave: str
    consulta: Callable[[], QuerySet]
    # Campo que se compara con trigramas (errores de dedo) y ordena primero en SQLite: el modelo
    # declara su índice de trigramas (``indices_de_busqueda(..., titulo=...)``).
    campo_titulo: str
    campo_resumen: str
    url: Callable[[object], str] = field(default=lambda objeto: objeto.get_absolute_url())
    titulo: Callable[[object], str] = field(default=str)
    # La columna ``CampoDeBusqueda`` del modelo: guarda el vector (o, en SQLite, el texto sin
    # acentos) de sus campos, así que ordenar miles de coincidencias no lo recalcula.
    columna: str = "busqueda"

    @property
    def modelo(self):
        return self.consulta().model

    @property
    def campo_de_busqueda(self) -> CampoDeBusqueda:
        return self.modelo._meta.get_field(self.columna)

    @property
    def campos(self) -> list[str]:
        """Los campos en que se busca: los de la declaración de la columna en el modelo."""
        return self.campo_de_busqueda.campos


@dataclass
class Resultado:
    titulo: str
    url: str
    fragmento: str


# Cómo coinciden los resultados con lo buscado (en PostgreSQL, en ese orden de preferencia).
TODAS, ALGUNA, PARECE = "todas", "alguna", "parece"


@dataclass
class Grupo:
    buscable: Buscable
    # Exacto hasta ``TOPE_CONTEO``; por encima vale ``TOPE_CONTEO`` y ``hay_mas`` es verdadero.
    total: int
    resultados: list[Resultado]
    hay_mas: bool = False
    # Qué encontró: ``TODAS`` las palabras, ``ALGUNA`` de ellas o lo que se ``PARECE``.
    coincidencia: str = TODAS

    @property
    def con_alguna_palabra(self) -> bool:
        return self.coincidencia == ALGUNA

    @property
    def por_parecido(self) -> bool:
        return self.coincidencia == PARECE


def limpiar_consulta(texto: str | None) -> str:
    """Texto buscable: sin caracteres de control, espacios simples y largo acotado."""
    texto = "".join(c for c in (texto or "") if unicodedata.category(c)[0] != "C" or c == " ")
    return re.sub(r"\s+", " ", texto).strip()[:LARGO_MAXIMO]


def buscables() -> list[Buscable]:
    return [*BUSCABLES_DEL_NUCLEO, *reunir("publicacion", "BUSCABLES")]


def sin_acentos(texto: str | None) -> str | None:
    """Texto sin acentos ni diéresis y en minúsculas, para comparar («Niño» → «nino»)."""
    if texto is None:
        return None
    return "".join(
        c for c in unicodedata.normalize("NFKD", str(texto)) if not unicodedata.combining(c)
    ).casefold()


def registrar_funcion_sqlite(sender=None, connection=None, **kwargs):
    """Registra ``FUNCION_SQLITE`` en cada conexión nueva a SQLite (señal ``connection_created``).

    SQLite no sabe quitar acentos y su ``LIKE`` sólo ignora mayúsculas en ASCII: sin esto
    «participacion» no encuentra «Participación», y «ÁRBOL» no encuentra «árbol»."""
    if connection is not None and connection.vendor == "sqlite":
        connection.connection.create_function(FUNCION_SQLITE, 1, sin_acentos, deterministic=True)


class SinAcentos(Func):
    """``FUNCION_SQLITE(campo)``: sólo existe en SQLite (ver ``registrar_funcion_sqlite``)."""

    function = FUNCION_SQLITE
    output_field = TextField()


def _inicio_en_palabra(texto: str, inicio: int, primera: int) -> int:
    """Dónde empezar el fragmento para no partir una palabra: en ``inicio`` si ya es un límite;
    si no, tras el siguiente espacio antes de la primera coincidencia (``primera``) o, si la
    coincidencia está en esa misma palabra, al principio de ella."""
    if inicio <= 0 or texto[inicio - 1].isspace():
        return max(inicio, 0)
    siguiente = _ESPACIOS.search(texto, inicio, primera)
    if siguiente:
        return siguiente.end()
    desde = max(0, inicio - RETROCESO_MAXIMO)
    espacios = list(_ESPACIOS.finditer(texto, desde, inicio))
    if espacios:
        return espacios[-1].end()
    return 0 if desde == 0 else inicio


def _fin_en_palabra(texto: str, inicio: int, fin: int) -> int:
    """Dónde terminar el fragmento: antes del último espacio previo a ``fin`` si ``fin`` cae a
    media palabra (salvo que el fragmento sea una sola palabra enorme)."""
    if fin >= len(texto) or texto[fin].isspace() or texto[fin - 1].isspace():
        return min(fin, len(texto))
    espacios = list(_ESPACIOS.finditer(texto, inicio, fin))
    return espacios[-1].start() if espacios else fin


def _fragmento_python(texto: str, palabras: list[str], largo: int = LARGO_FRAGMENTO) -> str:
    """Fragmento con las palabras buscadas marcadas; todo lo demás escapado.

    Empieza y termina en límites de palabra; «…» dice que hay más texto antes o después."""
    texto = unicodedata.normalize("NFC", texto or "")
    plano = sin_acentos(texto)
    if len(plano) != len(texto):
        # Algún carácter cambia de largo al normalizarse («ß» → «ss», ligaduras): las posiciones
        # ya no corresponden, así que se normaliza carácter por carácter conservando el largo.
        plano = "".join(c if len(sin_acentos(c)) != 1 else sin_acentos(c) for c in texto)
    posiciones = [plano.find(sin_acentos(p)) for p in palabras if p]
    posiciones = [p for p in posiciones if p >= 0]
    primera = min(posiciones) if posiciones else 0
    inicio = _inicio_en_palabra(texto, max(0, primera - CONTEXTO_PREVIO), primera)
    fin = _fin_en_palabra(texto, inicio, inicio + largo)
    recorte = texto[inicio:fin]
    plano_recorte = plano[inicio:fin]
    marcas = []
    for palabra in palabras:
        objetivo = sin_acentos(palabra)
        if not objetivo:
            continue
        for m in re.finditer(re.escape(objetivo), plano_recorte):
            marcas.append((m.start(), m.end()))
    salida, cursor = [], 0
    for a, b in sorted(marcas):
        if a < cursor:
            continue
        salida.append(escape(recorte[cursor:a]))
        salida.append(f"<mark>{escape(recorte[a:b])}</mark>")
        cursor = b
    salida.append(escape(recorte[cursor:]))
    prefijo = "… " if inicio else ""
    sufijo = " …" if fin < len(texto.rstrip()) else ""
    return mark_safe(prefijo + "".join(salida).strip() + sufijo)  # noqa: S308 - todo escapado arriba  # nosec B308, B703


def _fragmento_pg(texto: str, original: str | None = None) -> str:
    """El fragmento de ``ts_headline`` (marcas ``INICIO_MARCA``/``FIN_MARCA``) en HTML escapado.

    ``ts_headline`` corta entre las piezas de su analizador, que parte las palabras con guion,
    las direcciones web y los correos («participación-ciudadana» → «ciudadana…»): con el texto
    ``original`` el fragmento se completa hasta los espacios de cada lado y lleva «…» si hay
    más texto antes o después."""
    texto = texto or ""
    partes = re.split(f"({INICIO_MARCA}|{FIN_MARCA})", texto)
    salida, dentro = [], False
    for parte in partes:
        if parte == INICIO_MARCA:
            salida.append("<mark>")
            dentro = True
        elif parte == FIN_MARCA:
            if dentro:
                salida.append("</mark>")
            dentro = False
        else:
            salida.append(escape(parte))
    if dentro:
        salida.append("</mark>")
    cuerpo = "".join(salida)
    plano = texto.replace(INICIO_MARCA, "").replace(FIN_MARCA, "")
    desde = original.find(plano) if original and plano else -1
    if desde >= 0:
        hasta = desde + len(plano)
        inicio = _inicio_en_palabra(original, desde, desde)
        fin = hasta
        if 0 < hasta < len(original) and not (
            original[hasta].isspace() or original[hasta - 1].isspace()
        ):
            espacio = _ESPACIOS.search(original, hasta, hasta + RETROCESO_MAXIMO)
            if espacio:
                fin = espacio.start()
            elif len(original) - hasta <= RETROCESO_MAXIMO:
                fin = len(original)
        cuerpo = escape(original[inicio:desde]) + cuerpo + escape(original[hasta:fin])
        cuerpo = cuerpo.strip()
        if original[:inicio].strip():
            cuerpo = "… " + cuerpo
        if original[fin:].strip():
            cuerpo += " …"
    return mark_safe(cuerpo)  # noqa: S308 - todo escapado arriba  # nosec B308, B703


def _consulta_de_texto(texto: str) -> SearchQuery:
    return SearchQuery(texto, config=CONFIGURACION, search_type="websearch")


def _alguna_palabra(palabras: list[str]) -> SearchQuery:
    """Cualquiera de ``palabras`` (sólo letras, dígitos y «_»: nada que sea sintaxis de
    ``to_tsquery``)."""
    return SearchQuery(" | ".join(palabras), config=CONFIGURACION, search_type="raw")


def _candidatos_por_tipo_pg(
    elegidos: list[Buscable],
    texto: str,
    consulta: SearchQuery | None,
    publicos: dict[str, QuerySet] | None = None,
) -> dict[str, list[int]]:
    """Por tipo, los ids de hasta ``TOPE_CONTEO + 1`` coincidencias: el conjunto que se ordena y
    se cuenta (cuántos son es el total, así que no hace falta otra consulta para contar).

    Todos los tipos en una sola consulta, una rama por tipo unidas con ``UNION ALL``: son nueve
    tipos y cada pasada que no encuentra nada (todas las palabras, alguna, lo parecido) costaba
    nueve viajes a la base. ``publicos``: la consulta pública de cada tipo, ya armada (``buscar``
    la arma una vez para todas las pasadas).

    Acotar lo que se ordena es lo que hace rápida una palabra común: «transparencia» coincide
    con 150,000 elementos de listados y calcular ``ts_rank`` de cada uno costaba 150 ms; así se
    ordenan a lo más 1,001 y la relevancia decide entre ellos (los que se muestran y se pueden
    recorrer son esos mismos: ``TOPE_CONTEO``).

    Cada rama es la consulta pública del tipo con su ``LIMIT``: con una palabra común el
    planificador lee la tabla hasta juntar las 1,001 y se detiene («transparencia» en elementos
    de listados: 1.4 ms; leyéndolas todas antes, con el índice GIN y la unión con los 15,000
    listados publicados, 6 ms), y con una rara usa el índice. El parecido por trigramas puede
    ir igual porque su función declara su costo real (``COSTO_DEL_PARECIDO``): con el costo de
    pg_trgm, el planificador creía barato evaluarlo fila por fila («niños» sobre 100,000
    compromisos: 120 ms así y 6 ms con el índice).

    Sin ``consulta`` de texto completo, los que se parecen por trigramas en el título (errores
    de dedo): ``buscar`` sólo los pide cuando el texto completo no encontró nada en ningún tipo.
    Juntos en una sola condición, en tablas chicas PostgreSQL recorría la tabla evaluando el
    parecido fila por fila (una frase de 4 palabras sobre 2,500 acciones: 38 ms, y 86 ms la
    búsqueda completa).
    """
    ramas, parametros = [], []
    for indice, buscable in enumerate(elegidos):
        if consulta is None:
            filtro = Q(**{f"{buscable.campo_titulo}__trigram_word_similar": texto})
        else:
            filtro = Q(**{buscable.columna: consulta})
        publico = publicos[buscable.clave] if publicos else buscable.consulta()
        coincidencias = publico.filter(filtro).order_by().values("pk")
        sql, params = coincidencias.query.sql_with_params()
        ramas.append(
            f"(SELECT {indice}, pk FROM ({sql}) AS coincidencias_{indice} LIMIT %s)"  # noqa: S608 - SQL que arma el ORM  # nosec B608
        )
        parametros += [*params, TOPE_CONTEO + 1]
    por_tipo: dict[str, list[int]] = {b.clave: [] for b in elegidos}
    if not ramas:
        return por_tipo
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(ramas), parametros)
        for indice, pk in cursor.fetchall():
            por_tipo[elegidos[indice].clave].append(pk)
    return por_tipo


def _candidatos_pg(buscable: Buscable, texto: str, consulta: SearchQuery | None) -> list[int]:
    """Las coincidencias acotadas de un solo tipo (ver ``_candidatos_por_tipo_pg``)."""
    return _candidatos_por_tipo_pg([buscable], texto, consulta)[buscable.clave]


def _consulta_pg(
    buscable: Buscable, texto: str, candidatos: list[int], consulta: SearchQuery, *, base=None
) -> QuerySet:
    """Ordena por relevancia las coincidencias acotadas (``_candidatos_pg``); ``_pagina_pg``
    trae después las filas de la página con su fragmento.

    Por omisión ordena sobre la tabla sola (``base``): los candidatos ya salieron de la consulta
    pública del tipo en esta misma petición, y volver a aplicarla unía otra vez cada fila con
    sus padres («transparencia» en elementos de listados: una unión con los 15,000 listados
    publicados, 8 de los 11 ms de ordenar)."""
    if base is None:
        base = buscable.modelo._default_manager.all()
    # Los candidatos van como un solo arreglo: mil ``%s`` costaban más en armar y convertir
    # la consulta que en ordenarla.
    return _por_relevancia(
        base.filter(pk__in=RawSQL("SELECT unnest(%s::bigint[])", (candidatos,))),
        buscable,
        texto,
        consulta,
    )


def _por_relevancia(qs: QuerySet, buscable: Buscable, texto: str, consulta: SearchQuery):
    """``qs`` en el orden de la búsqueda: relevancia, parecido del título y, al final, id."""
    return qs.alias(
        _rango=SearchRank(F(buscable.columna), consulta),
        # El parecido del título ordena lo que sólo llegó por error de dedo (rango 0). Entre
        # coincidencias de texto completo desempata el id.
        _parecido=Case(
            When(Q(**{buscable.columna: consulta}), then=Value(0.0)),
            default=TrigramWordSimilarity(texto, buscable.campo_titulo),
            output_field=FloatField(),
        ),
    ).order_by("-_rango", "-_parecido", "pk")


def _pagina_pg(
    buscable: Buscable,
    texto: str,
    consulta: SearchQuery,
    candidatos: list[int],
    inicio: int,
    cuantos: int,
    publico: QuerySet | None = None,
) -> list:
    """Las filas de una página de ``candidatos`` en el orden de la búsqueda, con su fragmento.

    ``publico`` es la consulta pública del tipo, si ya está armada. Si todos los candidatos
    caben en la primera página, se ordenan y se traen en un solo paso desde ella (con lo que
    trae para titular y enlazar). Si no, los ids se ordenan sobre la tabla sola
    (``_consulta_pg``) y las filas de la página, con sus relaciones (``select_related``) y el
    fragmento, se traen en la misma consulta con esos ids como subconsulta (``IN (… LIMIT
    …)``), y se ordenan otra vez sólo ellas. Así PostgreSQL no arrastra las filas completas de
    todas las coincidencias hasta ordenarlas («transparencia» sobre 150,000 elementos de
    listados: 200 ms así), y es un viaje a la base por tipo."""
    if publico is None:
        publico = buscable.consulta()
    fragmento = SearchHeadline(
        buscable.campo_resumen,
        consulta,
        config=CONFIGURACION,
        start_sel=INICIO_MARCA,
        stop_sel=FIN_MARCA,
        max_words=35,
        min_words=15,
    )
    if inicio == 0 and len(candidatos) <= cuantos:
        qs = _consulta_pg(buscable, texto, candidatos, consulta, base=publico)
        return list(qs.annotate(_fragmento=fragmento))
    tabla_sola = publico.model._default_manager.all()
    ordenados = _consulta_pg(buscable, texto, candidatos, consulta, base=tabla_sola)
    de_la_pagina = ordenados.values("pk")[inicio : inicio + cuantos]
    filas = publico.filter(pk__in=de_la_pagina).annotate(_fragmento=fragmento)
    return list(_por_relevancia(filas, buscable, texto, consulta))


def _consulta_simple(buscable: Buscable, palabras: list[str]) -> QuerySet:
    """Cada palabra en la columna de búsqueda (los campos sin acentos ni mayúsculas); primero lo
    que tiene todas en el título y, entre iguales, por id (el orden estable que pagina sin
    repetir)."""
    filtro, en_titulo = Q(), Q()
    for palabra in palabras:
        objetivo = sin_acentos(palabra)
        filtro &= Q(**{f"{buscable.columna}__contains": objetivo})
        en_titulo &= Q(_titulo_plano__contains=objetivo)
    return (
        buscable.consulta()
        .filter(filtro)
        .alias(_titulo_plano=SinAcentos(buscable.campo_titulo))
        .alias(
            _en_titulo=Case(
                When(en_titulo, then=Value(0)), default=Value(1), output_field=IntegerField()
            ),
        )
        .order_by("_en_titulo", "pk")
    )


def paginas_maximas(por_pagina: int) -> int:
    """Páginas que se pueden recorrer dentro de un tipo: las que caben en ``TOPE_CONTEO``."""
    return max(1, TOPE_CONTEO // por_pagina)


def _contar(qs: QuerySet, *, vistos: int) -> tuple[int, bool]:
    """Total hasta ``TOPE_CONTEO`` (y si hay más) en SQLite: cuenta a lo sumo una fila de más.

    Sin orden ni columnas calculadas, la subconsulta con ``LIMIT`` se detiene en cuanto junta
    ``TOPE_CONTEO + 1`` coincidencias en vez de recorrer (y ordenar) todas. En PostgreSQL el
    total es cuántos candidatos trajo ``_candidatos_pg``, con el mismo tope.
    """
    contados = qs.order_by().values("pk")[: TOPE_CONTEO + 1].count()
    contados = max(contados, vistos)
    return min(contados, TOPE_CONTEO), contados > TOPE_CONTEO


def buscar(texto: str, *, por_grupo: int = 5, solo: str | None = None, pagina: int = 1):
    """Resultados agrupados por tipo; con ``solo`` pagina dentro de un tipo.

    Cada total es exacto hasta ``TOPE_CONTEO``; ``paginas_maximas`` dice hasta dónde paginar."""
    texto = limpiar_consulta(texto)
    palabras = [p for p in re.split(r"\W+", texto) if len(p) > 1][:20]
    if not palabras:
        return []
    elegidos = [b for b in buscables() if not solo or b.clave == solo]
    coincidencia = TODAS
    if connection.vendor == "postgresql":
        # Cada consulta pública se arma una vez: la usan hasta tres pasadas y la página.
        publicos = {b.clave: b.consulta() for b in elegidos}
        coincidencia, consulta, por_tipo = _coincidencias_pg(elegidos, texto, palabras, publicos)
    grupos = []
    for buscable in elegidos:
        inicio = (pagina - 1) * por_grupo
        if connection.vendor == "postgresql":
            candidatos = por_tipo[buscable.clave]
            if not candidatos:
                continue
            objetos = _pagina_pg(
                buscable, texto, consulta, candidatos, inicio, por_grupo, publicos[buscable.clave]
            )
            total, hay_mas = min(len(candidatos), TOPE_CONTEO), len(candidatos) > TOPE_CONTEO
        else:
            qs = _consulta_simple(buscable, palabras)
            objetos = list(qs[inicio : inicio + por_grupo])
            # El total en una consulta aparte a propósito: con ``COUNT(*) OVER ()`` en la
            # misma, se recorren todas las coincidencias para contarlas; aparte y con tope, la
            # cuenta se detiene en ``TOPE_CONTEO + 1`` filas.
            if len(objetos) == por_grupo or inicio:
                total, hay_mas = _contar(qs, vistos=inicio + len(objetos))
            else:
                total, hay_mas = len(objetos), False
        if not objetos:
            continue
        resultados = [
            Resultado(
                titulo=buscable.titulo(o),
                url=buscable.url(o),
                fragmento=_fragmento_pg(
                    o._fragmento, str(getattr(o, buscable.campo_resumen, "") or "")
                )
                if hasattr(o, "_fragmento")
                else _fragmento_python(str(getattr(o, buscable.campo_resumen, "")), palabras),
            )
            for o in objetos
        ]
        grupos.append(
            Grupo(
                buscable=buscable,
                total=total,
                resultados=resultados,
                hay_mas=hay_mas,
                coincidencia=coincidencia,
            )
        )
    return grupos


def _coincidencias_pg(
    elegidos: list[Buscable], texto: str, palabras: list[str], publicos: dict[str, QuerySet]
):
    """(coincidencia, consulta de texto completo, candidatos por tipo) en PostgreSQL.

    Primero lo que tiene todas las palabras. Si nada las tiene en ningún tipo y son varias, lo
    que tiene alguna (la relevancia pone primero lo que tiene más). Si tampoco, quizá se
    escribió mal: lo que se parece en el título (trigramas).
    """
    consulta = _consulta_de_texto(texto)
    por_tipo = _candidatos_por_tipo_pg(elegidos, texto, consulta, publicos)
    if any(por_tipo.values()):
        return TODAS, consulta, por_tipo
    if len(palabras) > 1:
        alguna = _alguna_palabra(palabras)
        por_tipo = _candidatos_por_tipo_pg(elegidos, texto, alguna, publicos)
        if any(por_tipo.values()):
            return ALGUNA, alguna, por_tipo
    return PARECE, consulta, _candidatos_por_tipo_pg(elegidos, texto, None, publicos)


def _sujetos_publicos():
    from cocreacion.models import SujetoObligado

    return SujetoObligado.objects.activos()


BUSCABLES_DEL_NUCLEO = [
    Buscable(
        tipo="Sujetos obligados",
        clave="sujetos",
        consulta=_sujetos_publicos,
        campo_titulo="nombre",
        campo_resumen="nombre",
    ),
]
