"""Registro público de cambios (``CambioPublico``), lleno desde el historial que ya existe.

El llenado usa las reglas de ``cocreacion.portal.cambios`` (los ``Seguible`` de cada app) con los
modelos de hoy, no con los de la migración: por eso corre después de las migraciones de las apps
que aportan tipos seguibles. Si más adelante se necesita volver a llenarlo,
``cocreacion.portal.cambios.reconstruir_registro()`` hace lo mismo.
"""

from django.db import migrations, models


def llenar(apps, schema_editor):
    from cocreacion.portal.cambios import reconstruir_registro

    reconstruir_registro()


class Migration(migrations.Migration):
    dependencies = [
        ("cocreacion", "0016_avisos_a_destinatarios_sin_cuenta"),
        ("oela", "0008_busqueda_declarada_en_los_modelos"),
        ("stgao", "0009_busqueda_declarada_en_los_modelos"),
        ("metricas", "0004_publicar_indicadores_de_referencia"),
    ]

    operations = [
        migrations.CreateModel(
            name="CambioPublico",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("fecha", models.DateTimeField(verbose_name="fecha")),
                (
                    "clave",
                    models.CharField(
                        help_text="Clave del tipo seguible.", max_length=40, verbose_name="tipo"
                    ),
                ),
                (
                    "version_id",
                    models.BigIntegerField(
                        help_text="Id de la versión del historial.", verbose_name="versión"
                    ),
                ),
                ("registro_id", models.BigIntegerField(verbose_name="registro")),
                ("accion", models.CharField(max_length=1, verbose_name="acción")),
                (
                    "campos",
                    models.JSONField(blank=True, default=list, verbose_name="campos que cambiaron"),
                ),
            ],
            options={
                "verbose_name": "cambio público",
                "verbose_name_plural": "cambios públicos",
                "indexes": [
                    models.Index(
                        fields=["fecha", "version_id", "clave"], name="cambio_publico_orden"
                    ),
                    models.Index(
                        fields=["clave", "fecha", "version_id"], name="cambio_publico_tipo"
                    ),
                ],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("clave", "version_id"), name="cambio_publico_unico"
                    )
                ],
            },
        ),
        migrations.RunPython(llenar, migrations.RunPython.noop),
    ]
