"""Una prueba por cada celda de la tabla «Quién puede ver y cambiar qué» de docs/permisos.md.

Cada caso lleva por id ``<fila>-<rol>`` y comprueba lo que dice la celda con peticiones reales:
páginas públicas, changelist/add/change/delete del admin, acciones (publicar, aprobar, importar,
PDF de un dictamen en borrador) y las páginas de los enlaces. Si se cambia esa tabla,
se cambia aquí la celda correspondiente (y al revés).
"""

import datetime as dt
import functools
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.forms import FileField, MultiWidget

from cocreacion.comun.concurrencia import CAMPO_VERSION
from cocreacion.models import (
    Dictamen,
    EstadoListado,
    Institucion,
    Organizacion,
    SujetoObligado,
)
from metricas.models import Edicion, IndicadorReferencia
from oela.models import EstadoPrograma, Programa
from stgao import services as stgao_servicios
from stgao.models import Compromiso, Evidencia, Hito, Integrante, PlanAccionLocal, Sesion
from tests.cocreacion.test_listados_apoyo import RUTAS, crear_periodo, elementos, llevar_a
from tests.oela.conftest import generar_programa

pytestmark = [pytest.mark.django_db, pytest.mark.urls(RUTAS)]

ROLES = [
    "anonimo",
    "enlace",
    "personal_dga",
    "coordinacion_dga",
    "consejo_general",
    "superusuario",
]

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


# ── El mundo: un registro publicado y uno en borrador de cada cosa ─────────────────────


@pytest.fixture
def mundo(
    settings,
    tmp_path,
    institucion,
    sujeto_obligado,
    otro_sujeto_obligado,
    crear_enlace,
    usuario_personal,
    usuario_coordinacion,
    usuario_consejo,
    superusuario,
):
    settings.MEDIA_ROOT = tmp_path
    enlace = crear_enlace(sujeto_obligado, "enlace")
    m = {
        "sujeto": sujeto_obligado,
        "otro_sujeto": otro_sujeto_obligado,
        "usuarios": {
            "anonimo": None,
            "enlace": enlace,
            "personal_dga": usuario_personal,
            "coordinacion_dga": usuario_coordinacion,
            "consejo_general": usuario_consejo,
            "superusuario": superusuario,
        },
    }
    # Programa anual
    m["programa_publicado"] = generar_programa(2030, objetivos=1, estrategias=1, lineas=1)
    m["programa_borrador"] = generar_programa(
        2031, objetivos=1, estrategias=1, lineas=1, estado=EstadoPrograma.BORRADOR
    )
    # Secretariado
    m["integrante"] = Integrante.objects.create(
        persona="Integrante de prueba",
        sector="sociedad_civil",
        rol="integrante",
        fecha_alta=dt.date(2020, 1, 1),
        sexo="mujer",
    )
    m["sesion_publicada"] = stgao_servicios.sesion_guardar(
        sesion=Sesion(
            tipo="ordinaria",
            fecha_hora=dt.datetime(2021, 3, 15, 16, tzinfo=dt.UTC),
            modalidad="presencial",
            sede="Sala de plenos",
            publicada=True,
        ),
        actor=usuario_coordinacion,
    )
    m["sesion_borrador"] = stgao_servicios.sesion_guardar(
        sesion=Sesion(
            tipo="ordinaria",
            fecha_hora=dt.datetime(2021, 4, 15, 16, tzinfo=dt.UTC),
            modalidad="presencial",
            sede="Sala de plenos",
            publicada=False,
        ),
        actor=usuario_coordinacion,
    )
    # Plan de Acción Local
    plan = PlanAccionLocal.objects.create(
        nombre="Plan de prueba", slug="plan-prueba", anio_inicio=2021, anio_fin=2022, publicado=True
    )
    m["plan"] = plan

    def compromiso(titulo, lider, publicado):
        c = stgao_servicios.compromiso_guardar(
            compromiso=Compromiso(
                plan=plan,
                titulo=titulo,
                problema="Un problema público.",
                tema="presupuesto",
                lider=lider,
                publicado=publicado,
            ),
            actor=usuario_coordinacion,
        )
        stgao_servicios.hito_guardar(
            hito=Hito(
                compromiso=c,
                descripcion=f"Hito de {titulo}",
                fecha_fin_planeada=dt.date(2030, 1, 1),
            ),
            actor=usuario_coordinacion,
        )
        return c

    m["compromiso_propio"] = compromiso("Compromiso propio", sujeto_obligado, True)
    m["compromiso_borrador"] = compromiso("Compromiso en borrador", sujeto_obligado, False)
    m["compromiso_ajeno"] = compromiso("Compromiso ajeno", otro_sujeto_obligado, True)
    # Listados: uno propio en borrador, uno propio con dictamen aprobado y uno ajeno con su
    # proyecto de dictamen todavía sin aprobar.
    anterior = crear_periodo("2021-S1")
    vigente = crear_periodo("2021-S2")
    from cocreacion.listados import services as services_listados

    services_listados.periodo_abrir(
        periodo=anterior,
        actor=usuario_coordinacion,
        sujetos=[sujeto_obligado, otro_sujeto_obligado],
    )
    services_listados.periodo_abrir(
        periodo=vigente, actor=usuario_coordinacion, sujetos=[sujeto_obligado]
    )
    m["listado_borrador"] = vigente.listados.get(sujeto_obligado=sujeto_obligado)
    elementos(m["listado_borrador"], 2)
    m["listado_aprobado"] = anterior.listados.get(sujeto_obligado=sujeto_obligado)
    m["dictamen_aprobado"] = llevar_a(
        m["listado_aprobado"],
        "aprobado",
        enlace=enlace,
        analista=usuario_personal,
        aprobador=usuario_consejo,
    )
    m["listado_ajeno"] = anterior.listados.get(sujeto_obligado=otro_sujeto_obligado)
    enlace_ajeno = crear_enlace(otro_sujeto_obligado, "enlace_ajeno")
    m["dictamen_borrador"] = llevar_a(
        m["listado_ajeno"], "dictaminado", enlace=enlace_ajeno, analista=usuario_personal
    )
    # Métrica
    m["edicion_publicada"] = Edicion.objects.create(
        anio=2017, nombre="Métrica 2017", autores="INAI–CIDE", publicada=True
    )
    m["edicion_borrador"] = Edicion.objects.create(
        anio=2019, nombre="Métrica 2019", autores="INAI–CIDE", publicada=False
    )
    m["indicador_borrador"] = IndicadorReferencia.objects.create(
        nombre="Índice en preparación", categoria="relacionado", autor="DGA", descripcion="Borrador"
    )
    m["organizacion"] = Organizacion.objects.create(
        nombre="Colectivo de Prueba", tipo="sociedad_civil", ambito="local"
    )
    return m


