"""Escrituras con reglas del programa anual. El admin, los comandos y las vistas llaman aquí.

Cada función recibe argumentos por nombre y ``actor`` (la persona que actúa), valida con
``full_clean`` dentro de una transacción y deja la versión en el historial a su nombre.
"""

import csv
import io
from types import SimpleNamespace

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cocreacion.comun.formulas import neutralizar_fila
from cocreacion.comun.historial import guardar
from cocreacion.comun.importacion import ErrorDeFila, ErrorDeImportacion
from cocreacion.operacion.cache_paginas import invalidar as invalidar_paginas

from .matriz import CAMPOS_ACCION, COLUMNAS, filas_de_exportacion
from .models import (
    MESES,
    Accion,
    EstadoPrograma,
    Estrategia,
    LineaAccion,
    Objetivo,
    Programa,
    Requerimiento,
)
from .models import Avance as AvanceModelo
from .permissions import puede_publicar
from .selectors import arbol_del_programa

# Transiciones permitidas del estado de un programa.
TRANSICIONES = {
    EstadoPrograma.BORRADOR: {EstadoPrograma.PUBLICADO},
    EstadoPrograma.PUBLICADO: {EstadoPrograma.CERRADO, EstadoPrograma.BORRADOR},
    EstadoPrograma.CERRADO: {EstadoPrograma.PUBLICADO},
}


def _exigir_permiso_publicar(actor):
    if not puede_publicar(actor):
        raise PermissionDenied(
            _("Sólo la Coordinación puede publicar, retirar o cerrar programas.")
        )


@transaction.atomic
def programa_cambiar_estado(*, programa: Programa, estado: str, actor) -> Programa:
    """Cambia el estado siguiendo ``TRANSICIONES``; requiere el permiso de publicar."""
    _exigir_permiso_publicar(actor)
    programa = Programa.objects.select_for_update().get(pk=programa.pk)
    actual = EstadoPrograma(programa.estado)
    nuevo = EstadoPrograma(estado)
    if nuevo == actual:
        return programa
    if nuevo not in TRANSICIONES[actual]:
        raise ValidationError(
            _("Un programa en estado «%(a)s» no puede pasar a «%(n)s».")
            % {"a": actual.label, "n": nuevo.label}
        )
    if (
        nuevo == EstadoPrograma.PUBLICADO
        and not Objetivo.objects.filter(programa=programa).exists()
    ):
        raise ValidationError(_("No se puede publicar un programa sin objetivos."))
    programa.estado = nuevo
    return guardar(programa, actor=actor, motivo=f"Estado: {actual.label} → {nuevo.label}")


def programa_publicar(*, programa: Programa, actor) -> Programa:
    return programa_cambiar_estado(programa=programa, estado=EstadoPrograma.PUBLICADO, actor=actor)


def programa_cerrar(*, programa: Programa, actor) -> Programa:
    return programa_cambiar_estado(programa=programa, estado=EstadoPrograma.CERRADO, actor=actor)


@transaction.atomic
def programa_guardar(*, programa: Programa, actor, estado_anterior: str | None = None) -> Programa:
    """Guarda los datos generales; un cambio de estado exige el permiso de publicar."""
    if estado_anterior is None:
        if programa.pk:
            estado_anterior = Programa.objects.get(pk=programa.pk).estado
        else:
            estado_anterior = EstadoPrograma.BORRADOR
    if programa.estado != estado_anterior:
        _exigir_permiso_publicar(actor)
        if EstadoPrograma(programa.estado) not in TRANSICIONES[EstadoPrograma(estado_anterior)]:
            raise ValidationError(_("Ese cambio de estado no está permitido."))
    return guardar(programa, actor=actor)


