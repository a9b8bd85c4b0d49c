"""Páginas públicas ante parámetros y segmentos de dirección hostiles.

Cualquier combinación responde con una página ordinaria o un error del cliente
(200, 301, 302, 400, 404), nunca 500, y ninguna carga HTML inyectada aparece sin escapar:
ni la que viaja en la dirección ni la que está guardada en la base (``portal`` guarda
registros cuyo texto es un ``<script>``).
"""

from urllib.parse import quote

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cocreacion.models import OrdenGobierno, TipoSujetoObligado
from cocreacion.portal.busqueda import buscables
from cocreacion.portal.cambios import seguibles
from cocreacion.portal.datos_abiertos import conjuntos
from stgao.filters import ORDENES
from stgao.models import EstadoCompromiso, Tema

from .conftest import INYECTADAS, MEDIO, POCOS, SCRIPT, llevar_a, texto_hostil

pytestmark = pytest.mark.django_db

PERMITIDOS = {200, 301, 302, 400, 404}


def pedir(client, url, parametros=None):
    """GET que exige un estado permitido y ningún fragmento inyectado sin escapar."""
    respuesta = client.get(url, parametros or {})
    assert respuesta.status_code in PERMITIDOS, (url, parametros, respuesta.status_code)
    cuerpo = b"".join(respuesta.streaming_content) if respuesta.streaming else respuesta.content
    if "html" in respuesta.get("Content-Type", ""):
        texto = cuerpo.decode("utf-8", errors="replace")
        for fragmento in INYECTADAS:
            assert fragmento not in texto, (url, parametros, fragmento)
    return respuesta


def valor(*validos):
    """Un valor válido, uno hostil o una lista de ellos (parámetro repetido)."""
    uno = st.one_of(st.sampled_from([str(v) for v in validos] or [""]), texto_hostil())
    return st.one_of(uno, st.lists(uno, min_size=2, max_size=3))


def parametros(**claves):
    """Diccionario con un subconjunto de las claves y, a veces, una clave desconocida."""
    return st.fixed_dictionaries(
        {}, optional={**claves, "pagina": valor(1, 2, 0, -1, 10**12), "zzz": texto_hostil()}
    )


def segmento():
    """Un segmento de dirección hostil, codificado como lo haría un navegador."""
    return st.one_of(
        texto_hostil(),
        st.sampled_from(["0", "-1", "99999", "9" * 30, "ñandú", "..", "%00", "a/b", "😀"]),
    ).map(lambda s: quote(s, safe="") or "x")


def anio():
    return st.one_of(
        st.sampled_from([0, 1, 2017, 2021, 99999, 2**31, 2**63, 10**30]),
        st.integers(min_value=0, max_value=10**40),
    )


@pytest.fixture
def almacenado(portal, crear_compromiso, usuario_coordinacion):
    """Registros publicados cuyo texto es una carga HTML: deben salir escapados."""
    from cocreacion.models import SujetoObligado
    from metricas.importacion import importar_resultados
    from oela.models import Accion, Objetivo
    from stgao.services import acuerdo_crear

    Objetivo.objects.filter(programa=portal["programa"]).update(texto=SCRIPT)
    Accion.objects.filter(linea__estrategia__objetivo__programa=portal["programa"]).update(
        descripcion=SCRIPT, responsable=SCRIPT
    )
    crear_compromiso(SCRIPT, problema=SCRIPT, hitos=1)
    acuerdo_crear(sesion=portal["sesion"], texto=SCRIPT, actor=usuario_coordinacion)
    SujetoObligado.objects.create(nombre=SCRIPT, tipo="poder_ejecutivo", orden="estatal")
    importar_resultados(
        archivo=(
            b"SO,edo,niv,ts,TG,TC,PG,PC\n"
            b'"Oaxaca-<script>alerta_xss_9f3()</script>",Oaxaca,Estatal,Ejecutivo Estatal,'
            b"0.9,0.9,0.9,0.9\n"
        ),
        nombre="m.csv",
        edicion=portal["edicion"],
        actor=None,
    )
    return portal


def test_lo_almacenado_sale_escapado(client, almacenado):
    from cocreacion.models import SujetoObligado
    from stgao.models import Compromiso

    slug = SujetoObligado.objects.get(nombre=SCRIPT).slug
    for url in [
        "/compromisos/",
        "/stgao/acuerdos/",
        "/metricas/2017/",
        "/buscar/?q=script",
        "/programa/2021/",
        "/programa/2021/matriz/",
        "/programa/2021/lineas/1.1.1/",
        f"/sujetos-obligados/{slug}/",
        f"/stgao/sesiones/{almacenado['sesion'].pk}/",
        f"/compromisos/{Compromiso.objects.get(titulo=SCRIPT).slug}/",
        f"/compromisos/{Compromiso.objects.get(titulo=SCRIPT).slug}/historial/",
    ]:
        html = pedir(client, url).content.decode()
        assert "&lt;script&gt;alerta_xss_9f3()" in html, url


