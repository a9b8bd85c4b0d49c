"""Seguir por correo: suscribirse con doble confirmación, darse de baja y el resumen diario.

Reglas (todas aquí; las vistas y el comando sólo llaman):

- **Doble confirmación.** Pedir seguir algo guarda una suscripción pendiente y manda un correo
  con un enlace firmado (``django.core.signing``) que caduca en ``DIAS_PARA_CONFIRMAR``; al
  abrirlo queda confirmada. Sólo las confirmadas reciben resúmenes: a un correo sin confirmar
  no sale nada más que ese enlace (y el de «Mis suscripciones» sólo sale a quien tiene alguna
  confirmada). Las pendientes caducadas se borran al correr el resumen.
- **Una por correo y objeto** (restricción única); pedir de nuevo lo ya pedido no duplica.
- **Sólo lo publicado** (``ObjetoSeguible.publicados``): no se puede seguir un borrador, y el
  resumen nunca informa de un objeto que dejó de estar publicado.
- **Límites contra abuso** con la caché de Django: solicitudes por dirección IP por hora y
  correos de confirmación por correo por hora y por día (``LIMITES``). Pasado el límite, la
  solicitud se rechaza con un mensaje claro y nada se guarda.
- **Baja.** Cada resumen lleva ``List-Unsubscribe`` (baja de un clic, RFC 8058) y la liga a
  «Mis suscripciones». Al quedarse sin suscripciones, el suscriptor se borra y con él su correo.
- **Resumen diario idempotente.** ``resumen_diario_enviar`` manda a cada suscriptor un solo
  correo por día con lo que cambió desde su último resumen; la constancia
  ``NotificacionEnviada`` (clave «resumen:AAAA-MM-DD») impide repetirlo, también entre dos
  servidores (``services_notificaciones.mandar``). Los cambios se calculan una vez por objeto
  seguido, no por suscriptor, y los suscriptores se recorren por lotes.
- **Personal con cuenta.** Si el correo de un suscriptor es el de una cuenta activa que apagó
  «Resumen diario de lo que sigo» en «Mis avisos», no se le envía.
"""

import datetime as dt
import hmac
import logging
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Min
from django.db.models.functions import Coalesce, Greatest, Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import ngettext

from cocreacion.models import NotificacionEnviada, PreferenciaNotificacion, TipoNotificacion
from cocreacion.portal.seguimiento import ObjetoSeguible, objeto_seguible, objetos_seguibles
from cocreacion.portal.services import Correo, mandar, url_absoluta

from ..models import Suscripcion, Suscriptor
from .limites import contar_intento
from .privacidad import huella, normalizar_correo

logger = logging.getLogger(__name__)

DIAS_PARA_CONFIRMAR = 3
DIAS_ENLACE_SUSCRIPCIONES = 7
# El resumen cubre a lo sumo esto hacia atrás (si el comando dejó de correr un tiempo, no
# llega un correo con meses de cambios).
VENTANA_MAXIMA = dt.timedelta(days=31)
# Lo escrito en los últimos minutos puede estar aún en una transacción sin confirmar con una
# fecha anterior a la de su confirmación: se deja para el resumen siguiente.
MARGEN = dt.timedelta(minutes=5)
TAM_LOTE = 500
CAMBIOS_POR_OBJETO = 20
MAXIMO_POR_CORREO = 200  # objetos que una persona puede seguir

LIMITES = {
    "ip_por_hora": 20,
    "correo_por_hora": 3,
    "correo_por_dia": 6,
}

SAL_CONFIRMAR = "participacion.seguimiento.confirmar"
SAL_BAJA = "participacion.seguimiento.baja"
SAL_SUSCRIPCIONES = "participacion.seguimiento.suscripciones"


class EnlaceNoValido(Exception):
    """El enlace firmado está alterado, es de otro correo o ya no lleva a nada."""


class EnlaceCaducado(Exception):
    """El enlace firmado era válido pero ya caducó."""


# --- Correo, huella y enlaces firmados ---------------------------------------------------


