"""Recursos de django-import-export: exportación desde el admin y, después, datos abiertos.

Las claves («1.2.3») se exportan derivadas, nunca se importan: la importación de la estructura
va por la Matriz de Programación (``importacion.importar_matriz``), que valida todo o nada.
"""

from django.db.models import Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from import_export import fields, resources

from cocreacion.portal.datos_abiertos import ConjuntoCalculado, ConjuntoDeDatos

from .models import Accion, Actividad, Avance, LineaAccion, Objetivo, Programa, Requerimiento


class ProgramaResource(resources.ModelResource):
    class Meta:
        model = Programa
        fields = ["anio", "titulo", "area", "objetivo_general", "estado"]
        export_order = fields


class ObjetivoResource(resources.ModelResource):
    anio = fields.Field(attribute="programa__anio", column_name="Año")
    clave = fields.Field(column_name="Clave")

    class Meta:
        model = Objetivo
        fields = ["anio", "clave", "eje_problematico", "problematica", "texto", "peso"]
        export_order = fields

    def dehydrate_clave(self, objetivo):
        return objetivo.clave

    def get_export_queryset(self, request=None):
        return Objetivo.objects.select_related("programa")


class LineaAccionResource(resources.ModelResource):
    anio = fields.Field(attribute="estrategia__objetivo__programa__anio", column_name="Año")
    clave = fields.Field(column_name="Clave")
    estrategia_texto = fields.Field(attribute="estrategia__texto", column_name="Estrategia")
    alineacion = fields.Field(column_name="Alineación normativa")
    metas = fields.Field(column_name="Metas ODS")

    class Meta:
        model = LineaAccion
        fields = ["anio", "clave", "texto", "estrategia_texto", "peso", "alineacion", "metas"]
        export_order = fields

    def dehydrate_clave(self, linea):
        return linea.clave

    def dehydrate_alineacion(self, linea):
        return "; ".join(str(d) for d in linea.disposiciones.all())

    def dehydrate_metas(self, linea):
        return "; ".join(m.clave for m in linea.metas_ods.all())

    def get_export_queryset(self, request=None):
        return LineaAccion.objects.select_related(
            "estrategia__objetivo__programa"
        ).prefetch_related("disposiciones", "metas_ods")


class AccionResource(resources.ModelResource):
    anio = fields.Field(attribute="linea__estrategia__objetivo__programa__anio", column_name="Año")
    clave = fields.Field(column_name="Clave")

    class Meta:
        model = Accion
        fields = [
            "anio",
            "clave",
            "descripcion",
            "meta",
            "unidad_medida",
            "indicador",
            "medio_verificacion",
            "responsable",
            "ene",
            "feb",
            "mar",
            "abr",
            "may",
            "jun",
            "jul",
            "ago",
            "sep",
            "oct",
            "nov",
            "dic",
            "peso",
        ]
        export_order = fields

    def dehydrate_clave(self, accion):
        return accion.clave

    def get_export_queryset(self, request=None):
        return Accion.objects.select_related("linea__estrategia__objetivo__programa")


class RequerimientoResource(resources.ModelResource):
    anio = fields.Field(attribute="programa__anio", column_name="Año")

    class Meta:
        model = Requerimiento
        fields = ["anio", "tipo", "cantidad", "descripcion", "estado"]
        export_order = fields


class ActividadResource(resources.ModelResource):
    accion_clave = fields.Field(column_name="Acción")

    class Meta:
        model = Actividad
        fields = [
            "fecha",
            "tipo",
            "modalidad",
            "accion_clave",
            "descripcion",
            "mujeres",
            "hombres",
            "no_especificado",
        ]
        export_order = fields

    def dehydrate_accion_clave(self, actividad):
        return actividad.accion.clave

    def get_export_queryset(self, request=None):
        return Actividad.objects.select_related("accion__linea__estrategia__objetivo")


# --- Datos abiertos (``/datos/``) -------------------------------------------------------------
# Cada conjunto reutiliza el recurso de arriba (sus columnas) y sólo añade identificadores que
# unen conjuntos, textos de los códigos y el avance. Sólo programas publicados o cerrados.


