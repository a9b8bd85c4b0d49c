"""Quién puede qué en la Métrica de Gobierno Abierto.

- Público: sólo ediciones publicadas y sus resultados (``Edicion.objects.publicadas()``,
  ``Resultado.objects.publicados()``) y los indicadores publicados.
- Personal DGA: captura ediciones, componentes y resultados e importa archivos
  (``metricas.importar_resultado``); no publica ni elimina.
- Coordinación DGA: todo, incluido publicar ediciones (``metricas.publicar_edicion``) e
  indicadores de referencia (``metricas.publicar_indicadorreferencia``).
- Consejo General: consulta.
- Enlaces de sujetos obligados: nada en este módulo (los resultados los publica INAI–CIDE).

Las reglas de publicar se revisan en ``services.py`` con la persona que actúa; el admin sólo
oculta la casilla a quien no puede usarla.
"""

PERMISO_PUBLICAR = "metricas.publicar_edicion"
PERMISO_PUBLICAR_INDICADOR = "metricas.publicar_indicadorreferencia"
PERMISO_IMPORTAR = "metricas.importar_resultado"
PERMISOS_ENLACE: list[str] = []


def puede_publicar(usuario) -> bool:
    return bool(usuario and usuario.is_authenticated and usuario.has_perm(PERMISO_PUBLICAR))


def puede_publicar_indicadores(usuario) -> bool:
    return bool(
        usuario and usuario.is_authenticated and usuario.has_perm(PERMISO_PUBLICAR_INDICADOR)
    )


def puede_importar(usuario) -> bool:
    """Importar crea sujetos obligados y resultados: pide los tres permisos."""
    return bool(
        usuario
        and usuario.is_authenticated
        and usuario.has_perm(PERMISO_IMPORTAR)
        and usuario.has_perm("metricas.add_resultado")
        and usuario.has_perm("cocreacion.add_sujetoobligado")
    )
