"""Toda ruta del admin, también las de paquetes, contra la tabla de ``rutas_admin.py``.

La tabla no puede quedar vieja: se recorre el resolvedor de direcciones y cada ruta bajo
``admin/`` debe tener su entrada (y cada entrada, su ruta). Luego cada celda se prueba con una
petición real por rol, caso y método.
"""

import datetime as dt

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.apps import apps
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import URLResolver, get_resolver
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from cocreacion.models import (
    Disposicion,
    Enlace,
    Institucion,
    MetaODS,
    Municipio,
    ObjetivoDesarrolloSostenible,
)
from cocreacion.participacion.models import Consulta, Propuesta
from cocreacion.participacion.services import huella
from metricas.models import EntidadComparada, IndicadorReferencia, Resultado
from oela.models import Accion, Actividad, Avance, Estrategia, LineaAccion, Objetivo, Requerimiento
from stgao import services as stgao_servicios
from stgao.models import Acuerdo, Evidencia, PlanAccionLocal
from tests.cocreacion import rutas_admin as tabla
from tests.cocreacion.test_listados_apoyo import RUTAS
from tests.cocreacion.test_matriz_de_permisos import mundo  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.urls(RUTAS)]

SUFIJOS = {
    "lista": "changelist",
    "agregar": "add",
    "cambio": "change",
    "eliminar": "delete",
    "historial": "history",
    "historial_django": "history",
    "version": "simple_history",
    "exportar": "export",
}


# ── Las rutas que existen y las que la tabla declara ───────────────────────────────────


def rutas_del_admin() -> set[str]:
    """Nombre (``admin:…``) de cada ruta del admin, o su patrón si no tiene nombre."""

    def recorrer(patrones, prefijo="", espacio=""):
        for patron in patrones:
            if isinstance(patron, URLResolver):
                nuevo = patron.namespace or ""
                nombre = f"{espacio}:{nuevo}" if espacio and nuevo else (nuevo or espacio)
                yield from recorrer(patron.url_patterns, prefijo + str(patron.pattern), nombre)
            else:
                completo = prefijo + str(patron.pattern)
                if patron.name:
                    yield completo, f"{espacio}:{patron.name}" if espacio else patron.name
                else:
                    yield completo, completo

    return {
        clave for ruta, clave in recorrer(get_resolver().url_patterns) if ruta.startswith("admin/")
    }


def rutas_de_la_tabla() -> dict[str, tuple]:
    """Clave de la ruta → (tipo, modelo) para las estándar, o ("propia", clave)."""
    declaradas = {}
    for etiqueta, modelo in tabla.MODELOS.items():
        app, nombre = etiqueta.split(".")
        for tipo in modelo.rutas:
            if tipo == "redirigir":
                clave = f"admin/{app}/{nombre}/<path:object_id>/"
            elif tipo == "version":
                clave = f"admin:{app}_{nombre}_simple_history"
            else:
                clave = f"admin:{app}_{nombre}_{SUFIJOS[tipo]}"
            declaradas[clave] = (tipo, etiqueta)
    for clave in tabla.PROPIAS:
        declaradas[clave] = ("propia", clave)
    return declaradas


def test_cada_ruta_del_admin_tiene_su_entrada_en_la_tabla():
    existentes = rutas_del_admin()
    declaradas = set(rutas_de_la_tabla())
    assert len(existentes) > 250  # el recorrido encontró el admin completo
    sin_entrada = sorted(existentes - declaradas)
    sin_ruta = sorted(declaradas - existentes)
    assert not sin_entrada, (
        "Rutas del admin sin entrada en tests/cocreacion/rutas_admin.py "
        f"(agregue su fila a MODELOS o a PROPIAS): {sin_entrada}"
    )
    assert not sin_ruta, f"Entradas de rutas_admin.py cuya ruta ya no existe: {sin_ruta}"


# ── El mundo: un registro por caso de cada modelo del admin ────────────────────────────


