"""Filtros públicos con listas largas de registros (sujetos obligados, municipios).

``FiltroDeModeloLigero`` es el ``ModelChoiceFilter`` de django-filter con un solo cambio: sus
opciones se leen con ``values_list`` de la llave y de los campos que usa ``__str__`` del modelo
(``etiqueta``), no con el registro entero. Con 1,469 sujetos obligados responsables (escala 1),
leer las opciones costaba 22 ms con el ``QuerySet`` y cuesta 10 ms así; el resto de la opción
(el valor, la etiqueta de ``label_from_instance`` y la validación de lo que llega, que lee el
registro con ``queryset.get``) es el de Django. El gancho es el atributo documentado
``ModelChoiceField.iterator``.
"""

import django_filters
from django.forms.models import ModelChoiceIteratorValue
from django_filters.fields import ModelChoiceField, ModelChoiceIterator


class OpcionesLigeras(ModelChoiceIterator):
    """Las opciones del campo: cada registro con sólo su llave y los campos de su etiqueta."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        if self.field.null_label is not None:
            yield (self.field.null_value, self.field.null_label)
        queryset = self.queryset
        modelo = queryset.model
        buscados = {modelo._meta.pk.attname, *self.field.etiqueta}
        # ``from_db`` espera los valores en el orden de los campos del modelo.
        campos = [c.attname for c in modelo._meta.concrete_fields if c.attname in buscados]
        for fila in queryset.values_list(*campos).iterator():
            registro = modelo.from_db(queryset.db, campos, fila)
            yield (
                ModelChoiceIteratorValue(self.field.prepare_value(registro), registro),
                self.field.label_from_instance(registro),
            )


class CampoDeModeloLigero(ModelChoiceField):
    iterator = OpcionesLigeras

    def __init__(self, *args, etiqueta: tuple[str, ...], **kwargs):
        self.etiqueta = etiqueta
        super().__init__(*args, **kwargs)


class FiltroDeModeloLigero(django_filters.ModelChoiceFilter):
    """``ModelChoiceFilter`` que pide ``etiqueta``: los campos que lee ``__str__`` del modelo."""

    field_class = CampoDeModeloLigero
