"""Historial público de cambios: qué cambió, en qué registro público y cuándo.

Sale de django-simple-history, restringido a campos públicos y a versiones que eran públicas
(un borrador nunca aparece, ni antes ni después de publicarse). Cada app declara en su
``publicacion.py`` una lista ``SEGUIBLES`` de ``Seguible``; el núcleo declara los suyos aquí.
Lo usan la página ``/cambios/``, los canales Atom y el conjunto de datos «cambios».

El número de consultas no depende del número de filas: cada ``Seguible`` declara lo que sus
``titulo`` y ``url`` leen (``relacionados`` y ``anotaciones``) para traerlo en la misma consulta
que las versiones, y la versión anterior de cada cambio se trae en bloque (una consulta por
modelo), junto con si era pública.
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db.models import Expression, F, OuterRef, Q, QuerySet, Subquery
from django.utils.translation import gettext_lazy as _

from cocreacion.models import SujetoObligado
from cocreacion.registro import reunir

ACCIONES = {"+": _("Alta"), "~": _("Cambio"), "-": _("Baja")}


@dataclass
class Seguible:
    """Un modelo público cuyos cambios se muestran."""

    clave: str
    tipo: str
    modelo: type
    campos_publicos: list[str]
    objetos_publicos: Callable[[], QuerySet]
    url: Callable[[object], str]
    titulo: Callable[[object], str] = field(default=str)
    # Filtro sobre la tabla histórica: sólo versiones que eran públicas en su momento.
    versiones_publicas: Callable[[QuerySet], QuerySet] = field(default=lambda qs: qs)
    # Ámbitos para los canales: nombre → función(qs_historico, objeto) → qs filtrado.
    ambitos: dict[str, Callable[[QuerySet, object], QuerySet]] = field(default_factory=dict)
    # ``titulo`` y ``url`` reciben versiones de la tabla histórica y sólo pueden leer lo que
    # viene en su fila: sus campos, estas rutas ``select_related`` (las llaves foráneas de
    # simple-history admiten ``select_related``: apuntan a los registros vigentes) y estas
    # anotaciones. Así el historial hace las mismas consultas con 10 filas que con 10,000.
    relacionados: list[str] = field(default_factory=list)
    anotaciones: Callable[[], dict[str, Expression]] = field(default=dict)
    # Los mismos ámbitos, para muchos objetos a la vez (los resúmenes por correo del
    # seguimiento, ``cambios_entre``): a qué objeto del ámbito pertenece cada versión. Una
    # cadena es la ruta, en la tabla histórica, al id de ese objeto («id», «compromiso_id»,
    # «hito__compromiso_id»); una función recibe los ids de los objetos y devuelve pares
    # (id del registro, id del objeto) de las tablas vigentes (relaciones muchos a muchos).
    pertenencia: dict[str, "str | Callable[[list[int]], Iterable[tuple[int, int]]]"] = field(
        default_factory=dict
    )

    def preparar(self, historicos: QuerySet) -> QuerySet:
        """``historicos`` con lo que ``titulo`` y ``url`` leen, en la misma consulta."""
        if self.relacionados:
            historicos = historicos.select_related(*self.relacionados)
        anotaciones = self.anotaciones()
        return historicos.annotate(**anotaciones) if anotaciones else historicos


@dataclass
class Cambio:
    fecha: dt.datetime
    clave: str
    tipo: str
    registro_id: int
    titulo: str
    url: str
    accion: str
    campos: list[tuple[str, str, str]]
    version_id: int

    @property
    def accion_texto(self) -> str:
        return str(ACCIONES.get(self.accion, self.accion))

    @property
    def resumen(self) -> str:
        if not self.campos:
            return str(self.accion_texto)
        return "; ".join(f"{c}: «{a}» → «{n}»" for c, a, n in self.campos)


def _texto(valor) -> str:
    if valor is None:
        return ""
    texto = str(valor)
    return texto if len(texto) <= 300 else texto[:297] + "…"


def seguibles() -> list[Seguible]:
    return [*SEGUIBLES_DEL_NUCLEO, *reunir("publicacion", "SEGUIBLES")]


def _con_anterior(historicos: QuerySet) -> QuerySet:
    """Anota ``_anterior_id``: la versión inmediata anterior del mismo registro.

    Es la que daría ``prev_record`` (la más reciente con fecha anterior), con el desempate por
    ``history_id`` para que sea siempre la misma; sin una consulta por fila.
    """
    # ``historicos.model`` y no ``modelo.history``: el descriptor de simple-history arma una
    # clase de manager nueva en cada acceso (cerca de 1 ms).
    anterior = (
        historicos.model._default_manager.filter(
            id=OuterRef("id"), history_date__lt=OuterRef("history_date")
        )
        .order_by("-history_date", "-history_id")
        .values("history_id")[:1]
    )
    return historicos.annotate(_anterior_id=Subquery(anterior))


def _anteriores_publicas(seguible: Seguible, historicos: QuerySet, versiones: list) -> dict:
    """Las versiones anteriores de los cambios («~») que eran públicas, por ``history_id``.

    Una sola consulta: la que falta en el resultado existía pero no era pública (un borrador).
    """
    ids = {v._anterior_id for v in versiones if v.history_type == "~" and v._anterior_id}
    if not ids:
        return {}
    anteriores = historicos.model._default_manager.filter(history_id__in=ids)
    return {a.history_id: a for a in seguible.versiones_publicas(anteriores)}


def _cambios_de(seguible: Seguible, historicos: QuerySet, limite: int) -> list[tuple]:
    """Hasta ``limite`` pares (cambio, versión), sin título ni dirección todavía."""
    ids_publicos = seguible.objetos_publicos().values("pk")
    consulta = seguible.versiones_publicas(historicos).filter(id__in=ids_publicos)
    versiones = list(
        seguible.preparar(_con_anterior(consulta)).order_by("-history_date", "-history_id")[
            : limite * 2
        ]
    )
    cambios = []
    for par in _comparar(seguible, historicos, versiones):
        cambios.append(par)
        if len(cambios) >= limite:
            break
    return cambios


def _comparar(seguible: Seguible, historicos: QuerySet, versiones: list):
    """Cada par (cambio, versión) de ``versiones`` que cambió algo público, en su orden.

    La versión anterior de cada una se compara sólo con sus campos públicos; si la anterior
    no era pública (un borrador), la versión es la publicación, sin «antes».
    """
    modelo = seguible.modelo
    publicas = _anteriores_publicas(seguible, historicos, versiones)
    for version in versiones:
        campos = []
        accion = version.history_type
        anterior = None
        if accion == "~" and version._anterior_id is not None:
            anterior = publicas.get(version._anterior_id)
            if anterior is None:
                # La versión anterior era un borrador: esta es la publicación, sin «antes».
                accion = "+"
        if anterior is not None:
            diferencia = version.diff_against(anterior, included_fields=seguible.campos_publicos)
            for c in diferencia.changes:
                nombre = str(modelo._meta.get_field(c.field).verbose_name)
                campos.append((nombre, _texto(c.old), _texto(c.new)))
            if not campos:
                continue  # cambió algo que no es público
        cambio = Cambio(
            fecha=version.history_date,
            clave=seguible.clave,
            tipo=seguible.tipo,
            registro_id=version.id,
            titulo="",
            url="",
            accion=accion,
            campos=campos,
            version_id=version.history_id,
        )
        yield cambio, version


# Versiones que se comparan de una vez al armar resúmenes: memoria acotada aunque una
# importación haya tocado miles de registros en la ventana.
TROZO_ENTRE = 2000


def cambios_entre(
    *,
    ambito: str,
    ids: Iterable[int],
    desde: dt.datetime,
    hasta: dt.datetime,
    limite_por_objeto: int = 50,
) -> dict[int, list[Cambio]]:
    """Los cambios públicos con fecha en (``desde``, ``hasta``] de muchos objetos de un ámbito.

    Devuelve, por id de objeto del ámbito (p. ej. cada compromiso seguido), sus cambios del
    más viejo al más nuevo, hasta ``limite_por_objeto`` (los más recientes). Son los mismos
    cambios que muestran ``/cambios/`` y el canal Atom del objeto, con sus mismas reglas
    (campos públicos, nada de borradores), calculados una sola vez para todos los objetos: por
    cada tipo con ``pertenencia`` en ese ámbito, una consulta de versiones (por trozos) y una
    de sus versiones anteriores, sin importar cuántos objetos ni cuántas personas los siguen.
    """
    ids = sorted(set(ids))
    por_objeto: dict[int, list[Cambio]] = defaultdict(list)
    if not ids:
        return {}
    for seguible in seguibles():
        ruta = seguible.pertenencia.get(ambito)
        if ruta is None:
            continue
        historicos = seguible.modelo.history.filter(history_date__gt=desde, history_date__lte=hasta)
        if callable(ruta):
            duenos: dict[int, set[int]] = defaultdict(set)
            for registro_id, objeto_id in ruta(ids):
                duenos[registro_id].add(objeto_id)
            consulta = historicos.filter(id__in=list(duenos))
        else:
            duenos = None
            consulta = historicos.filter(**{f"{ruta}__in": ids}).annotate(_objeto_id=F(ruta))
        consulta = seguible.versiones_publicas(consulta).filter(
            id__in=seguible.objetos_publicos().values("pk")
        )
        consulta = seguible.preparar(_con_anterior(consulta)).order_by("history_date", "history_id")
        trozo = []
        for version in consulta.iterator(chunk_size=TROZO_ENTRE):
            trozo.append(version)
            if len(trozo) >= TROZO_ENTRE:
                _repartir(seguible, historicos, trozo, duenos, por_objeto)
                trozo = []
        _repartir(seguible, historicos, trozo, duenos, por_objeto)
    resultado = {}
    for objeto_id, cambios in por_objeto.items():
        cambios.sort(key=lambda c: (c.fecha, c.version_id, c.clave))
        resultado[objeto_id] = cambios[-limite_por_objeto:]
    return resultado


def _repartir(seguible, historicos, versiones, duenos, por_objeto) -> None:
    if not versiones:
        return
    for cambio, version in _comparar(seguible, historicos, versiones):
        cambio.titulo = seguible.titulo(version)
        cambio.url = seguible.url(version)
        objetos = duenos.get(version.id, ()) if duenos is not None else (version._objeto_id,)
        for objeto_id in objetos:
            por_objeto[objeto_id].append(cambio)


@dataclass(frozen=True)
class Cursor:
    """Dónde quedó una página de cambios: fecha, versión y tipo del último cambio mostrado.

    Los cambios se ordenan por (fecha, versión, tipo), de más nuevo a más viejo; la página
    siguiente pide lo estrictamente anterior a ese trío, así que cuesta lo mismo en la página 1
    que en la 500 y no se salta ni repite cambios aunque lleguen nuevos mientras se lee.
    """

    fecha: dt.datetime
    version_id: int
    clave: str

    def texto(self) -> str:
        return f"{self.fecha.isoformat()}~{self.version_id}~{self.clave}"

    @classmethod
    def leer(cls, texto: str | None) -> "Cursor | None":
        """El cursor de la dirección, o ``None`` si no viene o está mal formado."""
        if not texto or len(texto) > 100:
            return None
        partes = texto.split("~")
        if len(partes) != 3 or not partes[1].isdigit():
            return None
        try:
            fecha = dt.datetime.fromisoformat(partes[0])
        except ValueError:
            return None
        if fecha.tzinfo is None:
            return None
        return cls(fecha=fecha, version_id=int(partes[1]), clave=partes[2])

    def anteriores(self, clave: str) -> Q:
        """Filtro de las versiones de un tipo que van después de este cursor."""
        filtro = Q(history_date__lt=self.fecha) | Q(
            history_date=self.fecha, history_id__lt=self.version_id
        )
        if clave < self.clave:
            filtro |= Q(history_date=self.fecha, history_id=self.version_id)
        return filtro


def cambios_recientes(
    *,
    limite: int = 50,
    claves: list[str] | None = None,
    ambito: tuple[str, object] | None = None,
    despues_de: Cursor | None = None,
) -> list[Cambio]:
    """Los ``limite`` cambios públicos más recientes, del más nuevo al más viejo.

    Con ``despues_de``, los que siguen a ese cursor (la página siguiente).
    """
    todos = []  # (cambio, seguible, versión)
    for seguible in seguibles():
        if claves and seguible.clave not in claves:
            continue
        historicos = seguible.modelo.history.all()
        if despues_de is not None:
            historicos = historicos.filter(despues_de.anteriores(seguible.clave))
        if ambito is not None:
            nombre, objeto = ambito
            filtro = seguible.ambitos.get(nombre)
            if filtro is None:
                continue
            historicos = filtro(historicos, objeto)
        todos.extend((c, seguible, v) for c, v in _cambios_de(seguible, historicos, limite))
    todos.sort(key=lambda t: (t[0].fecha, t[0].version_id, t[0].clave), reverse=True)
    # Título y dirección sólo de los que se muestran: cada tipo aporta hasta ``limite``
    # candidatos y casi todos se descartan al juntarlos.
    elegidos = []
    for cambio, seguible, version in todos[:limite]:
        cambio.titulo = seguible.titulo(version)
        cambio.url = seguible.url(version)
        elegidos.append(cambio)
    return elegidos


SEGUIBLES_DEL_NUCLEO = [
    Seguible(
        clave="sujetos",
        tipo="Sujeto obligado",
        modelo=SujetoObligado,
        campos_publicos=["nombre", "siglas", "tipo", "orden", "municipio", "activo"],
        objetos_publicos=lambda: SujetoObligado.objects.activos(),
        url=lambda v: f"/sujetos-obligados/{v.slug}/",
        titulo=lambda v: v.nombre,
        ambitos={"sujeto": lambda qs, sujeto: qs.filter(id=sujeto.pk)},
        pertenencia={"sujeto": "id"},
    ),
]


# Filas por trozo al transmitir el conjunto «cambios»: memoria plana y, como ``titulo`` y
# ``url`` vienen en la misma fila, una consulta por modelo (en trozos), nunca una por fila.
TAMANO_TROZO = 2000


def versiones_publicas_en_flujo():
    """Cada versión pública de cada registro público, con sus campos públicos (para datos)."""
    import json

    for seguible in seguibles():
        ids_publicos = seguible.objetos_publicos().values("pk")
        consulta = seguible.preparar(
            seguible.versiones_publicas(seguible.modelo.history.all()).filter(id__in=ids_publicos)
        ).order_by("history_date", "history_id")
        for version in consulta.iterator(chunk_size=TAMANO_TROZO):
            valores = {}
            for nombre in seguible.campos_publicos:
                campo = seguible.modelo._meta.get_field(nombre)
                valor = getattr(version, campo.attname)
                valores[nombre] = valor.isoformat() if hasattr(valor, "isoformat") else valor
            yield [
                seguible.clave,
                version.id,
                version.history_id,
                version.history_date.isoformat(),
                version.history_type,
                seguible.titulo(version),
                seguible.url(version),
                json.dumps(valores, ensure_ascii=False, default=str),
            ]
