"""Lo que el sitio del admin agrega a cada vista, también a las de paquetes de terceros.

- El carácter NUL se quita de los parámetros de la consulta (búsqueda, filtros, término de
  ``/admin/autocomplete/``): PostgreSQL lo rechaza en cualquier texto y la página caería con un
  500 en vez de responder sin resultados.
- «Ver en el sitio» (``/admin/r/<tipo>/<id>/``) pide lo mismo que la vista de cambio del
  registro: la de Django redirige a la dirección pública de cualquier registro, y la dirección
  de un borrador (su *slug*) ya dice de qué trata.
"""

from functools import wraps

from django.contrib.admin.utils import unquote
from django.contrib.contenttypes.models import ContentType
from django.contrib.contenttypes.views import shortcut
from django.core.exceptions import PermissionDenied
from django.http import Http404, QueryDict
from django.urls import path


def sin_nul(texto: str) -> str:
    """PostgreSQL rechaza el carácter NUL en cualquier parámetro de texto (``DataError``)."""
    return texto.replace("\x00", "") if texto else texto


def _consulta_sin_nul(consulta: QueryDict) -> QueryDict:
    limpia = QueryDict(mutable=True)
    for clave, valores in consulta.lists():
        limpia.setlist(sin_nul(clave), [sin_nul(v) for v in valores])
    limpia._mutable = False
    return limpia


class PuertaUnicaDelAdmin:
    """Mezcla para ``AdminSite``: ver la explicación del módulo."""

    def admin_view(self, view, cacheable=False):
        vista = super().admin_view(view, cacheable)

        @wraps(vista)
        def envoltura(request, *args, **kwargs):
            if "%00" in request.META.get("QUERY_STRING", ""):
                request.GET = _consulta_sin_nul(request.GET)
            return vista(request, *args, **kwargs)

        return envoltura

    def get_urls(self):
        rutas = super().get_urls()
        for i, ruta in enumerate(rutas):
            if getattr(ruta, "name", None) == "view_on_site":
                rutas[i] = path(
                    "r/<path:content_type_id>/<path:object_id>/",
                    self.admin_view(self.ver_en_el_sitio),
                    name="view_on_site",
                )
        return rutas

    def ver_en_el_sitio(self, request, content_type_id, object_id):
        try:
            modelo = ContentType.objects.get_for_id(int(content_type_id)).model_class()
        except (ContentType.DoesNotExist, ValueError, OverflowError):
            raise Http404 from None
        admin_del_modelo = self._registry.get(modelo)
        if admin_del_modelo is None:
            raise Http404
        if not admin_del_modelo.has_view_or_change_permission(request):
            raise PermissionDenied
        registro = admin_del_modelo.get_object(request, unquote(object_id))
        if registro is None:
            raise Http404
        if not admin_del_modelo.has_view_or_change_permission(request, registro):
            raise PermissionDenied
        return shortcut(request, content_type_id, str(registro.pk))
