"""Capturas de página completa a 390 y 1,366 px para mirarlas, con revisión de desborde."""

import os
from pathlib import Path

# Carpeta de las capturas (fuera del repositorio); ``CAPTURAS_E2E`` la cambia.
CAPTURAS = Path(os.environ.get("CAPTURAS_E2E", "/tmp/capturas-e2e"))
ANCHOS = [390, 1366]


def capturar(page, nombre):
    """Captura la página completa a cada ancho y falla si la página se desborda a lo ancho."""
    CAPTURAS.mkdir(parents=True, exist_ok=True)
    for ancho in ANCHOS:
        page.set_viewport_size({"width": ancho, "height": 900})
        page.screenshot(path=CAPTURAS / f"{nombre}-{ancho}.png", full_page=True)
        desborde = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert desborde <= 0, f"{nombre} a {ancho} px se desborda {desborde} px"
    page.set_viewport_size({"width": 1366, "height": 900})
