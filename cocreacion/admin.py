from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from . import admin_totp  # noqa: F401 - registra el admin del segundo factor en español
from .admin_base import AdminAuditado
from .models import (
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
    list_display = ["siglas", "nombre", "area", "organo_aprobador"]
    fieldsets = [
        (None, {"fields": ["nombre", "siglas", "area", "siglas_area", "organo_aprobador", "logo"]}),
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

    def has_add_permission(self, request):
        # Un solo registro: se edita, no se duplica.
        return super().has_add_permission(request) and not Institucion.objects.exists()


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
    list_display = ["nombre", "siglas", "tipo", "orden", "entidad_federativa", "activo"]
    list_filter = ["tipo", "orden", "activo", "entidad_federativa"]
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
    list_display = ["__str__", "ordenamiento", "vigente"]
    list_filter = ["siglas_ordenamiento", "vigente"]
    search_fields = ["texto", "articulo"]


@admin.register(Enlace)
class EnlaceAdmin(AdminAuditado):
    list_display = ["usuario", "sujeto_obligado", "cargo", "activo"]
    list_filter = ["activo"]
    search_fields = ["usuario__username", "usuario__first_name", "sujeto_obligado__nombre"]
    autocomplete_fields = ["sujeto_obligado"]
    raw_id_fields = ["usuario"]


from . import admin_listados  # noqa: E402,F401