# La misma huella y la misma normalización que propuestas y apoyos: un solo correo, una huella.
huella_de = huella


def _firmar(sal: str, **datos) -> str:
    return signing.dumps(datos, salt=sal, compress=False)


def _leer(token: str, sal: str, max_age: dt.timedelta | None) -> dict:
    if not token or len(token) > 300:
        raise EnlaceNoValido
    try:
        datos = signing.loads(token, salt=sal, max_age=max_age)
    except signing.SignatureExpired as exc:
        raise EnlaceCaducado from exc
    except signing.BadSignature as exc:
        raise EnlaceNoValido from exc
    if not isinstance(datos, dict):
        raise EnlaceNoValido
    return datos


def _suscriptor_de(datos: dict) -> Suscriptor:
    """El suscriptor que nombra un enlace, si su huella aún coincide."""
    pk, huella = datos.get("p"), datos.get("h")
    if not isinstance(pk, int) or not isinstance(huella, str):
        raise EnlaceNoValido
    suscriptor = Suscriptor.objects.filter(pk=pk).first()
    if suscriptor is None or not hmac.compare_digest(suscriptor.huella[:16], huella):
        raise EnlaceNoValido
    return suscriptor


def enlace_confirmar(suscripcion: Suscripcion) -> str:
    token = _firmar(SAL_CONFIRMAR, s=suscripcion.pk, h=suscripcion.suscriptor.huella[:16])
    return url_absoluta(reverse("participacion:seguir_confirmar", args=[token]))


def _url_con_token(nombre: str, token: str) -> str:
    return url_absoluta(reverse(nombre, args=[token]))


def enlace_baja(suscriptor: Suscriptor, *, url=_url_con_token) -> str:
    """Baja de todo lo que sigue; no caduca (RFC 8058: el enlace de baja debe seguir sirviendo)."""
    token = _firmar(SAL_BAJA, p=suscriptor.pk, h=suscriptor.huella[:16])
    return url("participacion:seguir_baja", token)


def enlace_suscripciones(suscriptor: Suscriptor, *, url=_url_con_token) -> str:
    token = _firmar(SAL_SUSCRIPCIONES, p=suscriptor.pk, h=suscriptor.huella[:16])
    return url("participacion:mis_suscripciones", token)


class _UrlsDeUnaCorrida:
    """``reverse`` una vez por ruta en toda la corrida del resumen (no dos por persona)."""

    MARCA = "TOKEN-DEL-ENLACE"

    def __init__(self):
        self._bases: dict[str, str] = {}

    def __call__(self, nombre: str, token: str) -> str:
        if nombre not in self._bases:
            self._bases[nombre] = _url_con_token(nombre, self.MARCA)
        return self._bases[nombre].replace(self.MARCA, token)


def suscriptor_de_baja(token: str) -> Suscriptor | None:
    """El suscriptor del enlace de baja, o ``None`` si ya no existe (la baja ya se hizo).

    ``EnlaceNoValido`` si el enlace está alterado.
    """
    datos = _leer(token, SAL_BAJA, None)
    try:
        return _suscriptor_de(datos)
    except EnlaceNoValido:
        return None


def suscriptor_de_suscripciones(token: str) -> Suscriptor:
    return _suscriptor_de(
        _leer(token, SAL_SUSCRIPCIONES, dt.timedelta(days=DIAS_ENLACE_SUSCRIPCIONES))
    )


# --- Límites contra abuso ----------------------------------------------------------------


def _dentro_del_limite(clave: str, limite: int, segundos: int) -> bool:
    """Cuenta un intento con la cuenta común de la participación; falso si pasó de ``limite``."""
    return contar_intento("seguimiento", clave, segundos) <= limite


def _limites() -> dict:
    return {**LIMITES, **getattr(settings, "SEGUIMIENTO_LIMITES", {})}


def revisar_limite_ip(ip: str | None) -> None:
    limite = _limites()["ip_por_hora"]
    if not _dentro_del_limite(f"ip.{ip or 'desconocida'}", limite, 3600):
        raise ValidationError(
            "Se recibieron demasiadas solicitudes desde su conexión. Intente de nuevo en una hora.",
            code="limite",
        )


