"""Generación de documentos PDF con WeasyPrint, y la política única de su caché.

Los archivos estáticos y de medios se leen del disco (nunca por HTTP): el documento se
genera rápido y sin red. Se produce PDF etiquetado (PDF/UA-1) para lectores de pantalla.

Política de caché (la misma para el programa, el acta y el dictamen; ``pdf_en_cache``):

1. **La clave es todo lo que entra en el documento.** El PDF se guarda bajo la huella
   (SHA-256) del HTML ya dibujado —datos y plantilla— y de las hojas de estilo. Si cambia
   cualquier dato, texto de la plantilla o estilo, la clave cambia: nunca se sirve un
   documento viejo, y lo que no cambió no se vuelve a generar.
2. **Atajo por generación.** Dibujar el HTML cuesta consultas y CPU (el programa grande,
   ~90 ms). Mientras nadie escriba, la generación de datos de ``cache_paginas`` no cambia, así
   que se guarda además «documento + registro + generación + fecha + huella de plantillas y
   hojas → huella del HTML»: la petición siguiente sólo lee la generación (una consulta
   diminuta) y la caché.
3. **Uno a la vez por clave.** Si el PDF no está, sólo una petición lo genera; las demás
   esperan su resultado (candado con ``cache.add``, atómico en Redis y en LocMem, que caduca
   solo si quien genera muere; pasado ``ESPERA_MAXIMA`` se genera sin esperar). Con Redis
   (``REDIS_URL``) el turno es de todos los procesos y servidores; con LocMem, de cada proceso.
4. **Los documentos se pregeneran al publicarse** (al confirmar la transacción que publica
   un programa, publica una sesión o aprueba un dictamen; ``PDF_PREGENERAR``) y con
   ``manage.py pregenerar_pdfs`` (p. ej. tras un despliegue que cambie plantillas o estilos).
"""

import hashlib
import logging
import mimetypes
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache, partial
from pathlib import Path

import weasyprint
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.db import DatabaseError
from django.db.models import Model, QuerySet
from django.db.models.signals import post_save
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

from cocreacion.comun.al_confirmar import una_vez_al_confirmar
from cocreacion.comun.descargas import nombrar

logger = logging.getLogger(__name__)

BASE_URL = "file:///"


class ErrorAlGenerarPDF(Exception):
    """El documento no pudo generarse; nunca se entrega un archivo en blanco."""


class LectorLocal(URLFetcher):
    """Sirve ``/static/…`` y ``/media/…`` desde el disco y rechaza todo lo demás."""

    def fetch(self, url, headers=None):
        if url.startswith("data:"):
            return super().fetch(url, headers)
        ruta = url.removeprefix("file://")
        archivo: Path | None = None
        if ruta.startswith(settings.STATIC_URL):
            encontrado = finders.find(ruta.removeprefix(settings.STATIC_URL))
            archivo = Path(encontrado) if encontrado else None
        elif ruta.startswith(settings.MEDIA_URL):
            candidato = (
                Path(settings.MEDIA_ROOT) / ruta.removeprefix(settings.MEDIA_URL)
            ).resolve()
            if candidato.is_relative_to(Path(settings.MEDIA_ROOT).resolve()):
                archivo = candidato
        if archivo is None or not archivo.is_file():
            raise ValueError(f"Recurso no disponible para el PDF: {url}")
        # Sin tipo MIME, WeasyPrint descarta las hojas de estilo enlazadas con <link>.
        tipo = mimetypes.guess_type(archivo.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, body=archivo.read_bytes(), headers={"Content-Type": tipo})


def hojas_de_estilo(hojas_extra: tuple[str, ...] = ()) -> tuple[str, ...]:
    """Rutas de estáticos de las hojas de un documento: ``css/pdf.css`` más ``hojas_extra``."""
    return ("css/pdf.css", *hojas_extra)


