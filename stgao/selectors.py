"""Lecturas para las páginas públicas, el acta y las exportaciones (consultas acotadas)."""

from datetime import timedelta

from django.db.models import Count, OuterRef, Prefetch, Q, Subquery
from django.utils import timezone

from .models import (
    Acuerdo,
    Asistencia,
    Compromiso,
    EstadoCompromiso,
    Evidencia,
    Hito,
    Integrante,
    PlanAccionLocal,
    Sector,
    SeguimientoAcuerdo,
    Sesion,
)
from .reglas import activo_en, calcular_balance, calcular_quorum

CAMPOS_PUBLICOS_COMPROMISO = [
    "titulo",
    "problema",
    "solucion",
    "beneficios",
    "objetivo",
    "linea_base",
    "tema",
    "lider",
    "sitio_resultado",
    "fecha_inicio",
    "fecha_fin",
    "publicado",
]
# Campos no editables (derivados): ``diff_against`` no los compara, se comparan aquí.
CAMPOS_PUBLICOS_DERIVADOS = {"avance"}
CAMPOS_PUBLICOS_HITO = [
    "descripcion",
    "responsable",
    "fecha_inicio_planeada",
    "fecha_fin_planeada",
    "fecha_inicio_real",
    "fecha_fin_real",
    "peso",
    "estado",
]
# La revisión de la línea base (no editable en formularios: la escribe su servicio).
CAMPOS_PUBLICOS_DERIVADOS_HITO = ("motivo_revision",)


# --- Secretariado ------------------------------------------------------------------------


def integrantes_en(fecha=None) -> list[Integrante]:
    """Integrantes activos en ``fecha`` (hoy por omisión) con su institución: 1 consulta."""
    fecha = fecha or timezone.localdate()
    return list(
        Integrante.objects.activos_en(fecha)
        .con_institucion()
        .order_by("sector", "suplente_de_id", "persona")
    )


def balance_en(integrantes, fecha=None):
    return calcular_balance(integrantes, fecha or timezone.localdate(), dict(Sector.choices))


def portada_stgao() -> dict:
    hoy = timezone.localdate()
    integrantes = integrantes_en(hoy)
    por_sector: dict = {}
    for integrante in integrantes:
        por_sector.setdefault(integrante.get_sector_display(), []).append(integrante)
    return {
        "integrantes": integrantes,
        "por_sector": list(por_sector.items()),
        "balance": balance_en(integrantes, hoy),
        "sesiones": list(Sesion.objects.publicadas().order_by("-fecha_hora")[:5]),
    }


def sesiones_publicas():
    return Sesion.objects.publicadas().order_by("-fecha_hora")


def anotar_quorum(sesiones) -> None:
    """Calcula el quórum de cada sesión de la página: 2 consultas para todas."""
    sesiones = list(sesiones)
    if not sesiones:
        return
    asistencias: dict = {}
    for a in Asistencia.objects.filter(sesion__in=sesiones).only(
        "sesion_id", "integrante_id", "estado"
    ):
        asistencias.setdefault(a.sesion_id, []).append(a)
    fechas = [s.fecha for s in sesiones]
    integrantes = list(
        Integrante.objects.filter(fecha_alta__lte=max(fechas)).filter(
            Q(fecha_baja__isnull=True) | Q(fecha_baja__gt=min(fechas))
        )
    )
    for sesion in sesiones:
        sesion.quorum_calculado = calcular_quorum(
            sesion.fecha, integrantes, asistencias.get(sesion.pk, [])
        )


def sesion_completa(pk: int, *, solo_publicadas: bool = True) -> dict:
    """Todo lo que muestran la página de la sesión y su acta, en consultas fijas."""
    base = Sesion.objects.publicadas() if solo_publicadas else Sesion.objects.all()
    sesion = base.prefetch_related(
        "puntos",
        Prefetch(
            "acuerdos",
            queryset=Acuerdo.objects.con_vencimiento()
            .order_by("numero")
            .prefetch_related(
                "responsables",
                "sujetos_responsables",
                Prefetch(
                    "seguimientos",
                    queryset=SeguimientoAcuerdo.objects.select_related("sesion").filter(
                        sesion__publicada=True
                    ),
                ),
            ),
        ),
        Prefetch(
            "seguimientos",
            queryset=SeguimientoAcuerdo.objects.select_related("acuerdo"),
        ),
    ).get(pk=pk)
    fecha = sesion.fecha
    integrantes = integrantes_en(fecha)
    asistencias = list(sesion.asistencias.all())
    estado_por_integrante = {a.integrante_id: a for a in asistencias}
    lista = [(i, estado_por_integrante.get(i.pk)) for i in integrantes if activo_en(i, fecha)]
    return {
        "sesion": sesion,
        "integrantes": integrantes,
        "asistencia": lista,
        "quorum": calcular_quorum(fecha, integrantes, asistencias),
        "balance": balance_en(integrantes, fecha),
    }


