"""Entradas de comparación: los organismos de otros estados y de la federación salen del padrón.

Importar la Métrica 2017 había dado de alta como sujetos obligados activos a 881 organismos de
otros estados y federales. Aquí pasan a ser entradas de comparación con su estado, nivel y
tipo; sus resultados (y las versiones de su historial) quedan ligados a la entrada, con las
mismas cifras; los nombres dañados se reparan con la tabla revisada de correcciones y el
original queda en la entrada. Los listados en borrador o «no presentado» sin elementos que se
les habían pedido por error se borran; si alguno tiene algo más (elementos, enlaces,
compromisos, actividades…), la migración se detiene y dice cuál, sin tocar nada.
"""

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models
from django.utils import timezone
from django.utils.text import slugify

import cocreacion.comun.validadores

OAXACA = "oaxaca"
MOTIVO_COMPARADA = "Separada del padrón de sujetos obligados: no es de Oaxaca"
MOTIVO_SUJETO = "Pasó a entradas de comparación de la Métrica: no es de Oaxaca"
LISTADOS_SIN_CONTENIDO = ["borrador", "no_presentado"]


def _historial(Historico, instancia, tipo, motivo, campos, ahora):
    return Historico(
        **{c: getattr(instancia, c) for c in campos},
        history_date=ahora,
        history_type=tipo,
        history_change_reason=motivo[:100],
        history_user=None,
    )


def separar_comparadas(apps, schema_editor):
    from cocreacion.models.catalogos import normalizar_nombre
    from metricas.correcciones import correcciones, reparar_texto_leido

    tabla = correcciones()
    Sujeto = apps.get_model("cocreacion", "SujetoObligado")
    HistoricoSujeto = apps.get_model("cocreacion", "HistoricalSujetoObligado")
    Listado = apps.get_model("cocreacion", "Listado")
    Comparada = apps.get_model("metricas", "EntidadComparada")
    HistoricoComparada = apps.get_model("metricas", "HistoricalEntidadComparada")
    Resultado = apps.get_model("metricas", "Resultado")
    HistoricoResultado = apps.get_model("metricas", "HistoricalResultado")

    fuera = list(Sujeto.objects.exclude(entidad_federativa=OAXACA).order_by("pk"))
    if not fuera:
        return
    ids = [s.pk for s in fuera]
    # Listados pedidos por error y sin nada capturado: se borran (con sus versiones intactas).
    Listado.objects.filter(
        sujeto_obligado_id__in=ids, estado__in=LISTADOS_SIN_CONTENIDO, elementos__isnull=True
    ).delete()
    for relacion in Sujeto._meta.related_objects:
        if relacion.related_model is Resultado:
            continue
        nombre = relacion.field.name
        usados = relacion.related_model._base_manager.filter(**{f"{nombre}__in": ids})
        if usados.exists():
            ejemplo = usados.values_list(nombre, flat=True).first()
            raise RuntimeError(
                f"No se puede separar del padrón al sujeto obligado #{ejemplo} (no es de "
                f"Oaxaca): lo usa {relacion.related_model._meta.verbose_name} "
                f"({relacion.related_model._meta.label}.{nombre}). Reasigne o borre esos "
                "registros y vuelva a migrar."
            )

    ahora = timezone.now()
    comparadas, de_sujeto = [], {}
    for sujeto in fuera:
        nombre, correccion = reparar_texto_leido(sujeto.nombre, tabla)
        nota = ""
        if correccion is not None:
            nota = (
                f"En el archivo: {correccion.original_escapado}. Corregido a "
                f"«{correccion.corregido}». Fuente: {correccion.fuente}."
            )
        comparada = Comparada(
            nombre=nombre,
            entidad_federativa=sujeto.entidad_federativa,
            orden=sujeto.orden,
            tipo=sujeto.tipo,
            nombre_normalizado=normalizar_nombre(nombre),
            reparacion=nota,
        )
        comparadas.append(comparada)
        de_sujeto[sujeto.pk] = comparada
    Comparada.objects.bulk_create(comparadas, batch_size=500)
    campos_comparada = [f.attname for f in Comparada._meta.concrete_fields]
    HistoricoComparada.objects.bulk_create(
        [
            _historial(HistoricoComparada, c, "+", f"{MOTIVO_COMPARADA}", campos_comparada, ahora)
            for c in comparadas
        ],
        batch_size=500,
    )

    resultados = list(Resultado.objects.filter(sujeto_obligado_id__in=ids))
    for resultado in resultados:
        resultado.entidad_comparada_id = de_sujeto[resultado.sujeto_obligado_id].pk
        resultado.sujeto_obligado_id = None
        resultado.nombre_en_fuente = reparar_texto_leido(resultado.nombre_en_fuente, tabla)[0]
    Resultado.objects.bulk_update(
        resultados, ["entidad_comparada", "sujeto_obligado", "nombre_en_fuente"], batch_size=500
    )
    # Las versiones anteriores del resultado siguen al mismo organismo, con sus mismas cifras.
    versiones = list(HistoricoResultado.objects.filter(sujeto_obligado_id__in=ids))
    for version in versiones:
        version.entidad_comparada_id = de_sujeto[version.sujeto_obligado_id].pk
        version.sujeto_obligado_id = None
        version.nombre_en_fuente = reparar_texto_leido(version.nombre_en_fuente, tabla)[0]
    HistoricoResultado.objects.bulk_update(
        versiones, ["entidad_comparada", "sujeto_obligado", "nombre_en_fuente"], batch_size=500
    )

    campos_sujeto = [f.attname for f in Sujeto._meta.concrete_fields]
    HistoricoSujeto.objects.bulk_create(
        [_historial(HistoricoSujeto, s, "-", MOTIVO_SUJETO, campos_sujeto, ahora) for s in fuera],
        batch_size=500,
    )
    Sujeto.objects.filter(pk__in=ids).delete()


