# El punto de partida común de la app: sin tablas todavía.
from django.db import migrations


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = []
