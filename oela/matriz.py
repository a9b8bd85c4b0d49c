"""La Matriz de Programación: lectura, validación completa y plan de cambios; exportación.

La matriz tiene una fila por acción (o por línea aún sin acciones) con las columnas de
``COLUMNAS``. Las celdas de Objetivo, Estrategia, Línea de acción y (opcionalmente) Acción
llevan la clave antes del texto: ``1 Fomentar…``, ``1.1. Impulsar…``, ``1.1.1.Revisar…``.

``planear`` revisa el archivo completo y junta *todos* los errores antes de escribir nada;
``importacion.importar_matriz`` lo lleva por la tubería común y ``services.matriz_aplicar`` lo
aplica dentro de una transacción.
"""

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from cocreacion.comun.importacion import ErrorDeFila, ErrorDeImportacion, Tabla

from .models import MESES

COL_NUMERO = "Nº"
COL_OBJETIVO = "Objetivo"
COL_ESTRATEGIA = "Estrategia"
COL_LINEA = "Línea de Acción"
COL_ACCION = "Acción"
COL_META = "Meta"
COL_UNIDAD = "Unidad de medida"
COL_INDICADOR = "Indicador"
COL_MEDIO = "Medio de verificación"
COL_RESPONSABLE = "Responsable"
COLUMNAS_ARBOL = [COL_NUMERO, COL_OBJETIVO, COL_ESTRATEGIA, COL_LINEA]
COLUMNAS = [
    *COLUMNAS_ARBOL,
    COL_ACCION,
    COL_META,
    COL_UNIDAD,
    COL_INDICADOR,
    COL_MEDIO,
    COL_RESPONSABLE,
    *[encabezado for _campo, encabezado in MESES],
]
# campo del modelo Accion → columna de la matriz
CAMPOS_ACCION = {
    "descripcion": COL_ACCION,
    "meta": COL_META,
    "unidad_medida": COL_UNIDAD,
    "indicador": COL_INDICADOR,
    "medio_verificacion": COL_MEDIO,
    "responsable": COL_RESPONSABLE,
    **dict(MESES),
}

_CLAVE = re.compile(r"^(\d{1,3}(?:\.\d{1,3})*)\.?(?=\s|$|[^\d.])\s*(.*)$", re.S)
_OTRA_LINEA = re.compile(r"(?:^|\s)(\d{1,3}\.\d{1,3}\.\d{1,3})\.?\s*[^\W\d_]", re.S)
NIVELES = {1: _("objetivo"), 2: _("estrategia"), 3: _("línea de acción"), 4: _("acción")}


def normalizar(texto) -> str:
    return re.sub(r"\s+", " ", str(texto or "")).strip()


def separar_clave(celda) -> tuple[str, str] | None:
    """``"1.1.1.Revisar…"`` → ``("1.1.1", "Revisar…")``; ``None`` si no empieza con clave."""
    m = _CLAVE.match(normalizar(celda))
    if not m:
        return None
    return m.group(1), m.group(2).strip()


def celda_con_clave(clave: str, texto: str) -> str:
    """Formato de exportación: el objetivo como en la matriz original («1 Texto»), los demás
    niveles con punto final en la clave («1.1. Texto»)."""
    return f"{clave} {texto}" if "." not in clave else f"{clave}. {texto}"


@dataclass
class FilaAccion:
    fila: int
    numero: str
    linea: str
    clave: str | None
    valores: dict


@dataclass
class Contenido:
    """Lo que dice el archivo, ya validado: textos por clave y acciones por línea."""

    objetivos: dict = field(default_factory=dict)
    estrategias: dict = field(default_factory=dict)
    lineas: dict = field(default_factory=dict)
    acciones: list = field(default_factory=list)
    filas: int = 0


def _vacio(valor) -> bool:
    return valor is None or (isinstance(valor, str) and not valor.strip())


def _entero(valor, *, fila, numero, columna, errores, requerido=False, minimo=0):
    if _vacio(valor):
        if requerido:
            errores.append(_falta(fila, numero, columna))
        return 0
    if isinstance(valor, bool):
        valor = str(valor)
    if isinstance(valor, float) and valor.is_integer():
        return int(valor)
    if isinstance(valor, int):
        numero_leido = valor
    else:
        texto = normalizar(valor).replace(",", "")
        if texto.endswith(".0"):
            texto = texto[:-2]
        if not texto.isdigit():
            errores.append(
                ErrorDeFila(
                    _("«%(v)s» no es una cantidad entera.") % {"v": normalizar(valor)},
                    fila=fila,
                    columna=columna,
                    referencia=_ref(numero),
                )
            )
            return 0
        numero_leido = int(texto)
    if numero_leido < minimo:
        errores.append(
            ErrorDeFila(
                _("La cantidad debe ser de al menos %(m)s.") % {"m": minimo},
                fila=fila,
                columna=columna,
                referencia=_ref(numero),
            )
        )
    return numero_leido


def _ref(numero) -> str:
    return _("Nº %(n)s") % {"n": numero} if numero not in (None, "") else _("sin Nº")


