from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from cocreacion.comun.admin_base import AdminAuditado
from cocreacion.models import (
    Disposicion,
    Enlace,
    Institucion,
    MetaODS,
    Municipio,
    ObjetivoDesarrolloSostenible,
    Organizacion,
    SujetoObligado,
)

admin.site.site_header = _("Cocreación Oaxaca · Administración")
admin.site.site_title = _("Cocreación Oaxaca")
admin.site.index_title = _("Gestión del programa de gobierno abierto")


@admin.register(Institucion)
class InstitucionAdmin(AdminAuditado):
    list_display = ["nombre", "siglas", "vigente_desde", "vigente_hasta", "organo_aprobador"]
    fieldsets = [
        (None, {"fields": ["nombre", "siglas", "area", "siglas_area", "organo_aprobador", "logo"]}),
        (
            _("Vigencia y fuente"),
            {
                "fields": ["vigente_desde", "vigente_hasta", "fuente", "nota"],
                "description": _(
                    "Cada documento nombra a la institución en funciones en su propia fecha; "
                    "el sitio, a la de hoy. Deje vacía una fecha que no esté verificada."
                ),
            },
        ),
        (
            _("Contacto"),
            {
                "fields": [
                    "domicilio",
                    "telefonos",
                    "correo",
                    "sitio",
                    "sitio_gobierno_abierto",
                    "redes_sociales",
                ]
            },
        ),
        (_("Datos abiertos"), {"fields": ["licencia_datos", "licencia_datos_url"]}),
    ]


class MetaODSInline(admin.TabularInline):
    model = MetaODS
    extra = 0
    fields = ["clave", "orden", "texto"]


@admin.register(ObjetivoDesarrolloSostenible)
class ObjetivoDesarrolloSostenibleAdmin(AdminAuditado):
    list_display = ["numero", "nombre_corto"]
    search_fields = ["nombre_corto", "titulo"]
    inlines = [MetaODSInline]


@admin.register(MetaODS)
class MetaODSAdmin(AdminAuditado):
    list_display = ["clave", "ods", "texto"]
    list_filter = ["ods"]
    search_fields = ["clave", "texto"]


@admin.register(Municipio)
class MunicipioAdmin(AdminAuditado):
    list_display = ["clave", "nombre"]
    search_fields = ["nombre", "clave"]


@admin.register(SujetoObligado)
class SujetoObligadoAdmin(AdminAuditado):
    list_display = [
        "nombre",
        "siglas",
        "tipo",
        "orden",
        "municipio",
        "vigente_desde",
        "vigente_hasta",
        "activo",
    ]
    list_filter = ["tipo", "orden", "activo"]
    search_fields = ["nombre", "siglas", "nombre_normalizado"]
    prepopulated_fields = {"slug": ["nombre"]}
    autocomplete_fields = ["municipio"]
    list_select_related = ["municipio"]


@admin.register(Organizacion)
class OrganizacionAdmin(AdminAuditado):
    list_display = ["nombre", "siglas", "tipo", "ambito", "es_referente"]
    list_filter = ["tipo", "ambito", "es_referente"]
    search_fields = ["nombre", "siglas"]


@admin.register(Disposicion)
class DisposicionAdmin(AdminAuditado):
    list_display = ["__str__", "ordenamiento", "fecha_publicacion_ley", "fecha_abrogacion_ley"]
    list_filter = ["siglas_ordenamiento", "ley_abrogada"]
    search_fields = ["texto", "articulo"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "ordenamiento",
                    "siglas_ordenamiento",
                    "articulo",
                    "fraccion",
                    "ubicacion",
                    "texto",
                    "orden",
                ]
            },
        ),
        (
            _("La ley en el tiempo"),
            {
                "fields": [
                    "fecha_publicacion_ley",
                    "fecha_abrogacion_ley",
                    "ley_abrogada",
                    "vigencia_constatada_hasta",
                    "ley_sustituta",
                    "articulo_sustituto",
                    "fuente_ley",
                    "nota_ley",
                ]
            },
        ),
    ]


@admin.register(Enlace)
class EnlaceAdmin(AdminAuditado):
    list_display = ["usuario", "sujeto_obligado", "cargo", "activo"]
    list_filter = ["activo"]
    search_fields = ["usuario__username", "usuario__first_name", "sujeto_obligado__nombre"]
    autocomplete_fields = ["sujeto_obligado"]
    raw_id_fields = ["usuario"]


# Django importa sólo el ``admin`` de cada app; los sub-paquetes del núcleo registran el suyo al
# importarse aquí: listados y dictámenes; segundo factor y bloqueos de acceso (operación).
from cocreacion.listados import admin as admin_listados  # noqa: E402, F401
from cocreacion.operacion import admin as admin_operacion  # noqa: E402, F401
