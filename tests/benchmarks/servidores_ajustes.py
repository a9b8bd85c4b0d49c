"""Ajustes de los servidores de ``varios_servidores.py``: los de producción y una URL de prueba.

Ningún admin del portal usa todavía la importación en dos pasos de django-import-export (subir,
revisar, confirmar): la matriz, los hitos y la Métrica tienen las suyas. Para probar que esa
importación también cruza de un servidor a otro, estos ajustes agregan un sitio de admin de
prueba (``servidores_urls.py``) con la mezcla del portal para esas importaciones
(``AdminAuditadoConImportacion``) sobre los municipios. Todo lo demás es producción.
"""

from cocreacion.settings.production import *  # noqa: F403

ROOT_URLCONF = "tests.benchmarks.servidores_urls"