def _falta(fila, numero, columna) -> ErrorDeFila:
    return ErrorDeFila(
        _("La celda está vacía y es obligatoria."),
        fila=fila,
        columna=columna,
        referencia=_ref(numero),
    )


def _leer_nivel(celda, *, nivel, fila, numero, columna, errores, padre=None):
    """Valida una celda con clave; devuelve ``(clave, texto)`` o ``None`` si hay error."""
    if _vacio(celda):
        errores.append(_falta(fila, numero, columna))
        return None
    partes = separar_clave(celda)
    if partes is None:
        errores.append(
            ErrorDeFila(
                _(
                    "La celda no empieza con una clave (%(ej)s); ¿están recorridas las columnas?"
                    " Contenido: «%(c)s»."
                )
                % {"ej": ".".join(["1"] * nivel), "c": normalizar(celda)[:60]},
                fila=fila,
                columna=columna,
                referencia=_ref(numero),
            )
        )
        return None
    clave, texto = partes
    profundidad = clave.count(".") + 1
    if profundidad != nivel:
        errores.append(
            ErrorDeFila(
                _(
                    "La clave «%(c)s» es de un(a) %(tiene)s, no de un(a) %(debe)s; "
                    "¿están recorridas las columnas?"
                )
                % {
                    "c": clave,
                    "tiene": NIVELES.get(profundidad, _("nivel desconocido")),
                    "debe": NIVELES[nivel],
                },
                fila=fila,
                columna=columna,
                referencia=_ref(numero),
            )
        )
        return None
    if not texto:
        errores.append(
            ErrorDeFila(
                _(
                    "La celda trae la clave «%(c)s» pero no su texto; "
                    "¿están recorridas las columnas?"
                )
                % {"c": clave},
                fila=fila,
                columna=columna,
                referencia=_ref(numero),
            )
        )
        return None
    if padre is not None and not clave.startswith(padre + "."):
        errores.append(
            ErrorDeFila(
                _("La %(nivel)s «%(c)s» no pertenece a la %(padre_nivel)s «%(p)s» de su fila.")
                % {
                    "nivel": NIVELES[nivel],
                    "c": clave,
                    "padre_nivel": NIVELES[nivel - 1],
                    "p": padre,
                }
                if nivel > 2
                else _("La estrategia «%(c)s» está fuera de su objetivo «%(p)s».")
                % {"c": clave, "p": padre},
                fila=fila,
                columna=columna,
                referencia=_ref(numero),
            )
        )
        return None
    if nivel == 3 and (otra := _OTRA_LINEA.search(texto)):
        errores.append(
            ErrorDeFila(
                _(
                    "La celda contiene varias líneas de acción («%(c)s» y «%(o)s»); "
                    "ponga cada una en su propia fila."
                )
                % {"c": clave, "o": otra.group(1)},
                fila=fila,
                columna=columna,
                referencia=_ref(numero),
            )
        )
        return None
    return clave, texto