def test_dictamen_publicado_sale_escapado(
    client, institucion, listado, enlace, usuario_personal, usuario_coordinacion
):
    from cocreacion.models import SujetoObligado

    from .conftest import elementos

    SujetoObligado.objects.filter(pk=listado.sujeto_obligado_id).update(nombre=SCRIPT)
    elementos(listado, 3, prefijo=SCRIPT)
    dictamen = llevar_a(
        listado,
        "aprobado",
        enlace=enlace,
        analista=usuario_personal,
        aprobador=usuario_coordinacion,
    )
    for url in ["/interes-publico/", f"/interes-publico/dictamenes/{dictamen.folio}/"]:
        html = pedir(client, url).content.decode()
        assert "&lt;script&gt;alerta_xss_9f3()" in html, url


@MEDIO
@given(
    p=parametros(
        q=valor("oaxaca", "secretaría"),
        tipo=valor(*TipoSujetoObligado.values),
        orden=valor(*OrdenGobierno.values),
        municipio=valor(1, 2),
    )
)
def test_sujetos_obligados(client, almacenado, p):
    pedir(client, "/sujetos-obligados/", p)


@POCOS
@given(slug=segmento(), sufijo=st.sampled_from(["/", "/cambios.atom"]))
def test_sujeto_por_slug(client, almacenado, slug, sufijo):
    pedir(client, f"/sujetos-obligados/{slug}{sufijo}")


@MEDIO
@given(
    a=anio(),
    sufijo=st.sampled_from(["/", "/matriz/", "/matriz.xlsx", "/matriz.csv", "/lineas/"]),
    clave=st.one_of(st.sampled_from(["1.1.1", "9.9.9", "1", ""]), segmento()),
)
def test_programa(client, almacenado, a, sufijo, clave):
    url = f"/programa/{a}{sufijo}" + (f"{clave}/" if sufijo == "/lineas/" else "")
    pedir(client, url)


@MEDIO
@given(
    p=parametros(
        plan=valor(1, 2, "plan-prueba"),
        estado=valor(*EstadoCompromiso.values),
        tema=valor(*Tema.values),
        meta_ods=valor(1, 2),
        responsable=valor(1, 2),
        organizacion=valor(1),
        orden=valor(*[o for o, _e in ORDENES]),
    )
)
def test_compromisos(client, almacenado, p):
    pedir(client, "/compromisos/", p)


@POCOS
@given(slug=segmento(), sufijo=st.sampled_from(["/", "/historial/"]))
def test_compromiso_por_slug(client, almacenado, slug, sufijo):
    pedir(client, f"/compromisos/{slug}{sufijo}")


@MEDIO
@given(p=parametros(estado=valor("vencido", "pendiente", "cumplido")))
def test_acuerdos_y_sesiones(client, almacenado, p):
    pedir(client, "/stgao/acuerdos/", p)
    pedir(client, "/stgao/sesiones/", p)


@POCOS
@given(pk=st.one_of(anio(), segmento()), sufijo=st.sampled_from(["/", "/acta.pdf"]))
def test_sesion_por_numero(client, almacenado, pk, sufijo):
    if sufijo == "/acta.pdf" and str(pk) == str(almacenado["sesion"].pk):
        return  # el acta real se prueba en tests/stgao (genera un PDF)
    pedir(client, f"/stgao/sesiones/{pk}{sufijo}")


@POCOS
@given(
    periodo=st.one_of(st.sampled_from(["2021-S1", "1999-S1"]), texto_hostil()),
    folio=st.lists(segmento(), min_size=1, max_size=4).map("/".join),
)
def test_interes_publico(client, almacenado, abierto, periodo, folio):
    pedir(client, "/interes-publico/", {"periodo": periodo})
    pedir(client, f"/interes-publico/dictamenes/{folio}/")
    pedir(client, f"/interes-publico/dictamenes/{folio}.pdf")


@MEDIO
@given(
    a=anio(),
    p=parametros(tipo=valor(*TipoSujetoObligado.values), orden=valor(*OrdenGobierno.values)),
)
def test_metricas(client, almacenado, a, p):
    pedir(client, f"/metricas/{a}/", p)
    pedir(client, "/metricas/2017/", p)


@POCOS
@given(a=anio(), formato=st.one_of(st.sampled_from(["csv", "json", "xlsx"]), segmento()))
def test_metricas_descargas(client, almacenado, a, formato):
    pedir(client, f"/metricas/{a}/resultados.{formato}")


