"""Historial público de cambios: qué cambió, en qué registro público y cuándo.

Sale de django-simple-history, restringido a campos públicos y a versiones que eran públicas
(un borrador nunca aparece, ni antes ni después de publicarse). Cada app declara en su
``publicacion.py`` una lista ``SEGUIBLES`` de ``Seguible``; el núcleo declara los suyos aquí.
Lo usan la página ``/cambios/``, los canales Atom y el conjunto de datos «cambios».

Todo se lee del registro público de cambios (``CambioPublico``): cada versión nueva del
historial se evalúa al crearse con estas mismas reglas (``registrar_versiones``) y, si es
pública, queda como una fila. Leer los cambios más recientes es entonces leer las primeras filas
de una tabla ordenada, sin recorrer el historial de cada tipo (340 ms a escala 1 de la otra
forma). Los canales por registro (un sujeto, un programa, un compromiso) y los resúmenes por
correo leen las filas de los registros que hoy pertenecen a su ámbito (``pertenencia``): el
canal de un programa a escala 1 bajó de 90 a 36 ms al dejar de comparar versiones del historial
en cada lectura.

El número de consultas no depende del número de filas: cada ``Seguible`` declara lo que sus
``titulo`` y ``url`` leen (``relacionados`` y ``anotaciones``) para traerlo en la misma consulta
que las versiones, y la versión anterior de cada cambio se trae en bloque (una consulta por
modelo), junto con si era pública.
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db.models import Expression, OuterRef, Q, QuerySet, Subquery
from django.utils.translation import gettext_lazy as _

from cocreacion.models import CambioPublico, SujetoObligado
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
    # ``titulo`` y ``url`` reciben versiones de la tabla histórica y sólo pueden leer lo que
    # viene en su fila: sus campos, estas rutas ``select_related`` (las llaves foráneas de
    # simple-history admiten ``select_related``: apuntan a los registros vigentes) y estas
    # anotaciones. Así el historial hace las mismas consultas con 10 filas que con 10,000.
    relacionados: list[str] = field(default_factory=list)
    anotaciones: Callable[[], dict[str, Expression]] = field(default=dict)
    # Ámbitos de los canales por registro y de los resúmenes por correo: nombre del ámbito →
    # ruta, en el modelo vigente, al id del objeto al que pertenece cada registro («id»,
    # «compromiso_id», «hito__compromiso_id», o una relación muchos a muchos: «responsables»).
    # Se lee al consultar: el canal de un sujeto dice los cambios de lo que hoy es suyo.
    pertenencia: dict[str, str] = field(default_factory=dict)

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


def _accion_y_campos(seguible: Seguible, version, publicas: dict) -> tuple[str, list] | None:
    """La acción de la versión y sus campos públicos cambiados (nombre del campo, antes,
    después); ``None`` si sólo cambió algo que no es público."""
    accion = version.history_type
    campos = []
    anterior = None
    if accion == "~" and version._anterior_id is not None:
        anterior = publicas.get(version._anterior_id)
        if anterior is None:
            # La versión anterior era un borrador: esta es la publicación, sin «antes».
            accion = "+"
    if anterior is not None:
        diferencia = version.diff_against(anterior, included_fields=seguible.campos_publicos)
        campos = [(c.field, _texto(c.old), _texto(c.new)) for c in diferencia.changes]
        if not campos:
            return None  # cambió algo que no es público
    return accion, campos


def _con_nombres(seguible: Seguible, campos) -> list[tuple[str, str, str]]:
    """Los campos con el nombre que lee una persona (``verbose_name``)."""
    opciones = seguible.modelo._meta
    return [(str(opciones.get_field(c).verbose_name), a, n) for c, a, n in campos]


def _registros_del_ambito(seguible: Seguible, ambito: str, objeto_ids) -> QuerySet | None:
    """Los registros vigentes del tipo que pertenecen a esos objetos del ámbito; ``None`` si el
    tipo no declara ese ámbito."""
    ruta = seguible.pertenencia.get(ambito)
    if ruta is None:
        return None
    return seguible.modelo._default_manager.filter(**{f"{ruta}__in": list(objeto_ids)})


def _cambio_de_fila(fila: CambioPublico, seguible: Seguible, version) -> Cambio:
    return Cambio(
        fecha=fila.fecha,
        clave=fila.clave,
        tipo=seguible.tipo,
        registro_id=fila.registro_id,
        titulo=seguible.titulo(version),
        url=seguible.url(version),
        accion=fila.accion,
        campos=_con_nombres(seguible, fila.campos),
        version_id=fila.version_id,
    )


# Filas del registro que se leen de una vez al armar resúmenes: memoria acotada aunque una
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
    cambios que muestran ``/cambios/`` y el canal Atom del objeto: las mismas filas del
    registro público, de los registros que hoy pertenecen a cada objeto. Por cada tipo con
    ``pertenencia`` en ese ámbito, por cada trozo de filas: la lectura del trozo, a qué objetos
    pertenece cada registro y sus versiones (título y dirección), sin importar cuántos objetos
    ni cuántas personas los siguen.
    """
    ids = sorted(set(ids))
    if not ids:
        return {}
    por_clave = {s.clave: s for s in seguibles()}
    por_objeto: dict[int, list[Cambio]] = defaultdict(list)
    for seguible in por_clave.values():
        registros = _registros_del_ambito(seguible, ambito, ids)
        if registros is None:
            continue
        filas = CambioPublico.objects.filter(
            clave=seguible.clave,
            registro_id__in=registros.values("pk"),
            fecha__gt=desde,
            fecha__lte=hasta,
        ).order_by("fecha", "version_id")
        trozo = []
        for fila in filas.iterator(chunk_size=TROZO_ENTRE):
            trozo.append(fila)
            if len(trozo) >= TROZO_ENTRE:
                _repartir(seguible, ambito, ids, trozo, por_clave, por_objeto)
                trozo = []
        _repartir(seguible, ambito, ids, trozo, por_clave, por_objeto)
    resultado = {}
    for objeto_id, cambios in por_objeto.items():
        cambios.sort(key=lambda c: (c.fecha, c.version_id, c.clave))
        resultado[objeto_id] = cambios[-limite_por_objeto:]
    return resultado


