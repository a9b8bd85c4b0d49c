"""Padrón de Oaxaca contra entradas de comparación: quién recibe listados, qué se publica y
que la separación conserva cada resultado de la Métrica."""

import json
import re
from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone

from cocreacion.comun.validadores import danos_en
from cocreacion.listados import services as servicios
from cocreacion.listados.selectors import sujetos_por_requerir
from cocreacion.models import Listado, SujetoObligado
from metricas.importacion import importar_resultados
from metricas.models import EntidadComparada, Resultado
from tests.cocreacion.test_listados_apoyo import crear_periodo

BSO = "fixtures/metrica-2017/BSO.csv"


@pytest.fixture
def con_metrica(catalogos):
    """Padrón real, ediciones reales y el BSO.csv real importado."""
    call_command("loaddata", "metricas_ediciones.json", verbosity=0)
    return importar_resultados(archivo=BSO, edicion=2017, actor=None)


@pytest.mark.django_db
def test_periodo_con_valores_por_omision_pide_solo_al_padron_de_oaxaca(
    con_metrica, usuario_coordinacion
):
    assert (SujetoObligado.objects.count(), EntidadComparada.objects.count()) == (593, 881)
    extinto = SujetoObligado.objects.get(slug="dif")
    extinto.vigente_hasta = timezone.localdate() - timedelta(days=1)
    extinto.save()
    periodo = crear_periodo()
    creados = servicios.periodo_abrir(periodo=periodo, actor=usuario_coordinacion)
    assert creados == 592  # el padrón de Oaxaca menos el que ya no es vigente
    pedidos = set(Listado.objects.values_list("sujeto_obligado_id", flat=True))
    assert pedidos == set(SujetoObligado.objects.requeribles().values_list("pk", flat=True))
    assert extinto.pk not in pedidos
    # Ninguna de las 30 «Auditoria Estatal» de otros estados: sólo la de Oaxaca.
    assert Listado.objects.filter(sujeto_obligado__nombre="Auditoría Estatal").count() == 1


@pytest.mark.django_db
def test_vista_previa_no_crea_nada_y_filtra_por_tipo_orden_y_lista(
    client, con_metrica, usuario_coordinacion
):
    periodo = crear_periodo()
    assert sujetos_por_requerir(periodo=periodo).count() == 593
    assert sujetos_por_requerir(periodo=periodo, tipos=["partido_politico"]).count() == 3
    assert sujetos_por_requerir(periodo=periodo, ordenes=["municipal"]).count() == 570
    dos = list(SujetoObligado.objects.filter(slug__in=["dif", "congreso-estatal"]))
    assert sujetos_por_requerir(periodo=periodo, sujetos=dos).count() == 2
    client.force_login(usuario_coordinacion)
    url = f"/admin/cocreacion/periodolistado/{periodo.pk}/abrir/"
    formulario = client.get(url).content.decode()
    assert "Sólo estos sujetos obligados" in formulario
    assert "Auditoria Estatal" not in formulario  # ni una entrada de comparación que elegir
    html = client.post(url, {}).content.decode()
    assert "593 sujetos obligados" in html and "todavía no se ha creado nada" in html
    assert not Listado.objects.exists()
    periodo.refresh_from_db()
    assert periodo.abierto_en is None
    # Confirmar con una huella vieja (la selección cambió) no crea nada.
    huella = re.search(r'name="huella" value="([0-9a-f]+)"', html)[1]
    SujetoObligado.objects.filter(slug="dif").update(activo=False)
    respuesta = client.post(url, {"huella": huella, "confirmar": "1"})
    assert "La selección cambió" in respuesta.content.decode()
    assert not Listado.objects.exists()


def _paginas_del_directorio(client, consulta=""):
    filas, pagina = [], 1
    while True:
        html = client.get(f"/sujetos-obligados/?pagina={pagina}{consulta}").content.decode()
        filas += re.findall(r"<tr>\s*<th scope=\"row\">(.*?)</tr>", html, flags=re.S)
        if f"pagina={pagina + 1}" not in html:
            return filas
        pagina += 1


