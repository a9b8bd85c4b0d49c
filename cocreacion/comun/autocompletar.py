"""Autocompletados del admin que distinguen registros de años distintos.

Al copiar un programa, sus objetivos, estrategias, líneas y acciones repiten clave y texto del
año anterior («1.1.1.1. Revisar…» dos veces). Los modelos que lo necesitan exponen
``etiqueta_para_elegir`` (p. ej. «2025 · 1.1.1.1. Revisar…»); el autocompletado y la opción ya
elegida del formulario la usan en vez de ``str()``, que sigue corto en listados e historial.
"""

from django.contrib.admin.views.autocomplete import AutocompleteJsonView


def etiqueta_para_elegir(obj) -> str:
    return str(getattr(obj, "etiqueta_para_elegir", obj))


class AutocompletadoConEtiqueta(AutocompleteJsonView):
    def serialize_result(self, obj, to_field_name):
        return {"id": str(getattr(obj, to_field_name)), "text": etiqueta_para_elegir(obj)}


class EtiquetaParaElegirMixin:
    """Admin cuyos campos de relación muestran ``etiqueta_para_elegir`` en la opción elegida."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        campo = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if campo is not None and hasattr(db_field.related_model, "etiqueta_para_elegir"):
            campo.label_from_instance = etiqueta_para_elegir
        return campo


class BusquedaConProgramaMixin:
    """Admin buscado por autocompletado: trae el programa (su año) en la misma consulta."""

    camino_al_programa = ""

    def get_search_results(self, request, queryset, search_term):
        queryset, duplicados = super().get_search_results(request, queryset, search_term)
        return queryset.select_related(self.camino_al_programa), duplicados