def _repartir(seguible, ambito, ids, filas, por_clave, por_objeto) -> None:
    """Cada fila del trozo, como ``Cambio``, en la lista de cada objeto al que pertenece."""
    if not filas:
        return
    ruta = seguible.pertenencia[ambito]
    buscados = set(ids)
    duenos: dict[int, set[int]] = defaultdict(set)
    pares = _registros_del_ambito(seguible, ambito, ids).filter(
        pk__in={f.registro_id for f in filas}
    )
    for registro_id, objeto_id in pares.values_list("pk", ruta):
        if objeto_id in buscados:
            duenos[registro_id].add(objeto_id)
    versiones = _versiones_publicas_de(filas, por_clave)
    for fila in filas:
        version = versiones.get((fila.clave, fila.version_id))
        if version is None:
            continue  # el registro ya no es público
        cambio = _cambio_de_fila(fila, seguible, version)
        for objeto_id in duenos.get(fila.registro_id, ()):
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

    def en_el_registro(self) -> Q:
        """Filtro de las filas del registro público que van después de este cursor."""
        return (
            Q(fecha__lt=self.fecha)
            | Q(fecha=self.fecha, version_id__lt=self.version_id)
            | Q(fecha=self.fecha, version_id=self.version_id, clave__lt=self.clave)
        )


def cambios_recientes(
    *,
    limite: int = 50,
    claves: list[str] | None = None,
    ambito: tuple[str, object] | None = None,
    despues_de: Cursor | None = None,
) -> list[Cambio]:
    """Los ``limite`` cambios públicos más recientes, del más nuevo al más viejo.

    Con ``despues_de``, los que siguen a ese cursor (la página siguiente); con ``ambito``
    (nombre, objeto), sólo los de registros que hoy pertenecen a ese objeto.
    """
    por_clave = {s.clave: s for s in seguibles()}
    claves = [c for c in (claves or por_clave) if c in por_clave]
    return _recientes_del_registro(
        limite=limite, por_clave=por_clave, claves=claves, ambito=ambito, despues_de=despues_de
    )


# --- Registro público de cambios -------------------------------------------------------------

# Versiones que se evalúan juntas al llenar el registro (memoria plana con miles de versiones).
TROZO_REGISTRO = 2000
# Filas del registro que se leen de más por si algunas son de registros que ya no son públicos.
MARGEN_LECTURA = 20
# Lecturas de más como máximo cuando muchas filas seguidas son de registros que dejaron de ser
# públicos: acota las consultas de la página.
LECTURAS_MAXIMAS = 3