@transaction.atomic
def programa_clonar(*, programa: Programa, anio: int, actor) -> Programa:
    """Copia la estructura (objetivos, estrategias, líneas con su alineación, acciones con su
    calendario y requerimientos) a un programa nuevo en borrador; los avances y actividades
    no se copian."""
    if not (actor and actor.has_perm("oela.add_programa")):
        raise PermissionDenied(_("Sólo el personal de la DGA crea programas."))
    if Programa.objects.filter(anio=anio).exists():
        raise ValidationError(_("Ya existe un programa para %(a)s.") % {"a": anio})
    motivo = f"Copia del programa {programa.anio}"
    nuevo = Programa(
        anio=anio,
        titulo=programa.titulo,
        area=programa.area,
        presentacion=programa.presentacion,
        introduccion=programa.introduccion,
        objetivo_general=programa.objetivo_general,
        estado=EstadoPrograma.BORRADOR,
    )
    guardar(nuevo, actor=actor, motivo=motivo)
    objetivos = Objetivo.objects.filter(programa=programa).prefetch_related(
        "estrategias__lineas__disposiciones",
        "estrategias__lineas__metas_ods",
        "estrategias__lineas__acciones",
    )
    campos_accion = [
        "numero",
        "descripcion",
        "meta",
        "unidad_medida",
        "indicador",
        "medio_verificacion",
        "responsable",
        "peso",
        *[m for m, _e in MESES],
    ]
    for objetivo in objetivos:
        o = guardar(
            Objetivo(
                programa=nuevo,
                numero=objetivo.numero,
                eje_problematico=objetivo.eje_problematico,
                problematica=objetivo.problematica,
                texto=objetivo.texto,
                enunciado_especifico=objetivo.enunciado_especifico,
                peso=objetivo.peso,
            ),
            actor=actor,
            motivo=motivo,
        )
        for estrategia in objetivo.estrategias.all():
            e = guardar(
                Estrategia(
                    objetivo=o,
                    numero=estrategia.numero,
                    texto=estrategia.texto,
                    peso=estrategia.peso,
                ),
                actor=actor,
                motivo=motivo,
            )
            for linea in estrategia.lineas.all():
                nueva_linea = guardar(
                    LineaAccion(
                        estrategia=e,
                        numero=linea.numero,
                        texto=linea.texto,
                        peso=linea.peso,
                        # La alineación copiada conserva su origen: si era lectura de la DGA,
                        # lo sigue siendo en el programa nuevo.
                        origen_alineacion=linea.origen_alineacion,
                        fuente_alineacion=linea.fuente_alineacion,
                    ),
                    actor=actor,
                    motivo=motivo,
                )
                nueva_linea.disposiciones.set(linea.disposiciones.all())
                nueva_linea.metas_ods.set(linea.metas_ods.all())
                for accion in linea.acciones.all():
                    copia = Accion(
                        linea=nueva_linea, **{c: getattr(accion, c) for c in campos_accion}
                    )
                    guardar(copia, actor=actor, motivo=motivo)
    for req in Requerimiento.objects.filter(programa=programa):
        guardar(
            Requerimiento(
                programa=nuevo,
                tipo=req.tipo,
                descripcion=req.descripcion,
                cantidad=req.cantidad,
                estado=req.estado,
                orden=req.orden,
            ),
            actor=actor,
            motivo=motivo,
        )
    return nuevo


@transaction.atomic
def avance_registrar(
    *,
    accion: Accion,
    mes: int,
    realizado: int,
    actor,
    comentario: str = "",
    enlace: str = "",
    evidencia=None,
) -> AvanceModelo:
    """Registra (o corrige) lo realizado de una acción en un mes.

    No se registran avances en programas en borrador ni cerrados.
    """
    programa = accion.linea.estrategia.objetivo.programa
    if programa.estado != EstadoPrograma.PUBLICADO:
        raise ValidationError(
            _("Sólo se registran avances en programas publicados (este está «%(e)s»).")
            % {"e": programa.get_estado_display()}
        )
    avance = AvanceModelo.objects.filter(accion=accion, mes=mes).first() or AvanceModelo(
        accion=accion, mes=mes
    )
    avance.realizado = realizado
    avance.comentario = comentario
    avance.enlace_evidencia = enlace
    if evidencia:
        avance.evidencia = evidencia
    return guardar(avance, actor=actor, motivo=f"Avance de {accion.clave}")


# ── Matriz de Programación ──────────────────────────────────────────────────────────────


def _difiere(instancia, valores: dict) -> list[str]:
    return [campo for campo, valor in valores.items() if getattr(instancia, campo) != valor]


