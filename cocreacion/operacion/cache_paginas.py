"""Caché de páginas públicas completas para visitantes anónimos, invalidada por «generación».

Qué se guarda: respuestas 200 a GET/HEAD anónimos (sin cookie de sesión ni de mensajes) de
HTML, XML, Atom, JSON o texto, que no pongan cookies, no varíen por ``Cookie`` y no digan
``private``/``no-store``/``no-cache``. Nunca ``/admin/``, ``/salud/`` ni ``/robots.txt``;
nunca lo que fluye (las descargas de ``/datos/``) ni los PDF (tienen su propia caché); nunca
una respuesta que varíe (``Vary``) por algo fuera de ``VARIA_POR``. La clave sale del método,
la dirección completa (host, ruta y query string) y los encabezados de ``VARIA_POR``; cada
página se guarda junto con la generación con la que se dibujó y sólo se sirve si es la vigente.
Sin Redis, un acierto es una consulta diminuta (la generación) y una lectura de la caché del
proceso. Con Redis, ningún viaje: cada proceso sabe la generación por los avisos de Redis y
guarda copia de las páginas (``generacion_local``); con dos servidores detrás de nginx, cada
viaje a Redis o a PostgreSQL pesaba.

Invalidación: cualquier escritura de un modelo de las apps del portal cambia la generación
(señales ``post_save``, ``post_delete`` y ``m2m_changed``; las escrituras masivas sin señales
llaman a ``invalidar()`` a mano). La generación vive en una fila de la base
(``GeneracionDeDatos``), así que todos los procesos de gunicorn la comparten; con Redis
(``REDIS_URL``) también en Redis (``CLAVE_GENERACION``), que avisa cada cambio a los procesos
suscritos (``generacion_local``; ahí se explica por qué el aviso llega a tiempo). Las
páginas viven en la caché configurada (Redis: compartida por todos los procesos y servidores;
LocMem: la de cada proceso).

Por qué nunca se sirve una página vieja tras confirmar una escritura W:

1. La generación cambia en ``transaction.on_commit``, es decir, *después* de que W confirma
   (en su propia transacción diminuta, sin retener bloqueos durante la escritura larga).
2. Cada petición lee la generación *antes* de cualquier otra consulta. Si lee la nueva, leyó
   después de que W confirmó, y todas sus consultas de datos ven ya lo de W: la página que
   guarde con la generación nueva está al día.
3. Una petición que leyó la generación vieja puede guardar datos viejos o a medias, pero
   marcados con la generación vieja, que ya no coincide con la que leen las demás.
4. Entre la confirmación de W y el cambio de generación (microsegundos, dentro de la misma
   petición de W, antes de que responda) una petición simultánea aún puede recibir la página
   anterior: es simultánea a la publicación, no posterior. Quien publica y luego mira la
   página ya recibe la nueva.
5. Una conexión con escrituras propias sin confirmar (p. ej. dentro de ``atomic``) no lee ni
   guarda en la caché: vería datos que los demás aún no ven. Las pruebas con ``db`` corren
   así (su transacción nunca se confirma); las que miden la caché usan ``transactional_db``.

Si el cambio de generación fallara tras confirmar, la página vieja dura a lo sumo
``CACHE_PAGINAS_SEGUNDOS`` en el servidor; el navegador la guarda ``CACHE_PAGINAS_NAVEGADOR``.
La clave lleva además la fecha local: lo que depende de «hoy» cambia a medianoche.

Con Redis la caché sobrevive a los reinicios y la comparten servidores que, durante una
actualización escalonada, corren versiones distintas del código: la clave lleva también la
huella del código (``huella_del_codigo``). Una versión nueva no sirve las páginas que dibujó la
anterior ni al revés, aunque nadie haya escrito nada.
"""

import hashlib
import logging
import threading
import uuid
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone
from django.utils.cache import patch_cache_control, set_response_etag

from cocreacion.comun.al_confirmar import pendiente, una_vez_al_confirmar
from cocreacion.operacion import generacion_local
from cocreacion.registro import APPS_DEL_PORTAL

logger = logging.getLogger(__name__)