@pytest.fixture
def cliente(client, mundo, rol):
    usuario = mundo["usuarios"][rol]
    if usuario is not None:
        client.force_login(usuario)
    return client


# ── Ayudas ─────────────────────────────────────────────────────────────────────────────


def admin_url(modelo, accion="changelist", pk=None):
    app, nombre = modelo.split(".")
    if accion == "changelist":
        return f"/admin/{app}/{nombre}/"
    if accion == "add":
        return f"/admin/{app}/{nombre}/add/"
    return f"/admin/{app}/{nombre}/{pk}/{accion}/"


def entra(cliente, url):
    respuesta = cliente.get(url)
    assert respuesta.status_code == 200, (url, respuesta.status_code)
    return respuesta


def al_login(cliente, url, metodo="get"):
    respuesta = getattr(cliente, metodo)(url)
    assert respuesta.status_code == 302, (url, respuesta.status_code)
    assert "/login/" in respuesta["Location"], respuesta["Location"]


def prohibido(cliente, url, metodo="get", datos=None):
    respuesta = getattr(cliente, metodo)(url, datos or {})
    assert respuesta.status_code == 403, (url, respuesta.status_code)


def no_lo_encuentra(cliente, url):
    """El admin responde a un objeto fuera de su queryset redirigiendo al índice (o 404)."""
    respuesta = cliente.get(url)
    assert respuesta.status_code in (302, 404), (url, respuesta.status_code)
    if respuesta.status_code == 302:
        assert respuesta["Location"] == "/admin/", respuesta["Location"]


def _valor_post(valor):
    if isinstance(valor, (dt.date, dt.time, Decimal)):
        return str(valor)
    return valor


def datos_de_formulario(respuesta):
    """Lo que el formulario del admin mandaría tal como se muestra (sin formularios extra)."""
    contexto = respuesta.context
    datos = {}
    formularios = [contexto["adminform"].form]
    for inline in contexto["inline_admin_formsets"]:
        formset = inline.formset
        datos[f"{formset.prefix}-TOTAL_FORMS"] = str(formset.initial_form_count())
        datos[f"{formset.prefix}-INITIAL_FORMS"] = str(formset.initial_form_count())
        datos[f"{formset.prefix}-MIN_NUM_FORMS"] = "0"
        datos[f"{formset.prefix}-MAX_NUM_FORMS"] = "1000"
        formularios.extend(formset.initial_forms)
    for formulario in formularios:
        for nombre, campo in formulario.fields.items():
            clave = formulario.add_prefix(nombre)
            if isinstance(campo, FileField):
                continue  # sin archivo nuevo: se conserva el que había
            valor = formulario[nombre].value()
            if isinstance(campo.widget, MultiWidget):
                for i, parte in enumerate(campo.widget.decompress(valor)):
                    if parte is not None:
                        datos[f"{clave}_{i}"] = _valor_post(parte)
            elif isinstance(valor, bool):
                if valor:
                    datos[clave] = "on"
            elif isinstance(valor, (list, tuple)):
                datos[clave] = [str(v) for v in valor]
            elif valor is not None:
                datos[clave] = _valor_post(valor)
    if contexto.get("version_historial") is not None:
        datos[CAMPO_VERSION] = contexto["version_historial"]
    return datos


def editar_en_admin(cliente, url, **cambios):
    """Abre el formulario de cambio, aplica ``cambios`` y lo envía; devuelve la respuesta."""
    datos = datos_de_formulario(entra(cliente, url))
    for campo, valor in cambios.items():
        if valor is False:
            datos.pop(campo, None)
        else:
            datos[campo] = "on" if valor is True else valor
    respuesta = cliente.post(url, datos)
    assert respuesta.status_code == 302, (
        respuesta.context and respuesta.context["adminform"].form.errors,
        respuesta.context
        and [f.errors for i in respuesta.context["inline_admin_formsets"] for f in i.formset],
    )
    return respuesta


def campo_editable(cliente, url, campo):
    return campo in entra(cliente, url).context["adminform"].form.fields


def borrar_en_admin(cliente, modelo, pk):
    respuesta = cliente.post(admin_url(modelo, "delete", pk), {"post": "yes"})
    assert respuesta.status_code == 302, respuesta.status_code


def accion_del_admin(cliente, modelo, accion, pks):
    return cliente.post(
        admin_url(modelo), {"action": accion, "_selected_action": [str(p) for p in pks]}
    )


def transicion(cliente, listado, codigo, **datos):
    # Los pasos que no se deshacen piden confirmación: aquí se prueba quién puede darla.
    datos.setdefault("confirmado", "si")
    return cliente.post(f"/admin/cocreacion/listado/{listado.pk}/transicion/{codigo}/", datos)