def _revisar_limite_correo(huella: str) -> None:
    limites = _limites()
    por_hora = _dentro_del_limite(f"correo.h.{huella}", limites["correo_por_hora"], 3600)
    por_dia = _dentro_del_limite(f"correo.d.{huella}", limites["correo_por_dia"], 86400)
    if not (por_hora and por_dia):
        raise ValidationError(
            "Ya enviamos varios correos a esa dirección hace poco. Revise su bandeja (y la de "
            "correo no deseado) o intente de nuevo más tarde.",
            code="limite",
        )


# --- Suscribirse y confirmar -------------------------------------------------------------


def _seguible_y_objeto(seguible_clave: str, objeto_id: int) -> tuple[ObjetoSeguible, object]:
    seguible = objeto_seguible(seguible_clave)
    objeto = seguible.publicados().filter(pk=objeto_id).first() if seguible else None
    if objeto is None:
        raise ValidationError("Ese registro no existe o no está publicado.", code="no_existe")
    return seguible, objeto


def _validar_correo(correo: str) -> str:
    correo = normalizar_correo(correo)
    if not correo or len(correo) > 254 or "\x00" in correo:
        raise ValidationError("Escriba un correo electrónico válido.", code="correo")
    try:
        validate_email(correo)
    except ValidationError as exc:
        raise ValidationError("Escriba un correo electrónico válido.", code="correo") from exc
    return correo


def suscripcion_solicitar(
    *, correo: str, seguible_clave: str, objeto_id: int, ip: str | None
) -> Suscripcion | None:
    """Guarda una suscripción pendiente y manda el enlace para confirmarla.

    Devuelve la suscripción, o ``None`` si ya estaba confirmada (no se manda nada: quien la
    pidió de nuevo no necesita otro correo, y así nadie averigua qué sigue otra persona, porque
    la página responde lo mismo). Sin actor: quien pide no tiene cuenta; el historial de la
    suscripción queda sin usuario.
    """
    revisar_limite_ip(ip)
    correo = _validar_correo(correo)
    seguible, objeto = _seguible_y_objeto(seguible_clave, objeto_id)
    huella = huella_de(correo)
    with transaction.atomic():
        suscriptor = Suscriptor.objects.select_for_update().filter(huella=huella).first()
        if suscriptor is None:
            suscriptor = Suscriptor(correo=correo, huella=huella)
            suscriptor.full_clean(exclude=["huella"])
            suscriptor.save()
        existente = suscriptor.suscripciones.filter(
            seguible=seguible.clave, objeto_id=objeto.pk
        ).first()
        if existente is not None and existente.confirmada:
            return None
        if existente is None and suscriptor.suscripciones.count() >= MAXIMO_POR_CORREO:
            raise ValidationError(
                "Ese correo ya sigue %(n)s registros, el máximo.",
                params={"n": MAXIMO_POR_CORREO},
                code="maximo",
            )
        _revisar_limite_correo(huella)
        suscripcion = existente or Suscripcion(
            suscriptor=suscriptor, seguible=seguible.clave, objeto_id=objeto.pk
        )
        suscripcion.creada_en = timezone.now()  # el enlace nuevo vuelve a contar sus días
        suscripcion.full_clean(exclude=["suscriptor"])
        suscripcion.save()
        correo_confirmar = Correo(
            destinatario=suscriptor.destinatario,
            correo=suscriptor.correo,
            tipo=TipoNotificacion.CONFIRMAR_SEGUIMIENTO,
            clave=f"confirmar:{suscripcion.pk}:{suscripcion.creada_en.isoformat()}",
            asunto=f"Confirme que quiere seguir {seguible.nombre_con_articulo} por correo",
            cuerpo=_texto_confirmar(seguible, objeto, enlace_confirmar(suscripcion)),
            guardar_correo=False,
        )
        transaction.on_commit(lambda: mandar([correo_confirmar]))
    return suscripcion


