"""Cada página pública cabe en un teléfono (390 px) y en un escritorio (1,366 px).

Recorre todas las páginas HTML públicas del mapa de direcciones con datos sintéticos y falla si
la página es más ancha que la pantalla (las tablas y gráficas anchas se desplazan dentro de su
propio recuadro) o si una gráfica dibuja texto de menos de 12 px. Una ruta pública nueva sin
entrada aquí hace fallar ``test_cada_ruta_publica_tiene_su_revision``.
"""

from pathlib import Path

import pytest
from django.db.models import Count
from django.urls import URLPattern, URLResolver, get_resolver

from cocreacion.models import Dictamen, SujetoObligado
from cocreacion.participacion.models import Consulta, Propuesta
from cocreacion.sinteticos import generar
from metricas.models import Edicion
from oela.models import LineaAccion, Programa
from stgao.models import Compromiso, Sesion

ANCHOS = [390, 1366]
TEXTO_MINIMO_EN_GRAFICAS = 12

# Rutas públicas que no son páginas HTML para leer en pantalla, o que piden sesión de enlace
# (sus pantallas se revisan en las pruebas de listados).
NO_SON_PAGINAS = {
    "cocreacion:salud": "respuesta para monitoreo",
    "cocreacion:robots": "texto para buscadores",
    "cocreacion:django.contrib.sitemaps.views.index": "XML para buscadores",
    "cocreacion:django.contrib.sitemaps.views.sitemap": "XML para buscadores",
    "cocreacion:cambios_atom": "canal Atom",
    "cocreacion:sujeto_cambios_atom": "canal Atom",
    "cocreacion:datos_paquete": "JSON de datos abiertos",
    "cocreacion:datos_descarga": "descarga de datos",
    "medios_descargar": "archivo subido",
    "interes_publico:dictamen_pdf": "PDF",
    "interes_publico:plantilla_csv": "plantilla CSV",
    "interes_publico:mis_listados": "sesión de enlace",
    "interes_publico:mi_listado": "sesión de enlace",
    "interes_publico:mi_listado_importar": "sesión de enlace",
    "interes_publico:mi_listado_enviar": "sesión de enlace (POST)",
    "interes_publico:mi_elemento": "sesión de enlace",
    "interes_publico:mi_elemento_eliminar": "sesión de enlace (POST)",
    "oela:programa_cambios_atom": "canal Atom",
    "oela:matriz_xlsx": "descarga XLSX",
    "oela:matriz_csv": "descarga CSV",
    "oela:documento_pdf": "PDF",
    "stgao:sesiones_ics": "calendario iCalendar",
    "stgao:acta_pdf": "PDF",
    "stgao:compromiso_cambios_atom": "canal Atom",
    "metricas:descarga": "descarga de datos",
    "participacion:propuesta_confirmar": "liga firmada de un correo (prueba de navegador)",
    "participacion:apoyo_confirmar": "liga firmada de un correo (prueba de navegador)",
    "participacion:borrar_confirmar": "liga firmada de un correo (prueba de navegador)",
    "participacion:informe_pdf": "PDF",
    "participacion:propuestas_atom": "canal Atom",
}


