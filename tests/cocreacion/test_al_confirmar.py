"""«Una vez al confirmar» con la API pública de Django, también con puntos de guardado."""

import pytest
from django.db import transaction

from cocreacion.comun.al_confirmar import pendiente, una_vez_al_confirmar

pytestmark = pytest.mark.django_db(transaction=True)


def test_muchas_peticiones_trabajan_una_vez_al_confirmar():
    hechas = []
    with transaction.atomic():
        for _ in range(100):
            una_vez_al_confirmar("clave", lambda: hechas.append(1))
        assert pendiente("clave") and hechas == []
    assert hechas == [1]
    assert not pendiente("clave")


def test_fuera_de_una_transaccion_trabaja_enseguida():
    hechas = []
    una_vez_al_confirmar("clave", lambda: hechas.append(1))
    una_vez_al_confirmar("clave", lambda: hechas.append(2))
    assert hechas == [1, 2]
    assert not pendiente("clave")


def test_revertir_un_punto_de_guardado_no_pierde_lo_pedido_despues():
    # Lo pedido dentro del punto revertido lo descarta Django; lo pedido después en la misma
    # transacción debe trabajar al confirmar (con la lista interna esto salía solo).
    hechas = []
    with transaction.atomic():
        with transaction.atomic():
            una_vez_al_confirmar("clave", lambda: hechas.append("revertida"))
            transaction.set_rollback(True)
        una_vez_al_confirmar("clave", lambda: hechas.append("confirmada"))
    assert hechas == ["confirmada"]


def test_revertir_todo_no_trabaja_y_la_siguiente_transaccion_si():
    hechas = []
    with transaction.atomic():
        una_vez_al_confirmar("clave", lambda: hechas.append("revertida"))
        transaction.set_rollback(True)
    assert hechas == [] and not pendiente("clave")
    with transaction.atomic():
        una_vez_al_confirmar("clave", lambda: hechas.append("confirmada"))
    assert hechas == ["confirmada"]


def test_claves_distintas_trabajan_cada_una():
    hechas = []
    with transaction.atomic():
        for clave in ("a", "b", "a", "b"):
            una_vez_al_confirmar(clave, lambda clave=clave: hechas.append(clave))
    assert sorted(hechas) == ["a", "b"]
