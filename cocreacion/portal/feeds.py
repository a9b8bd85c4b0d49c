"""Canales Atom de cambios públicos: todo el sitio y por registro (sujeto obligado, etc.).

Las apps reutilizan ``CanalDeCambios`` con su propio ámbito (p. ej. un compromiso).
"""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape

from cocreacion.models import Institucion, SujetoObligado
from cocreacion.portal.cambios import cambios_recientes


class CanalDeCambios(Feed):
    feed_type = Atom1Feed
    limite = 50
    ambito_nombre: str | None = None

    def get_object(self, request, *args, **kwargs):
        return None

    def title(self, obj):
        return "Cocreación Oaxaca: cambios recientes" if obj is None else f"Cambios: {obj}"

    def link(self, obj):
        return "/cambios/" if obj is None else obj.get_absolute_url()

    def subtitle(self, obj):
        return f"Cambios en los registros públicos de {Institucion.objects.actual().nombre}."

    def author_name(self, obj):
        return Institucion.objects.actual().nombre

    def items(self, obj):
        ambito = (self.ambito_nombre, obj) if obj is not None else None
        return cambios_recientes(limite=self.limite, ambito=ambito)

    def item_title(self, cambio):
        return f"{cambio.accion_texto} · {cambio.tipo}: {cambio.titulo}"

    def item_description(self, cambio):
        # Atom1Feed publica el resumen como ``type="html"``: sin escapar, un título con
        # etiquetas se volvería HTML vivo en el lector de noticias.
        return escape(cambio.resumen)

    def item_link(self, cambio):
        return cambio.url

    def item_guid(self, cambio):
        return f"cambio-{cambio.clave}-{cambio.version_id}"

    item_guid_is_permalink = False

    def item_pubdate(self, cambio):
        return cambio.fecha

    def item_updateddate(self, cambio):
        return cambio.fecha


class CanalDeSujetoObligado(CanalDeCambios):
    ambito_nombre = "sujeto"

    def get_object(self, request, slug):
        return get_object_or_404(SujetoObligado.objects.activos(), slug=slug)