TIPOS_GUARDABLES = (
    "text/html",
    "application/xml",
    "text/xml",
    "application/atom+xml",
    "application/rss+xml",
    "application/json",
    "text/plain",
)
# Una página mayor que esto se sirve sin caché (no llena Redis con un documento enorme).
TAMANO_MAXIMO = 4 * 1024 * 1024
# /salud/ debe reflejar la base en vivo; robots.txt no consulta nada: guardarlo costaría más.
EXCLUIDAS = ("/admin/", "/salud/", "/robots.txt")
NO_GUARDAR = ("private", "no-store", "no-cache")


def _segundos_servidor() -> int:
    return getattr(settings, "CACHE_PAGINAS_SEGUNDOS", 600)


def _segundos_navegador() -> int:
    return getattr(settings, "CACHE_PAGINAS_NAVEGADOR", 0)


def _alias() -> str:
    return getattr(settings, "CACHE_MIDDLEWARE_ALIAS", "default")


def _cache():
    return caches[_alias()]


def _vigilante():
    """Con Redis, quien sabe la generación en este proceso sin preguntarle a Redis en cada
    petición (``generacion_local``)."""
    return generacion_local.vigilante(_cache(), _alias())


# --- Generación --------------------------------------------------------------------------


# Con una caché compartida (Redis), la generación vive también en ella, en esta clave, y las
# peticiones la leen de ahí: un acierto se sirve sin tocar la base. Antes cada acierto hacía dos
# viajes a PostgreSQL (la revisión de la conexión de ``conn_health_checks`` y la consulta de la
# generación) y dos a Redis; con dos servidores detrás de nginx, eso limitaba las páginas
# guardadas a la mitad de las peticiones por segundo de un archivo estático. El razonamiento de
# arriba vale igual: la clave cambia en ``on_commit``, después de confirmar, y se lee antes que
# cualquier consulta de datos. Si Redis la pierde (se vació o reinició), la primera petición
# pone una nueva: todo lo guardado queda apartado, nunca se sirve de más.
CLAVE_GENERACION = "paginas.generacion"


def _generacion_en_cache() -> bool:
    """¿La caché de páginas es compartida entre procesos? (Redis: sí; LocMem: no)."""
    return "redis" in settings.CACHES[_alias()]["BACKEND"].lower()


def _cambiar_generacion() -> None:
    """Pone un valor nuevo en la fila de la generación (la crea si la base se vació) y, con
    una caché compartida, en su clave."""
    from cocreacion.models import GeneracionDeDatos
    from cocreacion.operacion.models import PK_GENERACION

    valor = uuid.uuid4().hex
    try:
        # ``update`` y no ``save``: no dispara señales (no se invalida a sí misma).
        if not GeneracionDeDatos.objects.filter(pk=PK_GENERACION).update(valor=valor):
            GeneracionDeDatos.objects.get_or_create(pk=PK_GENERACION, defaults={"valor": valor})
    except DatabaseError:
        # Los datos ya están confirmados; la página vieja vive a lo sumo CACHE_PAGINAS_SEGUNDOS.
        logger.exception("No se pudo cambiar la generación de la caché de páginas")
    if _generacion_en_cache():
        try:
            _cache().set(CLAVE_GENERACION, valor, None)
        except Exception:  # cualquier error del cliente de Redis; mismo caso que arriba
            logger.exception("No se pudo cambiar la generación de la caché de páginas en Redis")
        else:
            _vigilante().publicar(valor)


# La marca de «ya se cambiará la generación al confirmar» de la transacción en curso.
MARCA_AL_CONFIRMAR = "cache_paginas.generacion"


def hay_escrituras_pendientes() -> bool:
    """¿La transacción en curso escribió datos del portal que aún no confirma?"""
    return pendiente(MARCA_AL_CONFIRMAR)


def invalidar() -> None:
    """Cambia la generación al confirmar la transacción en curso (o ya, fuera de ``atomic``).

    Llámese tras escrituras que no disparan señales (``bulk_create``, ``bulk_update``,
    ``QuerySet.update``, SQL a mano, restauraciones). Dentro de una transacción la generación
    cambia una sola vez aunque se llame miles de veces (importaciones).
    """
    una_vez_al_confirmar(MARCA_AL_CONFIRMAR, _cambiar_generacion)


