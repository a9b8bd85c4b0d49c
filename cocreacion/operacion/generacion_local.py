"""La generación de la caché de páginas y las páginas más pedidas, en la memoria de cada proceso.

Con Redis (``REDIS_URL``), cada acierto de la caché de páginas leía de Redis la generación y la
página en un ``MGET``: casi la mitad del tiempo de un acierto, y con dos servidores detrás de
nginx era lo que separaba una página guardada de un archivo estático. Aquí cada proceso:

1. se suscribe al canal de la generación en Redis (``CANAL``, con el prefijo de la caché), y
   quien cambia la generación la publica ahí (``publicar``);
2. antes de cada petición lee, sin esperar, los avisos que ya le llegaron por esa conexión (una
   llamada al sistema, sin viaje a Redis): así sabe la generación vigente;
3. guarda una copia de las páginas de esa generación en su memoria (``COPIAS``, una
   ``LocMemCache`` de Django acotada) y las sirve de ahí.

Por qué no se sirve nada viejo (las mismas reglas de ``cache_paginas``): Redis escribe el aviso
en la conexión de cada suscriptor al procesar el ``PUBLISH``, antes de contestarle a quien
publicó; quien publicó responde después, y la siguiente petición (de la misma persona, por
nginx, a otro servidor) llega más tarde todavía y encuentra el aviso ya en la conexión de ese
servidor. El proceso que publica cambia además su propio valor sin esperar el aviso.

Si la suscripción se cae o se reconecta, los avisos de ese lapso se pierden: al reconectarse,
Redis confirma otra vez la suscripción y el proceso vuelve a leer la generación; mientras no
está confirmada, cada petición la lee de Redis como antes (``generacion()`` da ``None``). Cada
``CACHE_PAGINAS_REVISION`` segundos (1 por omisión) se vuelve a leer aunque no haya avisos: acota
a ese tiempo los casos que no dan aviso (una conexión muerta sin error, o Redis que pierde la
clave sin reiniciarse, con ``FLUSHDB`` o por desalojo de memoria).

Sin biblioteca: el cliente de Redis ya trae la caché del lado del cliente (``CacheConfig``),
que haría esto mismo, pero pide Redis 7.4 o más y Debian 12 trae el 7.0.
"""

import contextlib
import logging
import os
import threading
import time

from django.conf import settings
from django.core.cache.backends.locmem import LocMemCache

logger = logging.getLogger(__name__)

# Nombre del canal de Redis por el que se avisa la generación; lleva el prefijo de la caché, para
# que dos portales que comparten un Redis no se avisen entre sí.
CANAL = "paginas.generacion"
# Tras un error de Redis, cuánto esperar antes de suscribirse otra vez (mientras, cada petición
# lee la generación de Redis, como sin esta copia).
ESPERA_TRAS_ERROR = 5.0
# Páginas copiadas por proceso y tamaño máximo de cada una: 300 × 1 MB acota la memoria en el
# peor caso; con las páginas del portal (10–200 KB) son unos 15 MB.
COPIAS_MAXIMAS = 300
TAMANO_MAXIMO_COPIA = 1024 * 1024


def _revision() -> float:
    return float(getattr(settings, "CACHE_PAGINAS_REVISION", 1.0))


def ubicacion_de_redis(alias: str) -> str:
    """La dirección del Redis principal de la caché ``alias`` (la primera si hay varias)."""
    ubicacion = settings.CACHES[alias]["LOCATION"]
    if isinstance(ubicacion, list | tuple):
        ubicacion = ubicacion[0]
    return ubicacion.split(",")[0].strip()