APROBACION = {"sesion": "Sesión Ordinaria", "fecha_sesion": "2021-09-15", "numero_acuerdo": "CG/9"}


def aprobar(cliente, dictamen):
    return cliente.post(f"/admin/cocreacion/dictamen/{dictamen.pk}/aprobar/", APROBACION)


# ── Fila 1: páginas públicas y datos abiertos (sólo lo publicado) ──────────────────────


def _urls_de_borradores(m):
    return [
        "/programa/2031/",
        f"/stgao/sesiones/{m['sesion_borrador'].pk}/",
        f"/compromisos/{m['compromiso_borrador'].slug}/",
    ]


def publicas_ver(cliente, m, *, vista_previa=False):
    """Todos ven lo publicado. Un borrador es 404 en el sitio público, salvo para el personal
    del admin, que recibe la vista previa con su aviso y sin caché."""
    for url in [
        "/",
        "/datos/",
        "/datos/compromisos.csv",
        "/programa/2030/",
        "/stgao/sesiones/",
        f"/stgao/sesiones/{m['sesion_publicada'].pk}/",
        f"/compromisos/{m['compromiso_propio'].slug}/",
        "/metricas/2017/",
        "/interes-publico/",
        f"/interes-publico/dictamenes/{m['dictamen_aprobado'].folio}/",
    ]:
        entra(cliente, url)
    for url in _urls_de_borradores(m):
        respuesta = cliente.get(url)
        if vista_previa:
            assert respuesta.status_code == 200, url
            assert "Vista previa: este registro no es público" in respuesta.content.decode()
            assert "no-store" in respuesta["Cache-Control"], url
        else:
            assert respuesta.status_code == 404, url
    assert cliente.get("/metricas/2019/").status_code == 404
    csv = b"".join(cliente.get("/datos/compromisos.csv").streaming_content).decode()
    assert "Compromiso propio" in csv and "Compromiso en borrador" not in csv


# ── Fila 2: borradores ─────────────────────────────────────────────────────────────────


def borradores_anonimo(cliente, m):
    al_login(cliente, admin_url("oela.programa", "change", m["programa_borrador"].pk))
    al_login(cliente, admin_url("stgao.compromiso", "change", m["compromiso_borrador"].pk))
    al_login(cliente, f"/interes-publico/mis-listados/{m['listado_borrador'].pk}/")
    al_login(cliente, f"/admin/cocreacion/dictamen/{m['dictamen_borrador'].pk}/pdf/")


def borradores_enlace(cliente, m):
    """Sólo los de su sujeto obligado: su listado en borrador y su compromiso sin publicar."""
    entra(cliente, f"/interes-publico/mis-listados/{m['listado_borrador'].pk}/")
    assert cliente.get(f"/interes-publico/mis-listados/{m['listado_ajeno'].pk}/").status_code == 404
    entra(cliente, admin_url("stgao.compromiso", "change", m["compromiso_borrador"].pk))
    no_lo_encuentra(cliente, admin_url("stgao.compromiso", "change", m["compromiso_ajeno"].pk))
    prohibido(cliente, admin_url("oela.programa", "change", m["programa_borrador"].pk))
    prohibido(cliente, admin_url("metricas.edicion", "change", m["edicion_borrador"].pk))
    # El proyecto de dictamen (de otro sujeto) no se ve ni se descarga.
    no_lo_encuentra(cliente, admin_url("cocreacion.dictamen", "change", m["dictamen_borrador"].pk))
    assert (
        cliente.get(f"/admin/cocreacion/dictamen/{m['dictamen_borrador'].pk}/pdf/").status_code
        == 404
    )


def borradores_ver_y_editar(cliente, m):
    programa = m["programa_borrador"]
    editar_en_admin(
        cliente, admin_url("oela.programa", "change", programa.pk), titulo="Título corregido"
    )
    programa.refresh_from_db()
    assert programa.titulo == "Título corregido"
    compromiso = m["compromiso_borrador"]
    editar_en_admin(
        cliente,
        admin_url("stgao.compromiso", "change", compromiso.pk),
        problema="Problema corregido.",
    )
    compromiso.refresh_from_db()
    assert compromiso.problema == "Problema corregido."
    dictamen = m["dictamen_borrador"]
    editar_en_admin(
        cliente,
        admin_url("cocreacion.dictamen", "change", dictamen.pk),
        antecedentes="Antecedentes corregidos.",
    )
    dictamen.refresh_from_db()
    assert dictamen.antecedentes == "Antecedentes corregidos."
    respuesta = cliente.get(f"/admin/cocreacion/dictamen/{dictamen.pk}/pdf/")
    assert respuesta.status_code == 200 and respuesta["Content-Type"] == "application/pdf"


def borradores_consejo(cliente, m):
    """Ve los borradores (y descarga el proyecto de dictamen) pero no los cambia."""
    programa = m["programa_borrador"]
    url = admin_url("oela.programa", "change", programa.pk)
    assert not entra(cliente, url).context["has_change_permission"]
    prohibido(cliente, url, "post", {"titulo": "Cambio del consejo"})
    programa.refresh_from_db()
    assert programa.titulo != "Cambio del consejo"
    entra(cliente, admin_url("stgao.compromiso", "change", m["compromiso_borrador"].pk))
    entra(cliente, admin_url("metricas.edicion", "change", m["edicion_borrador"].pk))
    dictamen = m["dictamen_borrador"]
    url = admin_url("cocreacion.dictamen", "change", dictamen.pk)
    assert not entra(cliente, url).context["has_change_permission"]
    prohibido(cliente, url, "post", {"antecedentes": "Cambio del consejo"})
    respuesta = cliente.get(f"/admin/cocreacion/dictamen/{dictamen.pk}/pdf/")
    assert respuesta.status_code == 200 and respuesta["Content-Type"] == "application/pdf"


