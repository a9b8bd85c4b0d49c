"""Avisos por correo: quién los recibe, cuándo salen y cómo nunca se repiten.

- Los avisos que dispara una escritura (abrir un periodo, enviar, devolver o aprobar un
  listado) salen en ``transaction.on_commit``: si la escritura se deshace, no sale nada, y el
  servidor de correo nunca retiene una transacción abierta.
- Los recordatorios programados (7 días y 1 día antes del plazo de envío, hitos vencidos) los
  manda ``enviar_recordatorios`` desde el comando de gestión del mismo nombre (cron o un
  temporizador de systemd).
- Cada envío deja una ``NotificacionEnviada`` con una clave única por persona, tipo y hecho: el
  mismo aviso nunca sale dos veces, aunque el comando corra muchas veces o en dos servidores.
- Cada persona apaga los tipos que no quiere (``PreferenciaNotificacion``); sin preferencia
  guardada, el aviso está encendido. Quien no tiene correo no recibe nada.
"""

import logging
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from email.header import Header
from functools import lru_cache

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from cocreacion.models import (
    Enlace,
    NotificacionEnviada,
    PreferenciaNotificacion,
    TipoNotificacion,
)
from cocreacion.registro import modulos_de_apps

from .models import destinatario_usuario

logger = logging.getLogger(__name__)

# Quién puede recibir cada tipo: lo usa la página de preferencias para mostrar sólo lo suyo.
TIPOS_DE_ENLACE = [
    TipoNotificacion.PERIODO_ABIERTO,
    TipoNotificacion.PLAZO_PROXIMO,
    TipoNotificacion.LISTADO_DEVUELTO,
    TipoNotificacion.LISTADO_APROBADO,
    TipoNotificacion.HITO_VENCIDO,
]
TIPOS_DE_REVISION = [TipoNotificacion.LISTADO_ENVIADO]
# Cualquier persona con cuenta puede seguir registros públicos con su correo
# (``cocreacion.participacion``) y apagar aquí su resumen diario.
TIPOS_DE_TODOS = [TipoNotificacion.RESUMEN_SEGUIMIENTO]


@dataclass(frozen=True)
class Aviso:
    """Un aviso por enviar: el hecho (``clave``), lo que dice y la página a la que lleva."""

    tipo: str
    clave: str
    asunto: str
    cuerpo: str
    ruta: str


def url_absoluta(ruta: str) -> str:
    """La dirección completa de ``ruta`` en el sitio (``SITIO_URL``), para ligas en correos."""
    return settings.SITIO_URL.rstrip("/") + ruta


def _texto(aviso: Aviso, usuario) -> str:
    nombre = usuario.get_full_name() or usuario.get_username()
    return (
        f"Hola, {nombre}:\n\n"
        f"{aviso.cuerpo}\n\n"
        f"Ábralo aquí: {url_absoluta(aviso.ruta)}\n\n"
        f"Todo lo que tiene pendiente: {url_absoluta(reverse('admin:mis_pendientes'))}\n\n"
        "-- \n"
        "Cocreación Oaxaca. Este es un aviso automático; no responda a este correo.\n"
        "Puede apagar este tipo de aviso en "
        f"{url_absoluta(reverse('admin:mis_avisos'))}\n"
    )


# --- Destinatarios ----------------------------------------------------------------------


def enlaces_por_sujeto(sujeto_ids: Iterable[int]) -> dict[int, list]:
    """Usuarios de los enlaces activos de cada sujeto obligado (una consulta)."""
    por_sujeto = defaultdict(list)
    enlaces = Enlace.objects.filter(
        sujeto_obligado_id__in=set(sujeto_ids), activo=True, usuario__is_active=True
    ).select_related("usuario")
    for enlace in enlaces:
        por_sujeto[enlace.sujeto_obligado_id].append(enlace.usuario)
    return por_sujeto


