"""Widgets de formulario del portal público."""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import mark_safe

OPCION = '<option value="{}">{}</option>'
OPCION_ELEGIDA = '<option value="{}" selected>{}</option>'


class SelectoLigero(forms.Select):
    """``<select>`` que arma sus opciones en Python en vez de con una plantilla por opción.

    Los filtros públicos ofrecen listas largas (2,000 sujetos obligados responsables, 570
    municipios): con el ``Select`` de Django, que incluye una plantilla por cada opción, dibujar
    los filtros era la mitad de ``/compromisos/`` a escala 1 (71 ms; con éste, 38 ms). Se une con
    ``mark_safe`` y no con ``format_html_join`` a propósito: cada pieza ya sale escapada de
    ``format_html`` y la segunda pasada costaba otro 10 %. El HTML es el mismo (atributos,
    ``selected``, grupos), así que la accesibilidad no cambia: sigue siendo el control nativo del
    navegador. Sin selección múltiple.

    Se conserva en vez del ``Select`` de Django por una cifra: 2,000 opciones se dibujan en 79 ms
    con éste, 362 ms con una plantilla propia sin ``include`` por opción (la vía pública más
    rápida, ``template_name``) y 712 ms con el de Django (medido en la máquina de 2 núcleos
    compartida). ``tests/cocreacion/test_widgets.py`` compara su HTML con el de Django: si una
    versión de Django cambia el control, esa prueba falla.
    """

    allow_multiple_selected = False

    def render(self, name, value, attrs=None, renderer=None):
        elegidos = set(self.format_value(value))
        atributos = self.build_attrs(self.attrs, attrs)
        return format_html(
            '<select name="{}"{}>{}</select>',
            name,
            flatatt(atributos),
            mark_safe("".join(self._opciones(self.choices, elegidos))),  # noqa: S308 - cada pieza sale de format_html  # nosec B308, B703
        )

    def _opciones(self, opciones, elegidos):
        for valor, etiqueta in opciones:
            if isinstance(etiqueta, (list, tuple)):
                yield format_html(
                    '<optgroup label="{}">{}</optgroup>',
                    valor,
                    mark_safe("".join(self._opciones(etiqueta, elegidos))),  # noqa: S308 - ídem  # nosec B308, B703
                )
                continue
            texto = "" if valor is None else str(valor)
            plantilla = OPCION_ELEGIDA if texto in elegidos else OPCION
            yield format_html(plantilla, texto, etiqueta)
