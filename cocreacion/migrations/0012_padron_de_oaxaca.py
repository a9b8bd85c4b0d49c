"""El padrón de sujetos obligados es sólo de Oaxaca: sin entidad federativa, con vigencia."""

import django.db.models.deletion
from django.db import migrations, models

import cocreacion.comun.validadores


class Migration(migrations.Migration):
    dependencies = [
        ("cocreacion", "0011_avisos_por_correo"),
        # Primero salen del padrón los organismos de otros estados (necesita su entidad).
        ("metricas", "0003_entradas_de_comparacion"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="sujetoobligado",
            name="sujeto_unico_por_entidad",
        ),
        migrations.RemoveField(
            model_name="historicalsujetoobligado",
            name="entidad_federativa",
        ),
        migrations.RemoveField(
            model_name="sujetoobligado",
            name="entidad_federativa",
        ),
        migrations.AddField(
            model_name="historicalsujetoobligado",
            name="vigente_desde",
            field=models.DateField(
                blank=True,
                help_text="Fecha en que se volvió sujeto obligado; en blanco si no se conoce.",
                null=True,
                verbose_name="vigente desde",
            ),
        ),
        migrations.AddField(
            model_name="historicalsujetoobligado",
            name="vigente_hasta",
            field=models.DateField(
                blank=True,
                help_text="Fecha en que dejó de serlo (extinción, fusión); en blanco si sigue.",
                null=True,
                verbose_name="vigente hasta",
            ),
        ),
        migrations.AddField(
            model_name="sujetoobligado",
            name="vigente_desde",
            field=models.DateField(
                blank=True,
                help_text="Fecha en que se volvió sujeto obligado; en blanco si no se conoce.",
                null=True,
                verbose_name="vigente desde",
            ),
        ),
        migrations.AddField(
            model_name="sujetoobligado",
            name="vigente_hasta",
            field=models.DateField(
                blank=True,
                help_text="Fecha en que dejó de serlo (extinción, fusión); en blanco si sigue.",
                null=True,
                verbose_name="vigente hasta",
            ),
        ),
        migrations.AlterField(
            model_name="historicalsujetoobligado",
            name="activo",
            field=models.BooleanField(
                default=True,
                help_text="Sólo a los activos y vigentes se les piden listados.",
                verbose_name="activo",
            ),
        ),
        migrations.AlterField(
            model_name="historicalsujetoobligado",
            name="municipio",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                help_text="Sólo cuando el sujeto obligado es un ayuntamiento o depende de uno.",
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="cocreacion.municipio",
                verbose_name="municipio",
            ),
        ),
        migrations.AlterField(
            model_name="historicalsujetoobligado",
            name="nombre",
            field=models.CharField(
                max_length=255,
                validators=[cocreacion.comun.validadores.validar_texto_sin_danos],
                verbose_name="nombre legal",
            ),
        ),
        migrations.AlterField(
            model_name="historicalsujetoobligado",
            name="siglas",
            field=models.CharField(
                blank=True,
                max_length=40,
                validators=[cocreacion.comun.validadores.validar_texto_sin_danos],
                verbose_name="nombre corto o siglas",
            ),
        ),
        migrations.AlterField(
            model_name="sujetoobligado",
            name="activo",
            field=models.BooleanField(
                default=True,
                help_text="Sólo a los activos y vigentes se les piden listados.",
                verbose_name="activo",
            ),
        ),
        migrations.AlterField(
            model_name="sujetoobligado",
            name="municipio",
            field=models.ForeignKey(
                blank=True,
                help_text="Sólo cuando el sujeto obligado es un ayuntamiento o depende de uno.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="sujetos_obligados",
                to="cocreacion.municipio",
                verbose_name="municipio",
            ),
        ),
        migrations.AlterField(
            model_name="sujetoobligado",
            name="nombre",
            field=models.CharField(
                max_length=255,
                validators=[cocreacion.comun.validadores.validar_texto_sin_danos],
                verbose_name="nombre legal",
            ),
        ),
        migrations.AlterField(
            model_name="sujetoobligado",
            name="siglas",
            field=models.CharField(
                blank=True,
                max_length=40,
                validators=[cocreacion.comun.validadores.validar_texto_sin_danos],
                verbose_name="nombre corto o siglas",
            ),
        ),
        migrations.AddConstraint(
            model_name="sujetoobligado",
            constraint=models.UniqueConstraint(
                fields=("nombre_normalizado",),
                name="sujeto_unico_en_el_padron",
                violation_error_message="Ya existe un sujeto obligado con ese nombre.",
            ),
        ),
        migrations.AddConstraint(
            model_name="sujetoobligado",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("vigente_hasta__isnull", True),
                    ("vigente_desde__isnull", True),
                    ("vigente_hasta__gte", models.F("vigente_desde")),
                    _connector="OR",
                ),
                name="sujeto_vigencia_ordenada",
                violation_error_message="La fecha «vigente hasta» no puede ser anterior a «vigente desde».",
            ),
        ),
    ]
