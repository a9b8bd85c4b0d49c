"""Lectura de lo que el público ve: conjuntos de datos, búsqueda, mapa del sitio y canales."""

import csv
import io
import xml.etree.ElementTree as ET

ATOM = "{http://www.w3.org/2005/Atom}"


def filas(client, nombre: str) -> list[dict]:
    respuesta = client.get(f"/datos/{nombre}.csv")
    assert respuesta.status_code == 200, nombre
    texto = b"".join(respuesta.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(texto)))


def texto_de_conjunto(client, nombre: str) -> str:
    """CSV y JSON del conjunto, juntos, para buscar un texto en cualquiera de los dos."""
    partes = []
    for formato in ("csv", "json"):
        respuesta = client.get(f"/datos/{nombre}.{formato}")
        assert respuesta.status_code == 200
        partes.append(b"".join(respuesta.streaming_content).decode("utf-8-sig"))
    return "\n".join(partes)


def titulos_de_busqueda(client, consulta: str) -> list[str]:
    respuesta = client.get("/buscar/", {"q": consulta})
    assert respuesta.status_code == 200
    return [r.titulo for g in respuesta.context["grupos"] for r in g.resultados]


SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def mapa_del_sitio(client) -> str:
    """Todas las páginas del mapa del sitio, juntas: el índice y cada sección que enlaza."""
    respuesta = client.get("/sitemap.xml")
    assert respuesta.status_code == 200
    indice = ET.fromstring(respuesta.content)
    assert indice.tag == f"{SITEMAP}sitemapindex"
    partes = []
    for loc in indice.iter(f"{SITEMAP}loc"):
        seccion = client.get(loc.text.removeprefix("http://testserver"))
        assert seccion.status_code == 200, loc.text
        partes.append(seccion.content.decode())
    return "\n".join(partes)


def canal_atom(client, url: str) -> ET.Element:
    """El canal, comprobado como Atom con sus elementos obligatorios (RFC 4287)."""
    respuesta = client.get(url)
    assert respuesta.status_code == 200, url
    assert respuesta["Content-Type"].startswith("application/atom+xml")
    raiz = ET.fromstring(respuesta.content)
    assert raiz.tag == f"{ATOM}feed"
    for requerido in ("id", "title", "updated"):
        assert raiz.find(f"{ATOM}{requerido}") is not None, requerido
    assert raiz.find(f"{ATOM}link[@rel='alternate']") is not None
    for entrada in raiz.findall(f"{ATOM}entry"):
        for requerido in ("id", "title", "updated", "link"):
            assert entrada.find(f"{ATOM}{requerido}") is not None, requerido
    return raiz


def textos_del_canal(raiz: ET.Element) -> str:
    return "\n".join(
        (e.findtext(f"{ATOM}title") or "") + " " + (e.findtext(f"{ATOM}summary") or "")
        for e in raiz.findall(f"{ATOM}entry")
    )
