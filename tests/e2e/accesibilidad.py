"""Revisión automática de accesibilidad con axe-core (copia local en ``vendor/``, MPL-2.0).

Se inyecta con ``page.evaluate`` porque la CSP estricta del portal bloquea ``add_script_tag``.
"""

import json
from pathlib import Path

VENDOR = Path(__file__).parent / "vendor"
AXE = (VENDOR / "axe.min.js").read_text(encoding="utf-8")
LOCALE_ES = json.loads((VENDOR / "es.json").read_text(encoding="utf-8"))
ETIQUETAS_WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def violaciones_graves(page) -> list[dict]:
    """Violaciones «serious» o «critical» de WCAG 2.1 AA en la página abierta."""
    page.evaluate(AXE)
    resultado = page.evaluate(
        """async ([locale, etiquetas]) => {
            axe.configure({locale});
            return await axe.run(document, {runOnly: {type: 'tag', values: etiquetas}});
        }""",
        [LOCALE_ES, ETIQUETAS_WCAG],
    )
    return [
        {
            "regla": v["id"],
            "impacto": v["impact"],
            "ayuda": v["help"],
            "nodos": [n["target"] for n in v["nodes"]][:5],
        }
        for v in resultado["violations"]
        if v["impact"] in {"serious", "critical"}
    ]