# Páginas a revisar por nombre de ruta; cada una arma sus direcciones con registros publicados.
PAGINAS = {
    "cocreacion:inicio": lambda d: ["/"],
    "cocreacion:sujetos_lista": lambda d: ["/sujetos-obligados/", "/sujetos-obligados/?pagina=2"],
    "cocreacion:sujeto_detalle": lambda d: [d["sujeto"].get_absolute_url()],
    "cocreacion:buscar": lambda d: ["/buscar/?q=informaci%C3%B3n", "/buscar/?q=sin-nada-xyz"],
    "cocreacion:cambios": lambda d: ["/cambios/"],
    "cocreacion:datos": lambda d: ["/datos/"],
    "cocreacion:organizaciones": lambda d: ["/organizaciones/"],
    "interes_publico:inicio": lambda d: ["/interes-publico/"],
    "interes_publico:dictamen": lambda d: [f"/interes-publico/dictamenes/{d['dictamen'].folio}/"],
    "oela:programa_lista": lambda d: ["/programa/"],
    "oela:programa_detalle": lambda d: [f"/programa/{d['programa'].anio}/"],
    "oela:matriz": lambda d: [f"/programa/{d['programa'].anio}/matriz/"],
    "oela:documento": lambda d: [f"/programa/{d['programa'].anio}/documento/"],
    "oela:linea_detalle": lambda d: [f"/programa/{d['programa'].anio}/lineas/{d['linea'].clave}/"],
    "stgao:portada": lambda d: ["/stgao/"],
    "stgao:sesiones": lambda d: ["/stgao/sesiones/"],
    "stgao:sesion_detalle": lambda d: [f"/stgao/sesiones/{d['sesion'].pk}/"],
    "stgao:acuerdos": lambda d: ["/stgao/acuerdos/"],
    "stgao:compromisos": lambda d: ["/compromisos/"],
    "stgao:compromiso_detalle": lambda d: [d["compromiso"].get_absolute_url()],
    "stgao:compromiso_historial": lambda d: [f"{d['compromiso'].get_absolute_url()}historial/"],
    "participacion:informe": lambda d: _urls_del_informe(d),
    "metricas:inicio": lambda d: ["/metricas/"],
    "metricas:indicadores": lambda d: ["/metricas/indicadores-de-referencia/"],
    "metricas:edicion": lambda d: [f"/metricas/{d['edicion'].anio}/"],
    "participacion:participa": lambda d: ["/participa/"],
    "participacion:consulta": lambda d: [
        d["consulta"].get_absolute_url(),
        f"{d['consulta'].get_absolute_url()}?pagina=2",
    ],
    "participacion:propuesta": lambda d: [d["propuesta"].get_absolute_url()],
    "participacion:proponer": lambda d: [f"{d['consulta'].get_absolute_url()}proponer/"],
    "participacion:propuesta_enviada": lambda d: [
        f"{d['consulta'].get_absolute_url()}proponer/enviada/"
    ],
    "participacion:apoyar": lambda d: [f"{d['propuesta'].get_absolute_url()}apoyar/"],
    "participacion:apoyo_enviado": lambda d: [
        f"{d['propuesta'].get_absolute_url()}apoyar/enviado/"
    ],
    "participacion:privacidad": lambda d: ["/participa/aviso-de-privacidad/"],
    "participacion:borrar": lambda d: ["/participa/mis-datos/borrar/"],
    "participacion:borrar_enviado": lambda d: ["/participa/mis-datos/borrar/enviado/"],
    "participacion:seguir": lambda d: [
        f"/seguir/compromiso/{d['compromiso'].pk}/",
        f"/seguir/sujeto-obligado/{d['sujeto'].pk}/",
    ],
    "participacion:seguir_revise": lambda d: ["/seguir/revise-su-correo/"],
    "participacion:seguir_confirmar": lambda d: [_seguimiento(d)["confirmar"]],
    "participacion:seguir_baja": lambda d: [_seguimiento(d)["baja"]],
    "participacion:pedir_enlace": lambda d: ["/seguir/mis-suscripciones/"],
    "participacion:mis_suscripciones": lambda d: [_seguimiento(d)["suscripciones"]],
}


def _seguimiento(d) -> dict[str, str]:
    """Una persona que sigue un compromiso (sin confirmar) y un sujeto obligado, y sus enlaces."""
    if "seguimiento" not in d:
        from urllib.parse import urlsplit

        from django.utils import timezone

        from cocreacion.participacion.models import Suscripcion, Suscriptor
        from cocreacion.participacion.services import seguimiento as servicio

        correo = "pantallas@ejemplo.mx"
        suscriptor = Suscriptor.objects.create(correo=correo, huella=servicio.huella_de(correo))
        pendiente = Suscripcion.objects.create(
            suscriptor=suscriptor, seguible="compromiso", objeto_id=d["compromiso"].pk
        )
        Suscripcion.objects.create(
            suscriptor=suscriptor,
            seguible="sujeto-obligado",
            objeto_id=d["sujeto"].pk,
            confirmada_en=timezone.now(),
        )
        d["seguimiento"] = {
            "confirmar": urlsplit(servicio.enlace_confirmar(pendiente)).path,
            "baja": urlsplit(servicio.enlace_baja(suscriptor)).path,
            "suscripciones": urlsplit(servicio.enlace_suscripciones(suscriptor)).path,
        }
    return d["seguimiento"]


def _paginas() -> dict[str, list[str]]:
    """Direcciones a revisar por nombre de ruta, armadas con registros publicados."""
    programa = Programa.objects.publicados().order_by("-anio").first()
    datos = {
        "programa": programa,
        "linea": LineaAccion.objects.filter(estrategia__objetivo__programa=programa).first(),
        "sesion": Sesion.objects.publicadas().order_by("-fecha_hora").first(),
        "compromiso": Compromiso.objects.publicados().first(),
        "sujeto": SujetoObligado.objects.activos().first(),
        "dictamen": Dictamen.objects.publicados().first(),
        "edicion": Edicion.objects.publicadas().order_by("-anio").first(),
        "consulta": Consulta.objects.publicadas().abiertas().first(),
    }
    # Una propuesta incorporada a un compromiso público: su página muestra hitos y avance.
    datos["propuesta"] = (
        Propuesta.objects.publicadas()
        .filter(consulta=datos["consulta"], estado="incorporada", compromiso__publicado=True)
        .first()
    )
    return {nombre: armar(datos) for nombre, armar in PAGINAS.items()}


