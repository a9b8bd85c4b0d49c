"""Vencido el plazo de envío, marca como «no presentado» los listados que siguen en borrador."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import ngettext

from cocreacion.listados.services import periodo_cerrar_envio
from cocreacion.models import PeriodoListado


class Command(BaseCommand):
    help = "Marca «no presentado» los listados en borrador de un periodo con el plazo vencido."

    def add_arguments(self, parser):
        parser.add_argument("clave", help="Clave del periodo, p. ej. 2021-S1")
        parser.add_argument("--usuario", required=True, help="Usuario de la DGA que actúa")

    def handle(self, *args, clave, usuario, **opciones):
        actor = get_user_model().objects.filter(username=usuario).first()
        if actor is None:
            raise CommandError(f"No existe el usuario «{usuario}».")
        periodo = PeriodoListado.objects.filter(clave=clave).first()
        if periodo is None:
            raise CommandError(f"No existe el periodo «{clave}».")
        try:
            marcados = periodo_cerrar_envio(periodo=periodo, actor=actor)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        self.stdout.write(
            self.style.SUCCESS(
                ngettext(
                    "%(n)s listado quedó «no presentado».",
                    "%(n)s listados quedaron «no presentado».",
                    marcados,
                )
                % {"n": marcados}
            )
        )