def renderizar_pdf(
    plantilla: str,
    contexto: dict,
    *,
    request=None,
    hojas_extra: tuple[str, ...] = (),
    html: str | None = None,
) -> bytes:
    """Devuelve los bytes del PDF de ``plantilla``; lanza ``ErrorAlGenerarPDF`` si falla.

    ``hojas_extra``: rutas de estáticos (p. ej. ``"css/listados.css"``) que se suman a
    ``css/pdf.css``. ``html``: la plantilla ya renderizada, para quien la necesitó antes
    (p. ej. para la clave de caché) y no quiere pagar dos veces el render de un documento grande.
    """
    if html is None:
        html = render_to_string(plantilla, contexto, request=request)
    fuentes = FontConfiguration()
    lector = LectorLocal(allowed_protocols=("file", "data"))
    try:
        hojas = [
            CSS(filename=finders.find(hoja), font_config=fuentes, url_fetcher=lector)
            for hoja in hojas_de_estilo(hojas_extra)
        ]
        documento = HTML(string=html, base_url=BASE_URL, url_fetcher=lector)
        datos = documento.write_pdf(stylesheets=hojas, font_config=fuentes, pdf_variant="pdf/ua-1")
    except Exception as exc:
        logger.exception("Falló la generación del PDF %s", plantilla)
        raise ErrorAlGenerarPDF(str(exc)) from exc
    if not datos:
        raise ErrorAlGenerarPDF("El PDF resultó vacío.")
    return datos


def respuesta_pdf(datos: bytes, nombre_archivo: str, *, descargar: bool = False) -> HttpResponse:
    respuesta = HttpResponse(datos, content_type="application/pdf")
    nombrar(respuesta, nombre_archivo, adjunto=descargar)
    respuesta["X-Content-Type-Options"] = "nosniff"
    return respuesta


# --- Política única de caché ---------------------------------------------------------------

DURACION_CACHE = 60 * 60 * 24 * 30  # la clave es el contenido: no envejece, sólo se desplaza
ESPERA_MAXIMA = 45  # s que una petición espera el PDF que genera otra (gunicorn corta a los 60)
VIDA_DEL_TURNO = 120  # s: el turno de quien genera caduca solo si su proceso muere
INTERVALO_DE_ESPERA = 0.05
CARPETA_PLANTILLAS_PDF = Path(settings.BASE_DIR) / "templates" / "pdf"


@dataclass(frozen=True)
class DocumentoPDF:
    """Un documento PDF del portal y cómo se pregenera al publicarse.

    - ``modelo``, ``es_publico(registro)``: guardar un registro público de ``modelo`` lo
      pregenera al confirmar la transacción.
    - ``publicos()``: registros cuyo documento es público (para ``pregenerar_pdfs``).
    - ``generar(registro)``: bytes del PDF, pasando por ``pdf_en_cache``.
    """

    nombre: str
    plantilla: str
    hojas_extra: tuple[str, ...] = ()
    modelo: type[Model] | None = None
    es_publico: Callable[[Model], bool] | None = None
    publicos: Callable[[], QuerySet] | None = None
    generar: Callable[[Model], bytes] | None = field(default=None, compare=False)


def _leer_hojas(hojas_extra: tuple[str, ...]) -> list[bytes]:
    return [Path(finders.find(hoja)).read_bytes() for hoja in hojas_de_estilo(hojas_extra)]


@lru_cache(maxsize=32)
def _huella_fija_del_proceso(hojas_extra: tuple[str, ...]) -> str:
    huella = hashlib.sha256(weasyprint.__version__.encode())
    for plantilla in sorted(CARPETA_PLANTILLAS_PDF.rglob("*.html")):
        huella.update(plantilla.read_bytes())
    for hoja in _leer_hojas(hojas_extra):
        huella.update(hoja)
    return huella.hexdigest()[:16]


def huella_fija(hojas_extra: tuple[str, ...]) -> str:
    """Huella de las plantillas de ``templates/pdf/`` y de las hojas de estilo del documento.

    Se calcula una vez por proceso (cambian sólo con un despliegue, que reinicia los procesos);
    en desarrollo (``DEBUG``), en cada llamada.
    """
    if settings.DEBUG:
        _huella_fija_del_proceso.cache_clear()
    return _huella_fija_del_proceso(tuple(hojas_extra))


def huella_del_documento(html: str, hojas_extra: tuple[str, ...]) -> str:
    """La clave del PDF: el HTML dibujado (datos y plantilla) y los bytes de cada hoja."""
    huella = hashlib.sha256(weasyprint.__version__.encode())
    huella.update(html.encode("utf-8"))
    for hoja in _leer_hojas(hojas_extra):
        huella.update(b"\x00" + hoja)
    return huella.hexdigest()


def _clave_de_atajo(documento: DocumentoPDF, identificador: str) -> str | None:
    """La clave del atajo por generación, o ``None`` si no conviene usarlo."""
    from cocreacion.operacion.cache_paginas import generacion_vigente, hay_escrituras_pendientes

    if hay_escrituras_pendientes():
        return None  # hay escrituras propias sin confirmar: la generación no las cubre aún
    try:
        generacion = generacion_vigente()
    except DatabaseError:
        return None
    if generacion is None:
        return None
    hoy = timezone.localdate().isoformat()
    fija = huella_fija(documento.hojas_extra)
    return f"pdf:atajo:{documento.nombre}:{identificador}:{generacion}:{hoy}:{fija}"


