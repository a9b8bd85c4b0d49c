"""Opciones del Secretariado que usan a la vez los modelos y las reglas puras (``reglas``).

Viven aparte para que ``stgao.reglas`` las use sin cargar los modelos (que importan las reglas).
``stgao.models`` las reexporta: el resto del proyecto las importa de ahí.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Sector(models.TextChoices):
    ORGANO_GARANTE = "organo_garante", _("Órgano garante")
    PODER_EJECUTIVO = "poder_ejecutivo", _("Poder Ejecutivo")
    PODER_LEGISLATIVO = "poder_legislativo", _("Poder Legislativo")
    PODER_JUDICIAL = "poder_judicial", _("Poder Judicial")
    MUNICIPIOS = "municipios", _("Municipios")
    ORGANOS_AUTONOMOS = "organos_autonomos", _("Órganos autónomos")
    SOCIEDAD_CIVIL = "sociedad_civil", _("Sociedad civil organizada")
    ACADEMIA = "academia", _("Academia")
    AGENTES_LOCALES = "agentes_locales", _("Agentes locales de cambio")


class Rol(models.TextChoices):
    PRESIDENCIA = "presidencia", _("Presidencia")
    SECRETARIA_TECNICA = "secretaria_tecnica", _("Secretaría técnica")
    INTEGRANTE = "integrante", _("Integrante")
    INVITADO_PERMANENTE = "invitado_permanente", _("Invitado permanente")
    FACILITADOR = "facilitador", _("Facilitador")


class Sexo(models.TextChoices):
    MUJER = "mujer", _("Mujer")
    HOMBRE = "hombre", _("Hombre")
    NO_ESPECIFICADO = "no_especificado", _("No especificado")


class EstadoAsistencia(models.TextChoices):
    PRESENTE = "presente", _("Presente")
    AUSENTE = "ausente", _("Ausente")
    REPRESENTADO = "representado", _("Representado por su suplente")


class EstadoHito(models.TextChoices):
    PENDIENTE = "pendiente", _("Pendiente")
    EN_PROCESO = "en_proceso", _("En proceso")
    COMPLETADO = "completado", _("Completado")
