"""Exportaciones del admin de participación: nunca llevan el correo ni su huella."""

from import_export import fields, resources

from .models import Propuesta

CAMPOS_EXPORTABLES = (
    "id",
    "consulta__slug",
    "titulo",
    "problema",
    "texto",
    "municipio__nombre",
    "organizacion",
    "autoria",
    "creada_en",
    "confirmada_en",
    "moderacion",
    "motivo_rechazo",
    "motivo_rechazo_texto",
    "estado",
    "respuesta",
    "compromiso__slug",
    "hito__numero",
    "accion",
    "elemento_listado",
)


class PropuestaResource(resources.ModelResource):
    """Propuestas para el personal: lo público y la moderación, sin datos de contacto."""

    autoria = fields.Field(attribute="autoria", column_name="autoria", readonly=True)

    class Meta:
        model = Propuesta
        fields = CAMPOS_EXPORTABLES
        export_order = CAMPOS_EXPORTABLES


# --- Datos abiertos (``/datos/``) -------------------------------------------------------------
# Sólo lo publicado: consultas publicadas; propuestas con correo confirmado y publicadas por la
# moderación; apoyos confirmados, contados por propuesta (nunca quién apoyó); los pasos de cada
# propuesta con su respuesta pública (sin la persona de la DGA que los registró).
#
# Datos personales: ni el correo ni su huella salen nunca (ni se leen: ``defer``); el nombre,
# sólo si la persona lo escribió para publicarse (si no, «Anónimo»). Las propuestas rechazadas
# no van con su texto: lo que la moderación no publicó (lenguaje ofensivo, datos de terceros)
# no se publica por otra puerta. Se cuentan por consulta y por motivo, para que la moderación
# también rinda cuentas. Las que no confirmaron su correo no existen para los datos abiertos.
# A qué se incorporó una propuesta sale sólo si aquello es público (un compromiso en borrador
# no se asoma por su identificador).

from django.db.models import Count, Exists, OuterRef, Q  # noqa: E402
from django.utils.translation import gettext_lazy as _  # noqa: E402

from cocreacion.portal.datos_abiertos import ConjuntoDeDatos  # noqa: E402

from .models import (  # noqa: E402
    Consulta,
    Moderacion,
    MotivoRechazo,
    PasoPropuesta,
)

_TEMA_DATOS = _("Participación ciudadana")
_CONFIRMADA = Q(propuestas__confirmada_en__isnull=False)
_PUBLICA = _CONFIRMADA & Q(propuestas__moderacion=Moderacion.PUBLICADA)
_RECHAZADA = _CONFIRMADA & Q(propuestas__moderacion=Moderacion.RECHAZADA)


def _consultas_datos():
    from django.db.models import IntegerField, Subquery
    from django.db.models.functions import Coalesce

    from .models import Apoyo

    apoyos = (
        Apoyo.objects.filter(
            propuesta__consulta=OuterRef("pk"),
            confirmado_en__isnull=False,
            propuesta__confirmada_en__isnull=False,
            propuesta__moderacion=Moderacion.PUBLICADA,
        )
        .order_by()
        .values("propuesta__consulta")
        .annotate(n=Count("pk"))
        .values("n")
    )
    rechazos = {
        f"rechazadas_{valor}": Count(
            "propuestas", filter=_RECHAZADA & Q(propuestas__motivo_rechazo=valor)
        )
        for valor in MotivoRechazo.values
    }
    return (
        Consulta.objects.publicadas()
        .annotate(
            propuestas_publicadas=Count("propuestas", filter=_PUBLICA),
            propuestas_rechazadas=Count("propuestas", filter=_RECHAZADA),
            apoyos_confirmados=Coalesce(Subquery(apoyos, output_field=IntegerField()), 0),
            **rechazos,
        )
        .order_by("inicio", "pk")
    )


