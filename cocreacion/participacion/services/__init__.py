"""Reexporta lo de cada dominio de la participación ciudadana."""

from .apoyos import apoyo_confirmar, apoyo_del_enlace, apoyo_pedir
from .consultas import (
    ConsultaCerrada,
    consulta_cerrar,
    consulta_guardar,
    exigir_abierta,
)
from .limites import LimiteExcedido
from .privacidad import (
    EnlaceInvalido,
    borrado_pedir,
    datos_personales_borrar,
    huella,
    normalizar_correo,
    resumen_de_borrado,
    sin_confirmar_purgar,
)
from .propuestas import (
    comprobar_paso,
    comprobar_rechazo,
    propuesta_avanzar,
    propuesta_confirmar,
    propuesta_del_enlace,
    propuesta_enviar,
    propuesta_publicar,
    propuesta_rechazar,
)

__all__ = [
    "ConsultaCerrada",
    "EnlaceInvalido",
    "LimiteExcedido",
    "apoyo_confirmar",
    "apoyo_del_enlace",
    "apoyo_pedir",
    "borrado_pedir",
    "comprobar_paso",
    "comprobar_rechazo",
    "consulta_cerrar",
    "consulta_guardar",
    "datos_personales_borrar",
    "exigir_abierta",
    "huella",
    "normalizar_correo",
    "propuesta_avanzar",
    "propuesta_confirmar",
    "propuesta_del_enlace",
    "propuesta_enviar",
    "propuesta_publicar",
    "propuesta_rechazar",
    "resumen_de_borrado",
    "sin_confirmar_purgar",
]
