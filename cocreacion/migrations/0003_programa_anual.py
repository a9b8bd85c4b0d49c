"""Sin operaciones: conserva este nombre porque migraciones de otras apps dependen de él.

Los modelos de listados de interés público están en ``0003_listados_interes_publico``.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("cocreacion", "0003_listados_interes_publico")]

    operations = []