def _programas_publicos():
    return Programa.objects.publicados()


class ProgramaDatosResource(ProgramaResource):
    estado_texto = fields.Field(column_name="estado_texto", attribute="get_estado_display")
    avance = fields.Field(column_name="avance")

    class Meta:
        model = Programa
        fields = ["id", *ProgramaResource.Meta.fields, "estado_texto", "avance"]
        export_order = fields

    def dehydrate_avance(self, programa):
        from .selectors import arbol_del_programa

        arbol = arbol_del_programa(programa, con_alineacion=False, acciones_completas=False)
        avance = arbol.programa.avance
        return None if avance is None else round(avance, 2)


class AccionDatosResource(AccionResource):
    linea_id = fields.Field(column_name="linea_id", attribute="linea_id")
    programa_id = fields.Field(
        column_name="programa_id", attribute="linea__estrategia__objetivo__programa_id"
    )
    realizado = fields.Field(column_name="realizado", attribute="realizado_total")
    avance = fields.Field(column_name="avance")

    class Meta:
        model = Accion
        fields = ["id", "programa_id", "linea_id", *AccionResource.Meta.fields, "realizado"]
        fields += ["avance"]
        export_order = fields

    def dehydrate_avance(self, accion):
        from .selectors import avance_accion

        avance = avance_accion(getattr(accion, "realizado_total", 0), accion.meta)
        return None if avance is None else round(avance, 2)


class AvanceResource(resources.ModelResource):
    accion_clave = fields.Field(column_name="accion_clave")
    anio = fields.Field(
        column_name="anio", attribute="accion__linea__estrategia__objetivo__programa__anio"
    )
    mes_texto = fields.Field(column_name="mes_texto", attribute="get_mes_display")
    evidencia_url = fields.Field(column_name="evidencia_url")

    class Meta:
        model = Avance
        fields = [
            "id",
            "accion",
            "accion_clave",
            "anio",
            "mes",
            "mes_texto",
            "realizado",
            "comentario",
            "enlace_evidencia",
            "evidencia_url",
        ]
        export_order = fields

    def dehydrate_accion_clave(self, avance):
        return avance.accion.clave

    def dehydrate_evidencia_url(self, avance):
        return avance.evidencia.url if avance.evidencia else ""


class ActividadDatosResource(ActividadResource):
    tipo_texto = fields.Field(column_name="tipo_texto", attribute="get_tipo_display")
    modalidad_texto = fields.Field(column_name="modalidad_texto", attribute="get_modalidad_display")
    programa_id = fields.Field(
        column_name="programa_id", attribute="accion__linea__estrategia__objetivo__programa_id"
    )
    sujetos_obligados_ids = fields.Field(column_name="sujetos_obligados_ids")

    class Meta:
        model = Actividad
        fields = ["id", "programa_id", "accion", *ActividadResource.Meta.fields]
        fields += ["tipo_texto", "modalidad_texto", "sujetos_obligados_ids"]
        export_order = fields

    def dehydrate_sujetos_obligados_ids(self, actividad):
        return "|".join(str(s.pk) for s in actividad.sujetos_obligados.all())


_DE_PROGRAMA = "linea__estrategia__objetivo__programa"


def _filas_del_arbol():
    from .selectors import arbol_del_programa

    def redondo(valor):
        return "" if valor is None else round(valor, 2)

    for programa in _programas_publicos().order_by("anio"):
        arbol = arbol_del_programa(programa, con_alineacion=False)
        base = [programa.pk, programa.anio]
        for o in arbol.objetivos:
            yield [*base, "objetivo", o.pk, o.clave, "", o.texto, o.peso, redondo(o.avance)]
            for e in o.estrategias_cargadas:
                yield [*base, "estrategia", e.pk, e.clave, o.clave, e.texto, e.peso,
                       redondo(e.avance)]  # fmt: skip
                for li in e.lineas_cargadas:
                    yield [*base, "linea", li.pk, li.clave, e.clave, li.texto, li.peso,
                           redondo(li.avance)]  # fmt: skip
                    for a in li.acciones_cargadas:
                        yield [*base, "accion", a.pk, a.clave, li.clave, a.descripcion, a.peso,
                               redondo(a.avance)]  # fmt: skip