def leer_contenido(tabla: Tabla) -> Contenido:
    """Valida toda la tabla; lanza ``ErrorDeImportacion`` con todos los errores encontrados."""
    errores: list[ErrorDeFila] = []
    presentes = {e.casefold(): e for e in tabla.encabezados}
    faltantes = [c for c in COLUMNAS if c.casefold() not in presentes]
    for c in faltantes:
        errores.append(
            ErrorDeFila(
                _("Falta la columna «%(c)s» en la fila de encabezados.") % {"c": c},
                fila=1,
                columna=c,
            )
        )
    if any(c in faltantes for c in COLUMNAS_ARBOL):
        raise ErrorDeImportacion(errores, archivo=tabla.archivo)

    def celda(registro, columna):
        nombre = presentes.get(columna.casefold())
        return registro.get(nombre) if nombre else None

    contenido = Contenido(filas=len(tabla.filas))
    textos: dict[str, tuple[str, int, str]] = {}  # clave → (texto, fila, columna)
    numeros: dict[str, int] = {}
    claves_accion: dict[str, int] = {}
    for fila, registro in tabla.filas:
        numero_celda = celda(registro, COL_NUMERO)
        numero = normalizar(numero_celda)
        if isinstance(numero_celda, float) and numero_celda.is_integer():
            numero = str(int(numero_celda))
        if registro.get("__sobrantes__"):
            errores.append(
                ErrorDeFila(
                    _(
                        "Hay datos a la derecha de la última columna; "
                        "¿están recorridas las columnas?"
                    ),
                    fila=fila,
                    columna=_("después de «%(c)s»") % {"c": tabla.encabezados[-1]},
                    referencia=_ref(numero),
                )
            )
        if not numero:
            errores.append(_falta(fila, numero, COL_NUMERO))
        elif numero in numeros:
            errores.append(
                ErrorDeFila(
                    _("El Nº %(n)s se repite: ya apareció en la fila %(f)s.")
                    % {"n": numero, "f": numeros[numero]},
                    fila=fila,
                    columna=COL_NUMERO,
                    referencia=_ref(numero),
                )
            )
        else:
            numeros[numero] = fila
        comunes = {"fila": fila, "numero": numero, "errores": errores}
        obj = _leer_nivel(celda(registro, COL_OBJETIVO), nivel=1, columna=COL_OBJETIVO, **comunes)
        est = _leer_nivel(
            celda(registro, COL_ESTRATEGIA),
            nivel=2,
            columna=COL_ESTRATEGIA,
            padre=obj[0] if obj else None,
            **comunes,
        )
        lin = _leer_nivel(
            celda(registro, COL_LINEA),
            nivel=3,
            columna=COL_LINEA,
            padre=est[0] if est else None,
            **comunes,
        )
        for par, destino, columna in (
            (obj, contenido.objetivos, COL_OBJETIVO),
            (est, contenido.estrategias, COL_ESTRATEGIA),
            (lin, contenido.lineas, COL_LINEA),
        ):
            if par is None:
                continue
            clave, texto = par
            previo = textos.get(clave)
            if previo and previo[0] != texto:
                errores.append(
                    ErrorDeFila(
                        _(
                            "La clave «%(c)s» tiene dos textos distintos: en la fila %(f)s dice "
                            "«%(a)s…» y aquí «%(b)s…»."
                        )
                        % {"c": clave, "f": previo[1], "a": previo[0][:50], "b": texto[:50]},
                        fila=fila,
                        columna=columna,
                        referencia=_ref(numero),
                    )
                )
            elif not previo:
                textos[clave] = (texto, fila, columna)
                destino[clave] = texto
        accion_celda = celda(registro, COL_ACCION)
        otras = [c for c in CAMPOS_ACCION.values() if c != COL_ACCION]
        if _vacio(accion_celda):
            if any(not _vacio(celda(registro, c)) and c not in faltantes for c in otras):
                errores.append(_falta(fila, numero, COL_ACCION))
            continue
        if faltantes:
            continue
        clave_accion, descripcion = None, normalizar(accion_celda)
        partes = separar_clave(accion_celda)
        if partes and partes[0].count(".") == 3 and partes[1]:
            clave_accion, descripcion = partes
            if lin and not clave_accion.startswith(lin[0] + "."):
                errores.append(
                    ErrorDeFila(
                        _("La acción «%(c)s» no pertenece a la línea de acción «%(l)s» de su fila.")
                        % {"c": clave_accion, "l": lin[0]},
                        fila=fila,
                        columna=COL_ACCION,
                        referencia=_ref(numero),
                    )
                )
            elif clave_accion in claves_accion:
                errores.append(
                    ErrorDeFila(
                        _("La acción «%(c)s» se repite: ya apareció en la fila %(f)s.")
                        % {"c": clave_accion, "f": claves_accion[clave_accion]},
                        fila=fila,
                        columna=COL_ACCION,
                        referencia=_ref(numero),
                    )
                )
            claves_accion[clave_accion] = fila
        valores = {"descripcion": descripcion}
        valores["meta"] = _entero(
            celda(registro, COL_META), columna=COL_META, requerido=True, minimo=1, **comunes
        )
        unidad = normalizar(celda(registro, COL_UNIDAD))
        if not unidad:
            errores.append(_falta(fila, numero, COL_UNIDAD))
        valores["unidad_medida"] = unidad
        for campo, columna in (
            ("indicador", COL_INDICADOR),
            ("medio_verificacion", COL_MEDIO),
            ("responsable", COL_RESPONSABLE),
        ):
            valores[campo] = normalizar(celda(registro, columna))
        for campo, columna in MESES:
            valores[campo] = _entero(celda(registro, columna), columna=columna, **comunes)
        if lin:
            contenido.acciones.append(
                FilaAccion(
                    fila=fila, numero=numero, linea=lin[0], clave=clave_accion, valores=valores
                )
            )
    if errores:
        raise ErrorDeImportacion(errores, archivo=tabla.archivo)
    return contenido


def filas_de_exportacion(arbol) -> list[list]:
    """Filas de la matriz (sin encabezado) a partir de ``selectors.arbol_del_programa``."""
    filas = []
    numero = 0
    for objetivo in arbol.objetivos:
        for estrategia in objetivo.estrategias_cargadas:
            for linea in estrategia.lineas_cargadas:
                base = [
                    celda_con_clave(objetivo.clave, objetivo.texto),
                    celda_con_clave(estrategia.clave, estrategia.texto),
                    celda_con_clave(linea.clave, linea.texto),
                ]
                if not linea.acciones_cargadas:
                    numero += 1
                    filas.append([numero, *base, *[""] * (len(COLUMNAS) - 4)])
                for accion in linea.acciones_cargadas:
                    numero += 1
                    filas.append(
                        [
                            numero,
                            *base,
                            celda_con_clave(accion.clave, accion.descripcion),
                            accion.meta,
                            accion.unidad_medida,
                            accion.indicador,
                            accion.medio_verificacion,
                            accion.responsable,
                            *accion.calendario,
                        ]
                    )
    return filas
