"""Resultados de cada sujeto obligado en una edición; T, P e IGA siempre derivados."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from cocreacion.comun.historial import Historial
from cocreacion.models import EntidadFederativa, SujetoObligado

from .comparadas import EntidadComparada
from .ediciones import Componente, Edicion
from .valores import campo_valor, promedio, redondear

SUBINDICES = ("tg", "tc", "pg", "pc")


class ResultadoQuerySet(models.QuerySet):
    def publicados(self):
        """La única puerta de las páginas públicas: resultados de ediciones publicadas."""
        return self.filter(edicion__publicada=True)

    def de_oaxaca(self):
        """Los de sujetos del padrón de Oaxaca (los demás son entradas de comparación)."""
        return self.filter(sujeto_obligado__isnull=False)

    def por_iga(self):
        """Del IGA más alto al más bajo; empates por nombre."""
        return self.order_by(
            "-iga", Coalesce("sujeto_obligado__nombre", "entidad_comparada__nombre")
        )


class Resultado(models.Model):
    """Resultado de un organismo evaluado en una edición.

    Es de un sujeto obligado del padrón de Oaxaca o de una entrada de comparación (otro estado
    o la federación), nunca de ambos.

    TG, TC, PG y PC se capturan (o se derivan de sus componentes con los pesos de la edición);
    T = (TG + TC) / 2, P = (PG + PC) / 2 e IGA = (T + P) / 2 se calculan al guardar y no se
    editan a mano.
    """

    edicion = models.ForeignKey(
        Edicion, on_delete=models.PROTECT, related_name="resultados", verbose_name=_("edición")
    )
    sujeto_obligado = models.ForeignKey(
        SujetoObligado,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="resultados_metrica",
        verbose_name=_("sujeto obligado del padrón"),
    )
    entidad_comparada = models.ForeignKey(
        EntidadComparada,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="resultados",
        verbose_name=_("entrada de comparación"),
    )
    nombre_en_fuente = models.CharField(
        _("nombre en el archivo de origen"),
        max_length=255,
        blank=True,
        help_text=_("Como aparece en el archivo publicado; sirve para reimportar sin duplicar."),
    )
    tg = campo_valor(_("transparencia desde el gobierno (TG)"))
    tc = campo_valor(_("transparencia desde la ciudadanía (TC)"))
    pg = campo_valor(_("participación desde el gobierno (PG)"))
    pc = campo_valor(_("participación desde la ciudadanía (PC)"))
    t = campo_valor(_("transparencia (T)"), editable=False)
    p = campo_valor(_("participación (P)"), editable=False)
    iga = campo_valor(_("índice de gobierno abierto (IGA)"), editable=False, db_index=True)

    history = Historial()
    objects = ResultadoQuerySet.as_manager()

    class Meta:
        ordering = ["edicion", "-iga"]
        verbose_name = _("resultado")
        verbose_name_plural = _("resultados")
        permissions = [("importar_resultado", _("Puede importar resultados de la Métrica"))]
        constraints = [
            models.UniqueConstraint(
                fields=["edicion", "sujeto_obligado"],
                name="resultado_unico_por_edicion",
                violation_error_message=_(
                    "Ese sujeto obligado ya tiene un resultado en esta edición."
                ),
            ),
            models.UniqueConstraint(
                fields=["edicion", "entidad_comparada"],
                name="resultado_unico_por_comparada",
                violation_error_message=_(
                    "Esa entrada de comparación ya tiene un resultado en esta edición."
                ),
            ),
            models.CheckConstraint(
                condition=Q(sujeto_obligado__isnull=False, entidad_comparada__isnull=True)
                | Q(sujeto_obligado__isnull=True, entidad_comparada__isnull=False),
                name="resultado_de_un_solo_evaluado",
                violation_error_message=_(
                    "Un resultado es de un sujeto obligado del padrón o de una entrada de "
                    "comparación, no de ambos ni de ninguno."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.evaluado} · {self.edicion.anio}"

    def save(self, *args, **kwargs):
        self.calcular()
        super().save(*args, **kwargs)

    def clean(self):
        faltantes = [c for c in SUBINDICES if getattr(self, c) is None]
        if faltantes:
            raise ValidationError(
                {c: _("Falta el valor del subíndice.") for c in faltantes}, code="faltante"
            )
        self.calcular()

    def calcular(self) -> "Resultado":
        """Deriva T, P e IGA de los cuatro subíndices (sin consultar la base)."""
        for campo in SUBINDICES:
            setattr(self, campo, redondear(getattr(self, campo)))
        self.t = promedio(self.tg, self.tc)
        self.p = promedio(self.pg, self.pc)
        self.iga = promedio(self.t, self.p)
        return self

    @property
    def evaluado(self):
        """El sujeto obligado del padrón o la entrada de comparación."""
        return self.sujeto_obligado if self.sujeto_obligado_id else self.entidad_comparada

    @property
    def nombre_entidad(self) -> str:
        if self.sujeto_obligado_id:
            return EntidadFederativa.OAXACA.label
        return self.entidad_comparada.nombre_entidad if self.entidad_comparada_id else ""

    @property
    def cuadrante(self) -> str:
        return cuadrante(self.t, self.p, self.edicion.umbral_cuadrantes)


class ValorComponente(models.Model):
    """Valor de un componente (p. ej. «Datos abiertos») de un resultado, si se publicó."""

    resultado = models.ForeignKey(
        Resultado, on_delete=models.CASCADE, related_name="componentes", verbose_name=_("resultado")
    )
    componente = models.ForeignKey(
        Componente, on_delete=models.PROTECT, related_name="valores", verbose_name=_("componente")
    )
    valor = campo_valor(_("valor"))

    history = Historial()

    class Meta:
        ordering = ["resultado", "componente"]
        verbose_name = _("valor de componente")
        verbose_name_plural = _("valores de componentes")
        constraints = [
            models.UniqueConstraint(
                fields=["resultado", "componente"], name="valor_componente_unico"
            )
        ]

    def __str__(self):
        return f"{self.componente.nombre}: {self.valor}"

    def clean(self):
        if (
            self.resultado_id
            and self.componente_id
            and self.componente.edicion_id != self.resultado.edicion_id
        ):
            raise ValidationError(
                {"componente": _("El componente pertenece a otra edición de la Métrica.")}
            )


def subindice_desde_componentes(componentes: list[Componente], valores: dict) -> Decimal | None:
    """Suma ponderada de los componentes de un subíndice; ``None`` si falta algún valor.

    ``valores`` va de clave de componente a valor.
    """
    if not componentes or any(c.clave not in valores for c in componentes):
        return None
    return redondear(sum(Decimal(c.peso) * Decimal(valores[c.clave]) for c in componentes))


CUADRANTES = {
    (True, True): _("Alta transparencia y alta participación"),
    (True, False): _("Alta transparencia y baja participación"),
    (False, True): _("Baja transparencia y alta participación"),
    (False, False): _("Baja transparencia y baja participación"),
}


CUADRANTES_CORTOS = {
    (True, True): _("T alta, P alta"),
    (True, False): _("T alta, P baja"),
    (False, True): _("T baja, P alta"),
    (False, False): _("T baja, P baja"),
}


def cuadrante(t, p, umbral) -> str:
    """Nombre del cuadrante de (T, P) con el umbral de la edición (≥ umbral es «alta»)."""
    if t is None or p is None:
        return ""
    return str(CUADRANTES[(t >= umbral, p >= umbral)])