# ── Fila 3: programa anual ─────────────────────────────────────────────────────────────


def _programa_sin_acceso(cliente, m, negar):
    programa = m["programa_borrador"]
    for url in [
        admin_url("oela.programa"),
        admin_url("oela.programa", "add"),
        admin_url("oela.programa", "change", programa.pk),
        admin_url("oela.avance"),
        admin_url("oela.actividad"),
        f"/admin/oela/programa/{programa.pk}/importar-matriz/",
    ]:
        negar(cliente, url)


def programa_anonimo(cliente, m):
    _programa_sin_acceso(cliente, m, al_login)


def programa_enlace(cliente, m):
    _programa_sin_acceso(cliente, m, prohibido)


def _programa_captura(cliente, m):
    programa = m["programa_borrador"]
    for url in [
        admin_url("oela.programa", "add"),
        admin_url("oela.avance", "add"),
        admin_url("oela.actividad", "add"),
        f"/admin/oela/programa/{programa.pk}/importar-matriz/",
    ]:
        entra(cliente, url)


def programa_personal(cliente, m):
    """Captura e importa; no publica, no cierra, no elimina."""
    _programa_captura(cliente, m)
    programa = m["programa_borrador"]
    assert not campo_editable(cliente, admin_url("oela.programa", "change", programa.pk), "estado")
    accion_del_admin(cliente, "oela.programa", "publicar", [programa.pk])
    programa.refresh_from_db()
    assert programa.estado == EstadoPrograma.BORRADOR
    prohibido(cliente, admin_url("oela.programa", "delete", programa.pk))
    prohibido(cliente, admin_url("oela.programa", "delete", programa.pk), "post", {"post": "yes"})
    assert Programa.objects.filter(pk=programa.pk).exists()


def programa_publica_cierra_elimina(cliente, m):
    _programa_captura(cliente, m)
    programa = m["programa_borrador"]
    accion_del_admin(cliente, "oela.programa", "publicar", [programa.pk])
    programa.refresh_from_db()
    assert programa.estado == EstadoPrograma.PUBLICADO
    accion_del_admin(cliente, "oela.programa", "cerrar", [programa.pk])
    programa.refresh_from_db()
    assert programa.estado == EstadoPrograma.CERRADO
    vacio = Programa.objects.create(anio=2040, titulo="Para eliminar", area="DGA")
    borrar_en_admin(cliente, "oela.programa", vacio.pk)
    assert not Programa.objects.filter(pk=vacio.pk).exists()


def programa_consejo(cliente, m):
    programa = m["programa_borrador"]
    entra(cliente, admin_url("oela.programa"))
    entra(cliente, admin_url("oela.avance"))
    prohibido(cliente, admin_url("oela.programa", "add"))
    prohibido(cliente, f"/admin/oela/programa/{programa.pk}/importar-matriz/")
    accion_del_admin(cliente, "oela.programa", "publicar", [programa.pk])
    programa.refresh_from_db()
    assert programa.estado == EstadoPrograma.BORRADOR
    prohibido(cliente, admin_url("oela.programa", "delete", programa.pk))


# ── Fila 4: Secretariado (integrantes, sesiones, acuerdos) ─────────────────────────────


def _secretariado_sin_acceso(cliente, m, negar):
    for modelo in ["stgao.integrante", "stgao.sesion", "stgao.acuerdo"]:
        negar(cliente, admin_url(modelo))
        negar(cliente, admin_url(modelo, "add"))
    negar(cliente, admin_url("stgao.sesion", "change", m["sesion_borrador"].pk))


def secretariado_anonimo(cliente, m):
    _secretariado_sin_acceso(cliente, m, al_login)


def secretariado_enlace(cliente, m):
    _secretariado_sin_acceso(cliente, m, prohibido)


def _secretariado_captura(cliente, m):
    for modelo in ["stgao.integrante", "stgao.sesion", "stgao.acuerdo"]:
        entra(cliente, admin_url(modelo, "add"))
    integrante = m["integrante"]
    editar_en_admin(cliente, admin_url("stgao.integrante", "change", integrante.pk), cargo="Vocal")
    integrante.refresh_from_db()
    assert integrante.cargo == "Vocal"


def secretariado_personal(cliente, m):
    _secretariado_captura(cliente, m)
    sesion = m["sesion_borrador"]
    url = admin_url("stgao.sesion", "change", sesion.pk)
    assert not campo_editable(cliente, url, "publicada")
    prohibido(cliente, admin_url("stgao.integrante", "delete", m["integrante"].pk))
    prohibido(cliente, admin_url("stgao.sesion", "delete", sesion.pk), "post", {"post": "yes"})
    assert Sesion.objects.filter(pk=sesion.pk).exists()


def secretariado_publica_elimina(cliente, m):
    _secretariado_captura(cliente, m)
    sesion = m["sesion_borrador"]
    editar_en_admin(cliente, admin_url("stgao.sesion", "change", sesion.pk), publicada=True)
    sesion.refresh_from_db()
    assert sesion.publicada
    assert cliente.get(f"/stgao/sesiones/{sesion.pk}/").status_code == 200
    borrar_en_admin(cliente, "stgao.integrante", m["integrante"].pk)
    assert not Integrante.objects.filter(pk=m["integrante"].pk).exists()


def secretariado_consejo(cliente, m):
    for modelo in ["stgao.integrante", "stgao.sesion", "stgao.acuerdo"]:
        entra(cliente, admin_url(modelo))
        prohibido(cliente, admin_url(modelo, "add"))
    sesion = m["sesion_borrador"]
    url = admin_url("stgao.sesion", "change", sesion.pk)
    assert not entra(cliente, url).context["has_change_permission"]
    prohibido(cliente, url, "post", {"publicada": "on"})
    sesion.refresh_from_db()
    assert not sesion.publicada


