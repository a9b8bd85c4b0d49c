"""El informe de una consulta en PDF, para la sesión del Secretariado Técnico.

Sigue la política única de ``cocreacion.comun.pdf``: WeasyPrint sin recursos remotos, PDF/UA-1 y
caché cuya clave es el documento dibujado (cambia en cuanto cambia un dato, una plantilla o una
hoja de estilo). El documento lleva su fecha de corte: sólo los hechos registrados hasta el fin
de ese día, y el órgano garante en funciones ese día. Pedido con la misma fecha de corte, dice
lo mismo aunque después cambien los estados o lleguen más apoyos.
"""

import datetime as dt

from django.conf import settings
from django.utils import timezone

from cocreacion.comun.pdf import DocumentoPDF, pdf_en_cache
from cocreacion.models import Institucion

from .models import Consulta
from .selectors.informe import informe_de_consulta


def contexto_informe(consulta: Consulta, corte: dt.date | None = None) -> dict:
    informe = informe_de_consulta(consulta, corte=corte)
    return {
        **informe,
        "consulta": consulta,
        # Las ligas del PDF van completas: fuera del portal, una ruta sola no lleva a ningún lado.
        "sitio": settings.SITIO_URL.rstrip("/"),
        # El documento nombra al órgano garante del día del corte, no al de hoy.
        "institucion": Institucion.objects.vigente_en(informe["corte"]),
    }


def _corte(corte: dt.date | None) -> dt.date:
    hoy = timezone.localdate()
    return min(corte or hoy, hoy)


def informe_pdf(consulta: Consulta, corte: dt.date | None = None) -> bytes:
    """Bytes del informe de una consulta publicada al ``corte`` (hoy, por omisión)."""
    corte = _corte(corte)
    return pdf_en_cache(
        INFORME,
        identificador=f"{consulta.pk}:{corte.isoformat()}",
        contexto=lambda: contexto_informe(consulta, corte),
    )


def nombre_archivo(consulta: Consulta, corte: dt.date | None = None) -> str:
    return f"informe-{consulta.slug}-{_corte(corte).isoformat()}.pdf"


INFORME = DocumentoPDF(
    nombre="informe_consulta",
    plantilla="pdf/participacion_informe.html",
    modelo=Consulta,
    es_publico=lambda consulta: consulta.publicada,
    publicos=Consulta.objects.publicadas,
    generar=informe_pdf,
)
DOCUMENTOS = [INFORME]
