"""Fábricas de las apps reutilizadas por las pruebas de publicación."""

from tests.stgao.conftest import (  # noqa: F401 - fixtures de pytest
    crear_compromiso,
    crear_integrante,
    crear_sesion,
    plan,
)
