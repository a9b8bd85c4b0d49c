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

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
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


# --- Envío ------------------------------------------------------------------------------


def enviar(aviso: Aviso, usuarios: Iterable) -> int:
    """Envía ``aviso`` a cada persona que lo tiene encendido y aún no lo recibió; cuántos salieron.

    La constancia y el envío van en la misma transacción: si el servidor de correo falla, la
    constancia se deshace y el aviso sale en la siguiente corrida; si la constancia ya existe
    (la restricción única la protege también entre procesos), no se envía de nuevo.
    """
    usuarios = [u for u in usuarios if u.email]
    if not usuarios:
        return 0
    apagados = set(
        PreferenciaNotificacion.objects.apagadas()
        .filter(usuario__in=usuarios, tipo=aviso.tipo)
        .values_list("usuario_id", flat=True)
    )
    enviados = 0
    for usuario in usuarios:
        if usuario.pk in apagados:
            continue
        try:
            with transaction.atomic():
                NotificacionEnviada.objects.create(
                    usuario=usuario,
                    tipo=aviso.tipo,
                    clave=aviso.clave[:200],
                    correo=usuario.email,
                    asunto=aviso.asunto[:255],
                )
                EmailMessage(
                    subject=aviso.asunto,
                    body=_texto(aviso, usuario),
                    to=[usuario.email],
                ).send()
        except IntegrityError:
            continue  # ya se le había enviado
        except Exception:  # noqa: BLE001 - un correo que falla no detiene a los demás
            logger.exception("No se pudo enviar el aviso %s a %s", aviso.clave, usuario.email)
            continue
        enviados += 1
    return enviados


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
    return tipos


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
