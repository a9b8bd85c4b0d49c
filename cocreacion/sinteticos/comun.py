"""Piezas comunes del generador de datos sintéticos."""

from django.utils.translation import gettext_lazy as _l

PREFIJO = "[SINTÉTICO]"
PREFIJO_SLUG = "sintetico"
LOTE = 2000


class HayDatosSinteticos(Exception):
    """La base ya tiene datos sintéticos (se generan una sola vez por base)."""


def existen_datos_sinteticos() -> bool:
    from cocreacion.models import SujetoObligado

    return SujetoObligado.objects.filter(slug__startswith=f"{PREFIJO_SLUG}-").exists()


def crear(objetos, modelo, *, actor, motivo=None):
    """Inserta por lotes con su registro de historial (simple-history)."""
    from simple_history.utils import bulk_create_with_history

    return bulk_create_with_history(
        list(objetos),
        modelo,
        batch_size=LOTE,
        default_user=actor,
        default_change_reason=str(motivo or _l("Datos sintéticos")),
    )


def anios_libres(ocupados, cuantos: int, *, preferidos, respaldo=range(2000, 2101)) -> list[int]:
    """Los primeros ``cuantos`` años de ``preferidos`` (y luego de ``respaldo``) no ocupados."""
    ocupados = set(ocupados)
    elegidos = []
    for anio in [*preferidos, *respaldo]:
        if anio not in ocupados and anio not in elegidos:
            elegidos.append(anio)
            if len(elegidos) == cuantos:
                return elegidos
    raise ValueError(f"No hay {cuantos} años libres entre 2000 y 2100.")


TEXTO_RELLENO = (
    "Texto generado automáticamente para medir el portal con volúmenes realistas; "
    "no describe ninguna actividad real de la institución."
)