@pytest.mark.django_db
def test_directorio_sin_duplicados_ni_organismos_de_otros_estados(client, con_metrica):
    filas = _paginas_del_directorio(client)
    assert len(filas) == len(set(filas)) == 593
    texto = " ".join(filas)
    assert texto.count(">Auditoría Estatal<") == 1
    assert "Coyoacan" not in texto and "Banco de Mexico" not in texto
    municipios = _paginas_del_directorio(client, "&tipo=municipio")
    assert len(municipios) == len(set(municipios)) == 570


@pytest.mark.django_db
def test_ninguna_pagina_ni_conjunto_de_datos_lleva_texto_danado(client, con_metrica):
    call_command("loaddata", "metricas_indicadores.json", verbosity=0)
    urls = [
        "/sujetos-obligados/",
        "/sujetos-obligados/?q=paraiso",
        "/metricas/",
        "/metricas/2017/",
        "/metricas/2017/resultados.csv",
        "/metricas/2017/resultados.json",
        "/datos/",
        "/datos/sujetos-obligados.csv",
        "/datos/sujetos-obligados.json",
        "/datos/metrica-resultados.csv",
        "/datos/metrica-resultados.json",
        "/datos/cambios.csv",
        "/cambios/",
        "/buscar/?q=Paraiso",
    ]
    for url in urls:
        respuesta = client.get(url)
        assert respuesta.status_code == 200, url
        contenido = (
            b"".join(respuesta.streaming_content) if respuesta.streaming else respuesta.content
        )
        texto = contenido.decode("utf-8")
        assert danos_en(texto) == [], (url, danos_en(texto))
    filas = json.loads(b"".join(client.get("/datos/metrica-resultados.json").streaming_content))
    nombres = {f["sujeto_obligado"] for f in filas}
    assert {"Villa de Álvarez", "Paraíso", "Santa María de la Paz"} <= nombres
    assert "Fondo Mixto Conacyt — Gobierno Del Estado De Durango" in nombres
    comparadas = [f for f in filas if f["padron_oaxaca"] == "no"]
    assert len(comparadas) == 881 and all(f["entidad_federativa"] for f in comparadas)


@pytest.mark.django_db
def test_nombres_corregidos_se_pueden_buscar(client, con_metrica, usuario_personal):
    client.force_login(usuario_personal)
    for consulta in ("Paraíso", "paraiso", "Villa de Álvarez", "maria de la paz"):
        html = client.get("/admin/metricas/entidadcomparada/", {"q": consulta}).content.decode()
        assert "1 entrada de comparación" in html or "1 resultado" in html, consulta
    html = client.get("/admin/metricas/resultado/", {"q": "Alvarez"}).content.decode()
    assert "Villa de Álvarez" in html


@pytest.mark.django_db
def test_capturar_un_nombre_danado_en_el_padron_se_rechaza(client, usuario_personal):
    client.force_login(usuario_personal)
    respuesta = client.post(
        "/admin/cocreacion/sujetoobligado/add/",
        {"nombre": "Santa MariŒa", "slug": "santa", "tipo": "municipio", "orden": "municipal"},
    )
    assert "caracteres dañados" in respuesta.content.decode()
    assert not SujetoObligado.objects.exists()


def _migrar(destino):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(destino)
    return executor.loader.project_state(destino).apps


def _antes_y_despues():
    """Justo antes de separar el padrón y el estado final (sin depender de los números)."""
    grafo = MigrationLoader(connection).graph
    separacion = next(
        k for k in grafo.nodes if k[0] == "metricas" and k[1].endswith("entradas_de_comparacion")
    )
    antes = sorted(p.key for p in grafo.node_map[separacion].parents if p.key[0] != "oela")
    antes = [k for k in antes if k[0] in ("cocreacion", "metricas")]
    # Hasta el final de TODAS las apps: volver atrás también deshizo las que dependen del
    # núcleo (p. ej. la participación), y las pruebas siguientes las necesitan.
    despues = grafo.leaf_nodes()
    return antes, despues


