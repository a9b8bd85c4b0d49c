"""Fábricas y fixtures compartidas por las pruebas de listados (este módulo no tiene pruebas)."""

from datetime import date

import pytest
from django.urls import include, path

from cocreacion.listados import services as servicios
from cocreacion.models import ElementoListado, EstadoListado, PeriodoListado
from cocreacion.urls import urlpatterns as rutas_del_sitio

# Si la raíz del sitio todavía no incluye estas rutas, las pruebas las agregan.
if not any(getattr(r, "namespace", None) == "interes_publico" for r in rutas_del_sitio):
    urlpatterns = [path("", include("cocreacion.listados.urls")), *rutas_del_sitio]
else:
    urlpatterns = list(rutas_del_sitio)
RUTAS = __name__


def crear_periodo(clave="2021-S1", **campos) -> PeriodoListado:
    valores = {
        "convocatoria": "Se requiere a los sujetos obligados su listado de información.",
        "fecha_limite_envio": date(2100, 6, 30),
        "fecha_limite_revision": date(2100, 7, 31),
        "fecha_limite_aprobacion": date(2100, 8, 31),
    }
    valores.update(campos)
    return PeriodoListado.objects.create(clave=clave, **valores)


def elementos(listado, n, *, prefijo="Información") -> list[ElementoListado]:
    return ElementoListado.objects.bulk_create(
        ElementoListado(
            listado=listado,
            numero=i,
            titulo=f"{prefijo} número {i}: añadido en Oaxaca",
            descripcion=f"Descripción del elemento {i} con acentos: gestión pública.",
            justificacion="Permite a la ciudadanía conocer el uso de los recursos públicos.",
            unidad_responsable="Unidad de Transparencia",
            periodicidad="trimestral",
            formato="XLSX",
            liga="https://ejemplo.gob.mx/datos",
        )
        for i in range(1, n + 1)
    )


def llevar_a(listado, estado, *, enlace, analista, aprobador=None, n_elementos=3):
    """Avanza ``listado`` por los servicios reales hasta ``estado``; devuelve el dictamen o None."""
    orden = ["borrador", "enviado", "en_revision", "dictaminado", "aprobado", "publicado"]
    meta = orden.index(estado)
    dictamen = None
    if meta >= 1:
        if not listado.elementos.exists():
            elementos(listado, n_elementos)
        servicios.listado_enviar(listado=listado, actor=enlace)
    if meta >= 2:
        servicios.listado_iniciar_revision(listado=listado, actor=analista)
    if meta >= 3:
        for i, elemento in enumerate(listado.elementos.all()):
            servicios.elemento_revisar(
                elemento=elemento,
                resolucion=["procedente", "no_procedente", "con_modificaciones"][i % 3],
                fundamentacion=f"Con fundamento en el artículo 37; motivación del elemento {i}.",
                modificaciones="Publicar también en formato abierto." if i % 3 == 2 else "",
                actor=analista,
            )
        dictamen = servicios.listado_dictaminar(listado=listado, actor=analista)
    if meta >= 4:
        dictamen = servicios.dictamen_aprobar(
            dictamen=dictamen,
            actor=aprobador,
            sesion="Décima Sesión Ordinaria",
            fecha_sesion=date(2021, 9, 15),
            numero_acuerdo="CG/SO-10/2021/05",
        )
    if meta >= 5:
        servicios.listado_publicar(listado=listado, actor=aprobador)
    listado.refresh_from_db()
    assert listado.estado == EstadoListado(estado)
    return dictamen


@pytest.fixture
def periodo(db, institucion):
    return crear_periodo()


@pytest.fixture
def enlace(sujeto_obligado, crear_enlace):
    return crear_enlace(sujeto_obligado, "enlace")


@pytest.fixture
def otro_enlace(otro_sujeto_obligado, crear_enlace):
    return crear_enlace(otro_sujeto_obligado, "enlace_ajeno")


@pytest.fixture
def abierto(periodo, sujeto_obligado, otro_sujeto_obligado, usuario_coordinacion):
    """Periodo abierto con listados para los dos sujetos de prueba."""
    servicios.periodo_abrir(
        periodo=periodo,
        actor=usuario_coordinacion,
        sujetos=[sujeto_obligado, otro_sujeto_obligado],
    )
    return periodo


@pytest.fixture
def listado(abierto, sujeto_obligado):
    return abierto.listados.get(sujeto_obligado=sujeto_obligado)


@pytest.fixture
def listado_ajeno(abierto, otro_sujeto_obligado):
    return abierto.listados.get(sujeto_obligado=otro_sujeto_obligado)
