"""Piezas de las pruebas del informe, los datos abiertos y el canal de una consulta."""

import pytest

from cocreacion.models import Municipio
from cocreacion.participacion import services
from cocreacion.participacion.models import MotivoRechazo, TemaPropuesta

CORREO_DE_PRUEBA = "persona.secreta@ejemplo.mx"
TEMAS = [TemaPropuesta.PRESUPUESTO, TemaPropuesta.DATOS_ABIERTOS, ""]


@pytest.fixture
def municipios(db):
    return [
        Municipio.objects.create(clave="20067", clave_municipio="067", nombre="Oaxaca de Juárez"),
        Municipio.objects.create(clave="20413", clave_municipio="413", nombre="Santa Lucía"),
    ]


@pytest.fixture
def poblar(enviar, apoyar, usuario_personal, municipios, crear_compromiso):
    """Llena ``consulta`` con ``n`` propuestas publicadas de temas, municipios y estados
    variados (una de cada cuatro incorporada a un compromiso), con apoyos; además una
    rechazada y una sin confirmar. Todas llevan correo: ninguna salida debe mostrarlo."""

    def fabrica(consulta, n, *, prefijo=""):
        compromiso = crear_compromiso(titulo=f"Compromiso del informe {prefijo}{n}")
        propuestas = []
        for i in range(n):
            propuesta = enviar(
                consulta,
                correo=f"{prefijo}p{i}.{CORREO_DE_PRUEBA}",
                ip=f"10.1.{len(prefijo)}.{i}",
                confirmar=True,
                titulo=f"Propuesta {prefijo}{i}",
                nombre="" if i % 2 else f"Persona {prefijo}{i}",
                tema=TEMAS[i % len(TEMAS)],
                municipio=municipios[i % 2] if i % 3 else None,
            )
            propuesta = services.propuesta_publicar(propuesta=propuesta, actor=usuario_personal)
            if i % 4:
                propuesta = services.propuesta_avanzar(
                    propuesta=propuesta,
                    codigo="analizar",
                    respuesta=f"La DGA analiza la propuesta {prefijo}{i}.",
                    actor=usuario_personal,
                )
            if i % 4 == 2:
                propuesta = services.propuesta_avanzar(
                    propuesta=propuesta,
                    codigo="incorporar",
                    respuesta=f"Se incorpora la propuesta {prefijo}{i}.",
                    actor=usuario_personal,
                    compromiso=compromiso,
                )
            if i % 4 == 3:
                propuesta = services.propuesta_avanzar(
                    propuesta=propuesta,
                    codigo="no_incorporar",
                    respuesta=f"No se incorpora la propuesta {prefijo}{i}: fuera de alcance.",
                    actor=usuario_personal,
                )
            if i < 3:
                apoyar(propuesta, f"{prefijo}apoyo{i}.{CORREO_DE_PRUEBA}", ip=f"10.2.0.{i}")
            propuestas.append(propuesta)
        rechazada = enviar(
            consulta,
            correo=f"{prefijo}rechazo.{CORREO_DE_PRUEBA}",
            ip="10.3.0.1",
            confirmar=True,
            titulo=f"Texto ofensivo {prefijo}",
            nombre="Quien ofende",
        )
        services.propuesta_rechazar(
            propuesta=rechazada,
            motivo=MotivoRechazo.LENGUAJE_OFENSIVO,
            actor=usuario_personal,
        )
        enviar(
            consulta,
            correo=f"{prefijo}sinconfirmar.{CORREO_DE_PRUEBA}",
            ip="10.3.0.2",
            titulo=f"Sin confirmar {prefijo}",
            nombre="Quien no confirma",
        )
        return propuestas

    return fabrica
