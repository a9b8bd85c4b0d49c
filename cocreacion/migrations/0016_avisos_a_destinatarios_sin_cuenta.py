# La constancia de avisos sirve también a quien sigue registros sin cuenta: la clave única
# pasa de (usuario, tipo, clave) a (destinatario, tipo, clave), con «usuario:<id>» para las
# constancias que ya había.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.db.models import Value
from django.db.models.functions import Cast, Concat


def llenar_destinatario(apps, schema_editor):
    NotificacionEnviada = apps.get_model("cocreacion", "NotificacionEnviada")
    NotificacionEnviada.objects.update(
        destinatario=Concat(Value("usuario:"), Cast("usuario_id", models.CharField()))
    )


class Migration(migrations.Migration):
    dependencies = [
        ("cocreacion", "0015_busqueda_declarada_en_los_modelos"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="notificacionenviada",
            name="aviso_unico_por_hecho",
        ),
        migrations.AddField(
            model_name="notificacionenviada",
            name="destinatario",
            field=models.CharField(default="", max_length=60, verbose_name="destinatario"),
        ),
        migrations.RunPython(llenar_destinatario, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="notificacionenviada",
            name="destinatario",
            field=models.CharField(max_length=60, verbose_name="destinatario"),
        ),
        migrations.AlterField(
            model_name="notificacionenviada",
            name="correo",
            field=models.EmailField(blank=True, max_length=254, verbose_name="correo"),
        ),
        migrations.AlterField(
            model_name="notificacionenviada",
            name="tipo",
            field=models.CharField(
                choices=[
                    ("periodo_abierto", "Se abre un periodo de listados"),
                    ("plazo_proximo", "Faltan 7 días o 1 día para el plazo de envío"),
                    ("listado_devuelto", "La DGA devuelve un listado para corrección"),
                    ("listado_aprobado", "Se aprueba el dictamen de un listado"),
                    ("listado_enviado", "Un sujeto obligado envía su listado (para la DGA)"),
                    ("hito_vencido", "Vence un hito sin reportarse como completado"),
                    (
                        "resumen_seguimiento",
                        "Resumen diario de lo que sigo (compromisos, sujetos obligados…)",
                    ),
                    ("confirmar_seguimiento", "Confirmación para seguir por correo"),
                    ("enlace_suscripciones", "Enlace a «Mis suscripciones»"),
                ],
                max_length=40,
                verbose_name="tipo de aviso",
            ),
        ),
        migrations.AlterField(
            model_name="notificacionenviada",
            name="usuario",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="notificaciones_enviadas",
                to=settings.AUTH_USER_MODEL,
                verbose_name="cuenta del destinatario",
            ),
        ),
        migrations.AlterField(
            model_name="preferencianotificacion",
            name="tipo",
            field=models.CharField(
                choices=[
                    ("periodo_abierto", "Se abre un periodo de listados"),
                    ("plazo_proximo", "Faltan 7 días o 1 día para el plazo de envío"),
                    ("listado_devuelto", "La DGA devuelve un listado para corrección"),
                    ("listado_aprobado", "Se aprueba el dictamen de un listado"),
                    ("listado_enviado", "Un sujeto obligado envía su listado (para la DGA)"),
                    ("hito_vencido", "Vence un hito sin reportarse como completado"),
                    (
                        "resumen_seguimiento",
                        "Resumen diario de lo que sigo (compromisos, sujetos obligados…)",
                    ),
                    ("confirmar_seguimiento", "Confirmación para seguir por correo"),
                    ("enlace_suscripciones", "Enlace a «Mis suscripciones»"),
                ],
                max_length=40,
                verbose_name="tipo de aviso",
            ),
        ),
        migrations.AddConstraint(
            model_name="notificacionenviada",
            constraint=models.UniqueConstraint(
                fields=("destinatario", "tipo", "clave"), name="aviso_unico_por_destinatario"
            ),
        ),
    ]
