"""Historial público: las mismas consultas con 1 registro por tipo que con 20.

Cada tipo seguible tiene ``n`` registros públicos, cada uno con su alta y un cambio en un campo
público (así se recorre la búsqueda de la versión anterior); el programa y el compromiso se
publican después de capturarse en borrador (la versión anterior de su publicación no es
pública). Todo cuelga del primer programa, el primer compromiso y el primer sujeto obligado,
para que sus canales también crezcan con ``n``.
"""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cocreacion.models import Dictamen, ElementoListado, Listado, PeriodoListado, SujetoObligado
from cocreacion.portal.cambios import cambios_recientes, seguibles
from metricas.models import Edicion, IndicadorReferencia, Resultado
from oela.models import (
    Accion,
    Actividad,
    Avance,
    EstadoPrograma,
    Estrategia,
    LineaAccion,
    Objetivo,
    Programa,
)
from stgao.models import (
    Acuerdo,
    Compromiso,
    Evidencia,
    Hito,
    Integrante,
    PlanAccionLocal,
    Sesion,
)

pytestmark = pytest.mark.django_db

HOY = dt.date(2030, 1, 15)


def _cambiar(objeto, **valores):
    """Un cambio en campos públicos: deja una versión «~» con diferencia visible."""
    for campo, valor in valores.items():
        setattr(objeto, campo, valor)
    objeto.save()


def _poblar(base: dict, desde: int, hasta: int) -> dict:
    """Registros públicos ``desde``…``hasta - 1`` de cada tipo seguible, con alta y cambio.

    ``base`` guarda el primer sujeto, programa, plan y compromiso (se crean con el índice 0):
    de ellos cuelgan los registros hijos, para que sus canales crezcan con el número de filas.
    """
    for i in range(desde, hasta):
        sujeto = SujetoObligado.objects.create(
            nombre=f"Sujeto {i}", slug=f"sujeto-{i}", nombre_normalizado=f"sujeto {i}",
            tipo="poder_ejecutivo", orden="estatal",
        )  # fmt: skip
        _cambiar(sujeto, siglas=f"S{i}")
        base.setdefault("sujeto", sujeto)
    sujeto = base["sujeto"]

    for i in range(desde, hasta):
        periodo = PeriodoListado.objects.create(
            clave=f"{2000 + i}-S1", fecha_limite_envio=HOY, fecha_limite_revision=HOY,
            fecha_limite_aprobacion=HOY, abierto_en=timezone.now(),
        )  # fmt: skip
        _cambiar(periodo, convocatoria=f"Convocatoria {i}")
        listado = Listado.objects.create(periodo=periodo, sujeto_obligado=sujeto, estado="aprobado")
        elemento = ElementoListado.objects.create(
            listado=listado, numero=1, titulo=f"Elemento {i}", descripcion="Descripción",
            justificacion="Interés público", unidad_responsable="Unidad",
            periodicidad="mensual", formato="PDF",
        )  # fmt: skip
        _cambiar(elemento, titulo=f"Elemento {i} corregido")
        # Un dictamen aprobado no se modifica: su única versión pública es la aprobación.
        dictamen = Dictamen.objects.create(
            listado=listado, fecha=HOY, antecedentes="Proyecto", folio=f"DGA/{2000 + i}/1"
        )
        dictamen._aprobando = True
        _cambiar(dictamen, antecedentes="Antecedentes", aprobado_en=timezone.now())

    for i in range(desde, hasta):
        programa = Programa.objects.create(
            anio=2030 + i, titulo=f"Programa {i}", area="Gobierno Abierto",
            objetivo_general="Objetivo general", estado=EstadoPrograma.BORRADOR,
        )  # fmt: skip
        _cambiar(programa, estado=EstadoPrograma.PUBLICADO)
        _cambiar(programa, titulo=f"Programa {i} corregido")
        base.setdefault("programa", programa)
    for i in range(desde + 1, hasta + 1):
        objetivo = Objetivo.objects.create(
            programa=base["programa"], numero=i, texto=f"Objetivo {i}"
        )
        _cambiar(objetivo, texto=f"Objetivo {i} corregido")
        estrategia = Estrategia.objects.create(objetivo=objetivo, numero=1, texto="Estrategia")
        _cambiar(estrategia, texto="Estrategia corregida")
        linea = LineaAccion.objects.create(estrategia=estrategia, numero=1, texto="Línea")
        _cambiar(linea, texto="Línea corregida")
        accion = Accion.objects.create(
            linea=linea, numero=1, descripcion="Acción", meta=10, unidad_medida="sesiones"
        )
        _cambiar(accion, descripcion="Acción corregida")
        avance = Avance.objects.create(accion=accion, mes=1, realizado=1)
        _cambiar(avance, realizado=2)
        actividad = Actividad.objects.create(
            accion=accion, tipo="taller", fecha=HOY, modalidad="virtual", mujeres=1
        )
        _cambiar(actividad, mujeres=2)

    if "plan" not in base:
        base["plan"] = PlanAccionLocal.objects.create(
            nombre="Plan", slug="plan", anio_inicio=2030, anio_fin=2032, publicado=True
        )
    for i in range(desde + 1, hasta + 1):
        compromiso = Compromiso.objects.create(
            plan=base["plan"], numero=i, slug=f"compromiso-{i}", titulo=f"Compromiso {i}",
            problema="Problema", tema="presupuesto", lider=sujeto, publicado=False,
        )  # fmt: skip
        _cambiar(compromiso, publicado=True)
        _cambiar(compromiso, titulo=f"Compromiso {i} corregido")
        base.setdefault("compromiso", compromiso)
    for i in range(desde + 1, hasta + 1):
        hito = Hito.objects.create(
            compromiso=base["compromiso"], numero=i, descripcion=f"Hito {i}",
            fecha_fin_planeada=HOY, responsable=sujeto,
        )  # fmt: skip
        _cambiar(hito, descripcion=f"Hito {i} corregido")
        evidencia = Evidencia.objects.create(
            hito=hito, descripcion=f"Evidencia {i}", archivo="evidencias/e.pdf", fecha=HOY
        )
        _cambiar(evidencia, descripcion=f"Evidencia {i} corregida")

    for i in range(desde + 1, hasta + 1):
        sesion = Sesion.objects.create(
            tipo="ordinaria", numero=i, fecha_hora=timezone.now(), modalidad="presencial",
            acta_firmada="actas/a.pdf", publicada=True,
        )  # fmt: skip
        _cambiar(sesion, sede=f"Sede {i}")
        acuerdo = Acuerdo.objects.create(sesion=sesion, numero=1, clave=f"A-{i}", texto="Texto")
        _cambiar(acuerdo, texto="Texto corregido")
        integrante = Integrante.objects.create(
            persona=f"Persona {i}", sector="sociedad_civil", fecha_alta=HOY, sexo="mujer",
            sujeto_obligado=sujeto,
        )  # fmt: skip
        _cambiar(integrante, cargo="Cargo")

    for i in range(desde, hasta):
        edicion = Edicion.objects.create(
            anio=2000 + i, nombre=f"Métrica {2000 + i}", autores="INAI–CIDE", publicada=True
        )
        _cambiar(edicion, notas="Notas")
        resultado = Resultado.objects.create(
            edicion=edicion, sujeto_obligado=sujeto, tg=Decimal("0.5"), tc=Decimal("0.5"),
            pg=Decimal("0.5"), pc=Decimal("0.5"), t=Decimal("0.5"), p=Decimal("0.5"),
            iga=Decimal("0.5"),
        )  # fmt: skip
        _cambiar(resultado, tg=Decimal("0.6"))
        indicador = IndicadorReferencia.objects.create(
            nombre=f"Indicador {i}", categoria="estrategico", autor="Autor", descripcion="Desc.",
            publicado=True,
        )  # fmt: skip
        _cambiar(indicador, autor="Otra autoría")
    return base


