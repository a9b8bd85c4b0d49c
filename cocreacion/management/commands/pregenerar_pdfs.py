"""``manage.py pregenerar_pdfs [--solo programa|acta|dictamen]``.

Genera y guarda en la caché el PDF de cada programa, sesión y dictamen públicos (los que ya
estén guardados con el mismo contenido no se vuelven a generar). Útil tras un despliegue que
cambie plantillas u hojas de estilo, o tras vaciar la caché. La política está en
``cocreacion.comun.pdf``.
"""

from django.core.management.base import BaseCommand, CommandError

from cocreacion.comun.pdf import documentos_pdf, pregenerar


class Command(BaseCommand):
    help = "Genera y guarda en la caché los PDF públicos (programas, actas, dictámenes)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--solo",
            choices=[d.nombre for d in documentos_pdf()],
            help="Sólo un tipo de documento.",
        )

    def handle(self, *args, solo=None, **opciones):
        fallidos = 0
        for documento in documentos_pdf():
            if solo and documento.nombre != solo:
                continue
            pks = list(documento.publicos().order_by("pk").values_list("pk", flat=True))
            hechos = sum(pregenerar(documento, pk) for pk in pks)
            fallidos += len(pks) - hechos
            self.stdout.write(f"{documento.nombre}: {hechos} de {len(pks)} listos")
        if fallidos:
            raise CommandError(f"{fallidos} documentos no se pudieron generar (ver la bitácora).")
