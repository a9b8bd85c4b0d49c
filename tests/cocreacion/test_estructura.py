"""La forma de la casa: el núcleo no importa ninguna app y el descubrimiento halla todo.

Las apps aportan al portal por módulos de nombre fijo que el núcleo descubre
(``cocreacion.registro``); si un módulo del núcleo importara una app, la app ya no podría
quitarse ni cambiarse sin tocar el núcleo. Las migraciones quedan fuera (son historia: una
dependencia entre migraciones de apps es legítima) y la configuración también (``INSTALLED_APPS``
y ``APPS_DEL_PORTAL`` son el único lugar que nombra las apps).
"""

import ast
import re
from pathlib import Path

import pytest
from django.apps import apps

import cocreacion
from cocreacion.registro import modulos_de_apps, paquetes_del_portal

RAIZ = Path(cocreacion.__file__).parent
NOMBRA_UNA_APP = re.compile(r"^(oela|stgao|metricas|cocreacion\.participacion)(\.|$)")


def _modulos_del_nucleo():
    for ruta in sorted(RAIZ.rglob("*.py")):
        relativa = ruta.relative_to(RAIZ).as_posix()
        if relativa.startswith(("participacion/", "settings/")) or "/migrations/" in (
            "/" + relativa
        ):
            continue
        yield relativa, ruta


def _lo_que_importa(ruta: Path):
    arbol = ast.parse(ruta.read_text(), filename=str(ruta))
    for nodo in ast.walk(arbol):
        if isinstance(nodo, ast.Import):
            for alias in nodo.names:
                yield nodo.lineno, alias.name
        elif isinstance(nodo, ast.ImportFrom) and nodo.level == 0 and nodo.module:
            yield nodo.lineno, nodo.module
        elif isinstance(nodo, ast.Constant) and isinstance(nodo.value, str):
            # ``include("oela.urls")``, ``import_module("stgao.x")``: importar por nombre también
            # es importar.
            yield nodo.lineno, nodo.value


def test_hay_modulos_que_revisar():
    revisados = dict(_modulos_del_nucleo())
    assert "urls.py" in revisados and "listados/services.py" in revisados
    assert "sinteticos/__init__.py" in revisados and "portal/busqueda.py" in revisados


@pytest.mark.parametrize(
    "relativa,ruta", list(_modulos_del_nucleo()), ids=[r for r, _ in _modulos_del_nucleo()]
)
def test_el_nucleo_no_importa_ninguna_app(relativa, ruta):
    nombrados = [
        f"{relativa}:{linea} {nombre}"
        for linea, nombre in _lo_que_importa(ruta)
        if NOMBRA_UNA_APP.match(nombre)
    ]
    assert nombrados == []


def test_la_guardia_reconoce_una_importacion_de_app(tmp_path):
    # Sin esto, un patrón mal escrito dejaría pasar todo en silencio.
    falso = tmp_path / "falso.py"
    falso.write_text(
        "from oela.models import Programa\nimport stgao.services\n"
        "x = 'metricas.sinteticos'\nfrom cocreacion.models import Municipio\n"
    )
    nombres = [n for _, n in _lo_que_importa(falso) if NOMBRA_UNA_APP.match(n)]
    assert nombres == ["oela.models", "stgao.services", "metricas.sinteticos"]


def test_el_descubrimiento_halla_los_subpaquetes_y_las_apps():
    assert paquetes_del_portal() == [
        "cocreacion",
        "cocreacion.listados",
        "oela",
        "stgao",
        "metricas",
        "cocreacion.participacion",
    ]
    assert [m.__name__ for m in modulos_de_apps("sinteticos")] == [
        "cocreacion.sinteticos",
        "cocreacion.listados.sinteticos",
        "oela.sinteticos",
        "stgao.sinteticos",
        "metricas.sinteticos",
        "cocreacion.participacion.sinteticos",
    ]
    selectores = [m.__name__ for m in modulos_de_apps("selectors")]
    assert "cocreacion.listados.selectors" in selectores


def test_nadie_reexporta_para_el_descubrimiento():
    # El descubrimiento ya no necesita que un módulo del núcleo reexporte los de otro.
    for relativa, ruta in _modulos_del_nucleo():
        texto = ruta.read_text()
        assert "noqa: E402, F401" not in texto or relativa == "admin.py", relativa


def test_los_modelos_de_los_subpaquetes_siguen_en_la_app_cocreacion():
    from cocreacion.listados.models import Listado
    from cocreacion.portal.models import NotificacionEnviada

    for modelo in (Listado, NotificacionEnviada):
        assert modelo._meta.app_label == "cocreacion"
    assert apps.get_model("cocreacion", "Dictamen")._meta.db_table == "cocreacion_dictamen"
