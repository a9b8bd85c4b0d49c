"""Admin de participación: consultas, y moderación y respuesta de propuestas.

Todo paso pasa por los servicios. La ficha de una propuesta es de sólo lectura salvo el
recuadro «Moderar o responder»: publicar o rechazar (si espera moderación) o el siguiente paso de la
tabla ``transiciones.TRANSICIONES`` con su respuesta pública. El correo de quien propone
nunca aparece: ni en listas, ni en la ficha, ni en el historial, ni en las exportaciones.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from import_export.admin import ExportMixin

from cocreacion.comun.admin_base import AdminAuditado
from cocreacion.models import ElementoListado

from . import services
from .models import Consulta, Moderacion, MotivoRechazo, Propuesta
from .permissions import puede_moderar, puede_publicar_consultas
from .resources import PropuestaResource
from .transiciones import disponibles

# ── Consultas ──────────────────────────────────────────────────────────────────────────


@admin.register(Consulta)
class ConsultaAdmin(AdminAuditado):
    list_display = ["titulo", "destino", "inicio", "cierre", "momento", "publicada"]
    list_filter = ["publicada", "destino"]
    search_fields = ["titulo", "pregunta"]
    prepopulated_fields = {"slug": ["titulo"]}
    autocomplete_fields = ["plan", "compromiso", "sujeto_obligado", "programa"]
    actions = ["cerrar_ahora"]
    fieldsets = [
        (None, {"fields": ["titulo", "slug", "pregunta", "reglas"]}),
        (_("Periodo (hora de la Ciudad de México)"), {"fields": ["inicio", "cierre"]}),
        (
            _("A qué alimenta"),
            {"fields": ["destino", "plan", "compromiso", "sujeto_obligado", "sector", "programa"]},
        ),
        (_("Publicación"), {"fields": ["publicada", "propuestas"]}),
    ]

    def get_readonly_fields(self, request, obj=None):
        campos = ["propuestas"]
        if not puede_publicar_consultas(request.user):
            campos.append("publicada")
        return campos

    @admin.display(description=_("momento"))
    def momento(self, obj):
        if obj.abierta():
            return _("abierta")
        return _("próxima") if obj.antes_de_abrir() else _("cerrada")

    @admin.display(description=_("propuestas"))
    def propuestas(self, obj):
        if obj is None or obj.pk is None:
            return "—"
        url = reverse("admin:participacion_propuesta_changelist") + f"?consulta__id__exact={obj.pk}"
        return format_html('<a href="{}">{}</a>', url, _("Ver sus propuestas"))

    def save_model(self, request, obj, form, change):
        services.consulta_guardar(consulta=obj, actor=request.user)

    @admin.action(description=_("Cerrar ahora las consultas elegidas"))
    def cerrar_ahora(self, request, queryset):
        for consulta in queryset:
            try:
                services.consulta_cerrar(consulta=consulta, actor=request.user)
            except (PermissionDenied, ValidationError) as error:
                mensaje = error.messages[0] if hasattr(error, "messages") else str(error)
                self.message_user(request, f"{consulta}: {mensaje}", messages.ERROR)
            else:
                self.message_user(request, _("Se cerró «%(c)s».") % {"c": consulta})

    def get_actions(self, request):
        acciones = super().get_actions(request)
        if not puede_publicar_consultas(request.user):
            acciones.pop("cerrar_ahora", None)
        return acciones


# ── Propuestas ─────────────────────────────────────────────────────────────────────────

PUBLICAR = "publicar"
RECHAZAR = "rechazar"


def pasos_de(propuesta) -> list[tuple[str, str]]:
    """Lo que se puede hacer hoy con ``propuesta`` (sin mirar quién): moderar o avanzar."""
    if propuesta is None or propuesta.confirmada_en is None:
        return []
    if propuesta.moderacion == Moderacion.PENDIENTE:
        return [(PUBLICAR, _("Publicar")), (RECHAZAR, _("Rechazar"))]
    if propuesta.moderacion == Moderacion.PUBLICADA:
        return [(t.codigo, t.etiqueta) for t in disponibles(propuesta.estado)]
    return []


class FormularioPropuesta(forms.ModelForm):
    """El recuadro «Moderar o responder»: un paso, su texto público y, al incorporar, a qué."""

    paso = forms.ChoiceField(label=_("Qué hacer"), choices=(), required=False)
    motivo_rechazo_lista = forms.ChoiceField(
        label=_("Motivo del rechazo (público)"),
        choices=[("", "—"), *MotivoRechazo.choices],
        required=False,
    )
    texto_publico = forms.CharField(
        label=_("Respuesta pública o explicación del rechazo"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        max_length=5000,
        help_text=_("Se publica tal cual: qué se decidió y por qué, en lenguaje llano."),
    )
    elemento = forms.ModelChoiceField(
        label=_("Elemento de interés público (número de registro)"),
        queryset=ElementoListado.objects.all(),
        required=False,
        widget=forms.NumberInput,
        help_text=_("El número del elemento en su listado, si la propuesta se incorporó ahí."),
    )

    class Meta:
        model = Propuesta
        fields = ["compromiso", "hito", "accion"]

    def __init__(self, *args, actor=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.actor = actor
        self.fields["paso"].choices = [("", "—"), *pasos_de(self.instance)]
        self.fields["elemento"].initial = self.instance.elemento_listado_id

    def clean(self):
        datos = super().clean()
        paso = datos.get("paso")
        texto = datos.get("texto_publico", "")
        if not pasos_de(self.instance):
            raise ValidationError(_("Esta propuesta no tiene ningún paso pendiente."))
        if not paso:
            self.add_error("paso", _("Elija qué hacer con la propuesta."))
            return datos
        try:
            if paso == RECHAZAR:
                services.comprobar_rechazo(
                    motivo=datos.get("motivo_rechazo_lista", ""), explicacion=texto
                )
            elif paso and paso != PUBLICAR:
                services.comprobar_paso(
                    propuesta=self.instance,
                    codigo=paso,
                    respuesta=texto,
                    actor=self.actor,
                    compromiso=datos.get("compromiso"),
                    hito=datos.get("hito"),
                    accion=datos.get("accion"),
                    elemento_listado=datos.get("elemento"),
                )
        except PermissionDenied as error:
            raise ValidationError(str(error)) from error
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                traduccion = {
                    "motivo_rechazo": "motivo_rechazo_lista",
                    "motivo_rechazo_texto": "texto_publico",
                    "respuesta": "texto_publico",
                    "elemento_listado": "elemento",
                }
                for campo, errores in error.error_dict.items():
                    destino = traduccion.get(campo, campo)
                    self.add_error(destino if destino in self.fields else None, errores)
            else:
                raise
        return datos

    def _post_clean(self):
        # Los vínculos los escribe el servicio; el modelo no se valida aquí a medias.
        pass


CAMPOS_CIUDADANOS = [
    "consulta",
    "titulo",
    "problema",
    "texto",
    "tema",
    "municipio",
    "organizacion",
    "autoria",
    "creada_en",
    "confirmada_en",
    "datos_borrados_en",
]
CAMPOS_MODERACION = [
    "moderacion",
    "motivo_rechazo",
    "motivo_rechazo_texto",
    "moderada_por",
    "moderada_en",
    "estado",
    "respuesta",
    "respondida_en",
    "elemento_listado",
    "pasos_registrados",
]


@admin.register(Propuesta)
class PropuestaAdmin(ExportMixin, AdminAuditado):
    resource_classes = [PropuestaResource]
    form = FormularioPropuesta
    list_display = [
        "titulo",
        "consulta",
        "moderacion",
        "estado",
        "confirmada",
        "apoyos",
        "creada_en",
    ]
    list_filter = ["moderacion", "estado", "consulta"]
    search_fields = ["titulo", "problema", "texto"]
    list_select_related = ["consulta"]
    autocomplete_fields = ["compromiso", "hito", "accion"]
    date_hierarchy = "creada_en"

    def get_queryset(self, request):
        return super().get_queryset(request).defer("correo", "huella_correo").con_apoyos()

    def get_fieldsets(self, request, obj=None):
        grupos = [
            (_("La propuesta"), {"fields": CAMPOS_CIUDADANOS}),
            (_("Moderación y respuesta"), {"fields": CAMPOS_MODERACION}),
        ]
        if self.has_change_permission(request, obj) and pasos_de(obj):
            campos = ["paso", "motivo_rechazo_lista", "texto_publico"]
            if obj.moderacion == Moderacion.PUBLICADA:
                campos += ["compromiso", "hito", "accion", "elemento"]
            grupos.append((_("Moderar o responder"), {"fields": campos}))
        else:
            grupos[1][1]["fields"] = [*CAMPOS_MODERACION, "compromiso", "hito", "accion"]
        return grupos

    def get_readonly_fields(self, request, obj=None):
        if self.has_change_permission(request, obj) and pasos_de(obj):
            return [*CAMPOS_CIUDADANOS, *CAMPOS_MODERACION]
        return [*CAMPOS_CIUDADANOS, *CAMPOS_MODERACION, "compromiso", "hito", "accion"]

    def get_form(self, request, obj=None, change=False, **kwargs):
        formulario = super().get_form(request, obj, change=change, **kwargs)
        actor = request.user

        class ConActor(formulario):
            def __init__(self, *args, **kw):
                super().__init__(*args, actor=actor, **kw)

        ConActor.__name__ = formulario.__name__
        return ConActor

    def has_add_permission(self, request):
        return False  # nacen en el formulario público

    def has_delete_permission(self, request, obj=None):
        return False  # se anonimizan con el borrado de datos, nunca se eliminan a mano

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and puede_moderar(request.user)

    @admin.display(description=_("confirmada"), boolean=True)
    def confirmada(self, obj):
        return obj.confirmada_en is not None

    @admin.display(description=_("apoyos"), ordering="apoyos_confirmados")
    def apoyos(self, obj):
        return obj.apoyos_confirmados

    @admin.display(description=_("pasos y respuestas públicas"))
    def pasos_registrados(self, obj):
        if obj is None or obj.pk is None:
            return "—"
        pasos = list(obj.pasos.select_related("actor").order_by("fecha", "pk"))
        if not pasos:
            return "—"
        return format_html_join(
            "",
            "<p>{} · {} → {} ({}): {}</p>",
            (
                (
                    date_format(timezone.localtime(p.fecha), "SHORT_DATETIME_FORMAT"),
                    p.get_de_display(),
                    p.get_a_display(),
                    p.actor,
                    p.respuesta,
                )
                for p in pasos
            ),
        )

    @admin.display(description=_("propone"))
    def autoria(self, obj):
        return obj.autoria

    def save_model(self, request, obj, form, change):
        datos = form.cleaned_data
        paso, texto = datos.get("paso"), datos.get("texto_publico", "")
        if paso == PUBLICAR:
            services.propuesta_publicar(propuesta=obj, actor=request.user)
        elif paso == RECHAZAR:
            services.propuesta_rechazar(
                propuesta=obj,
                motivo=datos["motivo_rechazo_lista"],
                explicacion=texto,
                actor=request.user,
            )
        elif paso:
            services.propuesta_avanzar(
                propuesta=obj,
                codigo=paso,
                respuesta=texto,
                actor=request.user,
                compromiso=datos.get("compromiso"),
                hito=datos.get("hito"),
                accion=datos.get("accion"),
                elemento_listado=datos.get("elemento"),
            )

    def save_related(self, request, form, formsets, change):
        pass  # los pasos son de sólo lectura; nada más que guardar