class ConsultaDatosResource(resources.ModelResource):
    destino_texto = fields.Field(attribute="get_destino_display", column_name="destino_texto")
    url = fields.Field(attribute="get_absolute_url", column_name="url")
    propuestas_publicadas = fields.Field(
        attribute="propuestas_publicadas", column_name="propuestas_publicadas"
    )
    apoyos_confirmados = fields.Field(
        attribute="apoyos_confirmados", column_name="apoyos_confirmados"
    )
    propuestas_rechazadas = fields.Field(
        attribute="propuestas_rechazadas", column_name="propuestas_rechazadas"
    )
    rechazadas_fuera_de_tema = fields.Field(
        attribute="rechazadas_fuera_de_tema", column_name="rechazadas_fuera_de_tema"
    )
    rechazadas_duplicada = fields.Field(
        attribute="rechazadas_duplicada", column_name="rechazadas_duplicada"
    )
    rechazadas_lenguaje_ofensivo = fields.Field(
        attribute="rechazadas_lenguaje_ofensivo", column_name="rechazadas_lenguaje_ofensivo"
    )
    rechazadas_datos_terceros = fields.Field(
        attribute="rechazadas_datos_terceros", column_name="rechazadas_datos_terceros"
    )
    rechazadas_otro = fields.Field(attribute="rechazadas_otro", column_name="rechazadas_otro")

    class Meta:
        model = Consulta
        fields = [
            "id", "slug", "titulo", "pregunta", "reglas", "inicio", "cierre", "destino",
            "destino_texto", "plan", "compromiso", "sujeto_obligado", "sector", "programa", "url",
            "propuestas_publicadas", "apoyos_confirmados", "propuestas_rechazadas",
            *(f"rechazadas_{valor}" for valor in MotivoRechazo.values),
        ]  # fmt: skip
        export_order = fields

    def dehydrate_compromiso(self, consulta):
        # Un compromiso en borrador no se asoma por su identificador.
        c = consulta.compromiso
        return c.pk if c is not None and c.publicado and c.plan.publicado else ""

    def dehydrate_plan(self, consulta):
        return consulta.plan_id if consulta.plan_id and consulta.plan.publicado else ""

    def dehydrate_programa(self, consulta):
        from oela.models import EstadoPrograma

        p = consulta.programa
        publicado = p is not None and p.estado in (EstadoPrograma.PUBLICADO, EstadoPrograma.CERRADO)
        return p.pk if publicado else ""


def _propuestas_datos():
    from cocreacion.models import Dictamen

    from .models import Propuesta

    return (
        Propuesta.objects.publicadas()
        .annotate(
            dictamen_publicado=Exists(
                Dictamen.objects.publicados().filter(
                    listado_id=OuterRef("elemento_listado__listado_id")
                )
            )
        )
        .select_related(
            "consulta",
            "municipio",
            "compromiso__plan",
            "hito__compromiso__plan",
            "accion__linea__estrategia__objetivo__programa",
        )
        .defer("correo", "huella_correo")
        .order_by("pk")
    )


class PropuestaDatosResource(resources.ModelResource):
    """Una propuesta publicada, sin datos de contacto."""

    consulta_slug = fields.Field(attribute="consulta__slug", column_name="consulta_slug")
    tema_texto = fields.Field(attribute="get_tema_display", column_name="tema_texto")
    municipio_clave = fields.Field(attribute="municipio__clave", column_name="municipio_clave")
    municipio_nombre = fields.Field(attribute="municipio__nombre", column_name="municipio_nombre")
    autoria = fields.Field(attribute="autoria", column_name="autoria")
    publicada_en = fields.Field(attribute="moderada_en", column_name="publicada_en")
    estado_texto = fields.Field(attribute="get_estado_display", column_name="estado_texto")
    incorporada_a = fields.Field(column_name="incorporada_a")
    url = fields.Field(attribute="get_absolute_url", column_name="url")

    class Meta:
        model = Propuesta
        fields = [
            "id", "consulta", "consulta_slug", "titulo", "problema", "texto", "tema",
            "tema_texto", "municipio_clave", "municipio_nombre", "organizacion", "autoria",
            "creada_en", "publicada_en", "estado", "estado_texto", "respuesta", "respondida_en",
            "incorporada_a", "compromiso", "hito", "elemento_listado", "accion", "url",
        ]  # fmt: skip
        export_order = fields

    # A qué se incorporó: sólo si aquello es público (la regla de la página de la propuesta).
    def _publicos(self, propuesta) -> dict:
        from oela.models import EstadoPrograma

        publicos = {}
        if propuesta.estado != "incorporada":
            return publicos
        if propuesta.hito_id:
            c = propuesta.hito.compromiso
            if c.publicado and c.plan.publicado:
                publicos["hito"] = propuesta.hito_id
                publicos["compromiso"] = c.pk
        elif propuesta.compromiso_id:
            c = propuesta.compromiso
            if c.publicado and c.plan.publicado:
                publicos["compromiso"] = c.pk
        if propuesta.elemento_listado_id and propuesta.dictamen_publicado:
            publicos["elemento_listado"] = propuesta.elemento_listado_id
        if propuesta.accion_id:
            programa = propuesta.accion.linea.estrategia.objetivo.programa
            if programa.estado in (EstadoPrograma.PUBLICADO, EstadoPrograma.CERRADO):
                publicos["accion"] = propuesta.accion_id
        return publicos

    def dehydrate_incorporada_a(self, propuesta):
        publicos = self._publicos(propuesta)
        for tipo in ("hito", "compromiso", "elemento_listado", "accion"):
            if tipo in publicos:
                return tipo
        return ""

    def dehydrate_compromiso(self, propuesta):
        return self._publicos(propuesta).get("compromiso", "")

    def dehydrate_hito(self, propuesta):
        return self._publicos(propuesta).get("hito", "")

    def dehydrate_elemento_listado(self, propuesta):
        return self._publicos(propuesta).get("elemento_listado", "")

    def dehydrate_accion(self, propuesta):
        return self._publicos(propuesta).get("accion", "")


