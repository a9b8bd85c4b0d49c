"""Campos y cálculos comunes de los valores de la Métrica (todos en el intervalo [0, 1])."""

from decimal import ROUND_HALF_UP, Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

CERO = Decimal("0")
UNO = Decimal("1")
DOS = Decimal("2")
CUANTO = Decimal("0.000001")


def campo_valor(nombre: str, **extra) -> models.DecimalField:
    """Un valor de la Métrica: decimal con seis cifras, entre 0 y 1."""
    return models.DecimalField(
        nombre,
        max_digits=7,
        decimal_places=6,
        validators=[MinValueValidator(CERO), MaxValueValidator(UNO)],
        **extra,
    )


def redondear(valor: Decimal | None) -> Decimal | None:
    """Redondea a la precisión que guarda la base (seis decimales)."""
    if valor is None:
        return None
    return Decimal(valor).quantize(CUANTO, rounding=ROUND_HALF_UP)


def promedio(a: Decimal | None, b: Decimal | None) -> Decimal | None:
    """(a + b) / 2 como lo define la Métrica; ``None`` si falta alguno."""
    if a is None or b is None:
        return None
    return redondear((Decimal(a) + Decimal(b)) / DOS)
