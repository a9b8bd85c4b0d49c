"""El dictamen como PDF: el documento que el órgano aprobador descarga y firma.

Usa las piezas de ``cocreacion.pdf`` (lector local de archivos, PDF/UA-1, ``ErrorAlGenerarPDF``)
y suma la hoja ``css/listados.css`` (folio en cada página, tabla de considerandos).
"""

import hashlib

from django.core.cache import cache

from .articulos import de_con_articulo
from .models import Dictamen, Institucion
from .pdf import renderizar_pdf

HOJAS_EXTRA = ("css/listados.css",)
DURACION_CACHE = 60 * 60 * 24 * 30


def nombre_archivo(dictamen: Dictamen) -> str:
    base = dictamen.folio or f"proyecto-dictamen-{dictamen.pk}-v{dictamen.version}"
    return base.replace("/", "-") + ".pdf"


def pdf_de_dictamen(dictamen: Dictamen, *, institucion: Institucion | None = None) -> bytes:
    """PDF (PDF/UA-1) del dictamen; un proyecto sin aprobar lleva la leyenda «Proyecto»."""
    institucion = institucion or Institucion.objects.actual()
    return renderizar_pdf(
        "pdf/dictamen.html",
        {
            "dictamen": dictamen,
            "institucion": institucion,
            "proyecto": not dictamen.aprobado,
            "de_la_institucion": de_con_articulo(institucion.nombre),
        },
        hojas_extra=HOJAS_EXTRA,
    )


def _clave_cache(dictamen: Dictamen, institucion: Institucion) -> str:
    """Cambia si cambia el dictamen (sólo por aprobarse) o los datos de la institución."""
    datos = "|".join(
        str(v)
        for v in (
            dictamen.pk,
            dictamen.folio,
            dictamen.aprobado_en and dictamen.aprobado_en.isoformat(),
            getattr(dictamen, "folio_sustituto", ""),
            institucion.nombre,
            institucion.siglas,
            institucion.area,
            institucion.organo_aprobador,
            institucion.domicilio,
            institucion.logo.name if institucion.logo else "",
        )
    )
    return "dictamen-pdf:" + hashlib.sha256(datos.encode()).hexdigest()


def pdf_de_dictamen_aprobado(dictamen: Dictamen, *, institucion: Institucion) -> bytes:
    """PDF de un dictamen aprobado, guardado en la caché: el documento aprobado no cambia, así
    que sólo la primera descarga lo genera. Los proyectos nunca se guardan."""
    if not dictamen.aprobado:
        return pdf_de_dictamen(dictamen, institucion=institucion)
    clave = _clave_cache(dictamen, institucion)
    datos = cache.get(clave)
    if datos is None:
        datos = pdf_de_dictamen(dictamen, institucion=institucion)
        cache.set(clave, datos, DURACION_CACHE)
    return datos
