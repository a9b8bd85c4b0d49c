"""Piezas comunes de las pruebas de participación: consultas, propuestas y enlaces del buzón."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from cocreacion.participacion import services
from cocreacion.participacion.models import Consulta, Destino
from tests.stgao.conftest import crear_compromiso, plan  # noqa: F401

ENLACE = re.compile(
    r"https?://[^\s]+/participa/(confirmar/(?:propuesta|apoyo)|mis-datos/borrar)/([^/\s]+)/"
)


def enlace_de(correo, tipo="propuesta") -> str:
    """El token del último enlace de ``tipo`` en el cuerpo del correo."""
    for mensaje in reversed(correo if isinstance(correo, list) else [correo]):
        for ruta, token in ENLACE.findall(mensaje.body):
            if tipo in ruta:
                return token
    raise AssertionError(f"No hay enlace de {tipo} en el buzón")


@pytest.fixture
def crear_consulta(db):
    def fabrica(slug="consulta-prueba", publicada=True, inicio=None, cierre=None, **extra):
        ahora = timezone.now()
        return Consulta.objects.create(
            titulo=extra.pop("titulo", "¿Qué información quiere ver publicada?"),
            slug=slug,
            pregunta=extra.pop("pregunta", "¿Qué datos le servirían para vigilar el gasto?"),
            reglas=extra.pop("reglas", "Propuestas respetuosas y sobre el tema."),
            inicio=inicio or ahora - timedelta(days=1),
            cierre=cierre or ahora + timedelta(days=7),
            destino=extra.pop("destino", Destino.PLAN_ACCION_LOCAL),
            publicada=publicada,
            **extra,
        )

    return fabrica


@pytest.fixture
def consulta(crear_consulta):
    return crear_consulta()


@pytest.fixture
def enviar(django_capture_on_commit_callbacks, mailoutbox):
    """Envía una propuesta (y ejecuta el envío del correo); ``confirmar=True`` la confirma."""

    def fabrica(consulta, correo="ana@ejemplo.mx", confirmar=False, ip="10.0.0.1", **datos):
        with django_capture_on_commit_callbacks(execute=True):
            propuesta = services.propuesta_enviar(
                consulta=consulta,
                titulo=datos.pop("titulo", "Publicar los contratos de obra"),
                problema=datos.pop("problema", "No sabemos cuánto cuestan las obras."),
                texto=datos.pop("texto", "Publicar cada contrato con su monto y avance."),
                correo=correo,
                ip=ip,
                **datos,
            )
        if confirmar:
            services.propuesta_confirmar(token=enlace_de(mailoutbox, "propuesta"))
            propuesta.refresh_from_db()
        return propuesta

    return fabrica


@pytest.fixture
def publicada(consulta, enviar, usuario_personal):
    """Una propuesta confirmada y publicada, con nombre."""
    propuesta = enviar(consulta, confirmar=True, nombre="Ana López")
    return services.propuesta_publicar(propuesta=propuesta, actor=usuario_personal)


@pytest.fixture
def apoyar(django_capture_on_commit_callbacks, mailoutbox):
    def fabrica(propuesta, correo, confirmar=True, ip="10.0.0.2"):
        with django_capture_on_commit_callbacks(execute=True):
            apoyo = services.apoyo_pedir(propuesta=propuesta, correo=correo, ip=ip)
        if confirmar:
            services.apoyo_confirmar(token=enlace_de(mailoutbox, "apoyo"))
            apoyo.refresh_from_db()
        return apoyo

    return fabrica