def revisores_dga() -> list:
    """Personal que revisa listados (permiso ``revisar_listado``), sin enlaces ni superusuarios."""
    return list(
        get_user_model()
        .objects.with_perm(
            "cocreacion.revisar_listado",
            include_superusers=False,
            backend="django.contrib.auth.backends.ModelBackend",
        )
        .filter(enlace__isnull=True)
        .order_by("pk")
    )


# --- Envío ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Correo:
    """Un correo por enviar a una persona, con lo que su constancia necesita.

    ``destinatario`` es «usuario:<id>» (una cuenta) o «suscriptor:<id>» (alguien sin cuenta que
    sigue registros públicos); con ``tipo`` y ``clave`` forma la llave única de la constancia.
    ``url_baja`` va en el encabezado ``List-Unsubscribe`` (RFC 2369) y, con ``baja_un_clic``,
    también ``List-Unsubscribe-Post`` (RFC 8058): esa dirección da de baja con un POST sin
    sesión ni CSRF. ``guardar_correo`` en falso deja la constancia sin el correo (personas sin
    cuenta: su correo vive sólo en su suscripción).
    """

    destinatario: str
    correo: str
    tipo: str
    clave: str
    asunto: str
    cuerpo: str
    url_baja: str = ""
    baja_un_clic: bool = False
    guardar_correo: bool = True
    usuario_id: int | None = None

    def mensaje(self, conexion=None) -> EmailMessage:
        encabezados = {"Auto-Submitted": "auto-generated"}
        if self.url_baja:
            encabezados["List-Unsubscribe"] = f"<{self.url_baja}>"
            if self.baja_un_clic:
                encabezados["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
        return _Mensaje(
            subject=self.asunto,
            body=self.cuerpo,
            to=[self.correo],
            headers=encabezados,
            connection=conexion,
        )


@lru_cache(maxsize=256)
def _asunto_codificado(asunto: str) -> str:
    """El asunto ya en RFC 2047 (ASCII), calculado una vez por asunto distinto.

    Django lo codificaría en cada mensaje (medio milisegundo con acentos): en un resumen de
    10,000 correos con pocos asuntos distintos, eran segundos. Las palabras codificadas van en
    una sola línea, separadas por espacios (Django no admite encabezados de varias líneas).
    """
    try:
        asunto.encode("ascii")
    except UnicodeEncodeError:
        return Header(asunto, "utf-8").encode(linesep=" ")
    return asunto


class _Mensaje(EmailMessage):
    """``EmailMessage`` que codifica su asunto con ``_asunto_codificado`` al armarse."""

    def message(self):
        asunto = self.subject
        self.subject = _asunto_codificado(str(asunto))
        try:
            return super().message()
        finally:
            self.subject = asunto


def mandar(correos: Iterable[Correo]) -> list[Correo]:
    """Envía cada correo que aún no tiene constancia y devuelve los que salieron.

    El único camino de salida de los correos del portal (avisos, recordatorios, resúmenes del
    seguimiento). Las constancias se insertan en bloque y los correos salen por una sola
    conexión, dentro de la misma transacción: otro proceso que intente las mismas constancias
    espera a que ésta termine y choca con la restricción única, así que ningún correo sale dos
    veces aunque el comando corra a la vez en dos servidores. Si el servidor de correo rechaza
    uno, se borra su constancia y sale en la siguiente corrida; los demás siguen.
    """
    correos = [c for c in correos if c.correo]
    if not correos:
        return []
    with transaction.atomic():
        pendientes = _reclamar(correos)
        if not pendientes:
            return []
        conexion = get_connection()
        salieron, fallaron = [], []
        try:
            conexion.open()
            for correo, constancia_id in pendientes:
                try:
                    correo.mensaje(conexion).send()
                except Exception:  # noqa: BLE001 - un correo que falla no detiene a los demás
                    logger.exception("No se pudo enviar %s (%s)", correo.clave, correo.destinatario)
                    fallaron.append(constancia_id)
                else:
                    salieron.append(correo)
        finally:
            try:
                conexion.close()
            except Exception:  # noqa: BLE001 - cerrar una conexión caída no es un error nuevo
                logger.warning("No se pudo cerrar la conexión de correo", exc_info=True)
        if fallaron:
            NotificacionEnviada.objects.filter(pk__in=fallaron).delete()
    return salieron


def _llave(correo: Correo) -> tuple[str, str, str]:
    return (correo.destinatario, str(correo.tipo), correo.clave[:200])


def _constancia(correo: Correo) -> NotificacionEnviada:
    return NotificacionEnviada(
        destinatario=correo.destinatario,
        usuario_id=correo.usuario_id,
        tipo=correo.tipo,
        clave=correo.clave[:200],
        correo=correo.correo if correo.guardar_correo else "",
        asunto=correo.asunto[:255],
    )


def _reclamar(correos: list[Correo]) -> list[tuple[Correo, int]]:
    """Crea las constancias que faltan; devuelve (correo, id de su constancia) de las creadas.

    Primero en bloque (una consulta para ver cuáles ya existen y una para crear las demás); si
    otro proceso creó alguna entre tanto, la restricción única lo dice y se sigue una por una.
    """
    unicos = {_llave(c): c for c in correos}
    existentes = set(
        NotificacionEnviada.objects.filter(
            destinatario__in={d for d, _t, _c in unicos},
            tipo__in={t for _d, t, _c in unicos},
            clave__in={c for _d, _t, c in unicos},
        ).values_list("destinatario", "tipo", "clave")
    )
    nuevos = [c for llave, c in unicos.items() if llave not in existentes]
    if not nuevos:
        return []
    try:
        with transaction.atomic():
            creadas = NotificacionEnviada.objects.bulk_create([_constancia(c) for c in nuevos])
        return [(c, n.pk) for c, n in zip(nuevos, creadas, strict=True)]
    except IntegrityError:
        pass
    reclamados = []
    for correo in nuevos:
        try:
            with transaction.atomic():
                constancia = _constancia(correo)
                constancia.save()
        except IntegrityError:
            continue  # ya lo reclamó otro proceso
        reclamados.append((correo, constancia.pk))
    return reclamados


def enviar(aviso: Aviso, usuarios: Iterable) -> int:
    """Envía ``aviso`` a cada persona que lo tiene encendido y aún no lo recibió; cuántos salieron.

    Sale por ``mandar``: constancia única por persona, tipo y hecho, y un correo que el servidor
    rechaza se reintenta en la siguiente corrida. ``List-Unsubscribe`` lleva a «Mis avisos»,
    donde la persona apaga el tipo con su sesión.
    """
    usuarios = [u for u in usuarios if u.email]
    if not usuarios:
        return 0
    apagados = set(
        PreferenciaNotificacion.objects.apagadas()
        .filter(usuario__in=usuarios, tipo=aviso.tipo)
        .values_list("usuario_id", flat=True)
    )
    baja = url_absoluta(reverse("admin:mis_avisos"))
    return len(
        mandar(
            Correo(
                destinatario=destinatario_usuario(usuario.pk),
                usuario_id=usuario.pk,
                correo=usuario.email,
                tipo=aviso.tipo,
                clave=aviso.clave,
                asunto=aviso.asunto,
                cuerpo=_texto(aviso, usuario),
                url_baja=baja,
            )
            for usuario in usuarios
            if usuario.pk not in apagados
        )
    )


def avisar_al_confirmar(construir) -> None:
    """Corre ``construir()`` (que devuelve pares aviso-usuarios) y envía, tras confirmar."""

    def despachar():
        for aviso, usuarios in construir():
            enviar(aviso, usuarios)

    transaction.on_commit(despachar)


# --- Recordatorios programados ----------------------------------------------------------


def enviar_recordatorios(*, hoy: date | None = None) -> dict[str, int]:
    """Envía los recordatorios del día (los del núcleo y los de cada app); cuántos por tipo.

    Las apps aportan los suyos con ``recordatorios(hoy)`` en su módulo ``pendientes``.
    Idempotente: lo ya enviado no se repite.
    """
    hoy = hoy or timezone.localdate()
    fuentes = []
    for modulo in modulos_de_apps("pendientes"):
        if hasattr(modulo, "recordatorios"):
            fuentes.append(modulo.recordatorios)
    cuenta: dict[str, int] = defaultdict(int)
    for fuente in fuentes:
        for aviso, usuarios in fuente(hoy):
            cuenta[aviso.tipo] += enviar(aviso, usuarios)
    return dict(cuenta)


# --- Preferencias -----------------------------------------------------------------------


def tipos_para(usuario) -> list[TipoNotificacion]:
    """Los tipos de aviso que ``usuario`` puede recibir según su papel."""
    from cocreacion.listados.permissions import puede_revisar
    from cocreacion.permissions import enlace_de

    tipos = []
    if enlace_de(usuario) is not None:
        tipos += TIPOS_DE_ENLACE
    elif puede_revisar(usuario):
        tipos += TIPOS_DE_REVISION
    return tipos + TIPOS_DE_TODOS


def preferencias_de(usuario) -> dict[str, bool]:
    """Para cada tipo que ``usuario`` puede recibir, si lo tiene encendido."""
    guardadas = dict(
        PreferenciaNotificacion.objects.filter(usuario=usuario).values_list("tipo", "activa")
    )
    return {tipo: guardadas.get(tipo, True) for tipo in tipos_para(usuario)}


@transaction.atomic
def preferencias_guardar(*, usuario, encendidos: Iterable[str], actor) -> dict[str, bool]:
    """Guarda qué avisos quiere ``usuario``; sólo la propia persona cambia los suyos."""
    if actor is None or actor.pk != usuario.pk:
        raise ValidationError("Cada persona cambia sólo sus propios avisos.")
    encendidos = set(encendidos)
    permitidos = {str(t) for t in tipos_para(usuario)}
    desconocidos = encendidos - permitidos
    if desconocidos:
        raise ValidationError(
            "Tipo de aviso desconocido: %(t)s.", params={"t": ", ".join(sorted(desconocidos))}
        )
    for tipo in permitidos:
        preferencia = PreferenciaNotificacion.objects.filter(usuario=usuario, tipo=tipo).first()
        preferencia = preferencia or PreferenciaNotificacion(usuario=usuario, tipo=tipo)
        preferencia.activa = tipo in encendidos
        preferencia.full_clean()
        preferencia.save()
    return preferencias_de(usuario)


# --- Correos a personas sin cuenta ------------------------------------------------------


def enviar_correo_al_confirmar(*, correo: str, asunto: str, cuerpo: str) -> None:
    """Envía un correo de texto a una dirección (no a un usuario), tras confirmar la escritura.

    Para la ciudadanía que participa sin cuenta (confirmar una propuesta o un apoyo, avisar de
    una respuesta, borrar sus datos): no hay preferencias ni constancia por usuario, y el correo
    se pasa aquí en memoria, así que quien llama no necesita guardarlo. Si la escritura se
    deshace, no sale nada; si el servidor de correo falla, queda en la bitácora sin la
    dirección.
    """
    if not correo:
        return
    texto = (
        f"{cuerpo}\n\n"
        "-- \n"
        "Cocreación Oaxaca. Este es un aviso automático; no responda a este correo.\n"
        f"Aviso de privacidad: {url_absoluta(reverse('participacion:privacidad'))}\n"
    )

    def despachar():
        try:
            EmailMessage(subject=asunto, body=texto, to=[correo]).send()
        except Exception:  # noqa: BLE001 - el paso ya se confirmó; el correo no lo deshace
            logger.exception("No se pudo enviar el correo «%s»", asunto)

    transaction.on_commit(despachar)
