"""Quién puede ver o cambiar los listados de interés público y sus dictámenes.

- Enlaces: sólo los listados de su sujeto obligado; los editan mientras están en borrador, los
  envían y consultan su dictamen aprobado.
- Personal y Coordinación DGA: revisan y dictaminan (``revisar_listado``); la Coordinación además
  publica (``publicar_listado``).
- Órgano aprobador (grupo «Consejo General») y Coordinación: registran la aprobación
  (``aprobar_dictamen``); el Consejo consulta todo lo demás sin modificarlo.
"""

from django.db.models import Q

from cocreacion.models import Dictamen, Listado
from cocreacion.permissions import enlace_de

# Permisos que el grupo de enlaces necesita para esta parte (ver cocreacion.permissions).
PERMISOS_ENLACE = [
    "cocreacion.view_listado",
    "cocreacion.view_elementolistado",
    "cocreacion.view_dictamen",
    "cocreacion.enviar_listado",
]


def sujeto_de(usuario):
    """Sujeto obligado del enlace activo, o ``None`` si el usuario no es enlace."""
    enlace = enlace_de(usuario)
    return enlace.sujeto_obligado if enlace else None


def puede_revisar(usuario) -> bool:
    return bool(usuario and usuario.has_perm("cocreacion.revisar_listado"))


def puede_aprobar(usuario) -> bool:
    return bool(usuario and usuario.has_perm("cocreacion.aprobar_dictamen"))


def puede_publicar(usuario) -> bool:
    return bool(usuario and usuario.has_perm("cocreacion.publicar_listado"))


def puede_abrir_periodo(usuario) -> bool:
    return bool(usuario and usuario.has_perm("cocreacion.change_periodolistado"))


def es_enlace_del_listado(usuario, listado: Listado) -> bool:
    enlace = enlace_de(usuario)
    return bool(enlace and enlace.sujeto_obligado_id == listado.sujeto_obligado_id)


def puede_editar_elementos(usuario, listado: Listado) -> bool:
    """Capturar elementos: el enlace del sujeto obligado (o la DGA a su nombre), en borrador."""
    # El estado sale de la tabla del ciclo (``services.EN_ESTADO``), que a su vez lee estos
    # permisos: se importa aquí para no cerrar el círculo al cargar.
    from cocreacion.listados.services import permite

    if not permite(listado, "capturar"):
        return False
    if es_enlace_del_listado(usuario, listado):
        return True
    return enlace_de(usuario) is None and bool(
        usuario and usuario.has_perm("cocreacion.change_elementolistado")
    )


def puede_enviar(usuario, listado: Listado) -> bool:
    if es_enlace_del_listado(usuario, listado):
        return usuario.has_perm("cocreacion.enviar_listado")
    return enlace_de(usuario) is None and puede_revisar(usuario)


def listados_visibles(usuario, queryset=None):
    """Listados que ``usuario`` puede consultar en el admin o en sus formularios."""
    queryset = Listado.objects.all() if queryset is None else queryset
    sujeto = sujeto_de(usuario)
    if sujeto is not None:
        return queryset.filter(sujeto_obligado=sujeto)
    if getattr(usuario, "is_authenticated", False) and usuario.has_perm("cocreacion.view_listado"):
        return queryset
    return queryset.none()


def dictamenes_visibles(usuario, queryset=None):
    """Personal DGA y Consejo ven también los proyectos; un enlace sólo los aprobados suyos."""
    queryset = Dictamen.objects.all() if queryset is None else queryset
    sujeto = sujeto_de(usuario)
    if sujeto is not None:
        return queryset.filter(Q(listado__sujeto_obligado=sujeto) & Q(aprobado_en__isnull=False))
    if getattr(usuario, "is_authenticated", False) and usuario.has_perm("cocreacion.view_dictamen"):
        return queryset
    return queryset.none()