def _filas_de_alineacion():
    """Una fila por línea × disposición: la ley en la fecha del programa y el origen del dato.

    Tres consultas en total (líneas con su programa, disposiciones precargadas y programas),
    no una por fila.
    """
    lineas = (
        LineaAccion.objects.filter(**{"estrategia__objetivo__programa__in": _programas_publicos()})
        .select_related("estrategia__objetivo__programa")
        .prefetch_related("disposiciones")
        .order_by(
            "estrategia__objetivo__programa__anio",
            "estrategia__objetivo__numero",
            "estrategia__numero",
            "numero",
        )
    )
    for linea in lineas:
        programa = linea.estrategia.objetivo.programa
        fecha = programa.fecha_referencia
        for d in linea.disposiciones.all():
            yield [
                programa.anio,
                linea.clave,
                str(d),
                d.ordenamiento,
                d.articulo,
                d.fraccion,
                d.fecha_publicacion_ley.isoformat() if d.fecha_publicacion_ley else "",
                d.fecha_abrogacion_ley.isoformat() if d.fecha_abrogacion_ley else "",
                str(d.estado_en(fecha).label),
                d.ley_sustituta,
                d.articulo_sustituto,
                str(linea.get_origen_alineacion_display()),
                linea.fuente_alineacion,
                d.fuente_ley,
                d.nota_ley,
            ]