def _historico(seguible: Seguible):
    """El modelo histórico del tipo (sin pasar por el descriptor, que arma un manager nuevo)."""
    return _modelos_historicos()[seguible.clave]


_CACHE_HISTORICOS: dict = {}


def _modelos_historicos() -> dict:
    if not _CACHE_HISTORICOS:
        for seguible in seguibles():
            _CACHE_HISTORICOS[seguible.clave] = seguible.modelo.history.model
    return _CACHE_HISTORICOS


_CACHE_POR_HISTORICO: dict = {}


def _seguible_de_historico(modelo_historico) -> "Seguible | None":
    """El tipo seguible de un modelo histórico; se llama en cada versión que se guarda."""
    if not _CACHE_POR_HISTORICO:
        for seguible in seguibles():
            _CACHE_POR_HISTORICO[_historico(seguible)] = seguible
    return _CACHE_POR_HISTORICO.get(modelo_historico)


def registrar_versiones(seguible: Seguible, historicos: QuerySet) -> int:
    """Agrega al registro público las versiones públicas de ``historicos``; cuántas agregó.

    Las mismas reglas que la lectura del historial (``versiones_publicas``, la versión anterior
    pública y los campos públicos cambiados), evaluadas con lo que hay en la base al crearse la
    versión. Una versión que entonces no era pública (anterior a la primera publicación de su
    registro o de su padre) no lo será después; lo que sí puede cambiar, que el registro siga
    siendo público y alguna regla sin límite todavía, se revisa otra vez al leer
    (``_versiones_publicas_de``).
    """
    todas = historicos.model._default_manager.all()
    consulta = seguible.versiones_publicas(_con_anterior(historicos)).order_by("history_id")
    agregadas = 0
    trozo = []
    for version in consulta.iterator(chunk_size=TROZO_REGISTRO):
        trozo.append(version)
        if len(trozo) >= TROZO_REGISTRO:
            agregadas += _guardar_trozo(seguible, todas, trozo)
            trozo = []
    if trozo:
        agregadas += _guardar_trozo(seguible, todas, trozo)
    return agregadas


def _guardar_trozo(seguible: Seguible, todas: QuerySet, versiones: list) -> int:
    publicas = _anteriores_publicas(seguible, todas, versiones)
    filas = []
    for version in versiones:
        evaluada = _accion_y_campos(seguible, version, publicas)
        if evaluada is None:
            continue
        accion, campos = evaluada
        filas.append(
            CambioPublico(
                fecha=version.history_date,
                clave=seguible.clave,
                version_id=version.history_id,
                registro_id=version.id,
                accion=accion,
                campos=[list(c) for c in campos],
            )
        )
    CambioPublico.objects.bulk_create(filas, ignore_conflicts=True)
    return len(filas)


def al_crear_version(sender, history_instance, **kwargs):
    """Señal ``post_create_historical_record``: registra la versión si es pública."""
    seguible = _seguible_de_historico(sender)
    if seguible is not None:
        registrar_versiones(
            seguible, sender._default_manager.filter(history_id=history_instance.history_id)
        )


def al_crear_versiones_en_bloque(sender, ids, **kwargs):
    """Señal ``versiones_creadas_en_bloque`` (``cocreacion.comun.historial``)."""
    seguible = _seguible_de_historico(sender)
    if seguible is not None and ids:
        registrar_versiones(seguible, sender._default_manager.filter(history_id__in=ids))


def reconstruir_registro() -> int:
    """Vacía el registro y lo vuelve a llenar con todo el historial; cuántas filas quedaron."""
    CambioPublico.objects.all().delete()
    return sum(registrar_versiones(s, _historico(s)._default_manager.all()) for s in seguibles())


