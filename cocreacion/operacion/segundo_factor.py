"""Segundo factor (TOTP) opcional para entrar al admin, con django-otp.

- Quien registró una aplicación de autenticación (un ``TOTPDevice`` confirmado) debe escribir
  su código para entrar; quien no, entra con su contraseña.
- Con ``ADMIN_EXIGIR_2FA`` la Coordinación lo vuelve obligatorio: quien no lo tiene, tras su
  contraseña sólo puede registrar su aplicación (``/admin/segundo-factor/``).
- Un código equivocado cuenta como intento fallido para django-axes (señal
  ``user_login_failed``): el bloqueo tras 5 intentos cubre también los códigos.
- Sin scripts ni estilos en línea: la clave se muestra como texto para escribirla en la
  aplicación (no se genera código QR).
- Sólo el superusuario ve y elimina dispositivos (p. ej. si alguien pierde su teléfono): la app
  ``otp_totp`` no es del portal y los grupos no reciben sus permisos.

Por qué vistas propias sobre django-otp y no django-two-factor-auth (1.18, mantenida): ésta
trae tres dependencias más (django-formtools, qrcode, django-phonenumber-field), un asistente
de acceso con sus propias plantillas y un código QR que aquí no se genera (CSP estricta, sin
imágenes en línea); el portal sólo necesita TOTP opcional dentro de su ``AdminSite`` y que un
código equivocado cuente para django-axes. Son 233 líneas sobre django-otp, que ya hace lo
criptográfico.
"""

import base64

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from cocreacion.comun.admin_puerta import PuertaUnicaDelAdmin
from cocreacion.permissions import enlace_de, puede_entrar_al_admin

NOMBRE_DISPOSITIVO = "Aplicación de autenticación"


def _limpiar(codigo: str) -> str:
    return "".join((codigo or "").split())


class CampoCodigo(forms.CharField):
    def __init__(self, **kwargs):
        super().__init__(
            label="Código de verificación",
            max_length=12,
            widget=forms.TextInput(
                attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "size": "8"}
            ),
            **kwargs,
        )


class FormularioDeAcceso(AdminAuthenticationForm):
    """Usuario, contraseña y, si la cuenta tiene segundo factor, el código de su aplicación."""

    codigo = CampoCodigo(
        required=False,
        help_text="Sólo si registró un segundo factor: las cifras que muestra su aplicación.",
    )

    error_messages = {
        **AdminAuthenticationForm.error_messages,
        "falta_codigo": "Su cuenta tiene segundo factor: escriba el código de su aplicación.",
        "codigo_invalido": "El código de verificación no es correcto o ya caducó.",
        "demasiados": "Demasiados códigos incorrectos seguidos; espere un momento e intente de "
        "nuevo.",
        # El de Django habla de «cuenta de staff», algo que nadie del portal conoce.
        "invalid_login": "Usuario o contraseña incorrectos, o la cuenta aún no tiene un rol en el "
        "portal (personal de la DGA, Consejo General o enlace de un sujeto obligado). Ambos "
        "campos distinguen mayúsculas y minúsculas; si es enlace y su contraseña es correcta, "
        "pida a la DGA que le asigne su grupo.",
    }

    def confirm_login_allowed(self, user):
        # Lo que Django revisa de toda cuenta (activa), sin su regla de «staff»: el acceso al
        # admin lo da el grupo del portal (``puede_entrar_al_admin``).
        AuthenticationForm.confirm_login_allowed(self, user)
        if not puede_entrar_al_admin(user):
            raise ValidationError(
                self.error_messages["invalid_login"],
                code="invalid_login",
                params={"username": self.username_field.verbose_name},
            )
        dispositivo = TOTPDevice.objects.devices_for_user(user, confirmed=True).first()
        if dispositivo is None:
            return
        codigo = _limpiar(self.cleaned_data.get("codigo"))
        if not codigo:
            raise ValidationError(self.error_messages["falta_codigo"], code="falta_codigo")
        permitido, _extra = dispositivo.verify_is_allowed()
        if not permitido:
            raise ValidationError(self.error_messages["demasiados"], code="demasiados")
        if not dispositivo.verify_token(codigo):
            # Para django-axes, un código equivocado es un intento fallido más.
            user_login_failed.send(
                sender=__name__,
                credentials={"username": user.get_username()},
                request=self.request,
            )
            raise ValidationError(self.error_messages["codigo_invalido"], code="codigo_invalido")
        # django-otp guarda el dispositivo en la sesión al completarse el login.
        user.otp_device = dispositivo


class FormularioDeRegistro(forms.Form):
    codigo = CampoCodigo(required=True)