# ── Fila 5: compromisos, hitos y evidencias ───────────────────────────────────────────


def _compromisos_sin_acceso(cliente, m, negar):
    for modelo in ["stgao.compromiso", "stgao.hito", "stgao.evidencia"]:
        negar(cliente, admin_url(modelo))
    negar(cliente, f"/admin/stgao/planaccionlocal/{m['plan'].pk}/importar-hitos/")


def compromisos_anonimo(cliente, m):
    _compromisos_sin_acceso(cliente, m, al_login)


def compromisos_enlace(cliente, m):
    """Ve los suyos; reporta estado y fechas reales de sus hitos (las planeadas de un compromiso
    publicado son su línea base); agrega evidencias a sus hitos."""
    lista = entra(cliente, admin_url("stgao.compromiso")).content.decode()
    assert "Compromiso propio" in lista and "Compromiso ajeno" not in lista
    propio = m["compromiso_propio"]
    assert not entra(cliente, admin_url("stgao.compromiso", "change", propio.pk)).context[
        "has_change_permission"
    ]
    prohibido(cliente, admin_url("stgao.compromiso", "add"))
    hito = propio.hitos.get()
    url = admin_url("stgao.hito", "change", hito.pk)
    campos = set(entra(cliente, url).context["adminform"].form.fields)
    assert campos == {"estado", "fecha_inicio_real", "fecha_fin_real"}
    editar_en_admin(
        cliente,
        url,
        estado="en_proceso",
        fecha_inicio_real="2024-01-10",
        fecha_fin_planeada="2035-12-31",  # forjado: la línea base no se mueve
    )
    hito.refresh_from_db()
    assert hito.estado == "en_proceso" and hito.fecha_inicio_real == dt.date(2024, 1, 10)
    assert hito.fecha_fin_planeada == dt.date(2030, 1, 1)
    prohibido(cliente, f"/admin/stgao/hito/{hito.pk}/revisar-linea-base/")
    ajeno = m["compromiso_ajeno"].hitos.get()
    no_lo_encuentra(cliente, admin_url("stgao.hito", "change", ajeno.pk))
    from django.core.files.uploadedfile import SimpleUploadedFile

    respuesta = cliente.post(
        admin_url("stgao.evidencia", "add"),
        {
            "hito": str(hito.pk),
            "descripcion": "Minuta firmada",
            "archivo": SimpleUploadedFile("minuta.pdf", PDF, "application/pdf"),
            "fecha": "2024-01-11",
        },
    )
    assert respuesta.status_code == 302, respuesta.context["adminform"].form.errors
    assert Evidencia.objects.filter(hito=hito, descripcion="Minuta firmada").exists()
    respuesta = cliente.post(
        admin_url("stgao.evidencia", "add"),
        {"hito": str(ajeno.pk), "descripcion": "Intrusa", "enlace": "https://x.mx/"},
    )
    assert respuesta.status_code == 200  # el hito ajeno no es una opción válida
    assert not Evidencia.objects.filter(descripcion="Intrusa").exists()
    prohibido(cliente, f"/admin/stgao/planaccionlocal/{m['plan'].pk}/importar-hitos/")
    prohibido(cliente, admin_url("stgao.hito", "delete", hito.pk))


def _compromisos_captura(cliente, m):
    entra(cliente, admin_url("stgao.compromiso", "add"))
    entra(cliente, admin_url("stgao.hito", "add"))
    entra(cliente, admin_url("stgao.evidencia", "add"))
    entra(cliente, f"/admin/stgao/planaccionlocal/{m['plan'].pk}/importar-hitos/")


def _revisa_linea_base(cliente, m):
    """La DGA cambia fechas planeadas ya publicadas sólo con motivo."""
    hito = m["compromiso_propio"].hitos.get()
    url = f"/admin/stgao/hito/{hito.pk}/revisar-linea-base/"
    entra(cliente, url)
    assert cliente.post(url, {"fecha_fin_planeada": "2030-06-30"}).status_code == 200
    hito.refresh_from_db()
    assert hito.fecha_fin_planeada == dt.date(2030, 1, 1)
    datos = {"fecha_fin_planeada": "2030-06-30", "motivo": "Se amplió el plazo en sesión."}
    assert cliente.post(url, datos).status_code == 302
    hito.refresh_from_db()
    assert hito.fecha_fin_original == dt.date(2030, 1, 1)
    assert hito.fecha_fin_planeada == dt.date(2030, 6, 30)


def compromisos_personal(cliente, m):
    _compromisos_captura(cliente, m)
    _revisa_linea_base(cliente, m)
    compromiso = m["compromiso_borrador"]
    url = admin_url("stgao.compromiso", "change", compromiso.pk)
    assert not campo_editable(cliente, url, "publicado")
    editar_en_admin(cliente, url, publicado=True)  # forjado: la casilla no es del formulario
    compromiso.refresh_from_db()
    assert not compromiso.publicado
    prohibido(cliente, admin_url("stgao.compromiso", "delete", compromiso.pk))
    hito = compromiso.hitos.get()
    prohibido(cliente, admin_url("stgao.hito", "delete", hito.pk), "post", {"post": "yes"})
    assert Hito.objects.filter(pk=hito.pk).exists()


def compromisos_publica_elimina(cliente, m):
    _compromisos_captura(cliente, m)
    _revisa_linea_base(cliente, m)
    compromiso = m["compromiso_borrador"]
    editar_en_admin(cliente, admin_url("stgao.compromiso", "change", compromiso.pk), publicado=True)
    compromiso.refresh_from_db()
    assert compromiso.publicado
    hito = compromiso.hitos.get()
    borrar_en_admin(cliente, "stgao.hito", hito.pk)
    assert not Hito.objects.filter(pk=hito.pk).exists()


