"""Quién puede ver o cambiar qué en el Secretariado y el Plan de Acción Local.

- Personal y Coordinación DGA: todo (Coordinación además publica y elimina; ver núcleo).
- Consejo General: consulta.
- Enlaces de sujetos obligados: sólo los compromisos en los que su sujeto obligado es
  responsable; en ellos consultan y, en los hitos de su sujeto (el responsable que nombra el
  hito o, si no nombra uno, el líder del compromiso), reportan estado y fechas reales y
  agregan evidencias. Las fechas planeadas sólo las cambian mientras la línea base no está
  congelada (``Compromiso.linea_base_congelada``). Nada más.
- Revisar la línea base (cambiar fechas planeadas ya publicadas, con motivo): personal DGA.

Las reglas se aplican en los servicios (``services.py``) con la persona que actúa; el admin
sólo ajusta sus formularios a ellas.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cocreacion.permissions import enlace_de, es_personal_dga

PERMISOS_ENLACE = [
    "stgao.view_planaccionlocal",
    "stgao.view_compromiso",
    "stgao.view_hito",
    "stgao.change_hito",
    "stgao.view_evidencia",
    "stgao.add_evidencia",
]

# Lo que reporta quien ejecuta un hito.
CAMPOS_REPORTE_HITO = ["estado", "fecha_inicio_real", "fecha_fin_real"]
# La línea base: se congela al publicarse el compromiso o su plan.
CAMPOS_LINEA_BASE = ["fecha_inicio_planeada", "fecha_fin_planeada"]


def campos_hito_enlace(*, congelada: bool) -> list[str]:
    """Campos del hito que un enlace puede cambiar."""
    return CAMPOS_REPORTE_HITO if congelada else [*CAMPOS_REPORTE_HITO, *CAMPOS_LINEA_BASE]


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


MENSAJE_HITO_AJENO = _("Sólo el enlace del sujeto responsable del hito reporta su avance.")


def filtrar_hitos_reportables(usuario, queryset):
    """Los hitos de ``queryset`` cuyo avance reporta ``usuario`` (a un enlace, los de su sujeto)."""
    sujeto = sujeto_del_enlace(usuario)
    if sujeto is None:
        return queryset
    return queryset.filter(compromiso__responsables=sujeto).filter(
        Q(responsable=sujeto) | Q(responsable__isnull=True, compromiso__lider=sujeto)
    )


def puede_reportar_hito(usuario, hito) -> bool:
    """Personal DGA, o el enlace del sujeto responsable del hito.

    El sujeto responsable es el que nombra el hito o, si no nombra uno, el líder del
    compromiso: un sujeto corresponsable sólo reporta los hitos que se le asignan.
    """
    if es_personal_dga(usuario):
        return usuario.has_perm("stgao.change_hito")
    sujeto = sujeto_del_enlace(usuario)
    if sujeto is None or not usuario.has_perm("stgao.change_hito"):
        return False
    if hito.sujeto_responsable_id != sujeto.pk:
        return False
    return hito.compromiso.responsables.filter(pk=sujeto.pk).exists()


def exigir_reportar_hito(usuario, hito) -> None:
    if not puede_reportar_hito(usuario, hito):
        raise PermissionDenied(MENSAJE_HITO_AJENO)


def puede_capturar_hitos(usuario) -> bool:
    """Dar de alta hitos y cambiar su descripción, responsable y peso: personal DGA."""
    return es_personal_dga(usuario) and usuario.has_perm("stgao.change_hito")


def puede_revisar_linea_base(usuario) -> bool:
    """Cambiar fechas planeadas ya congeladas (con motivo): personal DGA."""
    return es_personal_dga(usuario) and usuario.has_perm("stgao.change_hito")


def puede_publicar_compromisos(usuario) -> bool:
    return bool(usuario and usuario.has_perm("stgao.publicar_compromiso"))


def puede_publicar_planes(usuario) -> bool:
    return bool(usuario and usuario.has_perm("stgao.publicar_planaccionlocal"))


def puede_publicar_sesiones(usuario) -> bool:
    return bool(usuario and usuario.has_perm("stgao.publicar_sesion"))