def obtener_o_generar(clave: str, generar: Callable[[], bytes], duracion: int) -> bytes:
    """El valor de ``clave`` en la caché; si falta, lo genera una sola petición a la vez.

    Las demás esperan (sondeando la caché) hasta ``ESPERA_MAXIMA``; si quien tenía el turno no
    terminó para entonces (o su proceso murió y el turno aún no caduca), generan ellas.
    """
    datos = cache.get(clave)
    if datos is not None:
        return datos
    turno = f"{clave}:turno"
    ficha = uuid.uuid4().hex
    limite = time.monotonic() + ESPERA_MAXIMA
    espera = INTERVALO_DE_ESPERA
    while not cache.add(turno, ficha, VIDA_DEL_TURNO):
        time.sleep(espera)
        espera = min(espera * 1.5, 0.5)
        datos = cache.get(clave)
        if datos is not None:
            return datos
        if time.monotonic() > limite:
            logger.warning("Se agotó la espera del PDF %s; se genera sin turno", clave)
            datos = generar()
            cache.set(clave, datos, duracion)
            return datos
    try:
        # Quien tenía el turno pudo terminar entre la primera lectura y el ``add``.
        datos = cache.get(clave)
        if datos is None:
            inicio = time.monotonic()
            datos = generar()
            cache.set(clave, datos, duracion)
            logger.info(
                "Se generó el PDF %s (%.2f s, %s bytes)",
                clave,
                time.monotonic() - inicio,
                f"{len(datos):,}",
            )
        return datos
    finally:
        # Sólo quien lo tomó lo suelta (si caducó y otro lo tomó, es de ese otro).
        if cache.get(turno) == ficha:
            cache.delete(turno)


def pdf_en_cache(
    documento: DocumentoPDF,
    *,
    identificador: str,
    contexto: Callable[[], dict],
    duracion: int = DURACION_CACHE,
) -> bytes:
    """Bytes del PDF de ``documento`` para el registro ``identificador`` (ver la política
    al inicio del módulo). ``contexto()`` se llama sólo si el atajo no basta."""
    atajo = _clave_de_atajo(documento, identificador)
    if atajo is not None:
        huella = cache.get(atajo)
        datos = cache.get(f"pdf:{documento.nombre}:{huella}") if huella else None
        if datos is not None:
            return datos
    valores = contexto()
    html = render_to_string(documento.plantilla, valores)
    huella = huella_del_documento(html, documento.hojas_extra)
    datos = obtener_o_generar(
        f"pdf:{documento.nombre}:{huella}",
        lambda: renderizar_pdf(
            documento.plantilla, valores, hojas_extra=documento.hojas_extra, html=html
        ),
        duracion,
    )
    if atajo is not None:
        cache.set(atajo, huella, duracion)
    return datos


# --- Pregeneración al publicar --------------------------------------------------------------


def documentos_pdf() -> list[DocumentoPDF]:
    from cocreacion.registro import reunir

    return reunir("pdf", "DOCUMENTOS")


def pregenerar(documento: DocumentoPDF, pk) -> bool:
    """Genera (o encuentra ya hecho) el PDF de un registro público; nunca lanza."""
    registro = documento.publicos().filter(pk=pk).first()
    if registro is None:
        return False
    try:
        documento.generar(registro)
    except Exception:
        # Publicar ya se confirmó; el PDF se generará en la primera descarga.
        logger.exception("No se pudo pregenerar el PDF %s de %s", documento.nombre, pk)
        return False
    return True


def _al_guardar(documento: DocumentoPDF):
    def receptor(sender, instance, raw=False, **kwargs):
        if raw or not getattr(settings, "PDF_PREGENERAR", True):
            return
        if not documento.es_publico(instance):
            return
        # Un servicio guarda el mismo registro varias veces en una transacción: uno basta.
        una_vez_al_confirmar(
            ("pdf", documento.nombre, instance.pk),
            partial(pregenerar, documento, instance.pk),
        )

    return receptor


def conectar_pregeneracion() -> None:
    for documento in documentos_pdf():
        if documento.modelo is not None and documento.es_publico is not None:
            post_save.connect(
                _al_guardar(documento),
                sender=documento.modelo,
                weak=False,
                dispatch_uid=f"pregenerar_pdf_{documento.nombre}",
            )
