"""El programa completo como documento PDF (WeasyPrint, vía ``cocreacion.comun.pdf``).

Generar el PDF de un programa grande toma segundos: sigue la política única de caché de
``cocreacion.comun.pdf`` (clave de todo lo que entra en él, uno a la vez, pregenerado al publicar).
"""

from django.utils.formats import localize

from cocreacion.comun.pdf import DocumentoPDF, huella_del_documento, pdf_en_cache, renderizar_pdf
from cocreacion.models import Institucion

from . import selectors
from .models import Programa

PLANTILLA = "pdf/oela_programa.html"
HOJAS_EXTRA = ("css/oela_pdf.css",)


def renglon_de_accion(accion) -> str:
    """La acción como renglón de la matriz del documento: clave, descripción, meta, indicador,
    medio de verificación, responsable y meses programados.

    Se arma en Python y no en la plantilla: son miles de renglones y cada variable y etiqueta
    de plantilla por renglón suma décimas de segundo al documento. Los números salen como en
    las plantillas (``localize``: separador de miles).
    """
    partes = [
        # La descripción suele traer su punto final: sin quitarlo quedaba «institución.. Meta».
        f"{accion.clave} {accion.descripcion.rstrip().rstrip('.')}. "
        f"Meta: {localize(accion.meta)} {accion.unidad_medida}"
    ]
    for etiqueta, valor in (
        ("indicador", accion.indicador),
        ("medio de verificación", accion.medio_verificacion),
        ("responsable", accion.responsable),
    ):
        if valor:
            partes.append(f"{etiqueta}: {valor}")
    meses = ", ".join(
        f"{mes} {localize(cantidad)}" for mes, cantidad in accion.calendario_con_meses
    )
    return "; ".join(partes) + f". Programado: {meses or 'sin calendario'}."


def contexto_documento(programa) -> dict:
    """El documento como se emitió: la institución en funciones en su fecha y las leyes en el
    estado que tenían entonces (con el aviso de su sustitución), nunca las de hoy."""
    arbol = selectors.arbol_del_programa(programa)
    for accion in arbol.acciones:
        accion.renglon_documento = renglon_de_accion(accion)
    return {
        "programa": programa,
        "arbol": arbol,
        "disposiciones": selectors.disposiciones_en_su_fecha(arbol),
        "secciones": selectors.secciones_por_lugar(programa),
        "alineacion_interpretada": any(li.alineacion_interpretada for li in arbol.lineas),
        "institucion": Institucion.objects.vigente_en(programa.fecha_referencia),
    }


def _huella(html: str) -> str:
    return huella_del_documento(html, HOJAS_EXTRA)


def documento_programa(programa, *, usar_cache: bool = True) -> bytes:
    """Bytes del PDF del programa; lanza ``ErrorAlGenerarPDF`` si WeasyPrint falla."""
    if not usar_cache:
        return renderizar_pdf(PLANTILLA, contexto_documento(programa), hojas_extra=HOJAS_EXTRA)
    return pdf_en_cache(
        PROGRAMA,
        identificador=str(programa.pk),
        contexto=lambda: contexto_documento(programa),
    )


PROGRAMA = DocumentoPDF(
    nombre="programa",
    plantilla=PLANTILLA,
    hojas_extra=HOJAS_EXTRA,
    modelo=Programa,
    es_publico=lambda programa: programa.es_publico,
    publicos=Programa.objects.publicados,
    generar=documento_programa,
)
DOCUMENTOS = [PROGRAMA]
