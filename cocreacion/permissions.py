"""Roles del portal y quién puede ver o cambiar qué en el núcleo.

Los grupos se crean en una migración (``0002_grupos``); sus permisos se sincronizan tras cada
``migrate`` porque los permisos de cada modelo sólo existen cuando su app ya migró.

- Coordinación DGA: todo en las apps del portal, incluidos publicar, aprobar y eliminar.
- Personal DGA: agrega y modifica; no elimina ni publica.
- Consejo General: consulta todo y aprueba lo que le corresponde (permisos ``aprobar_*``).
- Enlaces de sujetos obligados: sólo lo que cada app declara en ``PERMISOS_ENLACE``; además,
  cada app filtra los registros a los de su sujeto obligado.
"""

from django.apps import apps as global_apps

from cocreacion.registro import APPS_DEL_PORTAL, reunir

GRUPO_COORDINACION = "Coordinación DGA"
GRUPO_PERSONAL = "Personal DGA"
GRUPO_CONSEJO = "Consejo General"
GRUPO_ENLACES = "Enlaces de sujetos obligados"
GRUPOS = [GRUPO_COORDINACION, GRUPO_PERSONAL, GRUPO_CONSEJO, GRUPO_ENLACES]

PREFIJOS_RESERVADOS = ("delete_", "publicar_", "aprobar_")

# Un registro de enlace ata una cuenta a un sujeto obligado y le abre sus borradores: es
# administración de cuentas, como usuarios y grupos, y sólo la hace el superusuario.
# Las preferencias de avisos y su registro son de cada persona: las edita ella misma en su
# página (sin permisos de modelo) y sólo el superusuario las consulta todas.
# Por etiqueta de app y nombre de modelo. Las suscripciones por correo de la participación
# ciudadana guardan correos de personas sin cuenta: ningún grupo del personal las ve.
MODELOS_SOLO_SUPERUSUARIO = {
    ("cocreacion", "enlace"),
    ("cocreacion", "historicalenlace"),
    ("cocreacion", "preferencianotificacion"),
    ("cocreacion", "notificacionenviada"),
    ("participacion", "suscriptor"),
    ("participacion", "suscripcion"),
    ("participacion", "historicalsuscripcion"),
}

# Los de ``cocreacion.operacion.bloqueos.PERMISOS_COORDINACION`` (aquí sin importar axes).
PERMISOS_COORDINACION_BLOQUEOS = [
    "axes.view_accessattempt",
    "axes.delete_accessattempt",
    "axes.view_accesslog",
    "axes.view_accessfailurelog",
]

# Permisos del núcleo para enlaces: consultar los catálogos que sus formularios usan.
PERMISOS_ENLACE = ["cocreacion.view_sujetoobligado"]


def _permisos_declarados(nombre: str) -> list[str]:
    return reunir("permissions", nombre)


def permisos_por_grupo(Permission) -> dict[str, list]:
    del_portal = [
        permiso
        for permiso in Permission.objects.filter(
            content_type__app_label__in=APPS_DEL_PORTAL
        ).select_related("content_type")
        if (permiso.content_type.app_label, permiso.content_type.model)
        not in MODELOS_SOLO_SUPERUSUARIO
    ]
    propios = [p for p in del_portal if not p.content_type.model.startswith("historical")]
    historicos_vista = [
        p
        for p in del_portal
        if p.content_type.model.startswith("historical") and p.codename.startswith("view_")
    ]

    def por_nombre(nombres, permisos=del_portal):
        buscados = {tuple(n.split(".", 1)) for n in nombres}
        return [p for p in permisos if (p.content_type.app_label, p.codename) in buscados]

    # Ver y levantar bloqueos de acceso (la página de bloqueo remite a la Coordinación).
    de_bloqueos = list(
        Permission.objects.filter(content_type__app_label="axes").select_related("content_type")
    )
    return {
        GRUPO_COORDINACION: propios
        + historicos_vista
        + por_nombre(PERMISOS_COORDINACION_BLOQUEOS, de_bloqueos),
        GRUPO_PERSONAL: [p for p in propios if not p.codename.startswith(PREFIJOS_RESERVADOS)]
        + historicos_vista,
        GRUPO_CONSEJO: [p for p in propios if p.codename.startswith(("view_", "aprobar_"))]
        + historicos_vista,
        GRUPO_ENLACES: por_nombre(_permisos_declarados("PERMISOS_ENLACE")),
    }


def sincronizar_permisos_de_grupos(apps=global_apps, using="default", **kwargs):
    """Deja a cada grupo exactamente con los permisos de su rol (idempotente)."""
    try:
        Group = apps.get_model("auth", "Group")
        Permission = apps.get_model("auth", "Permission")
    except LookupError:
        return
    for nombre, permisos in permisos_por_grupo(Permission).items():
        grupo, _ = Group.objects.using(using).get_or_create(name=nombre)
        grupo.permissions.set(permisos)


def enlace_de(usuario):
    """El registro de enlace activo de ``usuario`` o ``None``."""
    if not getattr(usuario, "is_authenticated", False):
        return None
    enlace = getattr(usuario, "enlace", None)
    return enlace if enlace is not None and enlace.activo else None


def es_personal_dga(usuario) -> bool:
    return bool(
        getattr(usuario, "is_authenticated", False)
        and (
            usuario.is_superuser
            or usuario.groups.filter(name__in=[GRUPO_COORDINACION, GRUPO_PERSONAL]).exists()
        )
    )


def puede_entrar_al_admin(usuario) -> bool:
    """Pertenecer a un grupo del portal basta para entrar al admin; la marca de staff no hace falta.

    El rol de cada persona está en su grupo: derivar de ahí el acceso evita una segunda marca que
    alguien olvide poner (el enlace recién dado de alta que no podía entrar) o quitar (quien sale
    de su grupo y seguía entrando). ``is_staff`` sigue valiendo para cuentas técnicas sin grupo.
    El resultado se guarda en el objeto del usuario: el admin lo pregunta varias veces por página.
    """
    if not (getattr(usuario, "is_authenticated", False) and usuario.is_active):
        return False
    if usuario.is_staff or usuario.is_superuser:
        return True
    guardado = getattr(usuario, "_puede_entrar_al_admin", None)
    if guardado is None:
        guardado = usuario.groups.filter(name__in=GRUPOS).exists()
        usuario._puede_entrar_al_admin = guardado
    return guardado
