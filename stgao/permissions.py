"""Quién puede ver o cambiar qué en el Secretariado y el Plan de Acción Local.

- Personal y Coordinación DGA: todo (Coordinación además publica y elimina; ver núcleo).
- Consejo General: consulta.
- Enlaces de sujetos obligados: sólo los compromisos en los que su sujeto obligado es
  responsable; en ellos consultan, reportan el avance de los hitos (estado y fechas) y agregan
  evidencias. Nada más.
"""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from cocreacion.permissions import enlace_de, es_personal_dga

PERMISOS_ENLACE = [
    "stgao.view_planaccionlocal",
    "stgao.view_compromiso",
    "stgao.view_hito",
    "stgao.change_hito",
    "stgao.view_evidencia",
    "stgao.add_evidencia",
]

# Campos del hito que un enlace puede cambiar.
CAMPOS_HITO_ENLACE = [
    "estado",
    "fecha_inicio_planeada",
    "fecha_fin_planeada",
    "fecha_inicio_real",
    "fecha_fin_real",
]


def sujeto_del_enlace(usuario):
    """El sujeto obligado del enlace, o ``None`` si ``usuario`` no es enlace (o es personal)."""
    if getattr(usuario, "is_superuser", False):
        return None
    enlace = enlace_de(usuario)
    return enlace.sujeto_obligado if enlace else None


def es_enlace(usuario) -> bool:
    return sujeto_del_enlace(usuario) is not None


def filtrar_compromisos(usuario, queryset):
    sujeto = sujeto_del_enlace(usuario)
    return queryset.filter(responsables=sujeto) if sujeto else queryset


def filtrar_hitos(usuario, queryset):
    sujeto = sujeto_del_enlace(usuario)
    return queryset.filter(compromiso__responsables=sujeto) if sujeto else queryset


def filtrar_evidencias(usuario, queryset):
    sujeto = sujeto_del_enlace(usuario)
    return queryset.filter(hito__compromiso__responsables=sujeto) if sujeto else queryset


def puede_reportar_hito(usuario, hito) -> bool:
    """Personal DGA, o el enlace de un sujeto responsable del compromiso del hito."""
    if es_personal_dga(usuario):
        return True
    sujeto = sujeto_del_enlace(usuario)
    if sujeto is None or not usuario.has_perm("stgao.change_hito"):
        return False
    return hito.compromiso.responsables.filter(pk=sujeto.pk).exists()


def exigir_reportar_hito(usuario, hito) -> None:
    if not puede_reportar_hito(usuario, hito):
        raise PermissionDenied(
            _("No puede reportar avance de un compromiso de otro sujeto obligado.")
        )
