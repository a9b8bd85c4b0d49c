from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipacionConfig(AppConfig):
    name = "cocreacion.participacion"
    label = "participacion"
    verbose_name = _("Participación ciudadana")