def compromisos_consejo(cliente, m):
    for modelo in ["stgao.compromiso", "stgao.hito", "stgao.evidencia"]:
        entra(cliente, admin_url(modelo))
        prohibido(cliente, admin_url(modelo, "add"))
    lista = entra(cliente, admin_url("stgao.compromiso")).content.decode()
    assert "Compromiso ajeno" in lista and "Compromiso propio" in lista
    hito = m["compromiso_propio"].hitos.get()
    url = admin_url("stgao.hito", "change", hito.pk)
    prohibido(cliente, url, "post", {"estado": "en_proceso"})
    prohibido(cliente, f"/admin/stgao/planaccionlocal/{m['plan'].pk}/importar-hitos/")
    prohibido(cliente, f"/admin/stgao/hito/{hito.pk}/revisar-linea-base/")


# ── Fila 6: listados de interés público ───────────────────────────────────────────────


def listados_anonimo(cliente, m):
    al_login(cliente, "/interes-publico/mis-listados/")
    al_login(cliente, f"/interes-publico/mis-listados/{m['listado_borrador'].pk}/enviar/", "post")
    al_login(cliente, admin_url("cocreacion.listado"))
    al_login(cliente, f"/admin/cocreacion/dictamen/{m['dictamen_borrador'].pk}/aprobar/", "post")


def listados_enlace(cliente, m):
    listado = m["listado_borrador"]
    elemento = listado.elementos.first()
    url = f"/interes-publico/mis-listados/{listado.pk}/elementos/{elemento.pk}/"
    formulario = entra(cliente, url).context["formulario"]
    datos = {k: v for k, v in formulario.initial.items() if v is not None}
    datos["titulo"] = "Título capturado por el enlace"
    respuesta = cliente.post(url, datos)
    assert respuesta.status_code == 302, respuesta.context["formulario"].errors
    elemento.refresh_from_db()
    assert elemento.titulo == "Título capturado por el enlace"
    cliente.post(f"/interes-publico/mis-listados/{listado.pk}/enviar/", {"confirmado": "si"})
    listado.refresh_from_db()
    assert listado.estado == EstadoListado.ENVIADO
    # Enviado, ya no lo edita.
    cliente.post(url, {**datos, "titulo": "Cambio tardío"})
    elemento.refresh_from_db()
    assert elemento.titulo == "Título capturado por el enlace"
    # Su dictamen aprobado sí; el proyecto ajeno no; no revisa, no aprueba, no publica.
    entra(cliente, admin_url("cocreacion.dictamen", "change", m["dictamen_aprobado"].pk))
    no_lo_encuentra(cliente, admin_url("cocreacion.dictamen", "change", m["dictamen_borrador"].pk))
    transicion(cliente, listado, "iniciar_revision")
    listado.refresh_from_db()
    assert listado.estado == EstadoListado.ENVIADO
    prohibido(cliente, f"/admin/cocreacion/dictamen/{m['dictamen_aprobado'].pk}/aprobar/")
    transicion(cliente, m["listado_aprobado"], "publicar")
    m["listado_aprobado"].refresh_from_db()
    assert m["listado_aprobado"].estado == EstadoListado.APROBADO


def _enviado(m):
    from cocreacion.listados import services as services_listados

    listado = m["listado_borrador"]
    services_listados.listado_enviar(listado=listado, actor=m["usuarios"]["enlace"])
    return listado


def _revisa_y_dictamina(cliente, m):
    listado = _enviado(m)
    transicion(cliente, listado, "iniciar_revision")
    listado.refresh_from_db()
    assert listado.estado == EstadoListado.EN_REVISION
    for elemento in listado.elementos.all():
        from cocreacion.listados import services as services_listados

        services_listados.elemento_revisar(
            elemento=elemento,
            resolucion="procedente",
            fundamentacion="Artículo 37.",
            actor=m["usuarios"]["personal_dga"],
        )
    transicion(cliente, listado, "dictaminar")
    listado.refresh_from_db()
    assert listado.estado == EstadoListado.DICTAMINADO
    # Un enlace no captura por la DGA: el personal no entra a «mis listados».
    prohibido(cliente, "/interes-publico/mis-listados/")


def listados_personal(cliente, m):
    _revisa_y_dictamina(cliente, m)
    prohibido(cliente, f"/admin/cocreacion/dictamen/{m['dictamen_borrador'].pk}/aprobar/")
    aprobar(cliente, m["dictamen_borrador"])
    assert not Dictamen.objects.get(pk=m["dictamen_borrador"].pk).aprobado
    transicion(cliente, m["listado_aprobado"], "publicar")
    m["listado_aprobado"].refresh_from_db()
    assert m["listado_aprobado"].estado == EstadoListado.APROBADO


def listados_coordinacion(cliente, m):
    """Además publica y aprueba."""
    _revisa_y_dictamina(cliente, m)
    assert aprobar(cliente, m["dictamen_borrador"]).status_code == 302
    assert Dictamen.objects.get(pk=m["dictamen_borrador"].pk).aprobado
    transicion(cliente, m["listado_aprobado"], "publicar")
    m["listado_aprobado"].refresh_from_db()
    assert m["listado_aprobado"].estado == EstadoListado.PUBLICADO


def listados_consejo(cliente, m):
    """Ve todo y registra la aprobación; no revisa, no dictamina, no publica."""
    entra(cliente, admin_url("cocreacion.listado"))
    entra(cliente, admin_url("cocreacion.listado", "change", m["listado_ajeno"].pk))
    listado = _enviado(m)
    transicion(cliente, listado, "iniciar_revision")
    listado.refresh_from_db()
    assert listado.estado == EstadoListado.ENVIADO
    assert aprobar(cliente, m["dictamen_borrador"]).status_code == 302
    dictamen = Dictamen.objects.get(pk=m["dictamen_borrador"].pk)
    assert dictamen.aprobado and dictamen.aprobado_por == m["usuarios"]["consejo_general"]
    transicion(cliente, m["listado_aprobado"], "publicar")
    m["listado_aprobado"].refresh_from_db()
    assert m["listado_aprobado"].estado == EstadoListado.APROBADO


