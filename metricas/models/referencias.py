"""Indicadores de referencia en materia de apertura gubernamental (los que lista el programa)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from cocreacion.comun.historial import Historial


class CategoriaIndicador(models.TextChoices):
    ESTRATEGICO = "estrategico", _("Estratégico")
    RELACIONADO = "relacionado", _("Relacionado")


class IndicadorReferenciaQuerySet(models.QuerySet):
    def publicados(self):
        """Los que se muestran en el portal."""
        return self.filter(publicado=True)


class IndicadorReferencia(models.Model):
    nombre = models.CharField(_("nombre"), max_length=255, unique=True)
    siglas = models.CharField(_("siglas"), max_length=20, blank=True)
    categoria = models.CharField(_("categoría"), max_length=15, choices=CategoriaIndicador.choices)
    autor = models.CharField(_("autor"), max_length=255)
    descripcion = models.TextField(_("descripción"))
    sitio = models.URLField(_("sitio web"), blank=True)
    orden = models.PositiveSmallIntegerField(_("orden"), default=0)
    # Un indicador nuevo espera a que la Coordinación lo publique.
    publicado = models.BooleanField(_("publicado"), default=False)

    history = Historial()
    objects = IndicadorReferenciaQuerySet.as_manager()

    class Meta:
        ordering = ["categoria", "orden", "nombre"]
        verbose_name = _("indicador de referencia")
        verbose_name_plural = _("indicadores de referencia")
        permissions = [
            ("publicar_indicadorreferencia", _("Puede publicar indicadores de referencia"))
        ]

    def __str__(self):
        return self.nombre
