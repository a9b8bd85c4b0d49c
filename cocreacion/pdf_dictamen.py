"""El dictamen como PDF: el documento que el órgano aprobador descarga y firma."""

from .models import Dictamen, Institucion
from .pdf import renderizar_pdf


def nombre_archivo(dictamen: Dictamen) -> str:
    base = dictamen.folio or f"proyecto-dictamen-{dictamen.pk}-v{dictamen.version}"
    return base.replace("/", "-") + ".pdf"


def pdf_de_dictamen(dictamen: Dictamen, *, institucion: Institucion | None = None) -> bytes:
    """PDF (PDF/UA-1) del dictamen; un proyecto sin aprobar lleva la leyenda «Proyecto»."""
    institucion = institucion or Institucion.objects.actual()
    return renderizar_pdf(
        "pdf/dictamen.html",
        {"dictamen": dictamen, "institucion": institucion, "proyecto": not dictamen.aprobado},
    )
