"""Modelos de la Métrica de Gobierno Abierto: ediciones, resultados e indicadores de referencia.

Se reexportan aquí para importar desde ``metricas.models``.
"""

from .comparadas import EntidadComparada
from .ediciones import Banda, Componente, Edicion, PromedioEntidad, Subindice
from .referencias import CategoriaIndicador, IndicadorReferencia
from .resultados import Resultado, ValorComponente

__all__ = [
    "Banda",
    "CategoriaIndicador",
    "Componente",
    "Edicion",
    "EntidadComparada",
    "IndicadorReferencia",
    "PromedioEntidad",
    "Resultado",
    "Subindice",
    "ValorComponente",
]