@pytest.fixture
def mundo_rutas(mundo):  # noqa: F811
    m = dict(mundo)
    su = m["usuarios"]["superusuario"]
    m["usuario"] = m["usuarios"]["personal_dga"]
    m["grupo"] = Group.objects.first()
    m["registro_enlace"] = Enlace.objects.get(usuario=m["usuarios"]["enlace"])
    m["institucion"] = Institucion.objects.actual()
    m["ods"] = ObjetivoDesarrolloSostenible.objects.create(
        numero=16, nombre_corto="Paz, justicia e instituciones sólidas", titulo="ODS 16"
    )
    m["meta_ods"] = MetaODS.objects.create(ods=m["ods"], clave="16.10", texto="Acceso público.")
    m["municipio"] = Municipio.objects.create(
        clave="20067", clave_municipio="067", nombre="Oaxaca de Juárez"
    )
    m["disposicion"] = Disposicion.objects.create(
        ordenamiento="Ley de Transparencia",
        siglas_ordenamiento="LTAIPO",
        articulo="1",
        texto="Texto de prueba.",
    )
    m["periodo"] = m["listado_aprobado"].periodo
    for estado, programa in (
        ("publicado", m["programa_publicado"]),
        ("borrador", m["programa_borrador"]),
    ):
        m[f"programa_{estado}"] = programa
        m[f"objetivo_{estado}"] = Objetivo.objects.filter(programa=programa).first()
        m[f"estrategia_{estado}"] = Estrategia.objects.filter(objetivo__programa=programa).first()
        m[f"lineaaccion_{estado}"] = LineaAccion.objects.filter(
            estrategia__objetivo__programa=programa
        ).first()
        m[f"accion_{estado}"] = Accion.objects.filter(
            linea__estrategia__objetivo__programa=programa
        ).first()
    accion = m["accion_publicado"]
    m["avance"] = Avance.objects.create(accion=accion, mes=1, realizado=1)
    m["actividad"] = Actividad.objects.create(
        accion=accion, tipo="taller", fecha=dt.date(2030, 2, 1), modalidad="presencial"
    )
    m["requerimiento"] = Requerimiento.objects.create(
        programa=m["programa_publicado"], tipo="humano", descripcion="Personal de apoyo"
    )
    m["acuerdo"] = stgao_servicios.acuerdo_guardar(
        acuerdo=Acuerdo(sesion=m["sesion_publicada"], texto="Acuerdo de prueba."), actor=su
    )
    m["plan_ajeno"] = PlanAccionLocal.objects.create(
        nombre="Plan ajeno", slug="plan-ajeno", anio_inicio=2023, anio_fin=2024
    )
    m["hito_propio"] = m["compromiso_propio"].hitos.first()
    m["hito_ajeno"] = m["compromiso_ajeno"].hitos.first()
    m["evidencia_propia"] = Evidencia.objects.create(
        hito=m["hito_propio"], descripcion="Minuta propia", enlace="https://ejemplo.mx/a"
    )
    m["evidencia_ajena"] = Evidencia.objects.create(
        hito=m["hito_ajeno"], descripcion="Minuta ajena", enlace="https://ejemplo.mx/b"
    )
    m["resultado"] = Resultado.objects.create(
        edicion=m["edicion_publicada"], sujeto_obligado=m["sujeto"], tg=0.5, tc=0.5, pg=0.5, pc=0.5
    )
    m["indicador"] = IndicadorReferencia.objects.create(
        nombre="Índice de prueba", categoria="estrategico", autor="Autoría", descripcion="."
    )
    m["entidad_comparada"] = EntidadComparada.objects.create(
        nombre="Auditoría Superior del Estado",
        entidad_federativa="zacatecas",
        orden="estatal",
        tipo="organo_autonomo",
    )
    m["intento"] = AccessAttempt.objects.create(
        username="alguien", ip_address="10.0.0.1", user_agent="prueba", failures_since_start=1
    )
    m["acceso"] = AccessLog.objects.create(
        username="alguien", ip_address="10.0.0.1", user_agent="prueba"
    )
    m["fallo"] = AccessFailureLog.objects.create(
        username="alguien", ip_address="10.0.0.1", user_agent="prueba"
    )
    m["dispositivo"] = TOTPDevice.objects.create(user=su, name="Teléfono", confirmed=False)
    ahora = timezone.now()
    for publicada in (True, False):
        m["consulta_publicada" if publicada else "consulta_borrador"] = Consulta.objects.create(
            titulo="Consulta de prueba",
            slug="consulta-rutas" if publicada else "consulta-rutas-borrador",
            pregunta="¿Qué propone?",
            inicio=ahora - dt.timedelta(days=1),
            cierre=ahora + dt.timedelta(days=7),
            destino="programa_anual",
            publicada=publicada,
        )
    for moderacion in ("publicada", "pendiente"):
        m[f"propuesta_{moderacion}"] = Propuesta.objects.create(
            consulta=m["consulta_publicada"],
            titulo=f"Propuesta {moderacion}",
            problema="Un problema.",
            texto="Una propuesta.",
            correo="persona@ejemplo.mx",
            huella_correo=huella("persona@ejemplo.mx"),
            confirmada_en=ahora,
            moderacion=moderacion,
        )
    # Toda versión de cada caso: los registros hechos en bloque no dejaron historial.
    for valor in list(m.values()):
        if hasattr(valor, "history") and not valor.history.exists():
            valor.save()
    return m


# ── Peticiones ─────────────────────────────────────────────────────────────────────────


