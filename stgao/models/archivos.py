"""Nombres de archivo que no elige quien sube: un UUID y la extensión ya validada."""

from cocreacion.operacion.medios import nombre_aleatorio


def ruta_evidencia(instancia, nombre: str) -> str:
    return nombre_aleatorio("stgao/evidencias", nombre)


def ruta_acta_firmada(instancia, nombre: str) -> str:
    return nombre_aleatorio("stgao/actas", nombre)
