from django.db import migrations

GRUPOS = [
    "Coordinación DGA",
    "Personal DGA",
    "Consejo General",
    "Enlaces de sujetos obligados",
]


def crear_grupos(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for nombre in GRUPOS:
        Group.objects.get_or_create(name=nombre)


def quitar_grupos(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=GRUPOS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("cocreacion", "0001_catalogos"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(crear_grupos, quitar_grupos)]