@pytest.mark.django_db(transaction=True)
def test_migracion_conserva_resultados_e_historial(institucion):
    antes, despues = _antes_y_despues()
    apps = _migrar(antes)
    Sujeto = apps.get_model("cocreacion", "SujetoObligado")
    Periodo = apps.get_model("cocreacion", "PeriodoListado")
    ListadoAntes = apps.get_model("cocreacion", "Listado")
    Edicion = apps.get_model("metricas", "Edicion")
    ResultadoAntes = apps.get_model("metricas", "Resultado")
    HistoricoResultado = apps.get_model("metricas", "HistoricalResultado")
    edicion = Edicion.objects.create(anio=2017, nombre="Métrica 2017", publicada=True)
    filas = [
        ("oaxaca", "Secretaria de Salud", "Oaxaca-Secretaria de Salud", "0.7403"),
        ("tabasco", "ParaiŒso", "Tabasco-ParaiŒso", "0.4500"),
        ("colima", "Auditoria Estatal", "Colima-Auditoria Estatal", "0.1000"),
        ("", "Banco de Mexico", "Banco de Mexico", "0.9000"),
    ]
    for i, (entidad, nombre, fuente, tg) in enumerate(filas):
        sujeto = Sujeto.objects.create(
            nombre=nombre,
            nombre_normalizado=nombre.lower(),
            slug=f"s-{i}",
            tipo="organo_autonomo",
            orden="estatal",
            entidad_federativa=entidad,
        )
        resultado = ResultadoAntes.objects.create(
            edicion=edicion,
            sujeto_obligado=sujeto,
            nombre_en_fuente=fuente,
            tg=tg,
            tc="0.5",
            pg="0.25",
            pc="0.125",
            t="0.5",
            p="0.2",
            iga="0.35",
        )
        HistoricoResultado.objects.create(
            id=resultado.pk,
            edicion_id=edicion.pk,
            sujeto_obligado_id=sujeto.pk,
            nombre_en_fuente=fuente,
            tg=tg,
            tc="0.5",
            pg="0.25",
            pc="0.125",
            t="0.5",
            p="0.2",
            iga="0.35",
            history_date=timezone.now(),
            history_type="+",
        )
    # Un listado pedido por error (vacío) a un organismo de otro estado.
    periodo = Periodo.objects.create(
        clave="2021-S1",
        fecha_limite_envio=date(2021, 6, 1),
        fecha_limite_revision=date(2021, 7, 1),
        fecha_limite_aprobacion=date(2021, 8, 1),
    )
    ListadoAntes.objects.create(periodo=periodo, sujeto_obligado=Sujeto.objects.get(slug="s-2"))
    cifras = sorted(ResultadoAntes.objects.values_list("tg", "tc", "pg", "pc", "t", "p", "iga"))

    _migrar(despues)
    assert list(SujetoObligado.objects.values_list("nombre", flat=True)) == ["Secretaria de Salud"]
    assert sorted(Resultado.objects.values_list("tg", "tc", "pg", "pc", "t", "p", "iga")) == cifras
    assert Resultado.objects.de_oaxaca().get().sujeto_obligado.slug == "s-0"
    paraiso = EntidadComparada.objects.get(entidad_federativa="tabasco")
    assert paraiso.nombre == "Paraíso"
    assert "Tabasco-Parai\\x8cso" in paraiso.reparacion and "27014" in paraiso.reparacion
    assert paraiso.resultados.get().nombre_en_fuente == "Tabasco-Paraíso"
    assert EntidadComparada.objects.get(entidad_federativa="").nombre_entidad == "Federal"
    assert EntidadComparada.objects.count() == 3
    assert paraiso.history.get().history_type == "+"
    # Las versiones del historial siguen a su organismo, con sus cifras.
    version = Resultado.history.get(entidad_comparada_id=paraiso.pk)
    assert (version.sujeto_obligado_id, str(version.tg)) == (None, "0.450000")
    assert not Listado.objects.exists()
    assert SujetoObligado.history.filter(history_type="-").count() == 3
