"""Tabla de TODAS las rutas del admin: qué responde cada una a cada rol, caso y método.

``test_rutas_admin.py`` recorre el resolvedor de direcciones y compara cada ruta que empieza
con ``admin/`` (las de Django, las de django-simple-history, django-import-export, django-axes,
django-otp y las propias de cada app) contra esta tabla, con peticiones reales. Una ruta que
exista sin entrada aquí, o una entrada cuya ruta ya no exista, hace fallar la prueba.

Cómo se lee
===========

Roles: ``anonimo``, ``superusuario``, ``coordinacion_dga``, ``personal_dga``,
``consejo_general`` y ``enlace`` (enlace del sujeto obligado «propio»). El anónimo no aparece en
las tablas: toda ruta del admin lo manda al inicio de sesión (302), salvo las que se anotan.

Casos: el registro con el que se pide la ruta. ``propio`` (del sujeto obligado del enlace),
``ajeno`` (de otro sujeto obligado), ``borrador`` (sin publicar o sin aprobar) y ``publicado``.
Cada modelo declara qué casos tiene (un catálogo sólo tiene ``publicado``) y de qué registro
del mundo de prueba sale cada uno (``test_rutas_admin.mundo_rutas``).

1. ``MODELOS``: para cada modelo registrado en el admin, el nivel de cada rol en cada caso:

   - ``no``: sin permiso sobre el modelo (403 en todas sus rutas);
   - ``oculto``: fuera de su ámbito (el registro «no existe» para ese rol);
   - ``ve``: lo consulta sin cambiarlo;
   - ``cambia``: lo consulta y lo cambia;
   - ``guarda``: como ``cambia``, en un admin de terceros cuyos campos son todos de lectura
     (un POST vacío es válido y vuelve a la lista);
   - ``oculto_cambia``: fuera de su ámbito, con permiso de cambiar el modelo (Django responde
     al POST con la misma redirección que al GET);

   y las columnas ``agrega`` / ``elimina`` (``sí``/``no``). De esos niveles salen las respuestas
   de sus rutas estándar según ``RESPUESTAS`` (lista, agregar, cambio, eliminar, historial,
   versión del historial, exportar, redirección).

2. ``PROPIAS``: rutas con botones o vistas propias (transiciones, PDF, importar, exportar la
   matriz…) y las del sitio (índice, autocompletar, «ver en el sitio»…), con su respuesta
   escrita celda por celda como ``GET/POST``.

Cómo se agrega una ruta
=======================

- Modelo nuevo en el admin: una entrada en ``MODELOS`` con sus casos, sus rutas estándar y su
  tabla de niveles (y, si hace falta, el registro de cada caso en ``mundo_rutas``).
- Botón o vista propia: una entrada en ``PROPIAS`` con el nombre de la ruta (``admin:…``), la
  dirección con ``{pk}`` y la tabla ``GET/POST`` por rol y caso.
- Una ruta de un paquete (p. ej. otra vista de django-axes): igual que una propia.

Las peticiones POST van vacías o con datos que no pasan la validación, para que ninguna celda
cambie el mundo de las siguientes; que un POST no escriba lo prueban las pruebas de regresión.
"""

from dataclasses import dataclass, field

ROLES = (
    "anonimo",
    "superusuario",
    "coordinacion_dga",
    "personal_dga",
    "consejo_general",
    "enlace",
)
CASOS = ("propio", "ajeno", "borrador", "publicado")
SIN_CASO = "—"

# ── Respuestas de las rutas estándar según el nivel del rol ───────────────────────────
#
# (GET, POST). El cambio y la eliminación fuera de ámbito responden como Django: 302 al índice
# con el aviso «no existe». El historial y sus versiones, 404. El historial nunca escribe: un
# POST a la lista o a una versión es 403 para todos (ver ``AdminAuditado``).

