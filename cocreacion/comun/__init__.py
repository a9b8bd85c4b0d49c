"""Herramientas que usan todas las apps: ninguna conoce un dominio.

Escritura auditada (``historial``), piezas del admin (``admin_base``, ``admin_puerta``,
``autocompletar``, ``concurrencia``), lectura de hojas de cálculo y sus errores (``importacion``,
``formatos``, ``formulas``), validación de archivos subidos (``validadores``), enlaces seguros
(``enlaces``), artículos del español (``articulos``), PDF y su caché (``pdf``) y widgets
(``widgets``).
"""
