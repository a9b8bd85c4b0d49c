"""El dictamen como PDF: el documento que el órgano aprobador descarga y firma.

Usa las piezas de ``cocreacion.comun.pdf`` (lector local de archivos, PDF/UA-1,
``ErrorAlGenerarPDF``) y suma la hoja ``css/listados.css`` (folio en cada página, tabla de
considerandos).
"""

from cocreacion.comun.articulos import de_con_articulo
from cocreacion.comun.pdf import DocumentoPDF, pdf_en_cache, renderizar_pdf
from cocreacion.models import Dictamen, Institucion

PLANTILLA = "pdf/dictamen.html"
HOJAS_EXTRA = ("css/listados.css",)


def nombre_archivo(dictamen: Dictamen) -> str:
    base = dictamen.folio or f"proyecto-dictamen-{dictamen.pk}-v{dictamen.version}"
    return base.replace("/", "-") + ".pdf"


def _contexto(dictamen: Dictamen, institucion: Institucion) -> dict:
    return {
        "dictamen": dictamen,
        "institucion": institucion,
        "proyecto": not dictamen.aprobado,
        "de_la_institucion": de_con_articulo(institucion.nombre),
    }


def pdf_de_dictamen(dictamen: Dictamen, *, institucion: Institucion | None = None) -> bytes:
    """PDF (PDF/UA-1) del dictamen; un proyecto sin aprobar lleva la leyenda «Proyecto»."""
    institucion = institucion or Institucion.objects.vigente_en(dictamen.fecha)
    return renderizar_pdf(PLANTILLA, _contexto(dictamen, institucion), hojas_extra=HOJAS_EXTRA)


def pdf_de_dictamen_aprobado(
    dictamen: Dictamen, *, institucion: Institucion | None = None
) -> bytes:
    """PDF de un dictamen aprobado, con la política única de caché (``cocreacion.comun.pdf``): la
    clave es el documento dibujado, así que también cambia si cambian los datos de la
    institución. Los proyectos nunca se guardan (cambian a cada edición y no son públicos)."""
    institucion = institucion or Institucion.objects.vigente_en(dictamen.fecha)
    if not dictamen.aprobado:
        return pdf_de_dictamen(dictamen, institucion=institucion)
    return pdf_en_cache(
        DICTAMEN,
        identificador=str(dictamen.pk),
        contexto=lambda: _contexto(dictamen, institucion),
    )


def _generar(dictamen: Dictamen) -> bytes:
    from cocreacion.listados.selectors import dictamen_publico

    # El mismo registro (con sus anotaciones) que lee la vista pública.
    return pdf_de_dictamen_aprobado(dictamen_publico(dictamen.folio))


DICTAMEN = DocumentoPDF(
    nombre="dictamen",
    plantilla=PLANTILLA,
    hojas_extra=HOJAS_EXTRA,
    modelo=Dictamen,
    es_publico=lambda dictamen: dictamen.aprobado,
    publicos=lambda: Dictamen.objects.publicados(),
    generar=_generar,
)
DOCUMENTOS = [DICTAMEN]
