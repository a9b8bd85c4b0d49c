"""Aplica el avance de los hitos de un plan desde una hoja XLSX o CSV (todo o nada)."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from cocreacion.comun.importacion import ErrorDeImportacion
from stgao.importacion import importar_hitos
from stgao.models import PlanAccionLocal


class Command(BaseCommand):
    help = "Importa estado y fechas de los hitos de un Plan de Acción Local desde XLSX o CSV."

    def add_arguments(self, parser):
        parser.add_argument("plan", help="Identificador (slug) del plan.")
        parser.add_argument("archivo", help="Ruta de la hoja exportada y editada.")
        parser.add_argument(
            "--usuario", required=True, help="Usuario a cuyo nombre queda el cambio."
        )

    def handle(self, *args, plan, archivo, usuario, **opciones):
        try:
            plan_obj = PlanAccionLocal.objects.get(slug=plan)
        except PlanAccionLocal.DoesNotExist as exc:
            raise CommandError(f"No existe el plan «{plan}».") from exc
        try:
            actor = get_user_model().objects.get(username=usuario)
        except get_user_model().DoesNotExist as exc:
            raise CommandError(f"No existe el usuario «{usuario}».") from exc
        try:
            resultado = importar_hitos(plan=plan_obj, archivo=archivo, actor=actor)
        except ErrorDeImportacion as exc:
            raise CommandError(exc.resumen()) from exc
        self.stdout.write(self.style.SUCCESS(resultado.reporte()))