def _urls_del_informe(datos) -> list[str]:
    """El informe de la consulta sintética con más propuestas (con más de una página)."""
    consulta = (
        Consulta.objects.publicadas().annotate(n=Count("propuestas")).order_by("-n", "pk").first()
    )
    return [
        f"{consulta.get_absolute_url()}informe/",
        f"{consulta.get_absolute_url()}informe/?pagina=2",
    ]


def _rutas_publicas(patrones=None, espacio=None) -> set[str]:
    """Nombres (con su espacio) de todas las rutas fuera del admin."""
    nombres = set()
    for patron in patrones if patrones is not None else get_resolver().url_patterns:
        if isinstance(patron, URLResolver):
            if patron.app_name == "admin" or str(patron.pattern).startswith("admin"):
                continue
            nombres |= _rutas_publicas(patron.url_patterns, patron.namespace or espacio)
        elif isinstance(patron, URLPattern) and patron.name:
            nombres.add(f"{espacio}:{patron.name}" if espacio else patron.name)
    return nombres


MEDIR_PAGINA = (Path(__file__).parent / "medir_pantalla.js").read_text(encoding="utf-8")


@pytest.fixture
def portal_con_datos(transactional_db, institucion):
    generar(escala=0.01)
    return _paginas()


def test_cada_ruta_publica_tiene_su_revision():
    faltan = sorted(_rutas_publicas() - set(PAGINAS) - set(NO_SON_PAGINAS))
    assert faltan == [], f"Rutas públicas sin revisión de pantalla: {faltan}"


@pytest.mark.parametrize("ancho", ANCHOS)
def test_ninguna_pagina_publica_desborda_ni_encoge_las_graficas(page, url, portal_con_datos, ancho):
    page.set_viewport_size({"width": ancho, "height": 900})
    problemas = []
    graficas_vistas = 0
    for nombre, rutas in portal_con_datos.items():
        for ruta in rutas:
            respuesta = page.goto(url(ruta))
            assert respuesta.status == 200, f"{ruta} respondió {respuesta.status}"
            medida = page.evaluate(MEDIR_PAGINA, ancho)
            graficas_vistas += medida["graficas"]
            if medida["ancho"] > ancho:
                problemas.append(f"{ruta} ({nombre}): {medida['ancho']} px; {medida['desbordes']}")
            if medida["chicos"]:
                problemas.append(f"{ruta} ({nombre}): texto de gráfica chico {medida['chicos']}")
    assert graficas_vistas > 0, "Ninguna página mostró gráficas: no se probó su texto."
    assert problemas == []


def test_la_revision_detecta_un_desborde_y_un_texto_chico(page, url, portal_con_datos):
    """Control: con una tabla suelta y una gráfica encogida, la medición sí lo ve."""
    page.set_viewport_size({"width": 390, "height": 900})
    page.goto(url("/metricas/"))
    page.evaluate(
        """() => {
          const t = document.createElement('table');
          const celdas = 'x'.repeat(20).split('').join('</td><td>');
          t.innerHTML = '<tr><td>' + celdas + 'palabramuylarga'.repeat(8) + '</td></tr>';
          document.querySelector('main').appendChild(t);
          const svg = document.querySelector('svg.grafica');
          svg.style.width = '100px';
          svg.parentElement.style.overflowX = 'visible';
        }"""
    )
    medida = page.evaluate(MEDIR_PAGINA, 390)
    assert medida["ancho"] > 390
    assert medida["chicos"]


def test_las_tablas_anchas_tienen_encabezado_fijo_y_se_desplazan_en_su_recuadro(
    page, url, portal_con_datos
):
    page.set_viewport_size({"width": 390, "height": 900})
    page.goto(url(portal_con_datos["oela:matriz"][0]))
    contenedor = page.locator(".tabla-contenedor").first
    medidas = contenedor.evaluate(
        """(c) => ({desborda: c.scrollWidth > c.clientWidth, alto: c.clientHeight,
                   ventana: window.innerHeight, foco: c.tabIndex,
                   fijo: getComputedStyle(c.querySelector('thead th')).position})"""
    )
    assert medidas["desborda"]
    assert medidas["alto"] <= medidas["ventana"]  # la barra horizontal queda a la vista
    assert medidas["foco"] == 0  # se puede desplazar con el teclado
    assert medidas["fijo"] == "sticky"