class Vigilante:
    """La generación vigente en este proceso, al día con los avisos de Redis."""

    def __init__(self, canal: str, ubicacion: str):
        import redis

        self.canal = canal
        # Una conexión propia, con plazos cortos: si Redis no responde, la petición sigue por el
        # camino de siempre en vez de esperar.
        self.cliente = redis.Redis.from_url(ubicacion, socket_timeout=2, socket_connect_timeout=2)
        self.errores = (redis.RedisError, OSError)
        # Reentrante: ``leer()`` (con el candado tomado) puede publicar una generación nueva.
        self.candado = threading.RLock()
        self.pid = os.getpid()
        self.suscripcion = None
        self.confirmada = False
        self.valor: str | None = None
        self.leida_en = 0.0
        self.reintentar_en = 0.0

    def generacion(self, leer) -> str | None:
        """La generación vigente, o ``None`` si la suscripción no está confirmada.

        ``leer()`` lee la generación de Redis (y la pone si falta); se llama al confirmarse la
        suscripción y cada ``CACHE_PAGINAS_REVISION`` segundos.
        """
        with self.candado:
            ahora = time.monotonic()
            if ahora < self.reintentar_en:
                return None
            try:
                self._leer_avisos()
                if not self.confirmada:
                    return None
                if self.valor is None or ahora - self.leida_en >= _revision():
                    self.valor, self.leida_en = leer(), ahora
                return self.valor
            except self.errores:
                logger.warning("Sin aviso de la generación de páginas por Redis", exc_info=True)
                self._soltar(ahora + ESPERA_TRAS_ERROR)
                return None

    def _leer_avisos(self) -> None:
        if self.suscripcion is None:
            self.suscripcion = self.cliente.pubsub()
            self.suscripcion.subscribe(self.canal)
            self.confirmada, self.valor = False, None
        while (aviso := self.suscripcion.get_message(timeout=0)) is not None:
            if aviso["type"] == "subscribe":
                # Primera suscripción o reconexión: lo publicado antes pudo perderse.
                self.confirmada, self.valor = True, None
            elif aviso["type"] == "message":
                self.valor, self.leida_en = aviso["data"].decode(), time.monotonic()

    def _soltar(self, reintentar_en: float) -> None:
        if self.suscripcion is not None:
            with contextlib.suppress(*self.errores):
                self.suscripcion.close()
        self.suscripcion, self.confirmada, self.valor = None, False, None
        self.reintentar_en = reintentar_en

    def publicar(self, valor: str) -> None:
        """Avisa a todos los procesos la generación nueva; este proceso la toma sin esperar."""
        with self.candado:
            if self.confirmada:
                self.valor, self.leida_en = valor, time.monotonic()
        try:
            self.cliente.publish(self.canal, valor)
        except self.errores:
            # Los demás la verán al revisar (CACHE_PAGINAS_REVISION); la página vieja dura a lo
            # sumo eso.
            logger.exception("No se pudo avisar la generación nueva de páginas por Redis")


_por_proceso: dict[tuple, Vigilante] = {}
_guardia = threading.Lock()


def vigilante(cache, alias: str) -> Vigilante:
    """El ``Vigilante`` de este proceso para esa caché (uno nuevo en cada proceso que gunicorn
    crea, y si cambian el prefijo o la dirección de la caché)."""
    clave = (os.getpid(), cache.make_key(CANAL), ubicacion_de_redis(alias))
    propio = _por_proceso.get(clave)
    if propio is None:
        with _guardia:
            propio = _por_proceso.get(clave)
            if propio is None:
                olvidados = list(_por_proceso.values())
                _por_proceso.clear()  # el del proceso padre, o el de otros ajustes
                # Cerrar las conexiones heredadas del proceso padre las cerraría también para
                # él: sólo se sueltan las de este mismo proceso.
                for viejo in olvidados:
                    if viejo.pid == os.getpid():
                        viejo._soltar(0.0)
                propio = _por_proceso[clave] = Vigilante(*clave[1:])
    return propio


def olvidar() -> None:
    """Descarta el vigilante y las copias de este proceso (pruebas y cambios de ajustes)."""
    with _guardia:
        for propio in _por_proceso.values():
            propio._soltar(0.0)
        _por_proceso.clear()
    COPIAS.clear()


# Las copias de este proceso, por clave y generación: una página de otra generación nunca se
# pide, y el límite de entradas saca primero las menos usadas.
COPIAS = LocMemCache(
    "cocreacion-paginas-locales",
    {"OPTIONS": {"MAX_ENTRIES": COPIAS_MAXIMAS}},
)


def copia(clave: str, generacion: str):
    return COPIAS.get(f"{clave}.{generacion}")


def copiar(clave: str, generacion: str, respuesta, segundos: int) -> None:
    if len(respuesta.content) <= TAMANO_MAXIMO_COPIA:
        COPIAS.set(f"{clave}.{generacion}", respuesta, segundos)