@transaction.atomic
def matriz_aplicar(
    *, programa: Programa, contenido, actor, archivo: str
) -> tuple[list[str], list[str]]:
    """Aplica al programa la matriz ya validada (``matriz.leer_contenido``): todo o nada.

    Crea o actualiza objetivos, estrategias, líneas y acciones por su clave; nunca borra.
    Devuelve qué se creó y qué cambió. Lanza ``ErrorDeImportacion`` si el programa está
    cerrado o si algún registro no pasa ``full_clean``. La importación completa (leer,
    validar, ensayo) es ``oela.importacion.importar_matriz``.
    """
    if programa.estado == EstadoPrograma.CERRADO:
        raise ErrorDeImportacion(
            [
                ErrorDeFila(
                    _("El programa %(a)s está cerrado: no admite cambios.") % {"a": programa.anio}
                )
            ],
            archivo=archivo,
        )
    cambios = SimpleNamespace(creados=[], cambiados=[])
    _aplicar(programa, contenido, cambios, actor=actor, nombre_archivo=archivo)
    return cambios.creados, cambios.cambiados


def meses_que_no_suman_la_meta(contenido) -> list[str]:
    """Acciones cuya programación mensual no suma su meta: se avisa, no se impide (una meta
    puede cumplirse fuera del calendario), para que quien importa lo revise antes de confirmar."""
    avisos = []
    for fa in contenido.acciones:
        meta = fa.valores.get("meta")
        suma = sum(fa.valores.get(campo) or 0 for campo, _columna in MESES)
        if meta is not None and suma != meta:
            avisos.append(
                _("Fila %(f)s (Nº %(n)s): los meses suman %(s)s y la meta es %(m)s.")
                % {"f": fa.fila, "n": fa.numero, "s": suma, "m": meta}
            )
    return avisos


