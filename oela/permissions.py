"""Quién puede qué en el programa anual.

- Público: sólo programas publicados o cerrados (``Programa.objects.publicados()``).
- Personal DGA: captura y edita el árbol, avances, actividades e importa la matriz; no publica
  ni elimina (los permisos ``publicar_*`` y ``delete_*`` se le retienen, ver
  ``cocreacion.permissions``).
- Coordinación DGA: todo, incluidos publicar/cerrar (``oela.publicar_programa``) y eliminar.
- Enlaces de sujetos obligados: nada en este módulo.
"""

PERMISO_PUBLICAR = "oela.publicar_programa"
PERMISOS_ENLACE: list[str] = []


def puede_publicar(usuario) -> bool:
    return bool(usuario and usuario.is_authenticated and usuario.has_perm(PERMISO_PUBLICAR))


def puede_importar_matriz(usuario) -> bool:
    return bool(
        usuario
        and usuario.is_authenticated
        and usuario.has_perm("oela.add_accion")
        and usuario.has_perm("oela.change_accion")
    )