def _texto_confirmar(seguible: ObjetoSeguible, objeto, enlace: str) -> str:
    return (
        "Hola:\n\n"
        f"Alguien (seguramente usted) pidió seguir por correo {seguible.nombre_con_articulo} "
        f"en Cocreación Oaxaca:\n\n  {seguible.titulo(objeto)}\n  "
        f"{url_absoluta(seguible.url(objeto))}\n\n"
        "Para recibir un resumen diario de sus cambios, confirme abriendo este enlace (vale "
        f"{DIAS_PARA_CONFIRMAR} días):\n\n  {enlace}\n\n"
        "Si no fue usted, ignore este correo: sin confirmar no le enviaremos nada más y la "
        "solicitud se borra sola.\n\n"
        "-- \nCocreación Oaxaca. Este es un correo automático; no responda a este correo.\n"
    )


@dataclass
class Confirmacion:
    suscripcion: Suscripcion
    seguible: ObjetoSeguible
    objeto: object
    ya_estaba: bool


def suscripcion_confirmar(*, token: str, ahora: dt.datetime | None = None) -> Confirmacion:
    """Confirma la suscripción del enlace; abrirlo dos veces no cambia nada.

    ``EnlaceCaducado`` si pasaron más de ``DIAS_PARA_CONFIRMAR`` días; ``EnlaceNoValido`` si
    está alterado o la suscripción ya no existe (se dio de baja o caducó y se borró).
    """
    datos = _leer(token, SAL_CONFIRMAR, dt.timedelta(days=DIAS_PARA_CONFIRMAR))
    pk, huella = datos.get("s"), datos.get("h")
    if not isinstance(pk, int) or not isinstance(huella, str):
        raise EnlaceNoValido
    with transaction.atomic():
        suscripcion = (
            Suscripcion.objects.select_for_update()
            .select_related("suscriptor")
            .filter(pk=pk)
            .first()
        )
        if suscripcion is None or not hmac.compare_digest(
            suscripcion.suscriptor.huella[:16], huella
        ):
            raise EnlaceNoValido
        seguible = objeto_seguible(suscripcion.seguible)
        objeto = (
            seguible.publicados().filter(pk=suscripcion.objeto_id).first() if seguible else None
        )
        if objeto is None:
            raise EnlaceNoValido
        ya_estaba = suscripcion.confirmada
        if not ya_estaba:
            suscripcion.confirmada_en = ahora or timezone.now()
            suscripcion.save(update_fields=["confirmada_en"])
    return Confirmacion(suscripcion, seguible, objeto, ya_estaba)


# --- Baja ----------------------------------------------------------------------------------


@transaction.atomic
def suscripciones_quitar(*, suscriptor: Suscriptor, ids: list[int] | None = None) -> int:
    """Quita las suscripciones ``ids`` del suscriptor (todas si ``ids`` es ``None``).

    Si no le queda ninguna, borra al suscriptor y con él su correo. Devuelve cuántas quitó.
    """
    suscripciones = Suscripcion.objects.filter(suscriptor=suscriptor)
    if ids is not None:
        suscripciones = suscripciones.filter(pk__in=ids)
    quitadas = 0
    for suscripcion in suscripciones:  # una por una: cada baja queda en el historial
        suscripcion.delete()
        quitadas += 1
    if not Suscripcion.objects.filter(suscriptor=suscriptor).exists():
        suscriptor.delete()
    return quitadas


def baja_de_un_clic(*, token: str) -> int:
    """Baja de todo lo que sigue quien recibió el enlace (``List-Unsubscribe``).

    Repetirla no falla: si ya no hay suscriptor, no queda nada que quitar.
    """
    suscriptor = suscriptor_de_baja(token)
    return 0 if suscriptor is None else suscripciones_quitar(suscriptor=suscriptor)


