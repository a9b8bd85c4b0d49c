"""Nombres de archivo que no elige quien sube: un UUID y la extensión ya validada."""

import uuid
from pathlib import Path


def _nombre_aleatorio(carpeta: str, original: str) -> str:
    extension = Path(original or "").suffix.lower()[:8]
    return f"{carpeta}/{uuid.uuid4().hex}{extension}"


def ruta_evidencia(instancia, nombre: str) -> str:
    return _nombre_aleatorio("stgao/evidencias", nombre)


def ruta_acta_firmada(instancia, nombre: str) -> str:
    return _nombre_aleatorio("stgao/actas", nombre)
