"""Registro público de cambios: una fila por versión pública de un registro público.

Lo escribe ``cocreacion.cambios`` al crearse cada versión del historial (django-simple-history),
con las mismas reglas que decían qué versión era pública al leer el historial: así ``/cambios/``
y ``/cambios.atom`` leen las filas más recientes de una sola tabla ordenada en vez de recorrer el
historial de cada tipo. Si un registro deja de ser público, sus filas se quedan y la lectura las
omite (``objetos_publicos`` de su tipo, al momento de leer).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CambioPublico(models.Model):
    fecha = models.DateTimeField(_("fecha"))
    clave = models.CharField(_("tipo"), max_length=40, help_text=_("Clave del tipo seguible."))
    version_id = models.BigIntegerField(
        _("versión"), help_text=_("Id de la versión del historial.")
    )
    registro_id = models.BigIntegerField(_("registro"))
    accion = models.CharField(_("acción"), max_length=1)
    # [[campo, antes, después], …] sólo con campos públicos; vacío en altas y bajas.
    campos = models.JSONField(_("campos que cambiaron"), default=list, blank=True)

    class Meta:
        verbose_name = _("cambio público")
        verbose_name_plural = _("cambios públicos")
        constraints = [
            models.UniqueConstraint(fields=["clave", "version_id"], name="cambio_publico_unico")
        ]
        indexes = [
            # El orden de la página y de los canales: (fecha, versión, tipo), de más nuevo a
            # más viejo; con el filtro por tipo, el segundo.
            models.Index(fields=["fecha", "version_id", "clave"], name="cambio_publico_orden"),
            models.Index(fields=["clave", "fecha", "version_id"], name="cambio_publico_tipo"),
        ]

    def __str__(self):
        return f"{self.clave} {self.registro_id} ({self.fecha:%Y-%m-%d %H:%M})"
