import uuid

from django.db import migrations, models


def crear_fila(apps, schema_editor):
    GeneracionDeDatos = apps.get_model("cocreacion", "GeneracionDeDatos")
    GeneracionDeDatos.objects.get_or_create(pk=1, defaults={"valor": uuid.uuid4().hex})


class Migration(migrations.Migration):
    dependencies = [
        ("cocreacion", "0007_logo_con_nombre_aleatorio_y_validado"),
    ]

    operations = [
        migrations.CreateModel(
            name="GeneracionDeDatos",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("valor", models.CharField(max_length=32, verbose_name="valor")),
                ("cambiada_en", models.DateTimeField(auto_now=True, verbose_name="cambiada en")),
            ],
            options={
                "verbose_name": "generación de los datos públicos",
                "verbose_name_plural": "generaciones de los datos públicos",
            },
        ),
        migrations.RunPython(crear_fila, migrations.RunPython.noop),
    ]