RESPUESTAS = {
    "lista": {"no": (403, 403), "ve": (200, 200), "cambia": (200, 200)},
    "cambio": {
        "no": (403, 403),
        "oculto": (302, 403),  # sin permiso de cambiar el modelo, el POST se rechaza antes
        "oculto_cambia": (302, 302),
        "guarda": (200, 302),  # todos sus campos son de lectura: un POST vacío es válido
        "ve": (200, 403),
        "cambia": (200, 200),  # POST vacío: el formulario vuelve con errores, nada se guarda
    },
    "historial": {"no": (403, 403), "oculto": (404, 404), "ve": (200, 403), "cambia": (200, 403)},
    "version": {"no": (403, 403), "oculto": (404, 404), "ve": (200, 403), "cambia": (200, 403)},
    # Historial de Django (modelos de terceros sin simple-history): sólo lectura.
    "historial_django": {
        "no": (403, 403),
        "oculto": (302, 302),
        "ve": (200, 200),
        "guarda": (200, 200),
        "cambia": (200, 200),
    },
    # ``<id>/`` sólo redirige a ``<id>/change/``, que decide: 302 para todos.
    "redirigir": {"no": (302, 302), "oculto": (302, 302), "ve": (302, 302), "cambia": (302, 302)},
}

ESTANDAR = ("lista", "agregar", "cambio", "eliminar", "historial", "version", "redirigir")
ESTANDAR_TERCEROS = ("lista", "agregar", "cambio", "eliminar", "historial_django", "redirigir")
CON_EXPORTAR = (*ESTANDAR, "exportar")


@dataclass
class Modelo:
    """Un modelo registrado en el admin: sus casos, sus rutas estándar y la tabla de niveles."""

    casos: dict[str, str]  # caso → clave del registro en el mundo de prueba
    niveles: str  # tabla de texto: rol, un nivel por caso, agrega, elimina
    rutas: tuple[str, ...] = ESTANDAR

    def tabla(self) -> dict[str, dict[str, str]]:
        return leer_tabla(self.niveles)


@dataclass
class Propia:
    """Una ruta con respuesta escrita celda por celda (``GET/POST``)."""

    url: str  # relativa a /admin/, con {pk} (registro del caso), {version}, {ct}
    esperado: str  # tabla de texto: rol, una celda GET/POST por caso
    modelo: str | None = None  # «app.modelo» del que salen los casos
    casos: dict[str, str] = field(default_factory=lambda: {SIN_CASO: ""})
    post: dict = field(default_factory=dict)

    def tabla(self) -> dict[str, dict[str, str]]:
        return leer_tabla(self.esperado)


def leer_tabla(texto: str) -> dict[str, dict[str, str]]:
    """Convierte una tabla de texto (columnas separadas por espacios) en {rol: {columna: valor}}."""
    filas = [linea.split() for linea in texto.strip().splitlines() if linea.strip()]
    encabezado, *resto = filas
    return {fila[0]: dict(zip(encabezado[1:], fila[1:], strict=True)) for fila in resto}


# Anónimo: todo al inicio de sesión.
AL_LOGIN = "302/302"

# ── Catálogos e institución ────────────────────────────────────────────────────────────

CATALOGO_DGA = """
    rol               publicado  agrega  elimina
    superusuario      cambia     sí      sí
    coordinacion_dga  cambia     sí      sí
    personal_dga      cambia     sí      no
    consejo_general   ve         no      no
    enlace            no         no      no
"""

SOLO_SUPERUSUARIO = """
    rol               publicado  agrega  elimina
    superusuario      cambia     sí      sí
    coordinacion_dga  no         no      no
    personal_dga      no         no      no
    consejo_general   no         no      no
    enlace            no         no      no
"""

MODELOS: dict[str, Modelo] = {
    # Usuarios, grupos, bloqueos de acceso y segundo factor: sólo el superusuario.
    "auth.user": Modelo({"publicado": "usuario"}, SOLO_SUPERUSUARIO, ESTANDAR_TERCEROS),
    "auth.group": Modelo({"publicado": "grupo"}, SOLO_SUPERUSUARIO, ESTANDAR_TERCEROS),
    "axes.accessattempt": Modelo(
        {"publicado": "intento"},
        # La Coordinación ve los intentos y levanta bloqueos con la acción que llama al servicio
        # ``bloqueo_levantar``; borrar un intento a mano (sin servicio) no lo hace nadie.
        """
        rol               publicado  agrega  elimina
        superusuario      guarda     no      no
        coordinacion_dga  ve         no      no
        personal_dga      no         no      no
        consejo_general   no         no      no
        enlace            no         no      no
        """,
        ESTANDAR_TERCEROS,
    ),
    "axes.accesslog": Modelo(
        {"publicado": "acceso"},
        """
        rol               publicado  agrega  elimina
        superusuario      guarda     no      sí
        coordinacion_dga  ve         no      no
        personal_dga      no         no      no
        consejo_general   no         no      no
        enlace            no         no      no
        """,
        ESTANDAR_TERCEROS,
    ),
    "axes.accessfailurelog": Modelo(
        {"publicado": "fallo"},
        """
        rol               publicado  agrega  elimina
        superusuario      guarda     no      sí
        coordinacion_dga  ve         no      no
        personal_dga      no         no      no
        consejo_general   no         no      no
        enlace            no         no      no
        """,
        ESTANDAR_TERCEROS,
    ),
    "otp_totp.totpdevice": Modelo(
        {"publicado": "dispositivo"}, SOLO_SUPERUSUARIO, ESTANDAR_TERCEROS
    ),
    "cocreacion.enlace": Modelo({"publicado": "registro_enlace"}, SOLO_SUPERUSUARIO),
    "cocreacion.institucion": Modelo(
        {"publicado": "institucion"},
        # Un registro por órgano garante con sus fechas de vigencia: quien edita el catálogo
        # agrega al sucesor.
        """
        rol               publicado  agrega  elimina
        superusuario      cambia     sí      sí
        coordinacion_dga  cambia     sí      sí
        personal_dga      cambia     sí      no
        consejo_general   ve         no      no
        enlace            no         no      no
        """,
    ),
    "cocreacion.objetivodesarrollosostenible": Modelo({"publicado": "ods"}, CATALOGO_DGA),
    "cocreacion.metaods": Modelo({"publicado": "meta_ods"}, CATALOGO_DGA),
    "cocreacion.municipio": Modelo({"publicado": "municipio"}, CATALOGO_DGA),
    "cocreacion.organizacion": Modelo({"publicado": "organizacion"}, CATALOGO_DGA),
    "cocreacion.disposicion": Modelo({"publicado": "disposicion"}, CATALOGO_DGA),
    "cocreacion.sujetoobligado": Modelo(
        {"propio": "sujeto", "ajeno": "otro_sujeto"},
        # El registro de sujetos obligados es un catálogo público: el enlace lo consulta
        # (lo usan sus formularios), sin cambiarlo ni desactivarlo.
        """
        rol               propio  ajeno   agrega  elimina
        superusuario      cambia  cambia  sí      sí
        coordinacion_dga  cambia  cambia  sí      sí
        personal_dga      cambia  cambia  sí      no
        consejo_general   ve      ve      no      no
        enlace            ve      ve      no      no
        """,
    ),
    # ── Listados de interés público ────────────────────────────────────────────────────
    "cocreacion.periodolistado": Modelo(
        {"publicado": "periodo"},
        CATALOGO_DGA,
    ),
    "cocreacion.listado": Modelo(
        {"propio": "listado_aprobado", "ajeno": "listado_ajeno", "borrador": "listado_borrador"},
        # Nadie agrega ni elimina listados en el admin: nacen al abrir un periodo. El enlace
        # captura los suyos en sus propias páginas; en el admin sólo los consulta.
        """
        rol               propio  ajeno   borrador  agrega  elimina
        superusuario      cambia  cambia  cambia    no      no
        coordinacion_dga  cambia  cambia  cambia    no      no
        personal_dga      cambia  cambia  cambia    no      no
        consejo_general   ve      ve      ve        no      no
        enlace            ve      oculto  ve        no      no
        """,
    ),
    "cocreacion.dictamen": Modelo(
        {"publicado": "dictamen_aprobado", "borrador": "dictamen_borrador"},
        # «publicado» es el dictamen aprobado del sujeto del enlace; «borrador», el proyecto
        # sin aprobar de otro sujeto. Un dictamen aprobado ya no se cambia.
        """
        rol               publicado  borrador  agrega  elimina
        superusuario      ve         cambia    no      no
        coordinacion_dga  ve         cambia    no      no
        personal_dga      ve         cambia    no      no
        consejo_general   ve         ve        no      no
        enlace            ve         oculto    no      no
        """,
    ),
    # ── Programa anual ─────────────────────────────────────────────────────────────────
    **{
        f"oela.{nombre}": Modelo(
            {"publicado": f"{nombre}_publicado", "borrador": f"{nombre}_borrador"},
            """
            rol               publicado  borrador  agrega  elimina
            superusuario      cambia     cambia    sí      sí
            coordinacion_dga  cambia     cambia    sí      sí
            personal_dga      cambia     cambia    sí      no
            consejo_general   ve         ve        no      no
            enlace            no         no        no      no
            """,
            CON_EXPORTAR,
        )
        for nombre in ("programa", "objetivo", "estrategia", "lineaaccion", "accion")
    },
    "oela.avance": Modelo({"publicado": "avance"}, CATALOGO_DGA),
    "oela.actividad": Modelo({"publicado": "actividad"}, CATALOGO_DGA, CON_EXPORTAR),
    "oela.requerimiento": Modelo({"publicado": "requerimiento"}, CATALOGO_DGA, CON_EXPORTAR),
    # ── Secretariado ───────────────────────────────────────────────────────────────────
    "stgao.integrante": Modelo({"publicado": "integrante"}, CATALOGO_DGA),
    "stgao.sesion": Modelo(
        {"publicado": "sesion_publicada", "borrador": "sesion_borrador"},
        """
        rol               publicado  borrador  agrega  elimina
        superusuario      cambia     cambia    sí      sí
        coordinacion_dga  cambia     cambia    sí      sí
        personal_dga      cambia     cambia    sí      no
        consejo_general   ve         ve        no      no
        enlace            no         no        no      no
        """,
    ),
    "stgao.acuerdo": Modelo({"publicado": "acuerdo"}, CATALOGO_DGA),
    # ── Plan de Acción Local ───────────────────────────────────────────────────────────
    "stgao.planaccionlocal": Modelo(
        {"propio": "plan", "ajeno": "plan_ajeno"},
        """
        rol               propio  ajeno   agrega  elimina
        superusuario      cambia  cambia  sí      sí
        coordinacion_dga  cambia  cambia  sí      sí
        personal_dga      cambia  cambia  sí      no
        consejo_general   ve      ve      no      no
        enlace            ve      oculto  no      no
        """,
    ),
    "stgao.compromiso": Modelo(
        {
            "propio": "compromiso_propio",
            "ajeno": "compromiso_ajeno",
            "borrador": "compromiso_borrador",
        },
        """
        rol               propio  ajeno   borrador  agrega  elimina
        superusuario      cambia  cambia  cambia    sí      sí
        coordinacion_dga  cambia  cambia  cambia    sí      sí
        personal_dga      cambia  cambia  cambia    sí      no
        consejo_general   ve      ve      ve        no      no
        enlace            ve      oculto  ve        no      no
        """,
    ),
    "stgao.hito": Modelo(
        {"propio": "hito_propio", "ajeno": "hito_ajeno"},
        # El enlace reporta el avance de los hitos de su sujeto obligado.
        """
        rol               propio  ajeno          agrega  elimina
        superusuario      cambia  cambia         sí      sí
        coordinacion_dga  cambia  cambia         sí      sí
        personal_dga      cambia  cambia         sí      no
        consejo_general   ve      ve             no      no
        enlace            cambia  oculto_cambia  no      no
        """,
    ),
    "stgao.evidencia": Modelo(
        {"propio": "evidencia_propia", "ajeno": "evidencia_ajena"},
        """
        rol               propio  ajeno   agrega  elimina
        superusuario      cambia  cambia  sí      sí
        coordinacion_dga  cambia  cambia  sí      sí
        personal_dga      cambia  cambia  sí      no
        consejo_general   ve      ve      no      no
        enlace            ve      oculto  sí      no
        """,
    ),
    # ── Métrica ────────────────────────────────────────────────────────────────────────
    "metricas.edicion": Modelo(
        {"publicado": "edicion_publicada", "borrador": "edicion_borrador"},
        """
        rol               publicado  borrador  agrega  elimina
        superusuario      cambia     cambia    sí      sí
        coordinacion_dga  cambia     cambia    sí      sí
        personal_dga      cambia     cambia    sí      no
        consejo_general   ve         ve        no      no
        enlace            no         no        no      no
        """,
    ),
    "metricas.resultado": Modelo({"publicado": "resultado"}, CATALOGO_DGA, CON_EXPORTAR),
    "metricas.indicadorreferencia": Modelo({"publicado": "indicador"}, CATALOGO_DGA, CON_EXPORTAR),
    "metricas.entidadcomparada": Modelo({"publicado": "entidad_comparada"}, CATALOGO_DGA),
    # ── Participación ciudadana ────────────────────────────────────────────────────────
    "participacion.consulta": Modelo(
        {"publicado": "consulta_publicada", "borrador": "consulta_borrador"},
        # Publicarla y cerrarla es de la Coordinación (el servicio lo revisa); los enlaces
        # no participan en la administración de consultas.
        """
        rol               publicado  borrador  agrega  elimina
        superusuario      cambia     cambia    sí      sí
        coordinacion_dga  cambia     cambia    sí      sí
        personal_dga      cambia     cambia    sí      no
        consejo_general   ve         ve        no      no
        enlace            no         no        no      no
        """,
    ),
    "participacion.propuesta": Modelo(
        {"publicado": "propuesta_publicada", "borrador": "propuesta_pendiente"},
        # Nacen en el formulario público y nunca se eliminan a mano (se anonimizan con el
        # borrado de datos). Moderan y responden Personal y Coordinación DGA; el Consejo
        # consulta; el enlace, nada. Exportar nunca lleva el correo.
        """
        rol               publicado  borrador  agrega  elimina
        superusuario      cambia     cambia    no      no
        coordinacion_dga  cambia     cambia    no      no
        personal_dga      cambia     cambia    no      no
        consejo_general   ve         ve        no      no
        enlace            no         no        no      no
        """,
        CON_EXPORTAR,
    ),
}