def listados_superusuario(cliente, m):
    listados_coordinacion(cliente, m)


# ── Fila 7: Métrica de Gobierno Abierto ────────────────────────────────────────────────


def _metrica_sin_acceso(cliente, m, negar):
    negar(cliente, admin_url("metricas.edicion"))
    negar(cliente, admin_url("metricas.resultado"))
    negar(cliente, admin_url("metricas.edicion", "change", m["edicion_borrador"].pk))
    negar(cliente, "/admin/metricas/resultado/importar-archivo/")


def metrica_anonimo(cliente, m):
    _metrica_sin_acceso(cliente, m, al_login)


def metrica_enlace(cliente, m):
    _metrica_sin_acceso(cliente, m, prohibido)


def _metrica_captura(cliente, m):
    entra(cliente, admin_url("metricas.indicadorreferencia", "add"))
    entra(cliente, admin_url("metricas.edicion", "add"))
    entra(cliente, admin_url("metricas.resultado", "add"))
    entra(cliente, "/admin/metricas/resultado/importar-archivo/")


def metrica_personal(cliente, m):
    _metrica_captura(cliente, m)
    edicion = m["edicion_borrador"]
    assert not campo_editable(
        cliente, admin_url("metricas.edicion", "change", edicion.pk), "publicada"
    )
    prohibido(cliente, admin_url("metricas.edicion", "delete", edicion.pk), "post", {"post": "yes"})
    assert Edicion.objects.filter(pk=edicion.pk).exists()
    # Ni las ediciones ni los indicadores de referencia se publican con un POST forjado.
    url = admin_url("metricas.edicion", "change", edicion.pk)
    editar_en_admin(cliente, url, publicada=True)
    edicion.refresh_from_db()
    assert not edicion.publicada
    indicador = m["indicador_borrador"]
    url = admin_url("metricas.indicadorreferencia", "change", indicador.pk)
    assert not campo_editable(cliente, url, "publicado")
    editar_en_admin(cliente, url, publicado=True, autor="Otra autoría")
    indicador.refresh_from_db()
    assert not indicador.publicado and indicador.autor == "Otra autoría"


def metrica_publica_elimina(cliente, m):
    _metrica_captura(cliente, m)
    edicion = m["edicion_borrador"]
    editar_en_admin(cliente, admin_url("metricas.edicion", "change", edicion.pk), publicada=True)
    edicion.refresh_from_db()
    assert edicion.publicada
    assert cliente.get("/metricas/2019/").status_code == 200
    indicador = m["indicador_borrador"]
    url = admin_url("metricas.indicadorreferencia", "change", indicador.pk)
    editar_en_admin(cliente, url, publicado=True)
    indicador.refresh_from_db()
    assert indicador.publicado
    borrar_en_admin(cliente, "metricas.edicion", edicion.pk)
    assert not Edicion.objects.filter(pk=edicion.pk).exists()


def metrica_consejo(cliente, m):
    entra(cliente, admin_url("metricas.edicion"))
    entra(cliente, admin_url("metricas.resultado"))
    prohibido(cliente, admin_url("metricas.edicion", "add"))
    prohibido(cliente, "/admin/metricas/resultado/importar-archivo/")
    edicion = m["edicion_borrador"]
    prohibido(
        cliente, admin_url("metricas.edicion", "change", edicion.pk), "post", {"publicada": "on"}
    )
    edicion.refresh_from_db()
    assert not edicion.publicada


# ── Fila 8: catálogos e institución ────────────────────────────────────────────────────

CATALOGOS = [
    "cocreacion.sujetoobligado",
    "cocreacion.municipio",
    "cocreacion.organizacion",
    "cocreacion.objetivodesarrollosostenible",
    "cocreacion.disposicion",
    "cocreacion.institucion",
]


def catalogos_anonimo(cliente, m):
    for modelo in CATALOGOS:
        al_login(cliente, admin_url(modelo))


def catalogos_enlace(cliente, m):
    entra(cliente, admin_url("cocreacion.sujetoobligado"))
    url = admin_url("cocreacion.sujetoobligado", "change", m["sujeto"].pk)
    assert not entra(cliente, url).context["has_change_permission"]
    prohibido(cliente, url, "post", {"nombre": "Cambio del enlace"})
    assert SujetoObligado.objects.get(pk=m["sujeto"].pk).nombre != "Cambio del enlace"
    for modelo in CATALOGOS[1:]:
        prohibido(cliente, admin_url(modelo))


def _catalogos_edita(cliente, m):
    for modelo in CATALOGOS[:-1]:
        entra(cliente, admin_url(modelo, "add"))
    organizacion = m["organizacion"]
    editar_en_admin(
        cliente, admin_url("cocreacion.organizacion", "change", organizacion.pk), siglas="CDP"
    )
    organizacion.refresh_from_db()
    assert organizacion.siglas == "CDP"
    institucion = Institucion.objects.actual()
    editar_en_admin(
        cliente, admin_url("cocreacion.institucion", "change", institucion.pk), telefonos="951 1"
    )
    institucion.refresh_from_db()
    assert institucion.telefonos == "951 1"


def catalogos_personal(cliente, m):
    _catalogos_edita(cliente, m)
    organizacion = m["organizacion"]
    prohibido(
        cliente,
        admin_url("cocreacion.organizacion", "delete", organizacion.pk),
        "post",
        {"post": "yes"},
    )
    assert Organizacion.objects.filter(pk=organizacion.pk).exists()