def enlace_suscripciones_solicitar(*, correo: str, ip: str | None) -> bool:
    """Manda el enlace a «Mis suscripciones» si ese correo sigue algo confirmado.

    Responde igual exista o no (la vista no lo dice), para que nadie averigüe quién sigue qué.
    """
    revisar_limite_ip(ip)
    correo = _validar_correo(correo)
    huella = huella_de(correo)
    suscriptor = Suscriptor.objects.con_confirmadas().filter(huella=huella).first()
    if suscriptor is None:
        return False
    _revisar_limite_correo(huella)
    enlace = enlace_suscripciones(suscriptor)
    mandar(
        [
            Correo(
                destinatario=suscriptor.destinatario,
                correo=suscriptor.correo,
                tipo=TipoNotificacion.ENLACE_SUSCRIPCIONES,
                clave=f"suscripciones:{timezone.now().isoformat()}",
                asunto="Sus suscripciones en Cocreación Oaxaca",
                cuerpo=(
                    "Hola:\n\nPara ver y quitar lo que sigue por correo en Cocreación Oaxaca, "
                    f"abra este enlace (vale {DIAS_ENLACE_SUSCRIPCIONES} días):\n\n  {enlace}\n\n"
                    "Si no lo pidió, ignore este correo.\n\n-- \nCocreación Oaxaca. Este es un "
                    "correo automático; no responda a este correo.\n"
                ),
                url_baja=enlace_baja(suscriptor),
                baja_un_clic=True,
                guardar_correo=False,
            )
        ]
    )
    return True


def pendientes_caducadas_borrar(*, ahora: dt.datetime | None = None) -> int:
    """Borra las solicitudes sin confirmar cuyo enlace ya caducó, y a quien se quede sin nada."""
    ahora = ahora or timezone.now()
    limite = ahora - dt.timedelta(days=DIAS_PARA_CONFIRMAR)
    borradas = 0
    for suscriptor_id in (
        Suscripcion.objects.caducadas(antes_de=limite)
        .values_list("suscriptor_id", flat=True)
        .distinct()
        .iterator()
    ):
        suscriptor = Suscriptor.objects.filter(pk=suscriptor_id).first()
        if suscriptor is None:
            continue
        ids = list(suscriptor.suscripciones.caducadas(antes_de=limite).values_list("pk", flat=True))
        borradas += suscripciones_quitar(suscriptor=suscriptor, ids=ids)
    return borradas


# --- Resumen diario ------------------------------------------------------------------------


@dataclass
class ResultadoResumen:
    enviados: int = 0
    suscriptores: int = 0  # revisados (con alguna suscripción confirmada)
    objetos: int = 0  # objetos seguidos, publicados, cuyos cambios se calcularon
    con_cambios: int = 0
    pendientes_borradas: int = 0


def _fecha_hora(valor: dt.datetime) -> str:
    return date_format(timezone.localtime(valor), "j \\d\\e F, H:i")


def _cambios_por_objeto(hasta: dt.datetime, piso: dt.datetime):
    """Cambios de cada objeto seguido y publicado desde el resumen más viejo que le toca.

    Una consulta para saber qué se sigue y desde cuándo, y, por tipo de objeto, una para los
    objetos publicados más las del historial: nunca una por suscriptor ni por objeto.
    """
    desde_de = (
        Suscripcion.objects.confirmadas()
        .values("seguible", "objeto_id")
        .annotate(
            desde=Min(
                Greatest(Coalesce("suscriptor__resumen_hasta", "confirmada_en"), "confirmada_en")
            )
        )
    )
    por_tipo: dict[str, dict[int, dt.datetime]] = defaultdict(dict)
    for fila in desde_de:
        por_tipo[fila["seguible"]][fila["objeto_id"]] = fila["desde"]
    seguibles = objetos_seguibles()
    objetos, cambios = {}, {}
    for clave, desdes in por_tipo.items():
        seguible = seguibles.get(clave)
        if seguible is None:
            continue  # una app que ya no declara ese tipo: sus suscripciones se callan
        publicados = seguible.publicados_con_ids(desdes)
        if not publicados:
            continue
        desde = max(piso, min(desdes[pk] for pk in publicados))
        for pk, objeto in publicados.items():
            objetos[(clave, pk)] = objeto
        for pk, lista in seguible.cambios_entre(publicados, desde, hasta).items():
            cambios[(clave, pk)] = lista
    return seguibles, objetos, cambios