def devolver_al_padron(apps, schema_editor):
    """Vuelta atrás: cada entrada con resultados vuelve a ser un sujeto obligado (como antes)."""
    Sujeto = apps.get_model("cocreacion", "SujetoObligado")
    Comparada = apps.get_model("metricas", "EntidadComparada")
    Resultado = apps.get_model("metricas", "Resultado")
    HistoricoResultado = apps.get_model("metricas", "HistoricalResultado")
    slugs = set(Sujeto.objects.values_list("slug", flat=True))
    for comparada in Comparada.objects.order_by("pk"):
        base = (
            slugify(
                f"{(comparada.entidad_federativa or 'federal').replace('_', ' ')} "
                f"{comparada.nombre}"
            )[:110].strip("-")
            or "sujeto"
        )
        slug, n = base, 2
        while slug in slugs:
            slug, n = f"{base}-{n}", n + 1
        slugs.add(slug)
        sujeto = Sujeto.objects.create(
            nombre=comparada.nombre,
            nombre_normalizado=comparada.nombre_normalizado,
            slug=slug,
            tipo=comparada.tipo,
            orden=comparada.orden,
            entidad_federativa=comparada.entidad_federativa,
            activo=True,
        )
        for modelo in (Resultado, HistoricoResultado):
            modelo.objects.filter(entidad_comparada_id=comparada.pk).update(
                sujeto_obligado_id=sujeto.pk, entidad_comparada_id=None
            )
    Comparada.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("cocreacion", "0010_vectores_de_busqueda_guardados"),
        ("metricas", "0002_indice_fecha_y_version_del_historial"),
        # Para revisar que ningún registro de estas apps use a los que salen del padrón.
        ("oela", "0006_vector_de_busqueda_guardado_en_acciones"),
        ("stgao", "0006_busqueda_guardada_en_hitos_y_trigramas"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="HistoricalEntidadComparada",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                (
                    "nombre",
                    models.CharField(
                        max_length=255,
                        validators=[cocreacion.comun.validadores.validar_texto_sin_danos],
                        verbose_name="nombre",
                    ),
                ),
                (
                    "entidad_federativa",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("aguascalientes", "Aguascalientes"),
                            ("baja_california", "Baja California"),
                            ("baja_california_sur", "Baja California Sur"),
                            ("campeche", "Campeche"),
                            ("chiapas", "Chiapas"),
                            ("chihuahua", "Chihuahua"),
                            ("ciudad_de_mexico", "Ciudad de México"),
                            ("coahuila", "Coahuila"),
                            ("colima", "Colima"),
                            ("durango", "Durango"),
                            ("guanajuato", "Guanajuato"),
                            ("guerrero", "Guerrero"),
                            ("hidalgo", "Hidalgo"),
                            ("jalisco", "Jalisco"),
                            ("mexico", "Estado de México"),
                            ("michoacan", "Michoacán"),
                            ("morelos", "Morelos"),
                            ("nayarit", "Nayarit"),
                            ("nuevo_leon", "Nuevo León"),
                            ("oaxaca", "Oaxaca"),
                            ("puebla", "Puebla"),
                            ("queretaro", "Querétaro"),
                            ("quintana_roo", "Quintana Roo"),
                            ("san_luis_potosi", "San Luis Potosí"),
                            ("sinaloa", "Sinaloa"),
                            ("sonora", "Sonora"),
                            ("tabasco", "Tabasco"),
                            ("tamaulipas", "Tamaulipas"),
                            ("tlaxcala", "Tlaxcala"),
                            ("veracruz", "Veracruz"),
                            ("yucatan", "Yucatán"),
                            ("zacatecas", "Zacatecas"),
                        ],
                        help_text="En blanco para los organismos del orden federal.",
                        max_length=30,
                        verbose_name="entidad federativa",
                    ),
                ),
                (
                    "orden",
                    models.CharField(
                        choices=[
                            ("federal", "Federal"),
                            ("estatal", "Estatal"),
                            ("municipal", "Municipal"),
                        ],
                        max_length=10,
                        verbose_name="nivel",
                    ),
                ),
                (
                    "tipo",
                    models.CharField(
                        choices=[
                            ("poder_ejecutivo", "Poder Ejecutivo"),
                            ("poder_legislativo", "Poder Legislativo"),
                            ("poder_judicial", "Poder Judicial"),
                            ("organo_autonomo", "Órgano autónomo"),
                            ("municipio", "Municipio"),
                            ("partido_politico", "Partido político"),
                            ("sindicato", "Sindicato"),
                            ("fideicomiso", "Fideicomiso o fondo público"),
                            ("universidad", "Universidad pública"),
                            ("persona", "Persona física o moral"),
                            ("descentralizado", "Organismo descentralizado"),
                        ],
                        max_length=30,
                        verbose_name="tipo",
                    ),
                ),
                (
                    "nombre_normalizado",
                    models.CharField(
                        db_index=True,
                        editable=False,
                        max_length=255,
                        verbose_name="nombre normalizado",
                    ),
                ),
                (
                    "reparacion",
                    models.TextField(
                        blank=True,
                        help_text="Si el archivo de origen traía el nombre con bytes dañados: los bytes tal como se leyeron, la corrección y su fuente (de la tabla de correcciones de nombres).",
                        verbose_name="reparación del nombre",
                    ),
                ),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField()),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
            ],
            options={
                "verbose_name": "historical entrada de comparación",
                "verbose_name_plural": "historical entradas de comparación",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.AlterField(
            model_name="historicalresultado",
            name="sujeto_obligado",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="cocreacion.sujetoobligado",
                verbose_name="sujeto obligado del padrón",
            ),
        ),
        migrations.AlterField(
            model_name="resultado",
            name="sujeto_obligado",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="resultados_metrica",
                to="cocreacion.sujetoobligado",
                verbose_name="sujeto obligado del padrón",
            ),
        ),
        migrations.CreateModel(
            name="EntidadComparada",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "nombre",
                    models.CharField(
                        max_length=255,
                        validators=[cocreacion.comun.validadores.validar_texto_sin_danos],
                        verbose_name="nombre",
                    ),
                ),
                (
                    "entidad_federativa",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("aguascalientes", "Aguascalientes"),
                            ("baja_california", "Baja California"),
                            ("baja_california_sur", "Baja California Sur"),
                            ("campeche", "Campeche"),
                            ("chiapas", "Chiapas"),
                            ("chihuahua", "Chihuahua"),
                            ("ciudad_de_mexico", "Ciudad de México"),
                            ("coahuila", "Coahuila"),
                            ("colima", "Colima"),
                            ("durango", "Durango"),
                            ("guanajuato", "Guanajuato"),
                            ("guerrero", "Guerrero"),
                            ("hidalgo", "Hidalgo"),
                            ("jalisco", "Jalisco"),
                            ("mexico", "Estado de México"),
                            ("michoacan", "Michoacán"),
                            ("morelos", "Morelos"),
                            ("nayarit", "Nayarit"),
                            ("nuevo_leon", "Nuevo León"),
                            ("oaxaca", "Oaxaca"),
                            ("puebla", "Puebla"),
                            ("queretaro", "Querétaro"),
                            ("quintana_roo", "Quintana Roo"),
                            ("san_luis_potosi", "San Luis Potosí"),
                            ("sinaloa", "Sinaloa"),
                            ("sonora", "Sonora"),
                            ("tabasco", "Tabasco"),
                            ("tamaulipas", "Tamaulipas"),
                            ("tlaxcala", "Tlaxcala"),
                            ("veracruz", "Veracruz"),
                            ("yucatan", "Yucatán"),
                            ("zacatecas", "Zacatecas"),
                        ],
                        help_text="En blanco para los organismos del orden federal.",
                        max_length=30,
                        verbose_name="entidad federativa",
                    ),
                ),
                (
                    "orden",
                    models.CharField(
                        choices=[
                            ("federal", "Federal"),
                            ("estatal", "Estatal"),
                            ("municipal", "Municipal"),
                        ],
                        max_length=10,
                        verbose_name="nivel",
                    ),
                ),
                (
                    "tipo",
                    models.CharField(
                        choices=[
                            ("poder_ejecutivo", "Poder Ejecutivo"),
                            ("poder_legislativo", "Poder Legislativo"),
                            ("poder_judicial", "Poder Judicial"),
                            ("organo_autonomo", "Órgano autónomo"),
                            ("municipio", "Municipio"),
                            ("partido_politico", "Partido político"),
                            ("sindicato", "Sindicato"),
                            ("fideicomiso", "Fideicomiso o fondo público"),
                            ("universidad", "Universidad pública"),
                            ("persona", "Persona física o moral"),
                            ("descentralizado", "Organismo descentralizado"),
                        ],
                        max_length=30,
                        verbose_name="tipo",
                    ),
                ),
                (
                    "nombre_normalizado",
                    models.CharField(
                        db_index=True,
                        editable=False,
                        max_length=255,
                        verbose_name="nombre normalizado",
                    ),
                ),
                (
                    "reparacion",
                    models.TextField(
                        blank=True,
                        help_text="Si el archivo de origen traía el nombre con bytes dañados: los bytes tal como se leyeron, la corrección y su fuente (de la tabla de correcciones de nombres).",
                        verbose_name="reparación del nombre",
                    ),
                ),
            ],
            options={
                "verbose_name": "entrada de comparación",
                "verbose_name_plural": "entradas de comparación",
                "ordering": ["entidad_federativa", "nombre"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("entidad_federativa", "nombre_normalizado"),
                        name="comparada_unica_por_entidad",
                        violation_error_message="Ya existe una entrada de comparación con ese nombre en esa entidad.",
                    )
                ],
            },
        ),
        migrations.AddField(
            model_name="historicalresultado",
            name="entidad_comparada",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="metricas.entidadcomparada",
                verbose_name="entrada de comparación",
            ),
        ),
        migrations.AddField(
            model_name="resultado",
            name="entidad_comparada",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="resultados",
                to="metricas.entidadcomparada",
                verbose_name="entrada de comparación",
            ),
        ),
        migrations.AddConstraint(
            model_name="resultado",
            constraint=models.UniqueConstraint(
                fields=("edicion", "entidad_comparada"),
                name="resultado_unico_por_comparada",
                violation_error_message="Esa entrada de comparación ya tiene un resultado en esta edición.",
            ),
        ),
        migrations.AddConstraint(
            model_name="resultado",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(
                        ("entidad_comparada__isnull", True), ("sujeto_obligado__isnull", False)
                    ),
                    models.Q(
                        ("entidad_comparada__isnull", False), ("sujeto_obligado__isnull", True)
                    ),
                    _connector="OR",
                ),
                name="resultado_de_un_solo_evaluado",
                violation_error_message="Un resultado es de un sujeto obligado del padrón o de una entrada de comparación, no de ambos ni de ninguno.",
            ),
        ),
        migrations.AddField(
            model_name="historicalentidadcomparada",
            name="history_user",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddIndex(
            model_name="historicalentidadcomparada",
            index=models.Index(
                fields=["history_date", "history_id"], name="metricas_hi_history_d58c25_idx"
            ),
        ),
        migrations.RunPython(separar_comparadas, devolver_al_padron, elidable=False),
    ]
