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
