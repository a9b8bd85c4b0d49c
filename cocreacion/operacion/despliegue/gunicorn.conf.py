"""Configuración de gunicorn para producción.

Uso: ``gunicorn -c cocreacion/operacion/despliegue/gunicorn.conf.py``.
"""

import gc
import multiprocessing
import os

wsgi_app = "cocreacion.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "2"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
max_requests = 1000
max_requests_jitter = 100
accesslog = "-"
errorlog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")


def post_worker_init(worker):
    """Congela lo que el proceso tiene vivo tras cargar la aplicación (``gc.freeze``).

    Son cientos de miles de objetos que viven lo que el proceso (módulos, modelos, URLs,
    plantillas) y que cada recolección completa del recolector de basura volvía a recorrer,
    en medio de una petición. Congelados, las páginas grandes (miles de objetos por
    petición) dejan de tener picos de decenas a cientos de ms (ver ``tests/benchmarks``).
    """
    gc.freeze()
