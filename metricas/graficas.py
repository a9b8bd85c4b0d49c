"""Gráficas SVG generadas en el servidor, sin JavaScript ni recursos externos.

Cada gráfica lleva ``<title>`` y ``<desc>`` (``role="img"``), pinta con atributos de
presentación (``fill``, ``stroke``: sin ``style=""``, compatibles con la CSP estricta y con
WeasyPrint) y no depende sólo del color: los valores van escritos, lo destacado lleva además
trama rayada y texto en negritas, y las series se distinguen por trama y leyenda. Cada página
que muestra una gráfica muestra también su tabla de datos.
"""

from dataclasses import dataclass
from decimal import Decimal
from html import escape as _escapar

from django.utils.safestring import SafeString, mark_safe

TINTA = "#1f2328"
TINTA_SUAVE = "#4a5058"
REJILLA = "#c9c4bb"
MARCA = "#6b1d4f"
ACENTO = "#0b5f55"
CLARO = "#9cc9c2"
FUENTE = "DejaVu Sans, Noto Sans, sans-serif"
# Contorno blanco detrás del texto para que se lea sobre líneas y barras.
HALO = ' stroke="#ffffff" stroke-width="3" paint-order="stroke"'


@dataclass
class Barra:
    etiqueta: str
    valor: Decimal | float | None
    destacada: bool = False


@dataclass
class Serie:
    nombre: str
    valores: list
    trama: str = "solido"  # solido | rayado | punteado


@dataclass
class Punto:
    etiqueta: str
    x: float
    y: float


def escape(texto) -> str:
    """Escapa texto para XML/HTML (rápido: sin la envoltura perezosa de Django)."""
    return _escapar(str(texto), quote=True)


def dos_decimales(valor) -> str:
    """Número con dos decimales, como las tablas oficiales."""
    return "s/d" if valor is None else f"{float(valor):.2f}"


def _recortar(texto: str, largo: int) -> str:
    return texto if len(texto) <= largo else texto[: largo - 1].rstrip() + "…"


def _abrir(id_: str, ancho: int, alto: int, titulo: str, descripcion: str) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="grafica" viewBox="0 0 {ancho} {alto}" '
        f'width="{ancho}" height="{alto}" role="img" '
        f'aria-labelledby="{id_}-titulo {id_}-desc" font-family="{FUENTE}" font-size="12" '
        f'fill="{TINTA}">',
        f'<title id="{id_}-titulo">{escape(titulo)}</title>',
        f'<desc id="{id_}-desc">{escape(descripcion)}</desc>',
        "<defs>",
        f'<pattern id="{id_}-rayado" width="6" height="6" patternUnits="userSpaceOnUse" '
        f'patternTransform="rotate(45)"><rect width="6" height="6" fill="{MARCA}"/>'
        f'<line x1="0" y1="0" x2="0" y2="6" stroke="#ffffff" stroke-width="2"/></pattern>',
        f'<pattern id="{id_}-punteado" width="5" height="5" patternUnits="userSpaceOnUse">'
        f'<rect width="5" height="5" fill="{CLARO}"/>'
        f'<circle cx="2.5" cy="2.5" r="1.2" fill="{TINTA}"/></pattern>',
        "</defs>",
    ]


def _relleno(id_: str, trama: str) -> str:
    return {
        "solido": ACENTO,
        "rayado": f"url(#{id_}-rayado)",
        "punteado": f"url(#{id_}-punteado)",
        "claro": CLARO,
    }[trama]