def exigir_segundo_factor() -> bool:
    return bool(getattr(settings, "ADMIN_EXIGIR_2FA", False))


def segundo_factor_cumplido(request) -> bool:
    """Verificado con su dispositivo, o sin dispositivo mientras no sea obligatorio."""
    usuario = request.user
    verificado = getattr(usuario, "is_verified", None)
    if callable(verificado) and verificado():
        return True
    return not exigir_segundo_factor() and not user_has_device(usuario)


def _falta_registrar(request) -> bool:
    usuario = request.user
    return bool(
        puede_entrar_al_admin(usuario) and exigir_segundo_factor() and not user_has_device(usuario)
    )


class SitioAdmin(PuertaUnicaDelAdmin, admin.AdminSite):
    """El admin del portal: el de Django, la misma puerta para toda ruta (``admin_puerta``) y
    el segundo factor opcional."""

    login_form = FormularioDeAcceso
    login_template = "admin/login_segundo_factor.html"

    def has_permission(self, request):
        return puede_entrar_al_admin(request.user) and segundo_factor_cumplido(request)

    def login(self, request, extra_context=None):
        if request.user.is_authenticated and _falta_registrar(request):
            return redirect("admin:segundo_factor")
        respuesta = super().login(request, extra_context)
        # Un enlace que entra sin destino elegido llega a lo que debe, no al índice del admin.
        if (
            request.method == "POST"
            and respuesta.status_code == 302
            and respuesta.get("Location") == reverse("admin:index", current_app=self.name)
            and enlace_de(request.user) is not None
        ):
            return redirect("admin:mis_pendientes")
        return respuesta

    def get_urls(self):
        from cocreacion.portal import views as views_cuenta

        return [
            path("segundo-factor/", self.registrar_segundo_factor, name="segundo_factor"),
            path(
                "mis-pendientes/",
                self.admin_view(
                    lambda request: views_cuenta.mis_pendientes(request, self.each_context(request))
                ),
                name="mis_pendientes",
            ),
            path(
                "mis-avisos/",
                self.admin_view(
                    lambda request: views_cuenta.mis_avisos(request, self.each_context(request))
                ),
                name="mis_avisos",
            ),
            *super().get_urls(),
        ]

    def autocomplete_view(self, request):
        from cocreacion.comun.autocompletar import AutocompletadoConEtiqueta

        return AutocompletadoConEtiqueta.as_view(admin_site=self)(request)

    def index(self, request, extra_context=None):
        # El índice muestra a los enlaces, arriba, sus dos lugares de trabajo.
        extra_context = {**(extra_context or {}), "es_enlace": enlace_de(request.user) is not None}
        return super().index(request, extra_context)

    def registrar_segundo_factor(self, request):
        """Registra la aplicación de autenticación de quien ya entró con su contraseña."""
        usuario = request.user
        if not puede_entrar_al_admin(usuario):
            return redirect(f"{reverse('admin:login')}?next={request.path}")
        confirmado = TOTPDevice.objects.devices_for_user(usuario, confirmed=True).first()
        pendiente = None
        formulario = FormularioDeRegistro(request.POST or None)
        if confirmado is None:
            pendiente, _ = TOTPDevice.objects.get_or_create(
                user=usuario, confirmed=False, defaults={"name": NOMBRE_DISPOSITIVO}
            )
            if request.method == "POST" and formulario.is_valid():
                if not pendiente.verify_is_allowed()[0]:
                    formulario.add_error(
                        "codigo", "Demasiados códigos incorrectos. Espere unos segundos."
                    )
                elif pendiente.verify_token(_limpiar(formulario.cleaned_data["codigo"])):
                    pendiente.confirmed = True
                    pendiente.save(update_fields=["confirmed"])
                    otp_login(request, pendiente)
                    self.message_user_registrado(request)
                    return redirect("admin:index")
                else:
                    formulario.add_error(
                        "codigo", "El código no coincide. Revise la hora de su teléfono."
                    )
        clave = base64.b32encode(pendiente.bin_key).decode() if pendiente else ""
        return TemplateResponse(
            request,
            "admin/segundo_factor.html",
            {
                **self.each_context(request),
                "title": "Segundo factor de autenticación",
                "confirmado": confirmado,
                "obligatorio": exigir_segundo_factor(),
                "clave": " ".join(clave[i : i + 4] for i in range(0, len(clave), 4)),
                "direccion": pendiente.config_url if pendiente else "",
                "formulario": formulario,
            },
        )

    @staticmethod
    def message_user_registrado(request):
        messages.success(
            request,
            "Segundo factor registrado: desde ahora, para entrar necesitará el código de su "
            "aplicación además de su contraseña.",
        )
