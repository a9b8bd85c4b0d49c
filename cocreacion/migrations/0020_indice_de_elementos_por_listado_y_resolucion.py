"""Los elementos de un listado se indexan por (listado, resolución): el índice nuevo sirve a la
llave foránea y a la cuenta de elementos procedentes; el de la llave sola sobra.

Primero se crea el nuevo y después se quita el viejo, para que la tabla nunca quede sin índice
por listado."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("cocreacion", "0019_costo_del_parecido_por_trigramas"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddIndex(
            model_name="elementolistado",
            index=models.Index(fields=["listado", "resolucion"], name="elemento_por_resolucion"),
        ),
        migrations.AlterField(
            model_name="elementolistado",
            name="listado",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="elementos",
                to="cocreacion.listado",
                verbose_name="listado",
            ),
        ),
    ]