def _urls(base: dict) -> list[str]:
    return [
        "/cambios/",
        "/cambios.atom",
        f"/programa/{base['programa'].anio}/cambios.atom",
        f"/compromisos/{base['compromiso'].slug}/cambios.atom",
        f"/sujetos-obligados/{base['sujeto'].slug}/cambios.atom",
        "/datos/cambios.csv",
    ]


def _consultas(client, url: str) -> int:
    with CaptureQueriesContext(connection) as capturadas:
        respuesta = client.get(url)
        assert respuesta.status_code == 200, url
        for _parte in getattr(respuesta, "streaming_content", []):
            pass  # el CSV consulta mientras se transmite
    return len(capturadas)


def test_cada_tipo_seguible_tiene_cambios_y_publicaciones(institucion):
    """Sin esto, la comparación de consultas no recorrería todos los caminos del historial."""
    _poblar({}, 0, 2)
    cambios = cambios_recientes(limite=500)
    con_cambio = {c.clave for c in cambios if c.accion == "~" and c.campos}
    assert con_cambio == {s.clave for s in seguibles()} - {"dictamenes"}
    # La publicación de un borrador es un alta sin «antes»: la versión anterior no era pública.
    publicaciones = {c.clave for c in cambios if c.accion == "+"}
    assert {"programas", "compromisos", "dictamenes"} <= publicaciones
    assert "Proyecto" not in str([c.campos for c in cambios])


_URLS_IDS = ["cambios", "atom", "atom-programa", "atom-compromiso", "atom-sujeto", "csv"]


# Las que leen el registro público de cambios (todo el sitio y los canales de un programa, un
# compromiso o un sujeto): una consulta al registro y una por tipo que aparece en lo leído;
# con un registro de cada tipo aparecen todos los tipos (el máximo).
DEL_REGISTRO = {"cambios", "atom", "atom-programa", "atom-compromiso", "atom-sujeto"}


@pytest.mark.parametrize("indice", range(6), ids=lambda i: _URLS_IDS[i])
def test_mismas_consultas_con_1_que_con_20_registros_por_tipo(client, institucion, indice):
    base = _poblar({}, 0, 1)
    url = _urls(base)[indice]
    client.get(url)  # calienta lo que se guarda entre peticiones (institución, plantillas)
    con_uno = _consultas(client, url)
    _poblar(base, 1, 20)
    con_veinte = _consultas(client, url)
    if _URLS_IDS[indice] in DEL_REGISTRO:
        # El registro y una consulta por cada tipo seguible, más lo de la página (institución).
        assert con_uno <= 1 + len(seguibles()) + 3, (url, con_uno)
        assert con_veinte <= con_uno, (url, con_uno, con_veinte)
    else:
        assert con_veinte == con_uno, (url, con_uno, con_veinte)
