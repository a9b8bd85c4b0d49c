"""Operación del portal: lo que necesita quien lo instala y lo mantiene, no quien lo visita.

Respaldo y restauración (``respaldo``), archivos huérfanos (``archivos_huerfanos``), caché de
páginas y su generación (``cache_paginas``, ``models``), descarga segura de archivos subidos
(``medios``) y almacenamiento sin archivos a medias (``almacenamiento``), segundo factor del
admin (``segundo_factor``), bloqueos de acceso (``bloqueos``), su admin (``admin``), middleware
de errores y CSP (``middleware``) y la configuración de gunicorn y nginx (``despliegue/``).
Los comandos de gestión (``respaldar``, ``restaurar``, ``limpiar_archivos_huerfanos``) siguen
en ``cocreacion/management/commands``: Django sólo los busca en las apps.
"""