def barras_horizontales(
    *,
    id: str,
    titulo: str,
    descripcion: str,
    barras: list[Barra],
    referencias: list[tuple[Decimal, str]] = (),
    ancho: int = 760,
    largo_etiqueta: int = 44,
) -> SafeString:
    """Una barra por elemento (valores de 0 a 1); las destacadas con trama y negritas."""
    x0, x1, arriba, alto_fila = 300, ancho - 56, 34, 22
    alto = arriba + alto_fila * max(len(barras), 1) + 34
    escala = x1 - x0
    partes = _abrir(id, ancho, alto, titulo, descripcion)
    fondo = arriba + alto_fila * len(barras)
    for i in range(6):
        valor = i / 5
        x = x0 + valor * escala
        partes.append(
            f'<line x1="{x:.1f}" y1="{arriba - 4}" x2="{x:.1f}" y2="{fondo}" stroke="{REJILLA}" '
            f'stroke-width="1"/>'
            f'<text x="{x:.1f}" y="{fondo + 16}" text-anchor="middle" fill="{TINTA_SUAVE}">'
            f"{valor:.1f}</text>"
        )
    for valor, etiqueta in referencias:
        x = x0 + float(valor) * escala
        partes.append(
            f'<line x1="{x:.1f}" y1="{arriba - 8}" x2="{x:.1f}" y2="{fondo}" stroke="{TINTA}" '
            f'stroke-width="1.5" stroke-dasharray="5 3"/>'
            f'<text x="{x:.1f}" y="{arriba - 12}" text-anchor="middle">'
            f"{escape(etiqueta)}</text>"
        )
    for i, barra in enumerate(barras):
        y = arriba + i * alto_fila
        valor = float(barra.valor or 0)
        w = max(valor * escala, 0)
        peso = ' font-weight="bold"' if barra.destacada else ""
        marca = "▶ " if barra.destacada else ""
        relleno = _relleno(id, "rayado" if barra.destacada else "solido")
        texto = escape(_recortar(barra.etiqueta, largo_etiqueta))
        partes.append(
            f"<g><title>{escape(barra.etiqueta)}: {dos_decimales(barra.valor)}</title>"
            f'<text x="{x0 - 8}" y="{y + 15}" text-anchor="end"{peso}>{marca}{texto}</text>'
            f'<rect x="{x0}" y="{y + 4}" width="{w:.1f}" height="{alto_fila - 8}" '
            f'fill="{relleno}" stroke="{TINTA}" stroke-width="0.5"/>'
            f'<text x="{x0 + w + 4:.1f}" y="{y + 15}"{peso}{HALO}>'
            f"{dos_decimales(barra.valor)}</text></g>"
        )
    partes.append("</svg>")
    return mark_safe("".join(partes))  # noqa: S308 - texto variable escapado  # nosec B308, B703


def barras_agrupadas(
    *,
    id: str,
    titulo: str,
    descripcion: str,
    categorias: list[str],
    series: list[Serie],
    ancho: int = 640,
    alto: int = 300,
) -> SafeString:
    """Barras verticales agrupadas por categoría (p. ej. edición), una por serie, con leyenda."""
    izquierda, derecha, arriba, abajo = 44, 16, 40, 40
    x1, fondo = ancho - derecha, alto - abajo
    escala = fondo - arriba
    partes = _abrir(id, ancho, alto, titulo, descripcion)
    for i in range(6):
        valor = i / 5
        y = fondo - valor * escala
        partes.append(
            f'<line x1="{izquierda}" y1="{y:.1f}" x2="{x1}" y2="{y:.1f}" stroke="{REJILLA}"/>'
            f'<text x="{izquierda - 6}" y="{y + 4:.1f}" text-anchor="end" fill="{TINTA_SUAVE}">'
            f"{valor:.1f}</text>"
        )
    # Leyenda: muestra de la trama + nombre de la serie.
    x_leyenda = izquierda
    for serie in series:
        partes.append(
            f'<rect x="{x_leyenda}" y="8" width="16" height="12" fill="{_relleno(id, serie.trama)}"'
            f' stroke="{TINTA}" stroke-width="0.5"/>'
            f'<text x="{x_leyenda + 22}" y="18">{escape(serie.nombre)}</text>'
        )
        x_leyenda += 30 + 8 * len(serie.nombre)
    grupo = (x1 - izquierda) / max(len(categorias), 1)
    ancho_barra = min(48, grupo * 0.8 / max(len(series), 1))
    for c, categoria in enumerate(categorias):
        inicio = izquierda + c * grupo + (grupo - ancho_barra * len(series)) / 2
        for s, serie in enumerate(series):
            valor = serie.valores[c]
            x = inicio + s * ancho_barra
            h = float(valor or 0) * escala
            partes.append(
                f"<g><title>{escape(categoria)} · {escape(serie.nombre)}: "
                f"{dos_decimales(valor)}</title>"
                f'<rect x="{x:.1f}" y="{fondo - h:.1f}" width="{ancho_barra - 4:.1f}" '
                f'height="{h:.1f}" fill="{_relleno(id, serie.trama)}" stroke="{TINTA}" '
                f'stroke-width="0.5"/>'
                f'<text x="{x + (ancho_barra - 4) / 2:.1f}" y="{fondo - h - 5:.1f}" '
                f'text-anchor="middle">{dos_decimales(valor)}</text></g>'
            )
        centro = izquierda + c * grupo + grupo / 2
        partes.append(
            f'<text x="{centro:.1f}" y="{fondo + 18}" text-anchor="middle" font-weight="bold">'
            f"{escape(categoria)}</text>"
        )
    partes.append("</svg>")
    return mark_safe("".join(partes))  # noqa: S308 - texto variable escapado  # nosec B308, B703


