"""Abre un periodo de listados: muestra a quiénes se pedirá y, con --confirmar, lo pide."""

from datetime import date

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import ngettext

from cocreacion.comun.historial import guardar
from cocreacion.listados.selectors import sujetos_por_requerir
from cocreacion.listados.services import periodo_abrir
from cocreacion.models import OrdenGobierno, PeriodoListado, SujetoObligado, TipoSujetoObligado


class Command(BaseCommand):
    help = (
        "Abre el periodo (p. ej. 2021-S1) y requiere el listado a los sujetos obligados activos y "
        "vigentes del padrón de Oaxaca. Sin --confirmar sólo muestra la vista previa (cuántos y "
        "cuáles) y no crea nada. Crea el periodo si no existe (entonces exige las tres fechas)."
    )

    def add_arguments(self, parser):
        parser.add_argument("clave", help="Clave del periodo, p. ej. 2021-S1")
        parser.add_argument("--usuario", required=True, help="Usuario de la DGA que actúa")
        parser.add_argument(
            "--tipo",
            action="append",
            default=[],
            choices=TipoSujetoObligado.values,
            help="Tipo de sujeto (se puede repetir)",
        )
        parser.add_argument(
            "--orden",
            action="append",
            default=[],
            choices=OrdenGobierno.values,
            help="Orden de gobierno (se puede repetir)",
        )
        parser.add_argument(
            "--sujeto",
            action="append",
            default=[],
            help="Identificador (slug) de un sujeto obligado del padrón (se puede repetir)",
        )
        parser.add_argument(
            "--confirmar",
            action="store_true",
            help="Crea los listados; sin esta opción sólo se muestra la vista previa.",
        )
        parser.add_argument("--envio", type=date.fromisoformat, help="Fecha límite de envío")
        parser.add_argument("--revision", type=date.fromisoformat, help="Fecha límite de revisión")
        parser.add_argument(
            "--aprobacion", type=date.fromisoformat, help="Fecha límite de aprobación"
        )

    def handle(self, *args, clave, usuario, tipo, orden, sujeto, confirmar, **opciones):
        actor = get_user_model().objects.filter(username=usuario).first()
        if actor is None:
            raise CommandError(f"No existe el usuario «{usuario}».")
        sujetos = None
        if sujeto:
            encontrados = {
                s.slug: s for s in SujetoObligado.objects.requeribles().filter(slug__in=sujeto)
            }
            faltan = [s for s in sujeto if s not in encontrados]
            if faltan:
                raise CommandError(
                    "No están en el padrón de Oaxaca como activos y vigentes: "
                    + ", ".join(f"«{s}»" for s in faltan)
                    + "."
                )
            sujetos = list(encontrados.values())
        periodo = PeriodoListado.objects.filter(clave=clave).first()
        seleccion = {"tipos": tipo, "ordenes": orden, "sujetos": sujetos}
        if not confirmar:
            self._vista_previa(periodo, clave, seleccion)
            return
        try:
            if periodo is None:
                periodo = self._crear_periodo(clave, actor, opciones)
            creados = periodo_abrir(periodo=periodo, actor=actor, **seleccion)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        self.stdout.write(
            self.style.SUCCESS(
                ngettext(
                    "Periodo %(c)s: %(n)s listado requerido.",
                    "Periodo %(c)s: %(n)s listados requeridos.",
                    creados,
                )
                % {"c": clave, "n": creados}
            )
        )

    def _vista_previa(self, periodo, clave, seleccion):
        # Un periodo que aún no existe no tiene listados: se pediría a toda la selección.
        periodo = periodo or PeriodoListado(clave=clave)
        elegidos = list(sujetos_por_requerir(periodo=periodo, **seleccion))
        self.stdout.write(
            ngettext(
                "Vista previa del periodo %(c)s: se pediría el listado a %(n)s sujeto obligado "
                "del padrón de Oaxaca. No se creó nada.",
                "Vista previa del periodo %(c)s: se pediría el listado a %(n)s sujetos obligados "
                "del padrón de Oaxaca. No se creó nada.",
                len(elegidos),
            )
            % {"c": clave, "n": len(elegidos)}
        )
        for s in elegidos:
            self.stdout.write(f"  {s.slug}\t{s.nombre}\t{s.distintivo}")
        self.stdout.write("Repita con --confirmar para requerirlos.")

    def _crear_periodo(self, clave, actor, opciones):
        envio, revision, aprobacion = (
            opciones.get("envio"),
            opciones.get("revision"),
            opciones.get("aprobacion"),
        )
        if not (envio and revision and aprobacion):
            raise CommandError("El periodo no existe: indique --envio, --revision y --aprobacion.")
        return guardar(
            PeriodoListado(
                clave=clave,
                fecha_limite_envio=envio,
                fecha_limite_revision=revision,
                fecha_limite_aprobacion=aprobacion,
            ),
            actor=actor,
            motivo="Periodo creado",
        )
