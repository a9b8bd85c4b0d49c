"""Escritura auditada: toda escritura de un servicio pasa por aquí.

django-simple-history atribuye cada versión a ``_history_user``; el middleware sólo lo
sabe dentro de una petición, así que los servicios (también los que corren desde un
comando o una importación) lo fijan de forma explícita con la persona que actúa.
"""

from django.db import models
from django.dispatch import Signal
from simple_history.manager import HistoryManager
from simple_history.models import HistoricalRecords

# Versiones del historial creadas en bloque: ``sender`` es el modelo histórico e ``ids``, los
# ``history_id`` de las versiones creadas. Quien cree versiones sin simple-history (SQL a mano)
# también la envía.
versiones_creadas_en_bloque = Signal()


def guardar(
    instancia: models.Model,
    *,
    actor,
    motivo: str = "",
    validar: bool = True,
    excluir_validacion: list[str] | None = None,
) -> models.Model:
    """Valida (``full_clean``) y guarda ``instancia`` dejando constancia de quién y por qué."""
    if validar:
        instancia.full_clean(exclude=excluir_validacion)
    instancia._history_user = actor
    if motivo:
        instancia._change_reason = motivo[:100]
    instancia.save()
    return instancia


def eliminar(instancia: models.Model, *, actor, motivo: str = "") -> None:
    instancia._history_user = actor
    if motivo:
        instancia._change_reason = motivo[:100]
    instancia.delete()


class Historial(HistoricalRecords):
    """``HistoricalRecords`` con el índice que piden las lecturas del historial.

    Los cambios recientes (``/cambios/``, canales, ``cambios.csv``) y el historial del admin
    ordenan por ``history_date`` y desempatan por ``history_id``. Con sólo el índice de la fecha,
    PostgreSQL tenía que leer y ordenar todo un grupo de versiones con la misma fecha, y las
    importaciones por lotes (``bulk_create_with_history``) ponen la misma fecha a miles de
    versiones: 9,500 filas leídas para mostrar 200 (153 ms en una sola consulta de
    ``/cambios/`` a escala 1). Con el índice compuesto lee sólo las que muestra. Reemplaza al
    índice simple de la fecha (``SIMPLE_HISTORY_DATE_INDEX = False``), que es su prefijo.
    """

    def get_meta_options(self, model):
        opciones = super().get_meta_options(model)
        opciones["indexes"] = (models.Index(fields=("history_date", "history_id")),)
        return opciones

    def fields_included(self, model):
        # Las columnas generadas (el texto de búsqueda) se calculan de las demás: copiarlas a
        # la tabla histórica sólo repetiría el cálculo y el espacio en cada versión.
        return [campo for campo in super().fields_included(model) if not campo.generated]

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("history_manager", ManagerDeHistorial)
        super().__init__(*args, **kwargs)


class ManagerDeHistorial(HistoryManager):
    """El manager del historial que además avisa de las versiones creadas en bloque.

    ``bulk_create_with_history`` (importaciones, datos generados) crea versiones sin la señal
    ``post_create_historical_record`` de cada una; ``versiones_creadas_en_bloque`` lleva la lista
    para que el registro público de cambios (``portal.cambios``) las vea igual.
    """

    def bulk_history_create(self, objs, *args, **kwargs):
        creadas = super().bulk_history_create(objs, *args, **kwargs)
        if creadas:
            ids = [v.history_id for v in creadas if v.history_id is not None]
            versiones_creadas_en_bloque.send(sender=self.model, ids=ids)
        return creadas
