"""Configuración de gunicorn para producción.

Uso: ``gunicorn -c cocreacion/despliegue/gunicorn.conf.py``.
"""

import gc
import multiprocessing
import os

wsgi_app = "cocreacion.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "2"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
# Reciclar cada proceso tras N peticiones acota lo que pueda crecer su memoria. Sin REDIS_URL
# también tira su caché de páginas (cada proceso tiene la suya): bajo carga se vuelven a dibujar
# las páginas lentas tras cada reciclaje. Con Redis la caché no se pierde. 0 no recicla.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "1000"))
max_requests_jitter = max_requests // 10
# Detrás de nginx con ``keepalive`` en su upstream, la conexión con cada proceso se reutiliza.
# Más que el ``keepalive_timeout`` del upstream de nginx (60 s por omisión): así siempre cierra
# nginx primero y nunca manda una petición por una conexión que gunicorn está cerrando.
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "75"))
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
