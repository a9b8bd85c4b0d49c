"""La base de la demostración (``make demo``): la institución y los datos sintéticos.

Sólo corre con ``cocreacion.settings.demo`` (``DATOS_DE_DEMOSTRACION``), que apunta siempre a su
propia base: así «preparar la demostración» nunca escribe datos inventados en la base real. Se
puede correr cada vez: lo que ya está no se vuelve a generar.
"""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command

from cocreacion.sinteticos import generar
from cocreacion.sinteticos.comun import existen_datos_sinteticos

# 100 sujetos obligados, un programa de 250 acciones, 100 compromisos con 1,000 hitos,
# 15 sesiones, 2 periodos de listados con 200 dictámenes y una edición de la Métrica: de todo
# un poco, en segundos también en SQLite.
ESCALA = 0.05


def preparar(*, escala: float = ESCALA, avisar=None):
    """Deja la base de la demostración lista; devuelve el ``Resumen`` o ``None`` si ya lo estaba."""
    from cocreacion.models import Institucion

    if not settings.DATOS_DE_DEMOSTRACION:
        raise ImproperlyConfigured(
            "La demostración sólo se prepara con DJANGO_SETTINGS_MODULE=cocreacion.settings.demo "
            "(«make demo»), que usa su propia base y nunca la real."
        )
    if not Institucion.objects.exists():
        call_command("loaddata", "institucion.json", verbosity=0)
    if existen_datos_sinteticos():
        return None
    return generar(escala=escala, avisar=avisar)