def cuadrantes(
    *,
    id: str,
    titulo: str,
    descripcion: str,
    puntos: list[Punto],
    umbral: Decimal,
    nombres: dict[tuple[bool, bool], str],
    etiqueta_x: str = "Transparencia (T)",
    etiqueta_y: str = "Participación (P)",
    lado: int = 420,
) -> SafeString:
    """Dispersión T contra P con las líneas del umbral y el nombre de cada cuadrante escrito."""
    # Los nombres de los cuadrantes van fuera del área de trazo (dos renglones arriba y dos
    # abajo), para que nunca tapen un punto.
    margen, arriba = 52, 16 + 2 * 15
    ancho, alto = lado + margen + 16, lado + arriba + 46 + 2 * 15 + 6
    x0, y0 = margen, arriba + lado  # origen abajo a la izquierda
    u = float(umbral)
    partes = _abrir(id, ancho, alto, titulo, descripcion)
    partes.append(
        f'<rect x="{x0}" y="{arriba}" width="{lado}" height="{lado}" fill="#ffffff" '
        f'stroke="{TINTA}"/>'
    )
    for i in range(6):
        v = i / 5
        partes.append(
            f'<text x="{x0 + v * lado:.1f}" y="{y0 + 16}" text-anchor="middle" '
            f'fill="{TINTA_SUAVE}">{v:.1f}</text>'
            f'<text x="{x0 - 6}" y="{y0 - v * lado + 4:.1f}" text-anchor="end" '
            f'fill="{TINTA_SUAVE}">{v:.1f}</text>'
        )
    xu, yu = x0 + u * lado, y0 - u * lado
    partes.append(
        f'<line x1="{xu:.1f}" y1="{arriba}" x2="{xu:.1f}" y2="{y0}" stroke="{TINTA}" '
        f'stroke-dasharray="5 3"/>'
        f'<line x1="{x0}" y1="{yu:.1f}" x2="{x0 + lado}" y2="{yu:.1f}" stroke="{TINTA}" '
        f'stroke-dasharray="5 3"/>'
    )
    # El aspecto de los puntos, una vez en el grupo y no en cada punto: con miles de sujetos
    # obligados la gráfica era casi toda la página (2,000 puntos, 400 KB; así, la mitad).
    partes.append(f'<g fill="{MARCA}" fill-opacity="0.75" stroke="#ffffff" stroke-width="1">')
    for punto in puntos:
        cx, cy = x0 + float(punto.x) * lado, y0 - float(punto.y) * lado
        partes.append(
            f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="4.5"><title>{escape(punto.etiqueta)}: '
            f"T {dos_decimales(punto.x)}, P {dos_decimales(punto.y)}</title></circle>"
        )
    partes.append("</g>")
    # Arriba del cuadro, los dos cuadrantes superiores; abajo del título del eje, los inferiores.
    renglon_arriba, renglon_abajo = arriba - 2 * 15 + 10, y0 + 36 + 20
    esquinas = {
        (False, True): (x0, renglon_arriba, "start", "↖ "),
        (True, True): (x0 + lado, renglon_arriba, "end", "↗ "),
        (False, False): (x0, renglon_abajo, "start", "↙ "),
        (True, False): (x0 + lado, renglon_abajo, "end", "↘ "),
    }
    for clave, (x, y, ancla, flecha) in esquinas.items():
        primera, _y, segunda = nombres[clave].partition(" y ")
        partes.append(
            f'<text x="{x}" y="{y}" text-anchor="{ancla}" fill="{TINTA}">'
            f'<tspan x="{x}">{flecha}{escape(primera)}</tspan>'
            f'<tspan x="{x}" dy="15">{escape("y " + segunda if segunda else "")}</tspan></text>'
        )
    partes.append(
        f'<text x="{x0 + lado / 2}" y="{y0 + 36}" text-anchor="middle" font-weight="bold">'
        f"{escape(etiqueta_x)}</text>"
        f'<text x="14" y="{arriba + lado / 2}" text-anchor="middle" font-weight="bold" '
        f'transform="rotate(-90 14 {arriba + lado / 2})">{escape(etiqueta_y)}</text>'
    )
    partes.append("</svg>")
    return mark_safe("".join(partes))  # noqa: S308 - texto variable escapado  # nosec B308, B703


