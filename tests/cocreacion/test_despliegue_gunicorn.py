"""La configuración de gunicorn de producción carga y congela lo vivo tras cargar la app."""

import gc
import runpy

from tests.benchmarks.comun import RAIZ

CONFIGURACION = RAIZ / "cocreacion" / "operacion" / "despliegue" / "gunicorn.conf.py"


def test_la_configuracion_se_lee_con_valores_de_entorno(monkeypatch):
    monkeypatch.setenv("GUNICORN_WORKERS", "3")
    monkeypatch.setenv("GUNICORN_THREADS", "4")
    ajustes = runpy.run_path(str(CONFIGURACION))
    assert ajustes["wsgi_app"] == "cocreacion.wsgi:application"
    assert (ajustes["workers"], ajustes["threads"]) == (3, 4)


def test_post_worker_init_congela_lo_que_ya_vive():
    ajustes = runpy.run_path(str(CONFIGURACION))
    gc.unfreeze()
    assert gc.get_freeze_count() == 0
    try:
        ajustes["post_worker_init"](worker=None)
        assert gc.get_freeze_count() > 10_000
    finally:
        gc.unfreeze()
