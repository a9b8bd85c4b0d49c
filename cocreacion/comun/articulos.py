"""Artículos del español para nombres de instituciones y órganos que vienen de datos.

El nombre de la institución y de su órgano aprobador se capturan sin artículo («Instituto de
Acceso…», «Consejo General»); los documentos los necesitan («el Instituto… requirió», «por el
Consejo General del Instituto…»). El género sale de la primera palabra; si no se conoce, el
nombre va sin artículo (mejor que uno equivocado).
"""

MASCULINAS = {"instituto", "órgano", "organo", "consejo", "pleno", "comité", "comite", "sistema"}
FEMENINAS = {
    "comisión",
    "comision",
    "dirección",
    "direccion",
    "secretaría",
    "secretaria",
    "coordinación",
    "coordinacion",
    "unidad",
    "junta",
}


def _genero(nombre: str) -> str:
    primera = (nombre or "").strip().split(" ", 1)[0].casefold()
    if primera in MASCULINAS:
        return "m"
    if primera in FEMENINAS:
        return "f"
    return ""


def con_articulo(nombre: str) -> str:
    """«el Instituto de Acceso…», «la Dirección de Gobierno Abierto»."""
    articulo = {"m": "el ", "f": "la "}.get(_genero(nombre), "")
    return f"{articulo}{nombre}"


def de_con_articulo(nombre: str) -> str:
    """«del Instituto de Acceso…», «de la Dirección…», «de Oaxaca»."""
    return {"m": "del ", "f": "de la "}.get(_genero(nombre), "de ") + nombre
