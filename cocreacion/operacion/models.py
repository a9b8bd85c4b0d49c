"""La «generación» de los datos públicos: una sola fila que cambia con cada escritura.

La caché de páginas (``cocreacion.operacion.cache_paginas``) la usa como parte de la clave; vive en
la base de datos para que todos los procesos de gunicorn vean la misma (ver ese módulo).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

PK_GENERACION = 1


class GeneracionDeDatos(models.Model):
    """Fila única (``pk=1``) con un valor aleatorio nuevo tras cada escritura confirmada.

    Aleatorio y no un contador: si la base se restaura de un respaldo o se vacía, un
    contador podría volver a un número ya usado y revivir páginas guardadas con otros datos;
    un valor aleatorio restaurado sólo coincide con páginas hechas con esos mismos datos.
    """

    valor = models.CharField(_("valor"), max_length=32)
    cambiada_en = models.DateTimeField(_("cambiada en"), auto_now=True)

    class Meta:
        verbose_name = _("generación de los datos públicos")
        verbose_name_plural = _("generaciones de los datos públicos")

    def __str__(self):
        return self.valor
