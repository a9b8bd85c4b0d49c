"""Funciones de todo el portal, que reúnen lo que declara cada app (``cocreacion.registro``).

Búsqueda (``busqueda``), historial público de cambios (``cambios``) y sus canales Atom
(``feeds``), datos abiertos (``datos_abiertos``), mapa del sitio (``sitemaps``), vista previa de
lo no publicado (``vista_previa``), contexto común de las páginas (``context_processors``) y lo
que cada persona debe: «Mis pendientes» (``selectors``) y los avisos por correo (``models``,
``services``). Sus páginas están en ``views`` y sus rutas en ``urls``, dentro del espacio de
nombres ``cocreacion``.

El límite: aquí vive lo que recorre *todas* las apps para servir a quien visita o trabaja en el
portal; ninguna de estas piezas conoce una app por su nombre.
"""