def catalogos_coordinacion(cliente, m):
    _catalogos_edita(cliente, m)
    borrar_en_admin(cliente, "cocreacion.organizacion", m["organizacion"].pk)
    assert not Organizacion.objects.filter(pk=m["organizacion"].pk).exists()


def catalogos_consejo(cliente, m):
    for modelo in CATALOGOS:
        entra(cliente, admin_url(modelo))
    for modelo in CATALOGOS[:-1]:
        prohibido(cliente, admin_url(modelo, "add"))
    url = admin_url("cocreacion.organizacion", "change", m["organizacion"].pk)
    prohibido(cliente, url, "post", {"siglas": "XX"})


# ── Fila 9: usuarios, grupos y enlaces ─────────────────────────────────────────────────

CUENTAS = ["auth.user", "auth.group", "cocreacion.enlace"]


def cuentas_anonimo(cliente, m):
    for modelo in CUENTAS:
        al_login(cliente, admin_url(modelo))


def cuentas_no(cliente, m):
    for modelo in CUENTAS:
        prohibido(cliente, admin_url(modelo))
        prohibido(cliente, admin_url(modelo, "add"))
    enlace = m["usuarios"]["enlace"].enlace
    prohibido(
        cliente,
        admin_url("cocreacion.enlace", "change", enlace.pk),
        "post",
        {"usuario": enlace.usuario_id, "sujeto_obligado": m["otro_sujeto"].pk, "activo": "on"},
    )
    enlace.refresh_from_db()
    assert enlace.sujeto_obligado == m["sujeto"]


def cuentas_superusuario(cliente, m):
    for modelo in CUENTAS:
        entra(cliente, admin_url(modelo))
        entra(cliente, admin_url(modelo, "add"))
    enlace = m["usuarios"]["enlace"].enlace
    editar_en_admin(
        cliente,
        admin_url("cocreacion.enlace", "change", enlace.pk),
        sujeto_obligado=str(m["otro_sujeto"].pk),
    )
    enlace.refresh_from_db()
    assert enlace.sujeto_obligado == m["otro_sujeto"]
    usuario = get_user_model().objects.create_user("temporal", password=None)
    borrar_en_admin(cliente, "auth.user", usuario.pk)
    assert not get_user_model().objects.filter(pk=usuario.pk).exists()


# ── La tabla ───────────────────────────────────────────────────────────────────────────

MATRIZ = {
    "publicas": {
        "anonimo": publicas_ver,
        "enlace": publicas_ver,
        **dict.fromkeys(
            ["personal_dga", "coordinacion_dga", "consejo_general", "superusuario"],
            functools.partial(publicas_ver, vista_previa=True),
        ),
    },
    "borradores": {
        "anonimo": borradores_anonimo,
        "enlace": borradores_enlace,
        "personal_dga": borradores_ver_y_editar,
        "coordinacion_dga": borradores_ver_y_editar,
        "consejo_general": borradores_consejo,
        "superusuario": borradores_ver_y_editar,
    },
    "programa": {
        "anonimo": programa_anonimo,
        "enlace": programa_enlace,
        "personal_dga": programa_personal,
        "coordinacion_dga": programa_publica_cierra_elimina,
        "consejo_general": programa_consejo,
        "superusuario": programa_publica_cierra_elimina,
    },
    "secretariado": {
        "anonimo": secretariado_anonimo,
        "enlace": secretariado_enlace,
        "personal_dga": secretariado_personal,
        "coordinacion_dga": secretariado_publica_elimina,
        "consejo_general": secretariado_consejo,
        "superusuario": secretariado_publica_elimina,
    },
    "compromisos": {
        "anonimo": compromisos_anonimo,
        "enlace": compromisos_enlace,
        "personal_dga": compromisos_personal,
        "coordinacion_dga": compromisos_publica_elimina,
        "consejo_general": compromisos_consejo,
        "superusuario": compromisos_publica_elimina,
    },
    "listados": {
        "anonimo": listados_anonimo,
        "enlace": listados_enlace,
        "personal_dga": listados_personal,
        "coordinacion_dga": listados_coordinacion,
        "consejo_general": listados_consejo,
        "superusuario": listados_superusuario,
    },
    "metrica": {
        "anonimo": metrica_anonimo,
        "enlace": metrica_enlace,
        "personal_dga": metrica_personal,
        "coordinacion_dga": metrica_publica_elimina,
        "consejo_general": metrica_consejo,
        "superusuario": metrica_publica_elimina,
    },
    "catalogos": {
        "anonimo": catalogos_anonimo,
        "enlace": catalogos_enlace,
        "personal_dga": catalogos_personal,
        "coordinacion_dga": catalogos_coordinacion,
        "consejo_general": catalogos_consejo,
        "superusuario": catalogos_coordinacion,
    },
    "cuentas": {
        "anonimo": cuentas_anonimo,
        "enlace": cuentas_no,
        "personal_dga": cuentas_no,
        "coordinacion_dga": cuentas_no,
        "consejo_general": cuentas_no,
        "superusuario": cuentas_superusuario,
    },
}

CELDAS = [
    pytest.param(fila, rol, id=f"{fila}-{rol}") for fila, por_rol in MATRIZ.items() for rol in ROLES
]


def test_la_matriz_cubre_la_tabla_del_readme():
    """Nueve filas (las de la tabla) por seis roles: ninguna celda sin prueba."""
    assert len(MATRIZ) == 9
    assert all(set(por_rol) == set(ROLES) for por_rol in MATRIZ.values())


@pytest.mark.parametrize(("fila", "rol"), CELDAS)
def test_celda(fila, rol, cliente, mundo):
    MATRIZ[fila][rol](cliente, mundo)