def acuerdos_publicos(estado: str = ""):
    """Acuerdos de sesiones publicadas; primero los vencidos, luego por fecha límite."""
    acuerdos = (
        Acuerdo.objects.publicados()
        .con_vencimiento()
        .select_related("sesion")
        .prefetch_related(
            "responsables",
            "sujetos_responsables",
            Prefetch(
                "seguimientos",
                queryset=SeguimientoAcuerdo.objects.select_related("sesion").filter(
                    sesion__publicada=True
                ),
            ),
        )
    )
    if estado == "vencido":
        acuerdos = acuerdos.filter(vencido=True)
    elif estado:
        acuerdos = acuerdos.filter(estado=estado)
    return acuerdos.order_by("-vencido", "fecha_limite", "sesion__fecha_hora", "numero")


# El calendario (``/stgao/sesiones.ics``) lleva las sesiones de este último año y las próximas:
# es para suscribirse, y el cliente de calendario lo vuelve a bajar entero cada pocas horas. El
# registro completo está en ``/stgao/sesiones/`` y en datos abiertos. Con diez años de sesiones
# pesaba 150 KB y tardaba 90 ms en armarse (icalendar, 0.3 ms por sesión).
DIAS_PASADOS_DEL_CALENDARIO = 365


def sesiones_para_calendario():
    desde = timezone.now() - timedelta(days=DIAS_PASADOS_DEL_CALENDARIO)
    return (
        Sesion.objects.publicadas()
        .filter(fecha_hora__gte=desde)
        .prefetch_related("puntos")
        .order_by("fecha_hora")
    )


# --- Compromisos -------------------------------------------------------------------------


def compromisos_publicos():
    """Compromisos publicados con estado anotado y lo que la lista muestra."""
    return _compromisos_con_estado(Compromiso.objects.publicados())


def _compromisos_con_estado(base=None):
    base = Compromiso.objects.all() if base is None else base
    return base.con_estado().select_related("plan", "lider").prefetch_related("corresponsables")


def compromisos_para_lista():
    return compromisos_publicos().para_lista()


def compromiso_publico(slug: str, *, solo_publicados: bool = True) -> Compromiso:
    """Un compromiso publicado con hitos, evidencias, responsables y las propuestas ciudadanas
    publicadas de las que surgió (``propuestas_de_origen``), en consultas fijas.

    Con ``solo_publicados=False`` (vista previa del personal) también los no publicados.
    """
    from cocreacion.participacion.selectors import prefetch_propuestas_de_origen

    return (
        (compromisos_publicos() if solo_publicados else _compromisos_con_estado())
        .prefetch_related(
            "responsables",
            "metas_ods__ods",
            prefetch_propuestas_de_origen(),
            Prefetch(
                "hitos",
                queryset=Hito.objects.select_related("responsable")
                .order_by("numero")
                .prefetch_related(
                    Prefetch("evidencias", queryset=Evidencia.objects.order_by("fecha", "pk"))
                ),
            ),
        )
        .get(slug=slug)
    )


def _etiqueta(modelo, campo, valor, nombres):
    field = modelo._meta.get_field(campo)
    if valor in (None, ""):
        return "—"
    if field.choices:
        return str(dict(field.choices).get(valor, valor))
    if field.is_relation:
        return nombres.get(valor, f"#{valor}")
    if isinstance(valor, bool):
        return "sí" if valor else "no"
    return str(valor)