class ApoyosDatosResource(resources.ModelResource):
    """Cuántos apoyos confirmados tiene cada propuesta publicada: conteos, nunca personas."""

    propuesta = fields.Field(attribute="id", column_name="propuesta")
    apoyos_confirmados = fields.Field(
        attribute="apoyos_confirmados", column_name="apoyos_confirmados"
    )

    class Meta:
        model = Propuesta
        fields = ["propuesta", "consulta", "apoyos_confirmados"]
        export_order = fields


class RespuestaDatosResource(resources.ModelResource):
    """Cada paso del estado de una propuesta publicada con su respuesta pública."""

    consulta = fields.Field(attribute="propuesta__consulta_id", column_name="consulta")
    de_texto = fields.Field(attribute="get_de_display", column_name="de_texto")
    a_texto = fields.Field(attribute="get_a_display", column_name="a_texto")

    class Meta:
        model = PasoPropuesta
        fields = ["id", "propuesta", "consulta", "de", "de_texto", "a", "a_texto", "respuesta"]
        fields += ["fecha"]
        export_order = fields


CONJUNTOS_DE_DATOS = [
    ConjuntoDeDatos(
        nombre="participacion-consultas",
        titulo=_("Consultas ciudadanas"),
        descripcion=_(
            "Consultas publicadas: pregunta, periodo, a qué alimentan y cuántas propuestas y "
            "apoyos recibieron; las propuestas rechazadas en moderación sólo se cuentan, por "
            "motivo."
        ),
        recurso=ConsultaDatosResource,
        consulta=lambda: _consultas_datos().select_related("compromiso__plan", "plan", "programa"),
        tema=_TEMA_DATOS,
        descripciones={
            "plan": "Identificador del plan de acción local al que alimenta (si es público).",
            "compromiso": "Identificador del compromiso al que alimenta (si es público).",
            "sujeto_obligado": "Identificador del sujeto obligado (conjunto «sujetos-obligados»).",
            "programa": "Identificador del programa anual al que alimenta (si es público).",
            "destino_texto": "A qué alimenta, en texto.",
            "url": "Dirección de la consulta en el portal.",
            "propuestas_publicadas": "Propuestas con correo confirmado y publicadas.",
            "apoyos_confirmados": "Apoyos confirmados a sus propuestas publicadas.",
            "propuestas_rechazadas": "Propuestas confirmadas que la moderación no publicó "
            "(su texto no se publica).",
            **{
                f"rechazadas_{valor}": f"Propuestas rechazadas por «{etiqueta}»."
                for valor, etiqueta in MotivoRechazo.choices
            },
        },
        tipos={
            "plan": "integer",
            "compromiso": "integer",
            "programa": "integer",
            "propuestas_publicadas": "integer",
            "apoyos_confirmados": "integer",
            "propuestas_rechazadas": "integer",
            **{f"rechazadas_{valor}": "integer" for valor in MotivoRechazo.values},
        },
    ),
    ConjuntoDeDatos(
        nombre="participacion-propuestas",
        titulo=_("Propuestas ciudadanas"),
        descripcion=_(
            "Propuestas publicadas en las consultas: problema, propuesta, tema, municipio, "
            "estado, respuesta pública de la DGA y a qué se incorporaron. Sin correos ni datos "
            "de contacto; el nombre sólo si la persona lo publicó."
        ),
        recurso=PropuestaDatosResource,
        consulta=_propuestas_datos,
        tema=_TEMA_DATOS,
        descripciones={
            "consulta": "Identificador de la consulta (conjunto «participacion-consultas»).",
            "consulta_slug": "Identificador de la consulta en la dirección.",
            "tema_texto": "Tema, en texto (vacío: sin tema).",
            "municipio_clave": "Clave geoestadística (CVEGEO) del municipio.",
            "municipio_nombre": "Nombre del municipio.",
            "autoria": "Nombre que la persona eligió publicar, o «Anónimo».",
            "publicada_en": "Cuándo la publicó la moderación.",
            "estado_texto": "Estado, en texto.",
            "incorporada_a": "A qué se incorporó (hito, compromiso, elemento_listado o "
            "accion), si aquello es público.",
            "compromiso": "Identificador del compromiso al que se incorporó (conjunto "
            "«compromisos»), si es público.",
            "hito": "Identificador del hito al que se incorporó (conjunto «hitos»).",
            "elemento_listado": "Identificador del elemento de información de interés "
            "público, si su dictamen está aprobado.",
            "accion": "Identificador de la acción del programa anual, si el programa es público.",
            "url": "Dirección de la propuesta en el portal.",
        },
        tipos={
            "consulta": "integer",
            "compromiso": "integer",
            "hito": "integer",
            "elemento_listado": "integer",
            "accion": "integer",
        },
    ),
    ConjuntoDeDatos(
        nombre="participacion-apoyos",
        titulo=_("Apoyos a las propuestas ciudadanas"),
        descripcion=_(
            "Cuántos apoyos confirmados tiene cada propuesta publicada (sólo el conteo: "
            "quién apoya no se guarda ni se publica)."
        ),
        recurso=ApoyosDatosResource,
        consulta=lambda: (
            Propuesta.objects.publicadas().con_apoyos().only("id", "consulta_id").order_by("pk")
        ),
        tema=_TEMA_DATOS,
        descripciones={
            "propuesta": "Identificador de la propuesta (conjunto «participacion-propuestas»).",
            "consulta": "Identificador de la consulta (conjunto «participacion-consultas»).",
            "apoyos_confirmados": "Apoyos confirmados (uno por correo).",
        },
        tipos={"propuesta": "integer", "consulta": "integer", "apoyos_confirmados": "integer"},
    ),
    ConjuntoDeDatos(
        nombre="participacion-respuestas",
        titulo=_("Respuestas a las propuestas ciudadanas"),
        descripcion=_(
            "Cada cambio de estado de una propuesta publicada (recibida, en análisis, "
            "incorporada, no incorporada) con la respuesta pública de la DGA y su fecha."
        ),
        recurso=RespuestaDatosResource,
        consulta=lambda: (
            PasoPropuesta.objects.filter(propuesta__in=Propuesta.objects.publicadas())
            .select_related("propuesta")
            .only("id", "propuesta_id", "propuesta__consulta_id", "de", "a", "respuesta", "fecha")
            .order_by("propuesta_id", "fecha", "pk")
        ),
        tema=_TEMA_DATOS,
        descripciones={
            "propuesta": "Identificador de la propuesta (conjunto «participacion-propuestas»).",
            "consulta": "Identificador de la consulta (conjunto «participacion-consultas»).",
            "de_texto": "Estado de origen, en texto.",
            "a_texto": "Estado al que pasó, en texto.",
            "respuesta": "Respuesta pública de la DGA en ese paso.",
        },
        tipos={"propuesta": "integer", "consulta": "integer"},
    ),
]
