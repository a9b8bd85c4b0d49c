"""Búsqueda en todo el portal: acentos, errores de dedo, entradas hostiles y sólo lo público."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cocreacion.models import SujetoObligado
from cocreacion.portal.busqueda import (
    _fragmento_pg,
    _fragmento_python,
    limpiar_consulta,
    sin_acentos,
)


def _titulos(respuesta):
    return [r.titulo for g in respuesta.context["grupos"] for r in g.resultados]


def test_limpiar_consulta_quita_control_y_recorta():
    assert limpiar_consulta("  hola\x00\x1b  mundo ") == "hola mundo"
    assert len(limpiar_consulta("a" * 5000)) == 200


def test_fragmento_escapa_html_y_marca_sin_acentos():
    fragmento = _fragmento_python("<b>Construcción</b> de políticas", ["construccion"])
    assert "&lt;b&gt;" in fragmento
    assert "<mark>Construcción</mark>" in fragmento


@pytest.mark.django_db
def test_encuentra_sujetos_por_nombre(client, catalogos):
    respuesta = client.get("/buscar/", {"q": "Secretaría de Seguridad"})
    assert respuesta.status_code == 200
    assert "Secretaría de Seguridad" in _titulos(respuesta)


LARGO = (
    "La ciudadanía de los municipios zapotecos y mixtecos no conoce la construcción del "
    "presupuesto municipal ni los mecanismos de participación ciudadana que la ley establece "
    "desde hace varios años; por eso se propone un tablero abierto de seguimiento con datos "
    "trimestrales, reuniones públicas en cada agencia municipal, capacitación a los cabildos y "
    "una herramienta para preguntar por cada obra pública con su costo y avance."
)


def _sin_marcas(fragmento: str) -> str:
    texto = str(fragmento).replace("<mark>", "").replace("</mark>", "")
    return texto.removeprefix("… ").removesuffix(" …")


def _en_limites_de_palabra(fragmento: str, original: str) -> bool:
    plano = _sin_marcas(fragmento)
    inicio = original.find(plano)
    fin = inicio + len(plano)
    return (
        inicio >= 0
        and (inicio == 0 or original[inicio - 1].isspace())
        and (fin == len(original) or original[fin].isspace())
    )


@pytest.mark.parametrize("palabra", ["participacion", "tablero", "obra", "ciudadanía", "zapotecos"])
def test_fragmento_en_limites_de_palabra(palabra):
    fragmento = _fragmento_python(LARGO, [palabra], largo=120)
    assert _en_limites_de_palabra(fragmento, LARGO), fragmento
    assert "<mark>" in fragmento
    # «…» dice si hay texto antes o después.
    assert str(fragmento).startswith("… ") == (not LARGO.startswith(_sin_marcas(fragmento)))
    assert str(fragmento).endswith(" …") == (not LARGO.endswith(_sin_marcas(fragmento)))


def test_fragmento_con_una_palabra_enorme_no_se_desborda():
    texto = "Vea " + "https://ejemplo.gob.mx/" + "a" * 5000 + " y la participación ciudadana."
    fragmento = _fragmento_python(texto, ["participacion"], largo=220)
    assert len(_sin_marcas(fragmento)) <= 220 + 60
    assert "<mark>participación</mark>" in fragmento


def test_fragmento_de_postgresql_se_completa_hasta_los_espacios():
    """``ts_headline`` corta entre piezas de su analizador (guiones, direcciones web): el
    fragmento se completa con el texto original hasta los espacios."""
    original = (
        "Antes del tablero: participación-ciudadana-activa con https://datos.gob.mx/abc-def "
        "y más texto después del tablero de seguimiento trimestral."
    )
    cabecera = (
        "ciudadana-activa con https://datos.gob.mx/abc-def y más texto después del "
        "\x02tablero\x03 de seguimiento trimes"
    )
    fragmento = _fragmento_pg(cabecera, original)
    assert str(fragmento) == (
        "… participación-ciudadana-activa con https://datos.gob.mx/abc-def y más texto después "
        "del <mark>tablero</mark> de seguimiento trimestral."
    )
    assert _en_limites_de_palabra(fragmento, original)
    # Sin el original (o si no se encuentra), el de ts_headline tal cual, escapado.
    assert str(_fragmento_pg("<b>\x02x\x03</b>", None)) == "&lt;b&gt;<mark>x</mark>&lt;/b&gt;"


@pytest.mark.django_db
@pytest.mark.parametrize("consulta", ["educacion", "EDUCACIÓN", "Educación", "eDuCaCiOn"])
def test_sin_distinguir_acentos_ni_mayusculas(client, catalogos, consulta):
    """En los dos motores: PostgreSQL con ``unaccent`` y SQLite con su función sin acentos."""
    assert "Secretaría de Educación" in _titulos(client.get("/buscar/", {"q": consulta}))


@pytest.mark.django_db
def test_con_y_sin_acentos_da_lo_mismo(client, catalogos):
    con = _titulos(client.get("/buscar/", {"q": "Secretaría de Educación"}))
    assert "Secretaría de Educación" in con
    assert _titulos(client.get("/buscar/", {"q": "secretaria de educacion"})) == con
    assert _titulos(client.get("/buscar/", {"q": "SECRETARÍA DE EDUCACIÓN"})) == con


@pytest.mark.django_db
def test_nino_encuentra_nino_con_enie(client):
    SujetoObligado.objects.create(
        nombre="Sistema para la Protección de Niñas y Niños",
        tipo="descentralizado",
        orden="estatal",
    )
    titulos = _titulos(client.get("/buscar/", {"q": "ninos"}))
    assert "Sistema para la Protección de Niñas y Niños" in titulos


@pytest.mark.django_db
@pytest.mark.postgresql
def test_tolera_errores_de_dedo_en_postgresql(client, catalogos):
    titulos = _titulos(client.get("/buscar/", {"q": "Tuxtepek"}))
    assert "San Juan Bautista Tuxtepec" in titulos


@pytest.mark.django_db
@pytest.mark.postgresql
def test_el_parecido_solo_cuando_el_texto_completo_no_encuentra_nada(client):
    """Lo escrito bien muestra lo que lo contiene; sólo si nada lo contiene, lo parecido."""
    for nombre in ("Comisión de Transparencia", "Comisión de Transparenciaa Municipal"):
        SujetoObligado.objects.create(nombre=nombre, tipo="poder_ejecutivo", orden="estatal")
    assert _titulos(client.get("/buscar/", {"q": "transparencia"})) == ["Comisión de Transparencia"]
    assert sorted(_titulos(client.get("/buscar/", {"q": "transparensia"}))) == [
        "Comisión de Transparencia",
        "Comisión de Transparenciaa Municipal",
    ]


@pytest.mark.django_db
@pytest.mark.postgresql
def test_si_nada_tiene_todas_las_palabras_se_muestra_lo_que_tiene_alguna(client):
    for nombre in ("Comisión de Transparencia", "Consejo de Participación", "Archivo General"):
        SujetoObligado.objects.create(nombre=nombre, tipo="poder_ejecutivo", orden="estatal")
    respuesta = client.get("/buscar/", {"q": "transparencia participación ciudadana"})
    assert sorted(_titulos(respuesta)) == ["Comisión de Transparencia", "Consejo de Participación"]
    assert "estos tienen algunas" in respuesta.content.decode()
    # Con todas las palabras en algún registro, sólo ése y sin aviso.
    respuesta = client.get("/buscar/", {"q": "comisión transparencia"})
    assert _titulos(respuesta) == ["Comisión de Transparencia"]
    assert "estos tienen algunas" not in respuesta.content.decode()
    # Ninguna palabra, pero algo parecido: el aviso de lo parecido.
    respuesta = client.get("/buscar/", {"q": "Transparensia"})
    assert _titulos(respuesta) == ["Comisión de Transparencia"]
    assert "se parecen a lo que escribió" in respuesta.content.decode()


@pytest.mark.django_db
@pytest.mark.sqlite
def test_en_sqlite_un_error_de_dedo_no_encuentra_pero_el_nombre_si(client, catalogos):
    """Sin trigramas en SQLite: se busca cada palabra tal cual (sin acentos ni mayúsculas)."""
    assert _titulos(client.get("/buscar/", {"q": "Tuxtepek"})) == []
    assert "San Juan Bautista Tuxtepec" in _titulos(client.get("/buscar/", {"q": "tuxtepec"}))


@pytest.mark.django_db
@pytest.mark.sqlite
def test_en_sqlite_primero_lo_que_lo_tiene_en_el_titulo(client, catalogos):
    SujetoObligado.objects.create(
        nombre="Instituto Ejemplar", siglas="ZAPOTECA", tipo="descentralizado", orden="estatal"
    )
    SujetoObligado.objects.create(
        nombre="Zapoteca Ejemplar", siglas="ZE", tipo="descentralizado", orden="estatal"
    )
    assert _titulos(client.get("/buscar/", {"q": "zapoteca ejemplar"})) == [
        "Zapoteca Ejemplar",
        "Instituto Ejemplar",
    ]


@pytest.mark.django_db
def test_no_muestra_inactivos(client):
    SujetoObligado.objects.create(
        nombre="Comisión Extinta de Ejemplo", tipo="descentralizado", orden="estatal", activo=False
    )
    assert _titulos(client.get("/buscar/", {"q": "Comisión Extinta"})) == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    "consulta",
    [
        "x" * 1000,
        "'; DROP TABLE cocreacion_sujetoobligado; --",
        "<script>alert(1)</script>",
        '"" & | ! ( ) :* <-> \\',
        "\x00\x01",
        "",
    ],
)
def test_entradas_hostiles_dan_una_pagina_normal(client, catalogos, consulta):
    respuesta = client.get("/buscar/", {"q": consulta, "pagina": "-5", "tipo": "<x>"})
    assert respuesta.status_code == 200
    assert "<script>alert(1)</script>" not in respuesta.content.decode()
    assert SujetoObligado.objects.count() == 593


@pytest.mark.django_db
def test_paginacion_dentro_de_un_tipo(client, catalogos):
    respuesta = client.get("/buscar/", {"q": "San", "tipo": "sujetos", "pagina": "2"})
    assert respuesta.status_code == 200
    grupo = respuesta.context["grupos"][0]
    assert grupo.total > 40
    assert len(grupo.resultados) == 20
    assert respuesta.context["pagina_actual"] == 2


@pytest.mark.django_db
def test_una_pagina_mas_alla_del_total_muestra_la_ultima(client, catalogos):
    primera = client.get("/buscar/", {"q": "San", "tipo": "sujetos"})
    total = primera.context["grupos"][0].total
    ultima = (total + 19) // 20
    respuesta = client.get("/buscar/", {"q": "San", "tipo": "sujetos", "pagina": str(ultima + 3)})
    assert respuesta.status_code == 200
    assert respuesta.context["pagina_actual"] == ultima
    assert respuesta.context["total_paginas"] == ultima
    grupo = respuesta.context["grupos"][0]
    assert len(grupo.resultados) == total - (ultima - 1) * 20
    assert "No encontramos" not in respuesta.content.decode()


@pytest.mark.django_db
def test_pagina_alta_sin_resultados_sigue_diciendo_que_no_hay(client, catalogos):
    respuesta = client.get("/buscar/", {"q": "zzzxqw", "tipo": "sujetos", "pagina": "4"})
    assert respuesta.status_code == 200
    assert respuesta.context["grupos"] == []
    assert respuesta.context["pagina_actual"] == 1


@pytest.mark.django_db
@pytest.mark.postgresql
def test_el_conteo_con_tope_no_toca_el_planificador(client, catalogos):
    """Las opciones del planificador son configuración de la base, no del código: la búsqueda
    (con su conteo con tope) no ejecuta ningún ``SET`` y deja todo como estaba."""
    with CaptureQueriesContext(connection) as consultas:
        respuesta = client.get("/buscar/", {"q": "San", "tipo": "sujetos", "pagina": "2"})
    assert respuesta.context["grupos"][0].total > 40  # pasó por el conteo
    assert not [
        c["sql"]
        for c in consultas.captured_queries
        if c["sql"].lstrip().upper().startswith(("SET", "RESET"))
    ]
    with connection.cursor() as cursor:
        cursor.execute("SHOW enable_seqscan")
        seq = cursor.fetchone()[0]
        cursor.execute("SHOW enable_indexscan")
        indices = cursor.fetchone()[0]
    assert (seq, indices) == ("on", "on")


@pytest.mark.django_db
@pytest.mark.sqlite
def test_en_sqlite_el_conteo_es_el_de_la_consulta_simple(client, catalogos):
    """Contraparte en SQLite (sin planificador que ajustar): el total de la página 2 es el
    número exacto de sujetos activos con «san» en el nombre o las siglas, sin acentos."""
    respuesta = client.get("/buscar/", {"q": "San", "tipo": "sujetos", "pagina": "2"})
    esperados = [
        s
        for s in SujetoObligado.objects.activos()
        if "san" in sin_acentos(s.nombre) or "san" in sin_acentos(s.siglas or "")
    ]
    assert 40 < len(esperados) < 1000
    assert respuesta.context["grupos"][0].total == len(esperados)
