"""Abre un periodo de listados: crea el listado en borrador de cada sujeto obligado elegido."""

from datetime import date

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from cocreacion.historial import guardar
from cocreacion.models import PeriodoListado
from cocreacion.services_listados import periodo_abrir


class Command(BaseCommand):
    help = (
        "Abre el periodo (p. ej. 2021-S1) y requiere el listado a los sujetos obligados activos; "
        "crea el periodo si no existe (entonces exige las tres fechas límite)."
    )

    def add_arguments(self, parser):
        parser.add_argument("clave", help="Clave del periodo, p. ej. 2021-S1")
        parser.add_argument("--usuario", required=True, help="Usuario de la DGA que actúa")
        parser.add_argument("--tipo", action="append", default=[], help="Tipo de sujeto")
        parser.add_argument("--orden", action="append", default=[], help="Orden de gobierno")
        parser.add_argument("--envio", type=date.fromisoformat, help="Fecha límite de envío")
        parser.add_argument("--revision", type=date.fromisoformat, help="Fecha límite de revisión")
        parser.add_argument(
            "--aprobacion", type=date.fromisoformat, help="Fecha límite de aprobación"
        )

    def handle(self, *args, clave, usuario, tipo, orden, envio, revision, aprobacion, **opciones):
        actor = get_user_model().objects.filter(username=usuario).first()
        if actor is None:
            raise CommandError(f"No existe el usuario «{usuario}».")
        try:
            periodo = PeriodoListado.objects.filter(clave=clave).first()
            if periodo is None:
                if not (envio and revision and aprobacion):
                    raise CommandError(
                        "El periodo no existe: indique --envio, --revision y --aprobacion."
                    )
                periodo = guardar(
                    PeriodoListado(
                        clave=clave,
                        fecha_limite_envio=envio,
                        fecha_limite_revision=revision,
                        fecha_limite_aprobacion=aprobacion,
                    ),
                    actor=actor,
                    motivo="Periodo creado",
                )
            creados = periodo_abrir(periodo=periodo, actor=actor, tipos=tipo, ordenes=orden)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        self.stdout.write(
            self.style.SUCCESS(f"Periodo {clave}: {creados} listado(s) requerido(s).")
        )