def historial_compromiso(compromiso: Compromiso, limite: int = 300) -> list[dict]:
    """Bitácora pública del compromiso y sus hitos: qué cambió y cuándo, desde su publicación.

    Empieza cuando el compromiso se hizo público por primera vez (publicado él y su plan): lo
    capturado antes en borrador (títulos, textos de hitos, evidencias que se quitaron) no
    aparece. Los cambios posteriores se comparan con el estado publicado. Sólo campos
    públicos; nunca quién lo hizo (ni correos) ni notas internas.
    """
    from cocreacion.models import SujetoObligado

    primera_del_plan = (
        PlanAccionLocal.history.filter(id=OuterRef("plan_id"), publicado=True)
        .order_by("history_date")
        .values("history_date")[:1]
    )
    versiones_c = list(
        Compromiso.history.filter(id=compromiso.pk)
        .annotate(_plan_publicado_desde=Subquery(primera_del_plan))
        .order_by("history_date", "history_id")
    )
    versiones_h = list(
        Hito.history.filter(compromiso_id=compromiso.pk).order_by("history_date", "history_id")
    )
    evidencias = list(
        Evidencia.history.filter(
            hito_id__in={v.id for v in versiones_h}, history_type="+"
        ).order_by("history_date")
    )
    desde = publico_desde(versiones_c)
    if desde is None:
        return []
    ids_sujeto = {v.lider_id for v in versiones_c} | {v.responsable_id for v in versiones_h}
    nombres = dict(
        SujetoObligado.objects.filter(pk__in=ids_sujeto - {None}).values_list("pk", "nombre")
    )

    entradas = [{"fecha": desde, "objeto": "Compromiso", "accion": "publicado", "cambios": []}]

    def recorrer(versiones, modelo, campos, titulo, derivados=(), es_publica=lambda v: True):
        # La última versión anterior a la publicación es el estado que se publicó: contra ella
        # se compara el primer cambio posterior, sin mostrar nada de antes.
        anterior_por_id = {}
        for version in versiones:
            antes_de_publicar = version.history_date <= desde
            publica = not antes_de_publicar and es_publica(version)
            anterior = anterior_por_id.get(version.id)
            if antes_de_publicar or publica:
                anterior_por_id[version.id] = version
            if not publica:
                continue
            if version.history_type == "+" or anterior is None:
                cambios, accion = [], "creado"
            elif version.history_type == "-":
                cambios, accion = [], "eliminado"
            else:
                diff = version.diff_against(anterior, included_fields=campos)
                pares = [(c.field, c.old, c.new) for c in diff.changes]
                for campo in derivados:
                    viejo, nuevo = getattr(anterior, campo), getattr(version, campo)
                    if viejo != nuevo:
                        pares.append((campo, viejo, nuevo))
                cambios = [
                    {
                        "campo": str(modelo._meta.get_field(campo).verbose_name),
                        "antes": _etiqueta(modelo, campo, viejo, nombres),
                        "despues": _etiqueta(modelo, campo, nuevo, nombres),
                    }
                    for campo, viejo, nuevo in pares
                ]
                accion = "modificado"
                if not cambios:
                    continue
            entradas.append(
                {
                    "fecha": version.history_date,
                    "objeto": titulo(version),
                    "accion": accion,
                    "cambios": cambios,
                }
            )

    recorrer(
        versiones_c,
        Compromiso,
        CAMPOS_PUBLICOS_COMPROMISO,
        lambda v: "Compromiso",
        CAMPOS_PUBLICOS_DERIVADOS,
        # Mientras se retira de la publicación, lo que cambie no es público; al volver se
        # compara con lo último que se publicó.
        es_publica=lambda v: v.publicado,
    )
    recorrer(
        versiones_h,
        Hito,
        CAMPOS_PUBLICOS_HITO,
        lambda v: f"Hito {v.numero}",
        CAMPOS_PUBLICOS_DERIVADOS_HITO,
    )
    numero_hito = {v.id: v.numero for v in versiones_h}
    for e in evidencias:
        if e.history_date <= desde:
            continue  # ya era parte de lo publicado, o se quitó antes de publicar
        entradas.append(
            {
                "fecha": e.history_date,
                "objeto": f"Hito {numero_hito.get(e.hito_id, '')}",
                "accion": "evidencia agregada",
                "cambios": [{"campo": "evidencia", "antes": "—", "despues": e.descripcion}],
            }
        )
    entradas.sort(key=lambda e: e["fecha"], reverse=True)
    return entradas[:limite]


def publico_desde(versiones_compromiso):
    """Cuándo se hizo público el compromiso: su primera versión publicada, o la primera
    publicación de su plan si fue después (anotada en ``_plan_publicado_desde``); ``None``
    si nunca se publicó. ``versiones_compromiso`` en orden cronológico."""
    primera = next((v for v in versiones_compromiso if v.publicado), None)
    if primera is None:
        return None
    del_plan = getattr(versiones_compromiso[-1], "_plan_publicado_desde", None)
    return max(primera.history_date, del_plan) if del_plan else primera.history_date


def conteo_por_estado(queryset) -> list[tuple[str, int]]:
    conteos = dict(queryset.order_by().values_list("estado").annotate(n=Count("pk")))
    return [(etiqueta, conteos.get(clave, 0)) for clave, etiqueta in EstadoCompromiso.choices]


# --- Secciones para el núcleo --------------------------------------------------------------


def seccion_sujeto_obligado(sujeto) -> dict | None:
    """Compromisos publicados en los que ``sujeto`` es responsable (2 consultas)."""
    compromisos = list(
        Compromiso.objects.publicados()
        .de_sujeto(sujeto)
        .con_estado()
        .para_lista()
        .select_related("plan")
        .order_by("plan__anio_inicio", "numero")[:50]
    )
    if not compromisos:
        return None
    return {
        "plantilla": "stgao/components/seccion_sujeto.html",
        "datos": {"sujeto": sujeto, "compromisos": compromisos},
    }


def seccion_inicio() -> dict | None:
    """Tarjeta de la portada: compromisos por estado y la última sesión publicada."""
    por_estado = conteo_por_estado(Compromiso.objects.publicados().con_estado())
    total = sum(n for _e, n in por_estado)
    ultima = Sesion.objects.publicadas().order_by("-fecha_hora").first()
    if not total and ultima is None:
        return None
    return {
        "plantilla": "stgao/components/seccion_inicio.html",
        "datos": {"por_estado": por_estado, "total": total, "ultima_sesion": ultima},
    }
