"""Fechas como las escribe el portal: «30 de junio de 2021».

El formato es el ``DATE_FORMAT`` de Django para es-MX (``j \\d\\e F \\d\\e Y``); las plantillas
usan el mismo con ``|date:"DATE_FORMAT"``. Los nombres de mes en minúscula los da el catálogo
del proyecto (``cocreacion/locale``); ``lower()`` lo garantiza también donde no hubiera catálogo.
"""

from django.utils.formats import date_format


def fecha_larga(valor) -> str:
    """Fecha larga en español: «30 de junio de 2021»."""
    return date_format(valor, "DATE_FORMAT").lower()