def _apagados_por_cuenta(correos: list[str]) -> set[str]:
    """Correos de cuentas activas que apagaron el resumen en «Mis avisos» (una consulta)."""
    if not correos:
        return set()
    apagadas = PreferenciaNotificacion.objects.apagadas().filter(
        tipo=TipoNotificacion.RESUMEN_SEGUIMIENTO
    )
    return set(
        get_user_model()
        .objects.annotate(_correo=Lower("email"))
        .filter(_correo__in=correos, is_active=True, preferencias_notificacion__in=apagadas)
        .values_list("_correo", flat=True)
    )


def _texto_seccion(seguible, objeto, cambios) -> str:
    partes = [f"\n== {seguible.titulo(objeto)} ==\n{url_absoluta(seguible.url(objeto))}\n"]
    mostrados = cambios[-CAMBIOS_POR_OBJETO:]
    for cambio in mostrados:
        partes.append(
            f"\n- {_fecha_hora(cambio.fecha)} · {cambio.accion_texto} · {cambio.tipo}: "
            f"{cambio.titulo}\n"
        )
        for campo, antes, despues in cambio.campos[:10]:
            partes.append(f"    {campo}: «{antes}» → «{despues}»\n")
    if len(cambios) > len(mostrados):
        faltan = len(cambios) - len(mostrados)
        partes.append(
            "\n"
            + ngettext(
                "(y %(n)s cambio anterior: véalo en la página)",
                "(y %(n)s cambios anteriores: véalos en la página)",
                faltan,
            )
            % {"n": faltan}
            + "\n"
        )
    return "".join(partes)


class _Redactor:
    """Arma los resúmenes de una corrida; el texto de cada sección se escribe una sola vez.

    Quienes siguen lo mismo desde el mismo momento reciben la misma sección: se guarda por
    objeto y por cuántos de sus cambios le tocan (siempre los más recientes).
    """

    def __init__(self, clave: str, hoy):
        self.clave = clave
        self.hoy = hoy
        self.urls = _UrlsDeUnaCorrida()
        self._secciones: dict[tuple, str] = {}

    def seccion(self, seguible, objeto, cambios) -> str:
        llave = (seguible.clave, objeto.pk, len(cambios))
        if llave not in self._secciones:
            self._secciones[llave] = _texto_seccion(seguible, objeto, cambios)
        return self._secciones[llave]

    def correo(self, suscriptor, secciones) -> Correo:
        total = sum(len(c) for _s, _o, c in secciones)
        asunto = ngettext(
            "Cocreación Oaxaca: %(n)s cambio en lo que sigue (%(dia)s)",
            "Cocreación Oaxaca: %(n)s cambios en lo que sigue (%(dia)s)",
            total,
        ) % {"n": total, "dia": date_format(self.hoy, "j \\d\\e F")}
        baja = enlace_baja(suscriptor, url=self.urls)
        cuerpo = "".join(
            [
                "Hola:\n\n",
                "Esto cambió en lo que sigue en Cocreación Oaxaca desde su último resumen.\n",
                *(self.seccion(s, o, c) for s, o, c in secciones),
                "\n-- \n"
                "Recibe este resumen porque confirmó que quiere seguir estos registros por "
                "correo.\n"
                f"Ver y quitar lo que sigue: {enlace_suscripciones(suscriptor, url=self.urls)}\n"
                f"Dejar de recibir estos resúmenes (baja de todo): {baja}\n",
            ]
        )
        return Correo(
            destinatario=suscriptor.destinatario,
            correo=suscriptor.correo,
            tipo=TipoNotificacion.RESUMEN_SEGUIMIENTO,
            clave=self.clave,
            asunto=asunto,
            cuerpo=cuerpo,
            url_baja=baja,
            baja_un_clic=True,
            guardar_correo=False,
        )