def generacion_vigente() -> str | None:
    """El valor confirmado de la generación, o ``None`` si no hay.

    Con una caché compartida, de su clave (una lectura de Redis; si falta, se pone una nueva);
    si no, de la fila de la base (1 consulta; ``None`` si no hay fila).
    """
    if _generacion_en_cache():
        cache = _cache()
        valor = cache.get(CLAVE_GENERACION)
        if valor is None:
            nuevo = uuid.uuid4().hex
            if cache.add(CLAVE_GENERACION, nuevo, None):  # si dos a la vez, gana una
                _vigilante().publicar(nuevo)
            valor = cache.get(CLAVE_GENERACION)
        return valor

    from cocreacion.models import GeneracionDeDatos
    from cocreacion.operacion.models import PK_GENERACION

    return (
        GeneracionDeDatos.objects.filter(pk=PK_GENERACION).values_list("valor", flat=True).first()
    )


def _al_escribir(sender, raw=False, **kwargs):
    invalidar()


def _al_cambiar_relacion(sender, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear"):
        invalidar()


def conectar_senales() -> None:
    """Conecta la invalidación a todos los modelos de las apps del portal (desde ``ready``)."""
    from django.apps import apps

    from cocreacion.models import GeneracionDeDatos, NotificacionEnviada, PreferenciaNotificacion

    # Ninguna página pública muestra avisos ni preferencias: escribirlos no cambia la generación.
    ajenos = {GeneracionDeDatos, NotificacionEnviada, PreferenciaNotificacion}
    for app in APPS_DEL_PORTAL:
        for modelo in apps.get_app_config(app).get_models():
            # Un modelo que declara ``cambia_paginas_publicas = False`` (p. ej. las
            # suscripciones por correo) tampoco, ni su tabla histórica.
            propio = getattr(modelo, "instance_type", modelo)
            if modelo in ajenos or getattr(propio, "cambia_paginas_publicas", True) is False:
                continue
            uid = f"cache_paginas:{modelo._meta.label}"
            post_save.connect(_al_escribir, sender=modelo, dispatch_uid=uid)
            post_delete.connect(_al_escribir, sender=modelo, dispatch_uid=uid)
            for campo in modelo._meta.local_many_to_many:
                m2m_changed.connect(
                    _al_cambiar_relacion,
                    sender=campo.remote_field.through,
                    dispatch_uid=f"{uid}.{campo.name}",
                )


# --- Versión del código ------------------------------------------------------------------

# Lo que decide cómo se ve una página: código, plantillas, traducciones y el manifiesto de
# estáticos (los nombres con huella de CSS y JS que la página enlaza). Las carpetas de las apps
# salen de su AppConfig: el núcleo no nombra apps.
CARPETAS_FUERA_DE_LAS_APPS = ("templates",)
EXTENSIONES_DEL_CODIGO = {".py", ".html", ".txt", ".xml", ".mo"}


@lru_cache(maxsize=1)
def huella_del_codigo() -> str:
    """Huella del contenido del código desplegado; se calcula una vez por proceso.

    Por contenido y no por fechas ni por un número de versión: dos servidores con el mismo
    código dan la misma huella (comparten páginas) aunque se hayan instalado en días distintos.
    """
    from django.apps import apps

    huella = hashlib.sha256()
    base = settings.BASE_DIR
    carpetas = {Path(apps.get_app_config(app).path) for app in APPS_DEL_PORTAL}
    # Una app dentro de otra (la participación dentro del núcleo) ya entra con su padre.
    carpetas = [c for c in carpetas if not any(o in c.parents for o in carpetas)]
    carpetas += [base / carpeta for carpeta in CARPETAS_FUERA_DE_LAS_APPS]
    for carpeta in sorted(carpetas):
        for ruta in sorted(carpeta.rglob("*")):
            if ruta.suffix in EXTENSIONES_DEL_CODIGO and ruta.is_file():
                # La ruta relativa a su carpeta: dos instalaciones en lugares distintos
                # dan la misma huella.
                huella.update(str(ruta.relative_to(carpeta.parent)).encode())
                huella.update(ruta.read_bytes())
    manifiesto = settings.STATIC_ROOT / "staticfiles.json"
    if manifiesto.is_file():
        huella.update(manifiesto.read_bytes())
    return huella.hexdigest()[:12]


# --- Middleware --------------------------------------------------------------------------


def _con_sesion(request) -> bool:
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME in cookies or "messages" in cookies


# Lo que nunca se guarda aquí tampoco debe pasar por el turno de ``_uno_a_la_vez``: los PDF
# tienen su propia caché (``cocreacion.pdf``) y los archivos subidos fluyen. Con el turno, las
# peticiones simultáneas del mismo PDF se atendían de una en una en cada proceso y ocupaban sus
# hilos (la portada esperaba detrás de ellas).
SIN_TURNO_SUFIJOS = (".pdf",)
SIN_TURNO_PREFIJOS = ("/media/",)


def _ruta_cacheable(request) -> bool:
    ruta = request.path
    return (
        request.method in ("GET", "HEAD")
        and not ruta.startswith(EXCLUIDAS + SIN_TURNO_PREFIJOS)
        and not ruta.endswith(SIN_TURNO_SUFIJOS)
    )


def _guardable(request, respuesta) -> bool:
    if respuesta.status_code != 200 or respuesta.streaming or respuesta.cookies:
        return False
    tipo = respuesta.get("Content-Type", "").split(";")[0].strip()
    if tipo not in TIPOS_GUARDABLES or len(respuesta.content) > TAMANO_MAXIMO:
        return False
    if any(d in respuesta.get("Cache-Control", "") for d in NO_GUARDAR):
        return False
    vary = {v.strip().lower() for v in respuesta.get("Vary", "").split(",") if v.strip()}
    return (
        vary <= {encabezado.lower() for encabezado in VARIA_POR} and not hay_escrituras_pendientes()
    )


# Los encabezados de la petición por los que puede variar una página guardada: el ``Vary`` que
# ponen los middlewares del portal a una página anónima (LocaleMiddleware). Una respuesta que
# varía por otro (``Cookie``: usó la sesión o el token CSRF) no se guarda.
VARIA_POR = ("Accept-Language",)


def _clave(request, base: str, metodo: str) -> str:
    huella = hashlib.md5(request.build_absolute_uri().encode(), usedforsecurity=False)
    for encabezado in VARIA_POR:
        valor = request.META.get("HTTP_" + encabezado.upper().replace("-", "_"), "")
        huella.update(b"\0" + valor.encode())
    return f"{base}.pagina.{metodo}.{huella.hexdigest()}"


def _vigente(guardadas: dict, claves: list[str], generacion: str):
    """La respuesta guardada con la generación vigente, o ``None``."""
    for clave in claves:
        guardada = guardadas.get(clave)
        if guardada is not None and guardada[0] == generacion:
            return guardada[1]
    return None


# Si una página cara (p. ej. /cambios/) no está guardada, los hilos del proceso que la piden a
# la vez esperan a que el primero la genere en vez de generarla todos: con el GIL, N copias
# tardan N veces más y ocupan todos los hilos. Un candado por clave, que se borra al soltarlo.
ESPERA_MAXIMA = 30  # segundos; pasado esto se genera sin esperar
_candados: dict[str, list] = {}
_guardia = threading.Lock()


@contextmanager
def _uno_a_la_vez(clave: str):
    """Cede el turno a quien ya genera ``clave``; entrega si se obtuvo el turno."""
    with _guardia:
        entrada = _candados.setdefault(clave, [threading.Lock(), 0])
        entrada[1] += 1
    tomado = entrada[0].acquire(timeout=ESPERA_MAXIMA)
    try:
        yield tomado
    finally:
        if tomado:
            entrada[0].release()
        with _guardia:
            entrada[1] -= 1
            if entrada[1] == 0:
                del _candados[clave]


class CacheDePaginasPublicas:
    """Sirve y guarda páginas públicas completas para visitantes anónimos.

    Va después de WhiteNoise y antes de sesiones, CSRF y autenticación: un acierto se responde
    sin tocarlos (ya vienen en la respuesta guardada los encabezados que ponen los de adentro,
    como la CSP). Decide por cookies, no por ``request.user``, porque aún no existe.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _segundos_servidor() <= 0 or not _ruta_cacheable(request):
            return self.get_response(request)
        if _con_sesion(request):
            respuesta = self.get_response(request)
            # La página de quien tiene sesión es suya: ni el navegador compartido ni un proxy.
            patch_cache_control(respuesta, private=True, no_store=True)
            return respuesta
        if hay_escrituras_pendientes():
            return self.get_response(request)
        base = self._base()
        cache = _cache()
        metodos = ("GET", "HEAD") if request.method == "HEAD" else ("GET",)
        claves = [_clave(request, base, metodo) for metodo in metodos]
        try:
            generacion, guardada = self._buscar(cache, claves)
        except DatabaseError:
            return self.get_response(request)  # sin base: que la vista responda su 503
        if generacion is None:
            return self.get_response(request)
        if guardada is not None:
            return guardada
        turno = f"{base}.{generacion}.{request.method}.{request.build_absolute_uri()}"
        with _uno_a_la_vez(turno) as tomado:
            # Mientras esperaba, otro hilo pudo guardarla (con la misma generación).
            guardada = _vigente(cache.get_many(claves), claves, generacion) if tomado else None
            if guardada is not None:
                return guardada
            respuesta = self.get_response(request)
            if _guardable(request, respuesta):
                patch_cache_control(respuesta, public=True, max_age=_segundos_navegador())
                # Con su ETag: ConditionalGetMiddleware ya no calcula el MD5 de la página en
                # cada acierto (el mismo valor que calcularía).
                if not respuesta.has_header("ETag"):
                    set_response_etag(respuesta)
                clave = _clave(request, base, request.method)
                cache.set(clave, (generacion, respuesta), _segundos_servidor())
                if _generacion_en_cache():
                    generacion_local.copiar(clave, generacion, respuesta, _segundos_servidor())
            return respuesta

    @staticmethod
    def _buscar(cache, claves: list[str]):
        """(generación vigente, página guardada con ella o ``None``).

        La generación se lee antes que cualquier otra consulta de la petición (ver el punto 2
        arriba): con Redis, la que este proceso sabe por los avisos (o, sin suscripción
        confirmada, en el mismo ``MGET`` que la página); si no, de la base.
        """
        if _generacion_en_cache():
            generacion = _vigilante().generacion(generacion_vigente)
            if generacion is not None:
                # Al día por los avisos de Redis: la copia de este proceso o, si no la tiene,
                # la página de Redis (un GET menos que antes).
                for clave in claves:
                    guardada = generacion_local.copia(clave, generacion)
                    if guardada is not None:
                        return generacion, guardada
                guardadas = cache.get_many(claves)
                for clave in claves:
                    guardada = _vigente(guardadas, [clave], generacion)
                    if guardada is not None:
                        generacion_local.copiar(clave, generacion, guardada, _segundos_servidor())
                        return generacion, guardada
                return generacion, None
            # Sin suscripción confirmada: generación y página de Redis en un solo MGET.
            guardadas = cache.get_many([CLAVE_GENERACION, *claves])
            generacion = guardadas.get(CLAVE_GENERACION)
            if generacion is None:  # Redis la perdió: se pone otra, nada guardado vale
                return generacion_vigente(), None
        else:
            generacion = generacion_vigente()
            if generacion is None:
                return None, None
            guardadas = cache.get_many(claves)
        return generacion, _vigente(guardadas, claves, generacion)

    @staticmethod
    def _base() -> str:
        # Con la fecha: hay páginas que dependen de «hoy» (plazos, compromisos vencidos) y
        # deben cambiar a medianoche aunque nadie escriba.
        hoy = timezone.localdate().isoformat()
        return f"{settings.CACHE_MIDDLEWARE_KEY_PREFIX}paginas.{huella_del_codigo()}.{hoy}"
