"""Organismos evaluados por la Métrica que no están en el padrón de Oaxaca.

Los de otros estados y los federales sirven para comparar: nunca son sujetos obligados del
portal (no se les piden listados, no tienen enlaces ni aparecen en el directorio).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from cocreacion.comun.historial import Historial
from cocreacion.comun.validadores import validar_texto_sin_danos
from cocreacion.models import (
    EntidadFederativa,
    OrdenGobierno,
    TipoSujetoObligado,
    normalizar_nombre,
)


class EntidadComparadaQuerySet(models.QuerySet):
    def de_entidad(self, entidad: str):
        return self.filter(entidad_federativa=entidad)


class EntidadComparada(models.Model):
    """Un organismo tal como lo nombra la Métrica, con su estado, nivel y tipo."""

    nombre = models.CharField(_("nombre"), max_length=255, validators=[validar_texto_sin_danos])
    entidad_federativa = models.CharField(
        _("entidad federativa"),
        max_length=30,
        choices=EntidadFederativa.choices,
        blank=True,
        help_text=_("En blanco para los organismos del orden federal."),
    )
    orden = models.CharField(_("nivel"), max_length=10, choices=OrdenGobierno.choices)
    tipo = models.CharField(_("tipo"), max_length=30, choices=TipoSujetoObligado.choices)
    nombre_normalizado = models.CharField(
        _("nombre normalizado"), max_length=255, editable=False, db_index=True
    )
    reparacion = models.TextField(
        _("reparación del nombre"),
        blank=True,
        help_text=_(
            "Si el archivo de origen traía el nombre con bytes dañados: los bytes tal como se "
            "leyeron, la corrección y su fuente (de la tabla de correcciones de nombres)."
        ),
    )

    history = Historial()
    objects = EntidadComparadaQuerySet.as_manager()

    class Meta:
        ordering = ["entidad_federativa", "nombre"]
        verbose_name = _("entrada de comparación")
        verbose_name_plural = _("entradas de comparación")
        constraints = [
            models.UniqueConstraint(
                fields=["entidad_federativa", "nombre_normalizado"],
                name="comparada_unica_por_entidad",
                violation_error_message=_(
                    "Ya existe una entrada de comparación con ese nombre en esa entidad."
                ),
            )
        ]

    def __str__(self):
        return f"{self.nombre} ({self.nombre_entidad})"

    def save(self, *args, **kwargs):
        self.nombre_normalizado = normalizar_nombre(self.nombre)
        super().save(*args, **kwargs)

    def clean_fields(self, exclude=None):
        self.nombre_normalizado = normalizar_nombre(self.nombre)
        super().clean_fields(exclude=exclude)

    @property
    def nombre_entidad(self) -> str:
        return self.get_entidad_federativa_display() if self.entidad_federativa else "Federal"
