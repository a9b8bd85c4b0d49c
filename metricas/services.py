"""Escrituras de la Métrica con sus reglas: ediciones, resultados e importación de archivos.

Todas reciben argumentos con nombre y ``actor``; validan, corren en una transacción y dejan
historial a nombre de quien actúa (``cocreacion.comun.historial.guardar`` o
``bulk_create_with_history`` para las importaciones grandes).
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from cocreacion.comun.historial import guardar
from cocreacion.comun.importacion import ErrorDeFila, ErrorDeImportacion
from cocreacion.models import EntidadFederativa, SujetoObligado
from cocreacion.models import normalizar_nombre as normalizar
from cocreacion.operacion.cache_paginas import invalidar as invalidar_paginas

from .lectura import (
    ALIAS,
    TOLERANCIA,
    AvisoCodificacion,
    AvisoReparacion,
    FilaMetrica,
)
from .lectura import sin_espacios as _sin_espacios
from .models import (
    Componente,
    Edicion,
    EntidadComparada,
    IndicadorReferencia,
    Resultado,
    ValorComponente,
)
from .models.ediciones import validar_pesos
from .models.resultados import SUBINDICES, subindice_desde_componentes
from .models.valores import promedio, redondear
from .permissions import puede_publicar, puede_publicar_indicadores

# ---------------------------------------------------------------------------------------------
# Ediciones y resultados capturados a mano
# ---------------------------------------------------------------------------------------------


def _cambia_publicacion(modelo, instancia, campo: str) -> bool:
    """¿Este guardado publica o retira ``instancia``? (uno nuevo ya publicado también cuenta)."""
    nuevo = bool(getattr(instancia, campo))
    if instancia.pk is None:
        return nuevo
    guardado = modelo.objects.filter(pk=instancia.pk).values_list(campo, flat=True).first()
    return bool(guardado) != nuevo


def _motivo_de_publicacion(publicado: bool) -> str:
    return _("Publicación") if publicado else _("Retiro de publicación")


@transaction.atomic
def edicion_guardar(*, edicion: Edicion, actor, componentes: list[Componente] | None = None):
    """Guarda una edición y, si se dan, sus componentes (los pesos de cada subíndice suman 1).

    Publicarla o retirarla exige el permiso de publicar ediciones.
    """
    motivo = _("Edición de la Métrica")
    if _cambia_publicacion(Edicion, edicion, "publicada"):
        if not puede_publicar(actor):
            raise PermissionDenied(_("Sólo la Coordinación de la DGA publica o retira ediciones."))
        motivo = _motivo_de_publicacion(edicion.publicada)
    if componentes is not None:
        validar_pesos(componentes)
    guardar(edicion, actor=actor, motivo=motivo)
    for componente in componentes or []:
        componente.edicion = edicion
        guardar(componente, actor=actor)
    return edicion


@transaction.atomic
def edicion_publicar(*, edicion: Edicion, actor, publicada: bool = True) -> Edicion:
    edicion = Edicion.objects.select_for_update().get(pk=edicion.pk)
    edicion.publicada = publicada
    return edicion_guardar(edicion=edicion, actor=actor)


@transaction.atomic
def indicador_guardar(*, indicador: IndicadorReferencia, actor) -> IndicadorReferencia:
    """Guarda un indicador de referencia; publicarlo o retirarlo exige su permiso."""
    motivo = ""
    if _cambia_publicacion(IndicadorReferencia, indicador, "publicado"):
        if not puede_publicar_indicadores(actor):
            raise PermissionDenied(
                _("Sólo la Coordinación de la DGA publica o retira indicadores de referencia.")
            )
        motivo = _motivo_de_publicacion(indicador.publicado)
    return guardar(indicador, actor=actor, motivo=motivo)


def indicador_publicar(
    *, indicador: IndicadorReferencia, actor, publicado: bool = True
) -> IndicadorReferencia:
    indicador = IndicadorReferencia.objects.get(pk=indicador.pk)
    indicador.publicado = publicado
    return indicador_guardar(indicador=indicador, actor=actor)


@transaction.atomic
def resultado_guardar(
    *,
    resultado: Resultado,
    actor,
    valores_componentes: dict[str, Decimal] | None = None,
    motivo: str = "",
) -> Resultado:
    """Guarda un resultado; deriva T, P e IGA y, con componentes, también sus subíndices.

    ``valores_componentes`` va de clave de componente a valor. Un subíndice cuyos componentes
    tienen todos valor se calcula con los pesos de la edición (lo capturado se ignora).
    """
    valores_componentes = valores_componentes or {}
    componentes = list(resultado.edicion.componentes.all())
    claves = {c.clave for c in componentes}
    desconocidas = sorted(set(valores_componentes) - claves)
    if desconocidas:
        raise ValidationError(
            _("Componentes que no existen en la edición %(a)s: %(c)s.")
            % {"a": resultado.edicion.anio, "c": ", ".join(desconocidas)}
        )
    for subindice in SUBINDICES:
        del_subindice = [c for c in componentes if c.subindice == subindice]
        valores = {
            c.clave: valores_componentes[c.clave]
            for c in del_subindice
            if c.clave in valores_componentes
        }
        derivado = subindice_desde_componentes(del_subindice, valores)
        if derivado is not None:
            setattr(resultado, subindice, derivado)
    guardar(resultado, actor=actor, motivo=motivo)
    if valores_componentes:
        existentes = {v.componente_id: v for v in resultado.componentes.all()}
        for componente in componentes:
            if componente.clave not in valores_componentes:
                continue
            valor = existentes.get(componente.pk) or ValorComponente(
                resultado=resultado, componente=componente
            )
            valor.valor = redondear(Decimal(valores_componentes[componente.clave]))
            guardar(valor, actor=actor, motivo=motivo)
    return resultado


# ---------------------------------------------------------------------------------------------
# Importación de archivos de resultados (forma de BSO.csv)
# ---------------------------------------------------------------------------------------------


@dataclass
class Inconsistencia:
    fila: int
    columna: str
    en_archivo: Decimal
    derivado: Decimal

    def __str__(self):
        return _(
            "Fila %(f)s, columna «%(c)s»: el archivo dice %(a)s y el valor derivado es %(d)s."
        ) % {
            "f": self.fila,
            "c": self.columna,
            "a": f"{self.en_archivo:.4f}",
            "d": f"{self.derivado:.4f}",
        }


@dataclass
class InformeImportacion:
    """Lo que hizo (o haría, en simulación) una importación."""

    archivo: str
    edicion: int
    simulacion: bool = False
    filas: int = 0
    # (fila, nombre en el archivo, nombre en el portal)
    emparejados: list[tuple[int, str, str]] = field(default_factory=list)
    comparadas: list[tuple[int, str, str]] = field(default_factory=list)
    creados: list[tuple[int, str, str]] = field(default_factory=list)
    fuera_del_padron: list[tuple[int, str]] = field(default_factory=list)
    resultados_nuevos: int = 0
    resultados_actualizados: int = 0
    resultados_sin_cambios: int = 0
    codificacion: list[AvisoCodificacion] = field(default_factory=list)
    reparaciones: list[AvisoReparacion] = field(default_factory=list)
    inconsistencias: list[Inconsistencia] = field(default_factory=list)

    @property
    def filas_con_respaldo(self) -> list[int]:
        return [a.fila for a in self.codificacion]

    def resumen(self) -> str:
        prefijo = _("Simulación (no se guardó nada): ") if self.simulacion else ""
        return prefijo + _(
            "%(archivo)s, edición %(ed)s: %(n)s filas; %(emp)s sujetos obligados del padrón de "
            "Oaxaca; %(cmp)s entradas de comparación de otros estados o de la federación ya "
            "existentes y %(cre)s nuevas; resultados nuevos %(nue)s, actualizados %(act)s, "
            "sin cambios %(sin)s; %(rep)s nombres reparados con la tabla de correcciones; "
            "%(cod)s filas leídas como Windows-1252; %(inc)s valores que difieren del derivado "
            "en más de %(tol)s."
        ) % {
            "archivo": self.archivo,
            "ed": self.edicion,
            "n": self.filas,
            "emp": len(self.emparejados),
            "cmp": len(self.comparadas),
            "cre": len(self.creados),
            "nue": self.resultados_nuevos,
            "act": self.resultados_actualizados,
            "sin": self.resultados_sin_cambios,
            "rep": len(self.reparaciones),
            "cod": len(self.codificacion),
            "inc": len(self.inconsistencias),
            "tol": TOLERANCIA,
        }

    def detalle(self) -> list[str]:
        """Líneas para el personal: reparaciones, codificación, inconsistencias y altas."""
        lineas = [str(a) for a in self.reparaciones]
        lineas += [str(a) for a in self.codificacion]
        lineas += [str(i) for i in self.inconsistencias]
        lineas += [
            _(
                "Fila %(f)s: «%(so)s» es de Oaxaca pero no está en el padrón de sujetos "
                "obligados; se guardó como entrada de comparación. Si es sujeto obligado, "
                "agréguelo al padrón y vuelva a importar."
            )
            % {"f": f, "so": so}
            for f, so in self.fuera_del_padron
        ]
        lineas += [
            _("Fila %(f)s: «%(so)s» es «%(n)s» del padrón.") % {"f": f, "so": so, "n": n}
            for f, so, n in self.emparejados
        ]
        lineas += [
            _("Fila %(f)s: se creó la entrada de comparación «%(n)s» (%(so)s).")
            % {"f": f, "so": so, "n": n}
            for f, so, n in self.creados
        ]
        return lineas


PADRON, COMPARADA = "padron", "comparada"


class _Catalogo:
    """Índices en memoria del padrón de Oaxaca y de las entradas de comparación (dos consultas).

    Sólo las filas de Oaxaca se buscan en el padrón; las de otros estados y las federales,
    sólo entre las entradas de comparación.
    """

    def __init__(self):
        self.por_nombre: dict[str, int] = {}
        self.sin_espacios: dict[str, int] = {}
        self.por_municipio: dict[str, int] = {}
        self.nombres: dict[tuple[str, int], str] = {}
        for s in SujetoObligado.objects.values(
            "pk", "nombre", "nombre_normalizado", "municipio__nombre"
        ):
            normal = s["nombre_normalizado"] or normalizar(s["nombre"])
            self.nombres[(PADRON, s["pk"])] = s["nombre"]
            self.por_nombre.setdefault(normal, s["pk"])
            self.sin_espacios.setdefault(_sin_espacios(normal), s["pk"])
            if s["municipio__nombre"]:
                self.por_municipio.setdefault(normalizar(s["municipio__nombre"]), s["pk"])
        self.comparadas: dict[tuple[str, str], int] = {}
        for c in EntidadComparada.objects.values(
            "pk", "nombre", "nombre_normalizado", "entidad_federativa"
        ):
            self.nombres[(COMPARADA, c["pk"])] = c["nombre"]
            normal = c["nombre_normalizado"] or normalizar(c["nombre"])
            self.comparadas.setdefault((c["entidad_federativa"], normal), c["pk"])
            self.comparadas.setdefault((c["entidad_federativa"], _sin_espacios(normal)), c["pk"])

    def buscar(self, entidad: str, nombre: str) -> tuple[str, int] | None:
        """En el padrón (sólo Oaxaca: nombre, sin espacios, municipio, alias) y luego entre
        las entradas de comparación de la misma entidad."""
        normal = normalizar(nombre)
        if entidad == EntidadFederativa.OAXACA:
            alias = ALIAS.get((entidad, normal))
            buscado = normalizar(alias) if alias else normal
            pk = (
                self.por_nombre.get(buscado)
                or self.sin_espacios.get(_sin_espacios(buscado))
                or self.por_municipio.get(buscado)
            )
            if pk:
                return (PADRON, pk)
        pk = self.comparadas.get((entidad, normal)) or self.comparadas.get(
            (entidad, _sin_espacios(normal))
        )
        return (COMPARADA, pk) if pk else None


@transaction.atomic
def resultados_importar(
    *, filas: list[FilaMetrica], edicion: Edicion, actor, informe: InformeImportacion
) -> tuple[list[str], list[str]]:
    """Guarda en la edición las filas ya leídas y validadas (``lectura.leer_archivo``).

    Empareja las filas de Oaxaca con el padrón de sujetos obligados; las de otros estados y
    las federales (y las de Oaxaca que no están en el padrón) son entradas de comparación, que
    se crean si faltan. Nunca crea sujetos obligados. Crea o actualiza cada resultado y anota
    todo en ``informe``; devuelve los nombres (en el archivo) de los resultados nuevos y de los
    actualizados. Todo o nada: ``ErrorDeImportacion`` (errores por fila y columna) sin haber
    escrito nada. La importación completa es ``metricas.importacion.importar_resultados``.
    """
    return _importar(filas, edicion, actor, informe)


def actualizar_estadisticas() -> None:
    """Tras una carga masiva, PostgreSQL necesita estadísticas frescas para planear bien las
    consultas de las páginas (lo que haría autovacuum más tarde). En SQLite no hace falta."""
    if connection.vendor != "postgresql":
        return
    tablas = ", ".join(m._meta.db_table for m in (Resultado, SujetoObligado, EntidadComparada))
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {tablas}")  # noqa: S608


def _clave_de(resultado: Resultado) -> tuple[str, int]:
    if resultado.sujeto_obligado_id:
        return (PADRON, resultado.sujeto_obligado_id)
    return (COMPARADA, resultado.entidad_comparada_id)


def _importar(
    filas: list[FilaMetrica], edicion: Edicion, actor, informe: InformeImportacion
) -> tuple[list[str], list[str]]:
    motivo = _("Importación de la Métrica %(a)s") % {"a": edicion.anio}
    catalogo = _Catalogo()
    previos = {_clave_de(r): r for r in Resultado.objects.filter(edicion=edicion)}
    por_fuente = {r.nombre_en_fuente: clave for clave, r in previos.items()}

    errores: list[ErrorDeFila] = []
    vistos: dict[object, int] = {}
    asignaciones: list[tuple[FilaMetrica, object]] = []  # (fila, clave o entrada nueva)
    nuevas: dict[tuple[str, str], EntidadComparada] = {}
    for fila in filas:
        clave = por_fuente.get(fila.so) or catalogo.buscar(fila.entidad, fila.nombre)
        identidad = clave or ("nueva", fila.entidad, normalizar(fila.nombre))
        if identidad in vistos:
            errores.append(
                ErrorDeFila(
                    _("El organismo «%(n)s» ya aparece en la fila %(f)s de esta edición.")
                    % {"n": fila.so, "f": vistos[identidad]},
                    fila.numero,
                    "SO",
                )
            )
            continue
        vistos[identidad] = fila.numero
        if clave:
            lista = informe.emparejados if clave[0] == PADRON else informe.comparadas
            lista.append((fila.numero, fila.so, catalogo.nombres[clave]))
            asignaciones.append((fila, clave))
            continue
        entrada = EntidadComparada(
            nombre=fila.nombre[:255],
            tipo=fila.tipo,
            orden=fila.orden,
            entidad_federativa=fila.entidad,
            reparacion=fila.reparacion.nota if fila.reparacion else "",
        )
        entrada.nombre_normalizado = normalizar(entrada.nombre)
        try:
            entrada.full_clean(validate_unique=False, validate_constraints=False)
        except ValidationError as exc:
            for campo, mensajes in exc.message_dict.items():
                errores += [ErrorDeFila(m, fila.numero, campo) for m in mensajes]
            continue
        if fila.reparacion:
            entrada._change_reason = (motivo + _("; nombre reparado"))[:100]
        nuevas[(fila.entidad, entrada.nombre_normalizado)] = entrada
        informe.creados.append((fila.numero, fila.so, entrada.nombre))
        if fila.entidad == EntidadFederativa.OAXACA:
            informe.fuera_del_padron.append((fila.numero, fila.so))
        asignaciones.append((fila, entrada))
    for fila, _destino in asignaciones:
        _comparar(fila, informe)
    if errores:
        raise ErrorDeImportacion(errores, archivo=informe.archivo)

    creadas = bulk_create_with_history(
        list(nuevas.values()),
        EntidadComparada,
        batch_size=500,
        default_user=actor,
        default_change_reason=motivo[:100],
    )
    pk_de_nueva = {(c.entidad_federativa, c.nombre_normalizado): c.pk for c in creadas}

    por_crear: list[Resultado] = []
    actualizados: list[str] = []
    for fila, destino in asignaciones:
        if isinstance(destino, EntidadComparada):
            destino = (
                COMPARADA,
                pk_de_nueva[(destino.entidad_federativa, destino.nombre_normalizado)],
            )
        previo = previos.get(destino)
        if previo is None:
            tipo, pk = destino
            resultado = Resultado(
                edicion=edicion,
                sujeto_obligado_id=pk if tipo == PADRON else None,
                entidad_comparada_id=pk if tipo == COMPARADA else None,
                nombre_en_fuente=fila.so[:255],
                **fila.valores,
            ).calcular()
            resultado.full_clean(
                exclude=["edicion", "sujeto_obligado", "entidad_comparada"],
                validate_unique=False,
                validate_constraints=False,
            )
            por_crear.append(resultado)
            continue
        cambios = {
            c: redondear(v) for c, v in fila.valores.items() if getattr(previo, c) != redondear(v)
        }
        if previo.nombre_en_fuente != fila.so[:255]:
            cambios["nombre_en_fuente"] = fila.so[:255]
        if not cambios:
            informe.resultados_sin_cambios += 1
            continue
        for campo, valor in cambios.items():
            setattr(previo, campo, valor)
        actualizados.append(previo.nombre_en_fuente)
        guardar(
            previo,
            actor=actor,
            motivo=motivo,
            excluir_validacion=["edicion", "sujeto_obligado", "entidad_comparada"],
        )
        informe.resultados_actualizados += 1
    bulk_create_with_history(
        por_crear, Resultado, batch_size=500, default_user=actor, default_change_reason=motivo[:100]
    )
    invalidar_paginas()  # bulk_create no dispara señales
    informe.resultados_nuevos = len(por_crear)
    return [r.nombre_en_fuente for r in por_crear], actualizados


def _comparar(fila: FilaMetrica, informe: InformeImportacion) -> None:
    """Compara T, P y GA del archivo (si vienen) con los derivados de TG, TC, PG y PC."""
    v = {c: redondear(x) for c, x in fila.valores.items()}
    t = promedio(v["tg"], v["tc"])
    p = promedio(v["pg"], v["pc"])
    derivados = {"T": t, "P": p, "GA": promedio(t, p)}
    for columna, publicado in fila.publicados.items():
        if abs(publicado - derivados[columna]) > TOLERANCIA:
            informe.inconsistencias.append(
                Inconsistencia(fila.numero, columna, publicado, derivados[columna])
            )
