"""Sin operaciones: conserva este nombre porque migraciones de otras apps dependen de él."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("cocreacion", "0003_programa_anual")]

    operations = []
