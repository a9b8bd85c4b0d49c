"""Admin de listados de interés público: sólo ofrece las transiciones legales y llama a servicios.

- Periodos: abrir (requerir listados al padrón de Oaxaca, por tipo, orden o lista, con vista
  previa y confirmación) y cerrar el plazo de envío.
- Listados: botones de transición según estado y permisos; revisión de cada elemento en línea
  (sólo en revisión y para el personal de la DGA).
- Dictámenes: proyectos editables por la DGA; aprobación con sesión, fecha y acuerdo; un
  dictamen aprobado se muestra sólo en lectura.
Los enlaces sólo ven los registros de su sujeto obligado (y los dictámenes ya aprobados).
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from cocreacion.comun.admin_base import AdminAuditado
from cocreacion.comun.pdf import ErrorAlGenerarPDF, respuesta_pdf
from cocreacion.listados import permissions as permisos
from cocreacion.listados import selectors as selectores
from cocreacion.listados import services as servicios
from cocreacion.listados.forms import AbrirPeriodoForm, AprobacionDictamenForm, RevisionElementoForm
from cocreacion.listados.models import ESTADOS_APROBADOS
from cocreacion.listados.pdf import nombre_archivo, pdf_de_dictamen
from cocreacion.models import (
    Dictamen,
    ElementoListado,
    EstadoListado,
    Institucion,
    Listado,
    PeriodoListado,
)


def _mensaje(exc: ValidationError) -> str:
    return " ".join(exc.messages)


def confirmar_paso(
    request,
    modelo_admin,
    *,
    titulo,
    original,
    consecuencias,
    boton,
    pide_motivo=False,
    motivo="",
    ocultos=(),
):
    """Página que dice qué pasará y pide confirmar un paso que no se deshace (sin JavaScript)."""
    opts = modelo_admin.model._meta
    cancelar = (
        reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[original.pk])
        if original is not None
        else reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    )
    return TemplateResponse(
        request,
        "admin/confirmar_paso.html",
        {
            **modelo_admin.admin_site.each_context(request),
            "title": titulo,
            "opts": opts,
            "original": original,
            "consecuencias": consecuencias,
            "boton": boton,
            "cancelar": cancelar,
            "pide_motivo": pide_motivo,
            "motivo": motivo,
            "ocultos": list(ocultos),
        },
    )


@admin.register(PeriodoListado)
class PeriodoListadoAdmin(AdminAuditado):
    list_display = [
        "clave",
        "fecha_limite_envio",
        "fecha_limite_revision",
        "fecha_limite_aprobacion",
        "abierto_en",
        "ultimo_folio",
    ]
    readonly_fields = ["abierto_en", "ultimo_folio"]
    change_form_template = "cocreacion/listados/admin/periodo_change_form.html"

    def get_urls(self):
        propias = [
            path(
                "<path:object_id>/abrir/",
                self.admin_site.admin_view(self.abrir_view),
                name="cocreacion_periodolistado_abrir",
            ),
            path(
                "<path:object_id>/cerrar-envio/",
                self.admin_site.admin_view(self.cerrar_envio_view),
                name="cocreacion_periodolistado_cerrar_envio",
            ),
        ]
        return propias + super().get_urls()

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "puede_abrir": permisos.puede_abrir_periodo(request.user),
            "puede_cerrar": permisos.puede_revisar(request.user),
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def _periodo(self, request, object_id) -> PeriodoListado:
        return self.registro_visible(request, object_id)

    def abrir_view(self, request, object_id):
        """Abrir en dos pasos: elegir y ver a quiénes se pedirá; después confirmar.

        Nada se crea sin la confirmación, y la confirmación sólo vale para la misma selección
        que se mostró (huella).
        """
        periodo = self._periodo(request, object_id)
        if not permisos.puede_abrir_periodo(request.user):
            raise PermissionDenied
        # Un POST sin filtros es válido: pide a todo el padrón requerible.
        formulario = AbrirPeriodoForm(request.POST if request.method == "POST" else None)
        contexto = {
            **self.admin_site.each_context(request),
            "title": _("Abrir el periodo %(p)s") % {"p": periodo},
            "formulario": formulario,
            "opts": self.model._meta,
            "original": periodo,
        }
        if request.method != "POST" or not formulario.is_valid():
            return TemplateResponse(
                request, "cocreacion/listados/admin/abrir_periodo.html", contexto
            )
        seleccion = {
            "tipos": formulario.cleaned_data["tipos"],
            "ordenes": formulario.cleaned_data["ordenes"],
            "sujetos": list(formulario.cleaned_data["sujetos"]) or None,
        }
        if "confirmar" in request.POST:
            try:
                creados = servicios.periodo_abrir(
                    periodo=periodo,
                    actor=request.user,
                    huella=request.POST.get("huella", "")[:64],
                    **seleccion,
                )
            except ValidationError as exc:
                self.message_user(request, _mensaje(exc), messages.ERROR)
            else:
                self.message_user(
                    request,
                    ngettext(
                        "Se requirió el listado a %(n)s sujeto obligado.",
                        "Se requirió el listado a %(n)s sujetos obligados.",
                        creados,
                    )
                    % {"n": creados},
                    messages.SUCCESS,
                )
                return redirect("admin:cocreacion_periodolistado_change", periodo.pk)
        elegidos = list(selectores.sujetos_por_requerir(periodo=periodo, **seleccion))
        contexto.update(
            {
                "vista_previa": elegidos,
                "huella": servicios.huella_de_seleccion(s.pk for s in elegidos),
                "ya_requeridos": periodo.listados.count(),
                "consecuencias": [
                    _(
                        "Cada enlace de los sujetos obligados elegidos recibe un aviso por correo "
                        "con el plazo de envío (%(f)s)."
                    )
                    % {"f": servicios._fecha(periodo.fecha_limite_envio)},
                    _("El periodo aparece en el portal público desde ese momento."),
                ],
                "ocultos": [
                    (nombre, valor)
                    for nombre in ("tipos", "ordenes", "sujetos")
                    for valor in request.POST.getlist(nombre)
                ],
            }
        )
        return TemplateResponse(request, "cocreacion/listados/admin/abrir_periodo.html", contexto)

    def cerrar_envio_view(self, request, object_id):
        periodo = self._periodo(request, object_id)
        if not permisos.puede_revisar(request.user) and request.method != "POST":
            return redirect("admin:cocreacion_periodolistado_change", periodo.pk)
        if permisos.puede_revisar(request.user) and request.POST.get("confirmado") != "si":
            en_borrador = periodo.listados.filter(estado=EstadoListado.BORRADOR).count()
            return confirmar_paso(
                request,
                self,
                titulo=_("Cerrar el plazo de envío del periodo %(p)s") % {"p": periodo},
                original=periodo,
                consecuencias=[
                    ngettext(
                        "%(n)s listado que sigue en borrador queda como «no presentado».",
                        "%(n)s listados que siguen en borrador quedan como «no presentado».",
                        en_borrador,
                    )
                    % {"n": en_borrador},
                    _("Sus enlaces ya no podrán enviarlos; la DGA lo verá en cada listado."),
                ],
                boton=_("Cerrar el plazo de envío"),
            )
        try:
            n = servicios.periodo_cerrar_envio(periodo=periodo, actor=request.user)
        except ValidationError as exc:
            self.message_user(request, _mensaje(exc), messages.ERROR)
        else:
            self.message_user(
                request,
                ngettext(
                    "%(n)s listado quedó como «no presentado».",
                    "%(n)s listados quedaron como «no presentado».",
                    n,
                )
                % {"n": n},
                messages.SUCCESS,
            )
        return redirect("admin:cocreacion_periodolistado_change", periodo.pk)


class ElementoListadoInline(admin.StackedInline):
    # Apilado y no en tabla: quien revisa lee cada elemento completo y escribe su resolución
    # debajo; en tabla, las columnas de la resolución quedaban fuera de la pantalla.
    model = ElementoListado
    form = RevisionElementoForm
    extra = 0
    max_num = 0
    can_delete = False
    fields = [
        "numero",
        "titulo",
        "descripcion",
        "justificacion",
        "unidad_responsable",
        "periodicidad",
        "formato",
        "resolucion",
        "fundamentacion",
        "modificaciones",
    ]
    campos_del_sujeto = [
        "numero",
        "titulo",
        "descripcion",
        "justificacion",
        "unidad_responsable",
        "periodicidad",
        "formato",
    ]

    def get_fields(self, request, obj=None):
        # La resolución de cada elemento es trabajo en curso de la DGA hasta que el dictamen se
        # aprueba: el enlace no la ve antes (tampoco en su historial).
        if permisos.sujeto_de(request.user) is not None and (
            obj is None or obj.estado not in ESTADOS_APROBADOS
        ):
            return self.campos_del_sujeto
        return self.fields

    def get_readonly_fields(self, request, obj=None):
        if (
            obj is not None
            and servicios.permite(obj, "revisar_elementos")
            and permisos.puede_revisar(request.user)
        ):
            return self.campos_del_sujeto
        return self.get_fields(request, obj)

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return bool(
            obj is not None
            and servicios.permite(obj, "revisar_elementos")
            and permisos.puede_revisar(request.user)
        )

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm(
            "cocreacion.view_elementolistado"
        ) or self.has_change_permission(request, obj)


@admin.register(Listado)
class ListadoAdmin(AdminAuditado):
    list_display = ["sujeto_obligado", "periodo", "estado", "enviado_en"]
    list_filter = ["periodo", "estado", "sujeto_obligado__tipo", "sujeto_obligado__orden"]
    search_fields = ["sujeto_obligado__nombre", "sujeto_obligado__siglas"]
    list_select_related = ["sujeto_obligado", "periodo"]
    readonly_fields = [
        "periodo",
        "sujeto_obligado",
        "estado",
        "enviado_en",
        "enviado_por",
        "dictamenes_del_listado",
    ]
    fields = readonly_fields[:-1] + ["observaciones", "dictamenes_del_listado"]
    inlines = [ElementoListadoInline]
    change_form_template = "cocreacion/listados/admin/listado_change_form.html"

    def get_queryset(self, request):
        return permisos.listados_visibles(request.user, super().get_queryset(request))

    def has_add_permission(self, request):
        # Los listados nacen al abrir un periodo (servicio ``periodo_abrir``).
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        if permisos.sujeto_de(request.user) is not None:
            return False  # los enlaces capturan en sus propias páginas
        return super().has_change_permission(request, obj)

    @admin.display(description=_("dictámenes"))
    def dictamenes_del_listado(self, obj):
        if obj is None or obj.pk is None:
            return "—"
        # Sólo los aprobados: el proyecto pendiente se abre con el botón de la parte superior.
        dictamenes = obj.dictamenes.publicados().order_by("version")
        if not dictamenes:
            return "—"
        return format_html_join(
            mark_safe("<br>"),  # noqa: S308 - literal fijo  # nosec B308, B703
            '<a href="{}">{}</a>',
            (
                (reverse("admin:cocreacion_dictamen_change", args=[d.pk]), str(d))
                for d in dictamenes
            ),
        )

    def get_urls(self):
        propias = [
            path(
                "<path:object_id>/transicion/<str:codigo>/",
                self.admin_site.admin_view(self.transicion_view),
                name="cocreacion_listado_transicion",
            ),
        ]
        return propias + super().get_urls()

    def change_view(self, request, object_id, form_url="", extra_context=None):
        listado = self.get_object(request, object_id)
        extra_context = dict(extra_context or {})
        if listado is not None:
            extra_context["transiciones"] = servicios.transiciones_disponibles(
                listado, request.user
            )
            # El proyecto pendiente es de la DGA y del órgano aprobador, no del enlace.
            extra_context["dictamen_pendiente"] = (
                listado.dictamenes.filter(aprobado_en__isnull=True).first()
                if listado.estado in servicios.transicion("aprobar").origenes
                and permisos.sujeto_de(request.user) is None
                else None
            )
        return super().change_view(request, object_id, form_url, extra_context)

    def response_change(self, request, obj):
        """Los botones de transición envían el formulario completo de la ficha.

        Así, lo escrito en la página (resoluciones, fundamentación, observaciones) se guarda
        antes de pedir la confirmación o de dar el paso; si algo no valida, la ficha se vuelve a
        mostrar con lo escrito y los errores, sin dar el paso.
        """
        codigo = request.POST.get("_transicion")
        if not codigo:
            return super().response_change(request, obj)
        destino = reverse("admin:cocreacion_listado_change", args=[obj.pk])
        guardadas = getattr(request, "_resoluciones_guardadas", 0)
        if guardadas:
            self.message_user(
                request,
                ngettext(
                    "Se guardó %(n)s resolución.",
                    "Se guardaron %(n)s resoluciones.",
                    guardadas,
                )
                % {"n": guardadas},
                messages.SUCCESS,
            )
        if getattr(request, "_resoluciones_con_error", False):
            return redirect(destino)
        paso = servicios.transicion(codigo)
        if paso is not None and paso.confirmar:
            # La confirmación se pide con lo ya guardado; el motivo escrito viaja con ella.
            url = reverse("admin:cocreacion_listado_transicion", args=[obj.pk, codigo])
            motivo = request.POST.get(f"motivo_{codigo}", "")
            return redirect(f"{url}?{urlencode({'motivo': motivo})}" if motivo else url)
        return self.transicion_view(request, str(obj.pk), codigo)

    def transicion_view(self, request, object_id, codigo):
        listado = self.registro_visible(request, object_id)
        destino = reverse("admin:cocreacion_listado_change", args=[listado.pk])
        paso = servicios.transicion(codigo)
        if (
            paso is not None
            and paso.confirmar
            and request.POST.get("confirmado") != "si"
            and paso in servicios.transiciones_disponibles(listado, request.user)
        ):
            return confirmar_paso(
                request,
                self,
                titulo=_("%(t)s: %(l)s") % {"t": paso.etiqueta, "l": listado},
                original=listado,
                consecuencias=servicios.consecuencias(codigo, listado=listado),
                boton=_("Sí, %(t)s") % {"t": str(paso.etiqueta).lower()},
                pide_motivo=paso.necesita_motivo,
                motivo=request.POST.get("motivo") or request.GET.get("motivo", ""),
            )
        if request.method != "POST":
            return redirect(destino)
        if codigo == "aprobar":
            pendiente = listado.dictamenes.filter(aprobado_en__isnull=True).first()
            if pendiente is None:
                self.message_user(request, _("No hay un proyecto de dictamen por aprobar."))
                return redirect(destino)
            return redirect("admin:cocreacion_dictamen_aprobar", pendiente.pk)
        try:
            resultado = servicios.ejecutar_transicion(
                codigo,
                listado=listado,
                actor=request.user,
                motivo=request.POST.get("motivo") or request.POST.get(f"motivo_{codigo}", ""),
            )
        except ValidationError as exc:
            self.message_user(request, _mensaje(exc), messages.ERROR)
            return redirect(destino)
        if isinstance(resultado, Dictamen):
            self.message_user(
                request,
                _("Proyecto de dictamen generado (versión %(v)s).") % {"v": resultado.version},
                messages.SUCCESS,
            )
            return redirect("admin:cocreacion_dictamen_change", resultado.pk)
        self.message_user(
            request,
            _("Listado en estado «%(e)s».") % {"e": resultado.get_estado_display()},
            messages.SUCCESS,
        )
        return redirect(destino)

    def save_formset(self, request, form, formset, change):
        """La revisión de cada elemento pasa por ``elemento_revisar`` (nunca se guarda directo)."""
        if formset.model is not ElementoListado:
            return super().save_formset(request, form, formset, change)
        # Lo que el admin usa para su bitácora (``construct_change_message``).
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        for formulario in formset.forms:
            if not formulario.has_changed() or not formulario.cleaned_data.get("resolucion"):
                continue
            datos = formulario.cleaned_data
            try:
                servicios.elemento_revisar(
                    elemento=formulario.instance,
                    resolucion=datos["resolucion"],
                    fundamentacion=datos.get("fundamentacion", ""),
                    modificaciones=datos.get("modificaciones", ""),
                    actor=request.user,
                )
            except ValidationError as exc:
                request._resoluciones_con_error = True
                self.message_user(request, _mensaje(exc), messages.ERROR)
            else:
                request._resoluciones_guardadas = getattr(request, "_resoluciones_guardadas", 0) + 1
                formset.changed_objects.append((formulario.instance, formulario.changed_data))


@admin.register(Dictamen)
class DictamenAdmin(AdminAuditado):
    list_display = ["__str__", "listado", "version", "fecha", "aprobado_en"]
    list_filter = ["listado__periodo", ("aprobado_en", admin.EmptyFieldListFilter)]
    search_fields = ["folio", "listado__sujeto_obligado__nombre"]
    list_select_related = ["listado__sujeto_obligado", "listado__periodo"]
    campos_fijos = [
        "folio",
        "listado",
        "version",
        "sustituye",
        "motivo_correccion",
        "considerandos_legibles",
        "organo_aprobador",
        "sesion",
        "fecha_sesion",
        "numero_acuerdo",
        "aprobado_en",
        "aprobado_por",
    ]
    change_form_template = "cocreacion/listados/admin/dictamen_change_form.html"

    def view_on_site(self, obj):
        # Sólo el dictamen aprobado tiene folio y página pública; el proyecto se revisa aquí
        # mismo y en su PDF, así que «Ver en el sitio» no se ofrece (llevaría a un 404).
        return obj.get_absolute_url() or None

    def get_fields(self, request, obj=None):
        return ["fecha", "antecedentes", "firmantes", *self.campos_fijos]

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and not obj.aprobado and permisos.puede_revisar(request.user):
            return self.campos_fijos
        return ["fecha", "antecedentes", "firmantes", *self.campos_fijos]

    def get_queryset(self, request):
        return permisos.dictamenes_visibles(request.user, super().get_queryset(request))

    def versiones_visibles(self, request, versiones):
        # El enlace ve el dictamen aprobado, no los proyectos que lo precedieron.
        if permisos.sujeto_de(request.user) is not None:
            return versiones.filter(aprobado_en__isnull=False)
        return versiones

    def has_add_permission(self, request):
        return False  # nace de ``listado_dictaminar``

    def has_delete_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        if permisos.sujeto_de(request.user) is not None:
            return False
        return super().has_change_permission(request, obj) and (obj is None or not obj.aprobado)

    @admin.display(description=_("considerandos"))
    def considerandos_legibles(self, obj):
        return format_html(
            "<ol>{}</ol>",
            format_html_join(
                "",
                "<li><strong>{}</strong> — {}: {}</li>",
                (
                    (
                        c.get("titulo", ""),
                        c.get("resolucion_texto", ""),
                        c.get("fundamentacion", ""),
                    )
                    for c in obj.considerandos
                ),
            ),
        )

    def save_model(self, request, obj, form, change):
        servicios.dictamen_actualizar(dictamen=obj, actor=request.user)

    def get_urls(self):
        propias = [
            path(
                "<path:object_id>/aprobar/",
                self.admin_site.admin_view(self.aprobar_view),
                name="cocreacion_dictamen_aprobar",
            ),
            path(
                "<path:object_id>/pdf/",
                self.admin_site.admin_view(self.pdf_view),
                name="cocreacion_dictamen_pdf",
            ),
        ]
        return propias + super().get_urls()

    def change_view(self, request, object_id, form_url="", extra_context=None):
        dictamen = self.get_object(request, object_id)
        extra_context = dict(extra_context or {})
        if dictamen is not None:
            extra_context["puede_aprobar"] = (
                not dictamen.aprobado
                and dictamen.listado.estado in servicios.transicion("aprobar").origenes
                and servicios.transicion("aprobar").permiso(request.user, dictamen.listado)
            )
        return super().change_view(request, object_id, form_url, extra_context)

    def _dictamen(self, request, object_id) -> Dictamen:
        return selectores.dictamen_para_admin(self.registro_visible(request, object_id).pk)

    def pdf_view(self, request, object_id):
        dictamen = self._dictamen(request, object_id)
        try:
            datos = pdf_de_dictamen(
                dictamen, institucion=Institucion.objects.vigente_en(dictamen.fecha)
            )
        except ErrorAlGenerarPDF:
            self.message_user(request, _("No fue posible generar el PDF."), messages.ERROR)
            return redirect("admin:cocreacion_dictamen_change", dictamen.pk)
        return respuesta_pdf(datos, nombre_archivo(dictamen))

    def aprobar_view(self, request, object_id):
        dictamen = self._dictamen(request, object_id)
        if not permisos.puede_aprobar(request.user):
            raise PermissionDenied
        formulario = AprobacionDictamenForm(request.POST or None)
        if request.method == "POST" and formulario.is_valid():
            try:
                dictamen = servicios.dictamen_aprobar(
                    dictamen=dictamen, actor=request.user, **formulario.cleaned_data
                )
            except ValidationError as exc:
                formulario.add_error(None, _mensaje(exc))
            else:
                self.message_user(
                    request,
                    _("Dictamen aprobado con folio %(f)s.") % {"f": dictamen.folio},
                    messages.SUCCESS,
                )
                return redirect("admin:cocreacion_dictamen_change", dictamen.pk)
        institucion = Institucion.objects.vigente_en(dictamen.fecha)
        return TemplateResponse(
            request,
            "cocreacion/listados/admin/formulario.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Registrar la aprobación del dictamen de %(l)s")
                % {"l": dictamen.listado},
                "explicacion": _(
                    "Datos de la sesión del %(o)s que aprobó el dictamen. Al aprobarse se le "
                    "asigna folio y ya no puede modificarse."
                )
                % {"o": institucion.organo_aprobador},
                "consecuencias": [
                    _("El dictamen recibe el folio %(f)s (el siguiente libre del periodo).")
                    % {
                        "f": servicios.formato_folio(
                            institucion.siglas_area,
                            dictamen.listado.periodo,
                            dictamen.listado.periodo.ultimo_folio + 1,
                        )
                    },
                    _("Ya no puede modificarse: una corrección crea una versión nueva."),
                    _("Los enlaces de %(s)s reciben un aviso por correo.")
                    % {"s": dictamen.listado.sujeto_obligado},
                ],
                "formulario": formulario,
                "boton": _("Aprobar y asignar folio"),
                "opts": self.model._meta,
                "original": dictamen,
            },
        )