def barras_apiladas(
    *,
    id: str,
    titulo: str,
    descripcion: str,
    filas: list[tuple[str, list[int]]],
    segmentos: list[str],
    ancho: int = 760,
) -> SafeString:
    """Conteos por fila divididos en segmentos (p. ej. tipos de sujeto por banda), con trama."""
    tramas = ["claro", "solido", "rayado", "punteado"]
    x0, x1, arriba, alto_fila = 220, ancho - 48, 36, 26
    alto = arriba + alto_fila * max(len(filas), 1) + 12
    maximo = max((sum(c) for _e, c in filas), default=0) or 1
    escala = (x1 - x0) / maximo
    partes = _abrir(id, ancho, alto, titulo, descripcion)
    x_leyenda = x0
    for s, nombre in enumerate(segmentos):
        partes.append(
            f'<rect x="{x_leyenda}" y="8" width="16" height="12" '
            f'fill="{_relleno(id, tramas[s % 4])}" stroke="{TINTA}" stroke-width="0.5"/>'
            f'<text x="{x_leyenda + 22}" y="18">{escape(nombre)}</text>'
        )
        x_leyenda += 34 + 7 * len(nombre)
    for i, (etiqueta, conteos) in enumerate(filas):
        y = arriba + i * alto_fila
        partes.append(
            f'<text x="{x0 - 8}" y="{y + 17}" text-anchor="end">'
            f"{escape(_recortar(etiqueta, 30))}</text>"
        )
        x = x0
        for s, conteo in enumerate(conteos):
            if not conteo:
                continue
            w = conteo * escala
            partes.append(
                f"<g><title>{escape(etiqueta)} · {escape(segmentos[s])}: {conteo}</title>"
                f'<rect x="{x:.1f}" y="{y + 4}" width="{w:.1f}" height="{alto_fila - 8}" '
                f'fill="{_relleno(id, tramas[s % 4])}" stroke="{TINTA}" stroke-width="0.5"/></g>'
            )
            x += w
        partes.append(f'<text x="{x + 4:.1f}" y="{y + 17}">{sum(conteos)}</text>')
    partes.append("</svg>")
    return mark_safe("".join(partes))  # noqa: S308 - texto variable escapado  # nosec B308, B703