def resumen_diario_enviar(
    *, ahora: dt.datetime | None = None, tam_lote: int = TAM_LOTE
) -> ResultadoResumen:
    """Manda a cada suscriptor confirmado un correo con lo que cambió desde su último resumen.

    Idempotente por día (clave «resumen:AAAA-MM-DD» en la constancia): correrlo de nuevo, o en
    dos servidores a la vez, no repite un correo; quien no lo recibió (falla del servidor de
    correo, un proceso que murió) lo recibe en la siguiente corrida. Si nada cambió en lo que
    alguien sigue, no sale nada ni se escribe nada para esa persona.
    """
    ahora = ahora or timezone.now()
    hoy = timezone.localdate(ahora)
    hasta = ahora - MARGEN
    piso = hasta - VENTANA_MAXIMA
    clave = f"resumen:{hoy.isoformat()}"
    resultado = ResultadoResumen(pendientes_borradas=pendientes_caducadas_borrar(ahora=ahora))
    seguibles, objetos, cambios = _cambios_por_objeto(hasta, piso)
    resultado.objetos = len(objetos)
    # Quien ya recibió el de hoy ni se vuelve a armar (la constancia única es la garantía).
    ya_recibieron = set(
        NotificacionEnviada.objects.filter(
            tipo=TipoNotificacion.RESUMEN_SEGUIMIENTO, clave=clave
        ).values_list("destinatario", flat=True)
    )
    redactor = _Redactor(clave, hoy)
    ultimo = 0
    while True:
        with transaction.atomic():
            # ``skip_locked``: un segundo servidor salta los lotes que éste trabaja (en
            # PostgreSQL; SQLite escribe de uno en uno). La constancia única es la garantía.
            lote = list(
                Suscriptor.objects.con_confirmadas()
                .filter(pk__gt=ultimo)
                .order_by("pk")
                .select_for_update(skip_locked=True, of=("self",))[:tam_lote]
            )
            if not lote:
                break
            ultimo = lote[-1].pk
            resultado.suscriptores += len(lote)
            lote = [s for s in lote if s.destinatario not in ya_recibieron]
            enviados = _resumen_de_lote(lote, seguibles, objetos, cambios, redactor, piso)
            resultado.con_cambios += enviados[1]
            if enviados[0]:
                Suscriptor.objects.filter(pk__in=[s.pk for s in enviados[0]]).update(
                    resumen_hasta=hasta
                )
            resultado.enviados += len(enviados[0])
    return resultado


def _resumen_de_lote(lote, seguibles, objetos, cambios, redactor, piso):
    """Arma y manda los resúmenes de un lote; (suscriptores a quienes salió, cuántos tenían)."""
    por_suscriptor = defaultdict(list)
    for fila in (
        Suscripcion.objects.confirmadas()
        .filter(suscriptor__in=lote)
        .order_by("seguible", "objeto_id")
        .values_list("suscriptor_id", "seguible", "objeto_id", "confirmada_en")
    ):
        por_suscriptor[fila[0]].append(fila[1:])
    apagados = _apagados_por_cuenta([normalizar_correo(s.correo) for s in lote])
    correos, duenos = [], {}
    for suscriptor in lote:
        if normalizar_correo(suscriptor.correo) in apagados:
            continue
        base = max(piso, suscriptor.resumen_hasta or piso)
        secciones = []
        for seguible_clave, objeto_id, confirmada_en in por_suscriptor[suscriptor.pk]:
            lista = cambios.get((seguible_clave, objeto_id))
            if not lista:
                continue
            desde = max(base, confirmada_en)
            nuevos = [c for c in lista if c.fecha > desde]
            if nuevos:
                secciones.append(
                    (seguibles[seguible_clave], objetos[(seguible_clave, objeto_id)], nuevos)
                )
        if secciones:
            correo = redactor.correo(suscriptor, secciones)
            correos.append(correo)
            duenos[correo.destinatario] = suscriptor
    salieron = mandar(correos)
    return [duenos[c.destinatario] for c in salieron], len(correos)