@MEDIO
@given(
    q=texto_hostil(),
    tipo=st.one_of(st.sampled_from([b.clave for b in buscables()]), texto_hostil()),
    pagina=st.one_of(st.integers(min_value=-(10**30), max_value=10**30).map(str), texto_hostil()),
)
def test_buscar(client, almacenado, q, tipo, pagina):
    pedir(client, "/buscar/", {"q": q, "tipo": tipo, "pagina": pagina})


@POCOS
@given(tipo=st.one_of(st.sampled_from([s.clave for s in seguibles()]), texto_hostil()))
def test_cambios(client, almacenado, tipo):
    pedir(client, "/cambios/", {"tipo": tipo})
    pedir(client, "/cambios.atom", {"tipo": tipo})


@POCOS
@given(
    nombre=st.one_of(st.sampled_from(sorted(conjuntos())), segmento()),
    formato=st.one_of(st.sampled_from(["csv", "json", "xlsx"]), segmento()),
)
def test_datos_abiertos(client, almacenado, nombre, formato):
    pedir(client, f"/datos/{nombre}.{formato}")


@pytest.mark.parametrize(
    "url",
    [
        "/compromisos/?estado=<script>alerta_xss_9f3()</script>",
        "/compromisos/?orden=zzz",
        "/compromisos/?plan=abc",
        "/sujetos-obligados/?tipo=zzz",
        "/sujetos-obligados/?orden=%27%3B--",
        "/metricas/2017/?orden=zzz",
    ],
)
def test_filtro_rechazado_con_mensaje_en_espanol(client, portal, url):
    html = pedir(client, url).content.decode()
    assert "Seleccione una opción válida" in html


PAGINAS_SIN_PARAMETROS = [
    "/",
    "/salud/",
    "/robots.txt",
    "/sitemap.xml",
    "/programa/",
    "/stgao/",
    "/stgao/sesiones.ics",
    "/metricas/",
    "/metricas/indicadores-de-referencia/",
    "/datos/",
    "/datos/datapackage.json",
    "/cambios.atom",
]


@POCOS
@given(
    ruta=st.sampled_from(PAGINAS_SIN_PARAMETROS),
    p=st.dictionaries(texto_hostil(), texto_hostil(), max_size=3),
)
def test_paginas_fijas_ignoran_parametros_hostiles(client, almacenado, ruta, p):
    pedir(client, ruta, p)


@POCOS
@given(
    ruta=st.sampled_from(
        [
            *PAGINAS_SIN_PARAMETROS,
            "/sujetos-obligados/",
            "/compromisos/",
            "/stgao/acuerdos/",
            "/metricas/2017/",
            "/buscar/",
            "/cambios/",
            "/interes-publico/",
        ]
    ),
    cuerpo=st.dictionaries(texto_hostil(), texto_hostil(), max_size=3),
)
def test_post_a_paginas_publicas(almacenado, ruta, cuerpo):
    """Las páginas públicas no tienen formularios POST: un envío se rechaza sin 500
    (403 por CSRF o 405 por método)."""
    from django.test import Client

    respuesta = Client(enforce_csrf_checks=True).post(ruta, cuerpo)
    assert respuesta.status_code in {*PERMITIDOS, 403, 405}, respuesta.status_code
    sin_marcas = respuesta.content.decode("utf-8", errors="replace")
    for fragmento in INYECTADAS:
        assert fragmento not in sin_marcas


ENORMES = ["2147483648", "9223372036854775808", "1" + "0" * 40, "-9223372036854775809"]


@pytest.mark.parametrize("numero", ENORMES)
def test_numeros_fuera_del_rango_de_la_base(client, almacenado, numero):
    """Enteros que no caben en la columna (PostgreSQL: integer/bigint) no llegan a un 500."""
    for url, p in [
        ("/sujetos-obligados/", {"municipio": numero}),
        ("/compromisos/", {"plan": numero}),
        ("/compromisos/", {"meta_ods": numero}),
        ("/compromisos/", {"responsable": numero}),
        ("/compromisos/", {"organizacion": numero}),
        ("/compromisos/", {"pagina": numero}),
        ("/stgao/acuerdos/", {"pagina": numero}),
        ("/metricas/2017/", {"pagina": numero}),
        ("/buscar/", {"q": "oaxaca", "tipo": "sujetos", "pagina": numero}),
        (f"/programa/{numero.lstrip('-')}/", {}),
        (f"/programa/{numero.lstrip('-')}/lineas/1.1.1/", {}),
        (f"/stgao/sesiones/{numero.lstrip('-')}/", {}),
        (f"/metricas/{numero.lstrip('-')}/", {}),
        (f"/metricas/{numero.lstrip('-')}/resultados.csv", {}),
    ]:
        pedir(client, url, p)
