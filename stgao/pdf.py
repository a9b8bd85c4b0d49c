"""El acta de una sesión como PDF, con la política única de caché de ``cocreacion.comun.pdf``.

El acta se pedía y se generaba en cada petición (~0.2–0.3 s de WeasyPrint cada una): unos
cuantos visitantes pidiéndola a la vez ocupaban todos los hilos del servidor y la portada
tardaba segundos. Ahora se genera una vez por contenido y se pregenera al publicar la sesión.
"""

from django.utils import timezone

from cocreacion.comun.pdf import DocumentoPDF, pdf_en_cache
from cocreacion.models import Institucion

from . import selectors
from .models import Sesion


def contexto_acta(pk: int) -> dict:
    contexto = selectors.sesion_completa(pk)
    # El acta nombra al órgano garante del día de la sesión, no al de hoy.
    dia = timezone.localtime(contexto["sesion"].fecha_hora).date()
    contexto["institucion"] = Institucion.objects.vigente_en(dia)
    # El acta dice cuándo se generó: la fecha forma parte del documento (y de su clave).
    contexto["hoy"] = timezone.localdate()
    return contexto


def acta_de_sesion(sesion: Sesion) -> bytes:
    """Bytes del acta de una sesión publicada; lanza ``ErrorAlGenerarPDF`` si WeasyPrint falla."""
    return pdf_en_cache(
        ACTA, identificador=str(sesion.pk), contexto=lambda: contexto_acta(sesion.pk)
    )


def nombre_archivo(sesion: Sesion) -> str:
    return f"acta-{sesion.clave.replace('/', '-')}.pdf"


ACTA = DocumentoPDF(
    nombre="acta",
    plantilla="pdf/stgao_acta.html",
    modelo=Sesion,
    es_publico=lambda sesion: sesion.publicada,
    publicos=Sesion.objects.publicadas,
    generar=acta_de_sesion,
)
DOCUMENTOS = [ACTA]
