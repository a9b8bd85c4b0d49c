"""Datos personales de quien participa: huella del correo, enlaces firmados y borrado real.

- La **huella** es un HMAC (con la clave del sitio) del correo normalizado: sirve para que un
  correo apoye una sola vez y para los límites, sin guardar el correo.
- Los **enlaces** de confirmación y de borrado van firmados (``django.core.signing``) con la
  huella adentro y caducan (``PARTICIPACION_ENLACE_HORAS``, 48 horas por omisión). Un enlace
  alterado o caducado no hace nada.
- **Borrar** quita el correo, la huella y el nombre de cada propuesta (queda «Anónimo»),
  también de sus versiones en el historial, y borra los apoyos de ese correo (los conteos
  bajan). Queda una constancia (``BorradoDeDatos``) sin el correo.
"""

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from cocreacion.comun.historial import guardar
from cocreacion.operacion.cache_paginas import invalidar
from cocreacion.portal.services import enviar_correo_al_confirmar, url_absoluta

from ..models import Apoyo, BorradoDeDatos, Propuesta
from . import limites

SAL_PROPUESTA = "cocreacion.participacion.confirmar-propuesta"
SAL_APOYO = "cocreacion.participacion.confirmar-apoyo"
SAL_BORRADO = "cocreacion.participacion.borrar-datos"
SAL_HUELLA = "cocreacion.participacion.huella-correo"


class EnlaceInvalido(ValidationError):
    """El enlace firmado caducó, fue alterado o ya no corresponde a nada."""


def horas_de_vigencia() -> int:
    return int(getattr(settings, "PARTICIPACION_ENLACE_HORAS", 48))


def normalizar_correo(correo: str) -> str:
    return (correo or "").strip().lower()


def huella(correo: str) -> str:
    """HMAC-SHA256 del correo normalizado con la clave del sitio (64 caracteres hex)."""
    normal = normalizar_correo(correo)
    if not normal:
        return ""
    return salted_hmac(SAL_HUELLA, normal, algorithm="sha256").hexdigest()


def firmar(datos: dict, *, sal: str) -> str:
    return signing.dumps(datos, salt=sal, compress=False)


def leer(token: str, *, sal: str) -> dict:
    """Los datos del enlace, o ``EnlaceInvalido`` si caducó o fue alterado."""
    try:
        datos = signing.loads(token or "", salt=sal, max_age=horas_de_vigencia() * 3600)
    except signing.SignatureExpired as exc:
        raise EnlaceInvalido(
            _(
                "El enlace caducó (vale %(h)s horas). Vuelva a enviar el formulario para recibir "
                "uno nuevo."
            )
            % {"h": horas_de_vigencia()},
            code="caducado",
        ) from exc
    except signing.BadSignature as exc:
        raise EnlaceInvalido(
            _(
                "El enlace no es válido: puede estar incompleto o alterado. Cópielo completo "
                "desde el correo."
            ),
            code="alterado",
        ) from exc
    if not isinstance(datos, dict):
        raise EnlaceInvalido(_("El enlace no es válido."), code="alterado")
    return datos


# --- Borrado real -----------------------------------------------------------------------


def borrado_pedir(*, correo: str, ip: str | None = None) -> bool:
    """Si el correo tiene datos, le envía un enlace para borrarlos; si no, no envía nada.

    Quien llama muestra siempre el mismo mensaje: así nadie averigua si un correo participó.
    """
    limites.exigir("borrado_ip", ip)
    h = huella(correo)
    if not h:
        raise ValidationError({"correo": _("Escriba su correo.")})
    limites.exigir("borrado_correo", h)
    tiene = (
        Propuesta.objects.de_huella(h).exists() or Apoyo.objects.filter(huella_correo=h).exists()
    )
    if not tiene:
        return False
    token = firmar({"h": h}, sal=SAL_BORRADO)
    enlace = url_absoluta(reverse("participacion:borrar_confirmar", args=[token]))
    enviar_correo_al_confirmar(
        correo=normalizar_correo(correo),
        asunto=_("Borrar sus datos de Cocreación Oaxaca"),
        cuerpo=_(
            "Pidió borrar los datos personales que dejó al participar en Cocreación Oaxaca "
            "(su correo, su nombre y sus apoyos).\n\nPara borrarlos, abra este enlace y "
            "confirme (vale %(h)s horas):\n%(enlace)s\n\nSi no lo pidió, ignore este correo: "
            "no se borrará nada."
        )
        % {"h": horas_de_vigencia(), "enlace": enlace},
    )
    return True


def resumen_de_borrado(token: str) -> dict:
    """Qué se borraría con ``token`` (para la página que pide confirmar)."""
    h = leer(token, sal=SAL_BORRADO).get("h", "")
    return {
        "propuestas": Propuesta.objects.de_huella(h).count(),
        "apoyos": Apoyo.objects.filter(huella_correo=h).count() if h else 0,
    }


@transaction.atomic
def datos_personales_borrar(*, token: str) -> BorradoDeDatos:
    """Borra los datos personales del correo del enlace: correo, huella y nombre de sus
    propuestas (también en el historial) y sus apoyos. Deja constancia sin el correo."""
    h = leer(token, sal=SAL_BORRADO).get("h", "")
    if not h:
        raise EnlaceInvalido(_("El enlace no es válido."), code="alterado")
    ahora = timezone.now()
    propuestas = list(Propuesta.objects.de_huella(h).select_for_update())
    for propuesta in propuestas:
        propuesta.correo = ""
        propuesta.huella_correo = ""
        propuesta.nombre = ""
        propuesta.datos_borrados_en = ahora
        guardar(
            propuesta,
            actor=None,
            motivo=_("Borrado de datos personales a petición de su titular"),
            validar=False,
        )
    ids = [p.pk for p in propuestas]
    if ids:
        # simple-history copió el nombre en cada versión: también ahí se borra.
        Propuesta.history.filter(id__in=ids).update(nombre="")
    apoyos, _detalle = Apoyo.objects.filter(huella_correo=h).delete()
    invalidar()
    return BorradoDeDatos.objects.create(fecha=ahora, propuestas=len(ids), apoyos=apoyos)


@transaction.atomic
def sin_confirmar_purgar(*, momento=None) -> dict[str, int]:
    """Borra las propuestas y los apoyos que nadie confirmó y cuyo enlace ya caducó.

    Nunca pasaron a revisión ni se mostraron: su correo (y su historial) ya no sirven para
    nada. Idempotente; para un temporizador diario (``purgar_sin_confirmar``).
    """
    limite = (momento or timezone.now()) - timedelta(hours=horas_de_vigencia())
    viejas = Propuesta.objects.filter(confirmada_en__isnull=True, creada_en__lt=limite)
    ids = list(viejas.values_list("pk", flat=True))
    propuestas = viejas.delete()[1].get(Propuesta._meta.label, 0)
    # Después de borrar: simple-history anota la baja con una versión más, que también se va.
    Propuesta.history.filter(id__in=ids).delete()
    apoyos = (
        Apoyo.objects.filter(confirmado_en__isnull=True, creado_en__lt=limite)
        .delete()[1]
        .get(Apoyo._meta.label, 0)
    )
    invalidar()
    return {"propuestas": propuestas, "apoyos": apoyos}