def _filas_del_registro(
    *,
    por_clave: dict,
    claves: list[str],
    ambito: tuple[str, object] | None,
    despues_de: "Cursor | None",
) -> QuerySet:
    """Las filas del registro de esos tipos (y de ese ámbito), de la más nueva a la más vieja."""
    orden = ("-fecha", "-version_id", "-clave")
    if ambito is None:
        filas = CambioPublico.objects.filter(clave__in=claves)
        if despues_de is not None:
            filas = filas.filter(despues_de.en_el_registro())
        return filas.order_by(*orden)
    nombre, objeto = ambito
    partes = []
    for clave in claves:
        registros = _registros_del_ambito(por_clave[clave], nombre, [objeto.pk])
        if registros is None:
            continue
        parte = CambioPublico.objects.filter(clave=clave, registro_id__in=registros.values("pk"))
        if despues_de is not None:
            parte = parte.filter(despues_de.en_el_registro())
        partes.append(parte)
    if not partes:
        return CambioPublico.objects.none()
    if len(partes) == 1:
        return partes[0].order_by(*orden)
    # Una rama por tipo: cada una entra por el índice (tipo, registro) con los registros del
    # ámbito. Con las mismas condiciones unidas por OR, PostgreSQL recorría el registro entero
    # en su orden (70 ms para un programa a escala 1; así, 3 ms).
    return partes[0].union(*partes[1:], all=True).order_by(*orden)


def _recientes_del_registro(
    *,
    limite: int,
    por_clave: dict,
    claves: list[str],
    ambito: tuple[str, object] | None,
    despues_de: "Cursor | None",
) -> list[Cambio]:
    """Los ``limite`` cambios más recientes del registro cuyo registro sigue siendo público.

    Una consulta al registro y, por cada tipo que aparece en lo leído, una con sus versiones
    (con lo que leen ``titulo`` y ``url``) sólo de los registros que hoy son públicos.
    """
    elegidos: list[Cambio] = []
    cursor = despues_de
    for lectura in range(LECTURAS_MAXIMAS):
        # Cada lectura de más es 4 veces mayor: un tramo largo de filas de registros que ya no
        # son públicos (un plan que se despublicó con sus cien compromisos) se salta en pocas
        # consultas. Más de unas 2,500 seguidas dejarían la página corta.
        base = _filas_del_registro(
            por_clave=por_clave, claves=claves, ambito=ambito, despues_de=cursor
        )
        pedidas = (limite - len(elegidos) + MARGEN_LECTURA) * 4**lectura
        filas = list(base[:pedidas])
        versiones = _versiones_publicas_de(filas, por_clave)
        for fila in filas:
            version = versiones.get((fila.clave, fila.version_id))
            if version is None:
                continue  # el registro ya no es público (o la versión ya no existe)
            elegidos.append(_cambio_de_fila(fila, por_clave[fila.clave], version))
            if len(elegidos) >= limite:
                return elegidos
        if len(filas) < pedidas:
            break  # no hay más filas
        ultima = filas[-1]
        cursor = Cursor(fecha=ultima.fecha, version_id=ultima.version_id, clave=ultima.clave)
    return elegidos


def _versiones_publicas_de(filas: list, por_clave: dict) -> dict:
    """(clave, versión) → versión del historial, con lo que leen ``titulo`` y ``url``, sólo de
    registros que hoy son públicos y de versiones que hoy siguen siendo públicas.

    Lo segundo se vuelve a revisar, sobre las pocas versiones leídas, porque una regla puede
    decir otra cosa que al escribirse la versión: un compromiso de un plan sin publicación en
    el historial no tiene límite, pero si el plan se publica después, lo que el compromiso
    tenía antes deja de ser público."""
    grupos: dict[str, list] = {}
    for fila in filas:
        grupos.setdefault(fila.clave, []).append(fila)
    versiones = {}
    for clave, grupo in grupos.items():
        seguible = por_clave[clave]
        publicos = (
            seguible.objetos_publicos().filter(pk__in={f.registro_id for f in grupo}).values("pk")
        )
        consulta = seguible.versiones_publicas(
            _historico(seguible)._default_manager.filter(
                history_id__in=[f.version_id for f in grupo], id__in=publicos
            )
        )
        for version in seguible.preparar(consulta):
            versiones[(clave, version.history_id)] = version
    return versiones


SEGUIBLES_DEL_NUCLEO = [
    Seguible(
        clave="sujetos",
        tipo="Sujeto obligado",
        modelo=SujetoObligado,
        campos_publicos=["nombre", "siglas", "tipo", "orden", "municipio", "activo"],
        objetos_publicos=lambda: SujetoObligado.objects.activos(),
        url=lambda v: f"/sujetos-obligados/{v.slug}/",
        titulo=lambda v: v.nombre,
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
            seguible.versiones_publicas(_historico(seguible)._default_manager.all()).filter(
                id__in=ids_publicos
            )
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