CONJUNTOS_DE_DATOS = [
    ConjuntoDeDatos(
        nombre="programas",
        titulo=_("Programas anuales de trabajo"),
        descripcion=_("Programas anuales publicados o cerrados, con su avance general (%)."),
        recurso=ProgramaDatosResource,
        consulta=lambda: _programas_publicos().order_by("anio"),
        tema=_("Programa anual de trabajo"),
        descripciones={
            "id": "Identificador del programa (programa_id en los demás conjuntos).",
            "estado_texto": "Estado, en texto.",
            "avance": "Avance ponderado del programa en porcentaje (vacío si no hay acciones).",
        },
        tipos={"avance": "number"},
    ),
    ConjuntoCalculado(
        nombre="programa-arbol",
        titulo=_("Árbol OELA de los programas (objetivos, estrategias, líneas y acciones)"),
        descripcion=_(
            "Cada nodo del árbol Objetivo → Estrategia → Línea de acción → Acción de los "
            "programas publicados, con su clave, la clave de su padre, su peso y su avance."
        ),
        columnas=[
            ("programa_id", "integer", "Identificador del programa (conjunto «programas»)."),
            ("anio", "integer", "Año del programa."),
            ("nivel", "string", "Nivel: objetivo, estrategia, linea o accion."),
            ("id", "integer", "Identificador del nodo dentro de su nivel."),
            ("clave", "string", "Clave jerárquica, p. ej. 1.2.3."),
            ("clave_padre", "string", "Clave del nodo superior (vacía en los objetivos)."),
            ("texto", "string", "Texto del objetivo, estrategia, línea o acción."),
            ("peso", "integer", "Cuánto cuenta en el avance del nivel superior."),
            ("avance", "number", "Avance en porcentaje (vacío si no hay acciones programadas)."),
        ],
        generador=_filas_del_arbol,
        tema=_("Programa anual de trabajo"),
    ),
    ConjuntoCalculado(
        nombre="alineacion-normativa",
        titulo=_("Alineación normativa de las líneas de acción, con la ley en su fecha"),
        descripcion=_(
            "Qué disposición jurídica sustenta cada línea de acción de los programas "
            "publicados, el estado de su ley en el año del programa, la ley que la sustituyó "
            "después y si la asignación es del documento o interpretación de la DGA."
        ),
        columnas=[
            ("anio", "integer", "Año del programa."),
            ("linea_clave", "string", "Clave de la línea de acción, p. ej. 1.1.1."),
            ("disposicion", "string", "Cita corta: siglas de la ley, artículo y fracción."),
            ("ordenamiento", "string", "Nombre de la ley como la cita el programa."),
            ("articulo", "string", "Artículo."),
            ("fraccion", "string", "Fracción (vacía si no aplica)."),
            ("ley_publicada", "date", "Publicación oficial de la ley citada."),
            ("ley_abrogada", "date", "Día en que dejó de regir; vacío si no está verificado."),
            ("estado_en_el_programa", "string", "Estado de la ley en el año del programa."),
            ("ley_sustituta", "string", "Ley que la sustituyó después."),
            ("articulo_sustituto", "string", "Artículo equivalente; vacío si no verificado."),
            (
                "origen_alineacion",
                "string",
                "«interpretación de la DGA» si el documento fuente no alinea esta línea a "
                "esta disposición; «documento fuente» si lo hace.",
            ),
            ("fuente_alineacion", "string", "De dónde sale la alineación."),
            ("fuente_ley", "string", "Fuente de las fechas de la ley."),
            ("nota_ley", "string", "Qué dato de la ley no está verificado."),
        ],
        generador=_filas_de_alineacion,
        frecuencia="eventual",
        tema=_("Programa anual de trabajo"),
    ),
    ConjuntoDeDatos(
        nombre="acciones",
        titulo=_("Acciones de los programas, con meta, calendario y avance"),
        descripcion=_(
            "Acciones programadas con su meta, calendario mensual, lo realizado y el avance."
        ),
        recurso=AccionDatosResource,
        consulta=lambda: (
            Accion.objects.filter(**{f"{_DE_PROGRAMA}__in": _programas_publicos()})
            .select_related(_DE_PROGRAMA)
            .annotate(realizado_total=Coalesce(Sum("avances__realizado"), 0))
            .order_by(f"{_DE_PROGRAMA}__anio", "pk")
        ),
        tema=_("Programa anual de trabajo"),
        descripciones={
            "Año": "Año del programa.",
            "Clave": "Clave jerárquica de la acción (objetivo.estrategia.línea.acción).",
            "realizado": "Suma de lo realizado en los avances mensuales.",
            "avance": "realizado / meta en porcentaje, topado en 100.",
        },
        tipos={"realizado": "integer", "avance": "number", "Clave": "string"},
    ),
    ConjuntoDeDatos(
        nombre="avances",
        titulo=_("Avances mensuales de las acciones"),
        descripcion=_("Lo realizado de cada acción en cada mes, con su comentario y evidencia."),
        recurso=AvanceResource,
        consulta=lambda: (
            Avance.objects.filter(**{f"accion__{_DE_PROGRAMA}__in": _programas_publicos()})
            .select_related(f"accion__{_DE_PROGRAMA}")
            .order_by("accion_id", "mes")
        ),
        tema=_("Programa anual de trabajo"),
        descripciones={
            "accion": "Identificador de la acción (conjunto «acciones»).",
            "accion_clave": "Clave jerárquica de la acción.",
            "anio": "Año del programa.",
            "mes_texto": "Mes, en texto.",
            "evidencia_url": "Dirección del archivo de evidencia, si lo hay.",
        },
        tipos={"anio": "integer", "accion_clave": "string", "evidencia_url": "string"},
    ),
    ConjuntoDeDatos(
        nombre="actividades",
        titulo=_("Actividades realizadas (asesorías, capacitaciones, talleres…)"),
        descripcion=_("Actividades de los programas con asistencia desagregada por sexo."),
        recurso=ActividadDatosResource,
        consulta=lambda: (
            Actividad.objects.filter(**{f"accion__{_DE_PROGRAMA}__in": _programas_publicos()})
            .select_related(f"accion__{_DE_PROGRAMA}")
            .prefetch_related("sujetos_obligados")
            .order_by("fecha", "pk")
        ),
        tema=_("Programa anual de trabajo"),
        descripciones={
            "accion": "Identificador de la acción (conjunto «acciones»).",
            "Acción": "Clave jerárquica de la acción.",
            "tipo_texto": "Tipo, en texto.",
            "modalidad_texto": "Modalidad, en texto.",
            "sujetos_obligados_ids": "Identificadores de los sujetos obligados atendidos, con |.",
        },
        tipos={"Acción": "string", "sujetos_obligados_ids": "string"},
    ),
]