def _url(tipo: str, etiqueta: str, registro) -> str:
    app, nombre = etiqueta.split(".")
    base = f"/admin/{app}/{nombre}/"
    if tipo == "lista":
        return base
    if tipo == "agregar":
        return f"{base}add/"
    if tipo == "exportar":
        return f"{base}export/"
    if tipo == "cambio":
        return f"{base}{registro.pk}/change/"
    if tipo == "eliminar":
        return f"{base}{registro.pk}/delete/"
    if tipo in ("historial", "historial_django"):
        return f"{base}{registro.pk}/history/"
    if tipo == "version":
        version = registro.history.order_by("-history_id").first().history_id
        return f"{base}{registro.pk}/history/{version}/"
    if tipo == "redirigir":
        return f"{base}{registro.pk}/"
    raise AssertionError(tipo)


def _esperado_estandar(tipo: str, modelo: tabla.Modelo, rol: str, caso: str) -> tuple:
    if rol == "anonimo" or tipo == "redirigir":
        return (302, 302)
    fila = modelo.tabla()[rol]
    niveles = [fila[c] for c in modelo.casos]
    if tipo in ("lista", "exportar"):
        alguno = any(n in ("ve", "cambia", "guarda") for n in niveles)
        return (200, 200) if alguno else (403, 403)
    if tipo == "agregar":
        return (200, 200) if fila["agrega"] == "sí" else (403, 403)
    nivel = fila[caso]
    if tipo == "eliminar":
        if fila["elimina"] != "sí":
            return (403, 403)
        return (302, 302) if nivel.startswith("oculto") else (200, 200)
    if tipo != "cambio" and nivel == "oculto_cambia":
        nivel = "oculto"
    return tabla.RESPUESTAS[tipo][nivel]


@pytest.fixture
def clientes(mundo_rutas):
    """Un cliente con su sesión abierta por rol (el anónimo, sin sesión)."""
    por_rol = {}
    for rol in tabla.ROLES:
        cliente = Client()
        usuario = mundo_rutas["usuarios"][rol]
        if usuario is not None:
            cliente.force_login(usuario)
        por_rol[rol] = cliente
    return por_rol


def _pedir(clientes, registros, rol, metodo, url, datos):
    cliente = clientes[rol]
    respuesta = getattr(cliente, metodo)(url, datos if metodo == "post" else None)
    usuario = registros["usuarios"][rol]
    if usuario is not None and "_auth_user_id" not in cliente.session:
        cliente.force_login(usuario)  # la ruta cerró la sesión (salir)
    return respuesta.status_code


@pytest.mark.parametrize("etiqueta", list(tabla.MODELOS))
def test_rutas_estandar_de_cada_modelo(clientes, mundo_rutas, etiqueta):
    modelo = tabla.MODELOS[etiqueta]
    assert apps.get_model(etiqueta)  # la etiqueta nombra un modelo real
    distintas = []
    for tipo in modelo.rutas:
        casos = [tabla.SIN_CASO] if tipo in ("lista", "agregar", "exportar") else modelo.casos
        for caso in casos:
            registro = None if caso == tabla.SIN_CASO else mundo_rutas[modelo.casos[caso]]
            url = _url(tipo, etiqueta, registro)
            for rol in tabla.ROLES:
                esperado = _esperado_estandar(tipo, modelo, rol, caso)
                obtenido = tuple(
                    _pedir(clientes, mundo_rutas, rol, metodo, url, {})
                    for metodo in ("get", "post")
                )
                if obtenido != esperado:
                    distintas.append(f"{rol:17} {caso:9} {url}: {obtenido} ≠ {esperado}")
    assert not distintas, "\n".join(distintas)


@pytest.mark.parametrize("clave", list(tabla.PROPIAS))
def test_rutas_propias_y_del_sitio(clientes, mundo_rutas, clave):
    propia = tabla.PROPIAS[clave]
    esperado = propia.tabla()
    assert set(esperado) == set(tabla.ROLES), "la tabla lleva una fila por rol"
    distintas = []
    for caso, nombre in propia.casos.items():
        registro = mundo_rutas[nombre] if nombre else None
        url = "/admin/" + propia.url.format(
            pk=getattr(registro, "pk", ""),
            ct=ContentType.objects.get_for_model(apps.get_model(propia.modelo)).pk
            if propia.modelo
            else "",
        )
        for rol in tabla.ROLES:
            obtenido = tuple(
                _pedir(clientes, mundo_rutas, rol, metodo, url, propia.post)
                for metodo in ("get", "post")
            )
            celda = esperado[rol][caso]
            if "/".join(map(str, obtenido)) != celda:
                distintas.append(f"{rol:17} {caso:9} {url}: {obtenido} ≠ {celda}")
    assert not distintas, "\n".join(distintas)
