"""Escritura auditada: toda escritura de un servicio pasa por aquí.

django-simple-history atribuye cada versión a ``_history_user``; el middleware sólo lo
sabe dentro de una petición, así que los servicios (también los que corren desde un
comando o una importación) lo fijan de forma explícita con la persona que actúa.
"""

from django.db import models


def guardar(
    instancia: models.Model,
    *,
    actor,
    motivo: str = "",
    validar: bool = True,
    excluir_validacion: list[str] | None = None,
) -> models.Model:
    """Valida (``full_clean``) y guarda ``instancia`` dejando constancia de quién y por qué."""
    if validar:
        instancia.full_clean(exclude=excluir_validacion)
    instancia._history_user = actor
    if motivo:
        instancia._change_reason = motivo[:100]
    instancia.save()
    return instancia


def eliminar(instancia: models.Model, *, actor, motivo: str = "") -> None:
    instancia._history_user = actor
    if motivo:
        instancia._change_reason = motivo[:100]
    instancia.delete()
