"""Información de interés público: periodos, listados, elementos, revisión y dictámenes.

Un dominio entero con las mismas piezas que una app (``models``, ``services``, ``selectors``,
``permissions``, ``resources``, ``publicacion``, ``pdf``, ``admin``, ``forms``, ``views``,
``urls``). Sus modelos pertenecen a la app ``cocreacion`` (mismas tablas y etiqueta):
``cocreacion.models`` los reexporta para que Django y las migraciones los encuentren, y el
descubrimiento (``cocreacion.registro``) halla sus módulos porque ``CocreacionConfig`` lo declara
en ``subpaquetes``.
"""
