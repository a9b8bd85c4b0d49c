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
# Reciclar cada proceso tras N peticiones acota lo que pueda crecer su memoria, pero cuesta: el
# proceso nuevo tarda segundos en cargar Django, y sin REDIS_URL tira su caché de páginas (cada
# proceso tiene la suya) y vuelve a dibujar las páginas lentas. Con 1,000 ± 10 %, bajo carga
# todos los procesos llegaban a la cuenta casi a la vez y se reciclaban juntos: durante el
# arranque nadie atendía y las 50 conexiones de la prueba esperaban más de 2 s (wrk las contaba
# como caídas por tiempo). Con más peticiones y un azar de la mitad, se reciclan de uno en uno y
# rara vez. 0 no recicla.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "20000"))
max_requests_jitter = max_requests // 2
# La aplicación se carga una vez en el proceso maestro y cada proceso nuevo nace de él ya
# cargado: reciclar uno cuesta milisegundos, no los segundos de importar Django (con un solo
# proceso por servidor, durante ese arranque el servidor no atendía a nadie). Django no abre
# conexiones al importarse: cada proceso abre las suyas. Para cargar código nuevo hay que
# reiniciar gunicorn (``HUP`` ya no basta). GUNICORN_PRELOAD=0 vuelve a cargar en cada proceso.
preload_app = os.environ.get("GUNICORN_PRELOAD", "1") != "0"
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