# ── Rutas propias y del sitio ──────────────────────────────────────────────────────────

PROPIAS: dict[str, Propia] = {
    # Sitio
    "admin:index": Propia(
        "",
        """
        rol               —
        anonimo           302/302
        superusuario      200/200
        coordinacion_dga  200/200
        personal_dga      200/200
        consejo_general   200/200
        enlace            200/200
        """,
    ),
    "admin:login": Propia(
        "login/",
        # Con sesión, el formulario de acceso lleva al índice; un POST vacío vuelve con errores.
        """
        rol               —
        anonimo           200/200
        superusuario      302/200
        coordinacion_dga  302/200
        personal_dga      302/200
        consejo_general   302/200
        enlace            302/200
        """,
    ),
    "admin:logout": Propia(
        "logout/",
        # Salir sólo por POST (Django 5); el anónimo vuelve al índice, que lo manda al login.
        """
        rol               —
        anonimo           302/302
        superusuario      405/200
        coordinacion_dga  405/200
        personal_dga      405/200
        consejo_general   405/200
        enlace            405/200
        """,
    ),
    "admin:password_change": Propia(
        "password_change/",
        """
        rol               —
        anonimo           302/302
        superusuario      200/200
        coordinacion_dga  200/200
        personal_dga      200/200
        consejo_general   200/200
        enlace            200/200
        """,
    ),
    "admin:password_change_done": Propia(
        "password_change/done/",
        """
        rol               —
        anonimo           302/302
        superusuario      200/405
        coordinacion_dga  200/405
        personal_dga      200/405
        consejo_general   200/405
        enlace            200/405
        """,
    ),
    "admin:segundo_factor": Propia(
        "segundo-factor/",
        """
        rol               —
        anonimo           302/302
        superusuario      200/200
        coordinacion_dga  200/200
        personal_dga      200/200
        consejo_general   200/200
        enlace            200/200
        """,
    ),
    # Vistas sólo de consulta: un POST es 405.
    "admin:jsi18n": Propia(
        "jsi18n/",
        """
        rol               —
        anonimo           302/302
        superusuario      200/405
        coordinacion_dga  200/405
        personal_dga      200/405
        consejo_general   200/405
        enlace            200/405
        """,
    ),
    "admin:autocomplete": Propia(
        # Sujetos obligados desde los hitos: un catálogo que el enlace sí consulta.
        "autocomplete/?app_label=stgao&model_name=hito&field_name=responsable&term=Prueba",
        """
        rol               —
        anonimo           302/302
        superusuario      200/405
        coordinacion_dga  200/405
        personal_dga      200/405
        consejo_general   200/405
        enlace            200/405
        """,
    ),
    "admin:view_on_site": Propia(
        "r/{ct}/{pk}/",
        # Lleva a la página pública; la de un borrador responde 404 allí, no aquí.
        """
        rol               propio   ajeno    borrador
        anonimo           302/302  302/302  302/302
        superusuario      302/302  302/302  302/302
        coordinacion_dga  302/302  302/302  302/302
        personal_dga      302/302  302/302  302/302
        consejo_general   302/302  302/302  302/302
        enlace            302/302  404/404  302/302
        """,
        modelo="stgao.compromiso",
        casos={
            "propio": "compromiso_propio",
            "ajeno": "compromiso_ajeno",
            "borrador": "compromiso_borrador",
        },
    ),
    "admin:mis_pendientes": Propia(
        "mis-pendientes/",
        # Cada quien ve lo suyo; un POST sólo vuelve a mostrar la página, sin cambiar nada.
        """
        rol               —
        anonimo           302/302
        superusuario      200/200
        coordinacion_dga  200/200
        personal_dga      200/200
        consejo_general   200/200
        enlace            200/200
        """,
    ),
    "admin:mis_avisos": Propia(
        "mis-avisos/",
        # Cada quien cambia sólo sus propias preferencias; un POST vacío no cambia nada y vuelve
        # a mostrar el formulario.
        """
        rol               —
        anonimo           302/302
        superusuario      200/200
        coordinacion_dga  200/200
        personal_dga      200/200
        consejo_general   200/200
        enlace            200/200
        """,
    ),
    "admin:stgao_hito_revisar_linea_base": Propia(
        "stgao/hito/{pk}/revisar-linea-base/",
        # Sólo el personal DGA revisa la línea base (con motivo: un POST vacío no pasa).
        """
        rol               propio   ajeno
        anonimo           302/302  302/302
        superusuario      200/200  200/200
        coordinacion_dga  200/200  200/200
        personal_dga      200/200  200/200
        consejo_general   403/403  403/403
        enlace            403/403  403/403
        """,
        modelo="stgao.hito",
        casos={"propio": "hito_propio", "ajeno": "hito_ajeno"},
    ),
    "admin:app_list": Propia(
        "stgao/",
        """
        rol               —
        anonimo           302/302
        superusuario      200/200
        coordinacion_dga  200/200
        personal_dga      200/200
        consejo_general   200/200
        enlace            200/200
        """,
    ),
    "admin/(?P<url>.*)$": Propia(
        "no-existe/",
        """
        rol               —
        anonimo           302/302
        superusuario      404/404
        coordinacion_dga  404/404
        personal_dga      404/404
        consejo_general   404/404
        enlace            404/404
        """,
    ),
    # Usuarios y segundo factor (terceros)
    "admin:auth_user_password_change": Propia(
        "auth/user/{pk}/password/",
        """
        rol               publicado
        anonimo           302/302
        superusuario      200/200
        coordinacion_dga  403/403
        personal_dga      403/403
        consejo_general   403/403
        enlace            403/403
        """,
        modelo="auth.user",
        casos={"publicado": "usuario"},
    ),
    # La clave del segundo factor nunca se muestra en el admin (OTP_ADMIN_HIDE_SENSITIVE_DATA):
    # cada quien la registra en /admin/segundo-factor/.
    "admin:otp_totp_totpdevice_config": Propia(
        "otp_totp/totpdevice/{pk}/config/",
        """
        rol               publicado
        anonimo           302/302
        superusuario      403/403
        coordinacion_dga  403/403
        personal_dga      403/403
        consejo_general   403/403
        enlace            403/403
        """,
        modelo="otp_totp.totpdevice",
        casos={"publicado": "dispositivo"},
    ),
    "admin:otp_totp_totpdevice_qrcode": Propia(
        "otp_totp/totpdevice/{pk}/qrcode/",
        """
        rol               publicado
        anonimo           302/302
        superusuario      403/403
        coordinacion_dga  403/403
        personal_dga      403/403
        consejo_general   403/403
        enlace            403/403
        """,
        modelo="otp_totp.totpdevice",
        casos={"publicado": "dispositivo"},
    ),
    # Listados y dictámenes
    "admin:cocreacion_periodolistado_abrir": Propia(
        "cocreacion/periodolistado/{pk}/abrir/",
        """
        rol               publicado
        anonimo           302/302
        superusuario      200/200
        coordinacion_dga  200/200
        personal_dga      200/200
        consejo_general   403/403
        enlace            403/403
        """,
        modelo="cocreacion.periodolistado",
        casos={"publicado": "periodo"},
        post={"tipos": ["no-existe"]},
    ),
    "admin:cocreacion_periodolistado_cerrar_envio": Propia(
        "cocreacion/periodolistado/{pk}/cerrar-envio/",
        # Quien revisa ve primero la confirmación (GET, o POST sin ``confirmado=si``); los
        # demás vuelven a la ficha y, si confirman, el servicio lo rechaza con aviso.
        """
        rol               publicado
        anonimo           302/302
        superusuario      200/200
        coordinacion_dga  200/200
        personal_dga      200/200
        consejo_general   302/302
        enlace            403/403
        """,
        modelo="cocreacion.periodolistado",
        casos={"publicado": "periodo"},
    ),
    "admin:cocreacion_listado_transicion": Propia(
        "cocreacion/listado/{pk}/transicion/no-existe/",
        # GET regresa a la ficha; POST pasa al servicio, que rechaza la transición con aviso.
        """
        rol               propio   ajeno    borrador
        anonimo           302/302  302/302  302/302
        superusuario      302/302  302/302  302/302
        coordinacion_dga  302/302  302/302  302/302
        personal_dga      302/302  302/302  302/302
        consejo_general   302/302  302/302  302/302
        enlace            302/302  404/404  302/302
        """,
        modelo="cocreacion.listado",
        casos={
            "propio": "listado_aprobado",
            "ajeno": "listado_ajeno",
            "borrador": "listado_borrador",
        },
    ),
    "admin:cocreacion_dictamen_aprobar": Propia(
        "cocreacion/dictamen/{pk}/aprobar/",
        """
        rol               publicado  borrador
        anonimo           302/302    302/302
        superusuario      200/200    200/200
        coordinacion_dga  200/200    200/200
        personal_dga      403/403    403/403
        consejo_general   200/200    200/200
        enlace            403/403    404/404
        """,
        modelo="cocreacion.dictamen",
        casos={"publicado": "dictamen_aprobado", "borrador": "dictamen_borrador"},
    ),
    "admin:cocreacion_dictamen_pdf": Propia(
        "cocreacion/dictamen/{pk}/pdf/",
        """
        rol               publicado  borrador
        anonimo           302/302    302/302
        superusuario      200/200    200/200
        coordinacion_dga  200/200    200/200
        personal_dga      200/200    200/200
        consejo_general   200/200    200/200
        enlace            200/200    404/404
        """,
        modelo="cocreacion.dictamen",
        casos={"publicado": "dictamen_aprobado", "borrador": "dictamen_borrador"},
    ),
    # Programa anual
    "admin:oela_programa_importar_matriz": Propia(
        "oela/programa/{pk}/importar-matriz/",
        """
        rol               publicado  borrador
        anonimo           302/302    302/302
        superusuario      200/200    200/200
        coordinacion_dga  200/200    200/200
        personal_dga      200/200    200/200
        consejo_general   403/403    403/403
        enlace            403/403    403/403
        """,
        modelo="oela.programa",
        casos={"publicado": "programa_publicado", "borrador": "programa_borrador"},
    ),
    "admin:oela_programa_exportar_matriz": Propia(
        "oela/programa/{pk}/exportar-matriz/csv/",
        """
        rol               publicado  borrador
        anonimo           302/302    302/302
        superusuario      200/200    200/200
        coordinacion_dga  200/200    200/200
        personal_dga      200/200    200/200
        consejo_general   200/200    200/200
        enlace            403/403    403/403
        """,
        modelo="oela.programa",
        casos={"publicado": "programa_publicado", "borrador": "programa_borrador"},
    ),
    # Plan de Acción Local
    "admin:stgao_planaccionlocal_exportar_hitos": Propia(
        "stgao/planaccionlocal/{pk}/hitos.csv",
        """
        rol               propio   ajeno
        anonimo           302/302  302/302
        superusuario      200/200  200/200
        coordinacion_dga  200/200  200/200
        personal_dga      200/200  200/200
        consejo_general   403/403  403/403
        enlace            403/403  403/403
        """,
        modelo="stgao.planaccionlocal",
        casos={"propio": "plan", "ajeno": "plan_ajeno"},
    ),
    "admin:stgao_planaccionlocal_importar_hitos": Propia(
        "stgao/planaccionlocal/{pk}/importar-hitos/",
        """
        rol               propio   ajeno
        anonimo           302/302  302/302
        superusuario      200/200  200/200
        coordinacion_dga  200/200  200/200
        personal_dga      200/200  200/200
        consejo_general   403/403  403/403
        enlace            403/403  403/403
        """,
        modelo="stgao.planaccionlocal",
        casos={"propio": "plan", "ajeno": "plan_ajeno"},
    ),
    # Métrica
    "admin:metricas_resultado_importar_archivo": Propia(
        "metricas/resultado/importar-archivo/",
        """
        rol               —
        anonimo           302/302
        superusuario      200/200
        coordinacion_dga  200/200
        personal_dga      200/200
        consejo_general   403/403
        enlace            403/403
        """,
    ),
}
