"""Quién puede ver o cambiar qué en la participación ciudadana.

- Coordinación DGA: todo; además publica y cierra consultas (``publicar_consulta``).
- Personal DGA: captura consultas en borrador, modera y responde propuestas
  (``moderar_propuesta``).
- Consejo General: consulta.
- Enlaces de sujetos obligados: nada (``PERMISOS_ENLACE`` vacío): la participación es de la
  DGA con la ciudadanía.
- La ciudadanía (sin cuenta): propone y apoya en las páginas públicas, dentro del periodo.

Los servicios revisan estas reglas con la persona que actúa; el admin sólo oculta lo que no
se puede usar.
"""

from cocreacion.permissions import enlace_de

PERMISOS_ENLACE: list[str] = []

PERMISO_MODERAR = "participacion.moderar_propuesta"
PERMISO_PUBLICAR_CONSULTA = "participacion.publicar_consulta"


def _de_la_dga(usuario) -> bool:
    return bool(
        usuario is not None
        and getattr(usuario, "is_authenticated", False)
        and usuario.is_active
        and enlace_de(usuario) is None
    )


def puede_moderar(usuario) -> bool:
    """Publicar o rechazar propuestas y registrar sus pasos: Personal y Coordinación DGA."""
    return _de_la_dga(usuario) and usuario.has_perm(PERMISO_MODERAR)


def puede_publicar_consultas(usuario) -> bool:
    return _de_la_dga(usuario) and usuario.has_perm(PERMISO_PUBLICAR_CONSULTA)


def puede_tener_permiso(usuario, permiso: str) -> bool:
    return _de_la_dga(usuario) and usuario.has_perm(permiso)