def _aplicar(programa, contenido, resultado, *, actor, nombre_archivo):
    from simple_history.utils import bulk_create_with_history, bulk_update_with_history

    motivo = f"Importación de matriz {nombre_archivo}"[:100]
    arbol = arbol_del_programa(programa, con_alineacion=False)
    errores: list[ErrorDeFila] = []

    def validar(instancia, fila=None, columnas=None):
        try:
            instancia.full_clean(
                exclude=[
                    c
                    for c in ("programa", "objetivo", "estrategia", "linea")
                    if hasattr(instancia, c + "_id")
                ],
                validate_unique=False,
                validate_constraints=False,
            )
        except ValidationError as exc:
            for campo, mensajes in exc.message_dict.items():
                errores.append(
                    ErrorDeFila(
                        " ".join(mensajes),
                        fila=fila,
                        columna=(columnas or {}).get(campo, campo),
                    )
                )

    def escribir(modelo, nuevos, cambiados, campos):
        if errores or not (nuevos or cambiados):
            return
        if nuevos:
            bulk_create_with_history(
                nuevos, modelo, default_user=actor, default_change_reason=motivo
            )
        if cambiados:
            bulk_update_with_history(
                cambiados, modelo, campos, default_user=actor, default_change_reason=motivo
            )
        invalidar_paginas()  # las escrituras por lotes no disparan señales

    def nivel(modelo, existentes, textos, *, nombre, columna, crear):
        """Objetivos, estrategias o líneas: alta de las claves nuevas y cambio de texto del resto.

        ``crear(clave, texto)`` arma la instancia nueva con su padre ya resuelto.
        """
        por_clave = {n.clave: n for n in existentes}
        nuevos, cambiados = [], []
        for clave, texto in textos.items():
            if clave in por_clave:
                if por_clave[clave].texto != texto:
                    por_clave[clave].texto = texto
                    cambiados.append(por_clave[clave])
                    resultado.cambiados.append(_("%(n)s %(c)s (texto)") % {"n": nombre, "c": clave})
                continue
            instancia = crear(clave, texto)
            validar(instancia, columnas={"texto": columna})
            por_clave[clave] = instancia
            nuevos.append(instancia)
            resultado.creados.append(_("%(n)s %(c)s") % {"n": nombre, "c": clave})
        escribir(modelo, nuevos, cambiados, ["texto"])
        return por_clave

    def hijo(modelo, padres, campo_padre):
        def crear(clave, texto):
            padre, numero = clave.rsplit(".", 1)
            return modelo(**{campo_padre: padres[padre]}, numero=int(numero), texto=texto)

        return crear

    def nueva_linea(clave, texto):
        linea = hijo(LineaAccion, estrategias, "estrategia")(clave, texto)
        linea.acciones_cargadas = []
        return linea

    objetivos = nivel(
        Objetivo,
        arbol.objetivos,
        contenido.objetivos,
        nombre=_("objetivo"),
        columna="Objetivo",
        crear=lambda clave, texto: Objetivo(programa=programa, numero=int(clave), texto=texto),
    )
    estrategias = nivel(
        Estrategia,
        arbol.estrategias,
        contenido.estrategias,
        nombre=_("estrategia"),
        columna="Estrategia",
        crear=hijo(Estrategia, objetivos, "objetivo"),
    )
    lineas = nivel(
        LineaAccion,
        arbol.lineas,
        contenido.lineas,
        nombre=_("línea"),
        columna="Línea de Acción",
        crear=nueva_linea,
    )

    # Acciones: por clave si la trae; si no, por su descripción dentro de la línea.
    nuevos, cambiados = [], []
    campos_cambiados: set[str] = set()
    por_clave = {a.clave: a for li in lineas.values() for a in li.acciones_cargadas}
    siguiente: dict[str, int] = {
        c: max([a.numero for a in li.acciones_cargadas] or [0]) for c, li in lineas.items()
    }
    for fa in contenido.acciones:
        if fa.clave:
            siguiente[fa.linea] = max(siguiente[fa.linea], int(fa.clave.rsplit(".", 1)[1]))
    for fa in contenido.acciones:
        linea = lineas[fa.linea]
        existente = por_clave.get(fa.clave) if fa.clave else None
        if existente is None and not fa.clave:
            existente = next(
                (a for a in linea.acciones_cargadas if a.descripcion == fa.valores["descripcion"]),
                None,
            )
        if existente is not None:
            diferencias = _difiere(existente, fa.valores)
            if diferencias:
                for campo in diferencias:
                    setattr(existente, campo, fa.valores[campo])
                validar(existente, fila=fa.fila, columnas=CAMPOS_ACCION)
                campos_cambiados.update(diferencias)
                cambiados.append(existente)
                resultado.cambiados.append(
                    _("acción %(c)s (%(campos)s)")
                    % {
                        "c": existente.clave,
                        "campos": ", ".join(CAMPOS_ACCION[c] for c in diferencias),
                    }
                )
            continue
        if fa.clave:
            numero = int(fa.clave.rsplit(".", 1)[1])
        else:
            siguiente[fa.linea] += 1
            numero = siguiente[fa.linea]
        accion = Accion(linea=linea, numero=numero, **fa.valores)
        validar(accion, fila=fa.fila, columnas=CAMPOS_ACCION)
        nuevos.append(accion)
        resultado.creados.append(_("acción %(c)s") % {"c": f"{fa.linea}.{numero}"})
    escribir(Accion, nuevos, cambiados, sorted(campos_cambiados))
    if errores:
        raise ErrorDeImportacion(errores, archivo=nombre_archivo)


def matriz_exportar(*, programa: Programa, formato: str) -> bytes:
    """La matriz del programa como ``xlsx`` o ``csv`` (UTF-8 con BOM, para Excel)."""
    # Un texto importado que empieza con «=» no debe ejecutarse en la hoja de quien descarga.
    filas = [
        neutralizar_fila(f)
        for f in filas_de_exportacion(arbol_del_programa(programa, con_alineacion=False))
    ]
    if formato == "csv":
        salida = io.StringIO(newline="")
        escritor = csv.writer(salida)
        escritor.writerow(COLUMNAS)
        escritor.writerows(filas)
        return ("\ufeff" + salida.getvalue()).encode("utf-8")
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    libro = Workbook(write_only=False)
    hoja = libro.active
    hoja.title = f"Matriz {programa.anio}"
    hoja.append(COLUMNAS)
    for celda in hoja[1]:
        celda.font = Font(bold=True)
    for fila in filas:
        hoja.append(fila)
    for columna, ancho in zip("ABCDEFGHIJ", [6, 40, 40, 50, 50, 8, 16, 30, 30, 20], strict=True):
        hoja.column_dimensions[columna].width = ancho
    for fila in hoja.iter_rows(min_row=2, max_col=5):
        for celda in fila:
            celda.alignment = Alignment(wrap_text=True, vertical="top")
    hoja.freeze_panes = "B2"
    salida = io.BytesIO()
    libro.save(salida)
    return salida.getvalue()
