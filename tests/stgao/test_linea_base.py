"""Línea base congelada y hitos por sujeto responsable: en el servicio, el admin y la importación.

Una vez publicado el compromiso (o su plan), sus fechas planeadas son la línea base: los enlaces
reportan sólo estado, fechas reales y evidencias; cambiar las planeadas es una revisión de la
DGA con motivo, que la página pública muestra junto a las originales. Un enlace de un sujeto
corresponsable sólo reporta los hitos que nombran a su sujeto.
"""

import csv
import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from cocreacion.comun.importacion import ErrorDeImportacion
from stgao import services
from stgao.importacion import exportar_hitos, importar_hitos
from stgao.models import Compromiso, Hito, PlanAccionLocal

pytestmark = pytest.mark.django_db

PLANEADA = dt.date(2030, 1, 1)


@pytest.fixture
def escenario(crear_compromiso, sujeto_obligado, otro_sujeto_obligado, crear_enlace):
    """Un compromiso publicado que lidera ``sujeto_obligado`` con ``otro_sujeto_obligado`` como
    corresponsable: el hito 1 no nombra responsable (es del líder), el 2 es del corresponsable."""
    compromiso = crear_compromiso("Compromiso compartido", hitos=2)
    compromiso.responsables.add(otro_sujeto_obligado)
    del_corresponsable = compromiso.hitos.get(numero=2)
    del_corresponsable.responsable = otro_sujeto_obligado
    del_corresponsable.save()
    return {
        "compromiso": compromiso,
        "del_lider": compromiso.hitos.get(numero=1),
        "del_corresponsable": del_corresponsable,
        "enlace_lider": crear_enlace(sujeto_obligado, "enlace_lider"),
        "enlace_corresponsable": crear_enlace(otro_sujeto_obligado, "enlace_corresponsable"),
    }


def _csv(plan, cambiar) -> bytes:
    filas = list(csv.DictReader(io.StringIO(exportar_hitos(plan, "csv").decode("utf-8-sig"))))
    cambiar(filas)
    salida = io.StringIO()
    escritor = csv.DictWriter(salida, fieldnames=list(filas[0]))
    escritor.writeheader()
    escritor.writerows(filas)
    return salida.getvalue().encode("utf-8")


# ── Servicio ────────────────────────────────────────────────────────────────────────────


def test_enlace_no_mueve_fechas_planeadas_de_un_compromiso_publicado(escenario):
    hito = escenario["del_lider"]
    hito.fecha_fin_planeada = dt.date(2035, 1, 1)
    with pytest.raises(ValidationError) as error:
        services.hito_guardar(hito=hito, actor=escenario["enlace_lider"])
    assert "fecha_fin_planeada" in error.value.message_dict
    hito.refresh_from_db()
    assert hito.fecha_fin_planeada == PLANEADA
    # Reportar estado y fechas reales sí puede.
    services.hito_reportar_avance(
        hito=hito,
        estado="en_proceso",
        fecha_inicio_real=dt.date(2024, 2, 1),
        actor=escenario["enlace_lider"],
    )
    hito.refresh_from_db()
    assert hito.estado == "en_proceso" and hito.fecha_fin_planeada == PLANEADA


def test_la_dga_tampoco_mueve_la_linea_base_sin_motivo(escenario, usuario_personal):
    hito = escenario["del_lider"]
    hito.fecha_fin_planeada = dt.date(2035, 1, 1)
    with pytest.raises(ValidationError):
        services.hito_guardar(hito=hito, actor=usuario_personal)
    with pytest.raises(ValidationError, match="motivo"):
        services.hito_revisar_linea_base(
            hito=hito, fecha_fin_planeada=dt.date(2035, 1, 1), motivo="  ", actor=usuario_personal
        )
    assert Hito.objects.get(pk=hito.pk).fecha_fin_planeada == PLANEADA


def test_en_borrador_las_fechas_planeadas_se_editan_sin_revision(
    crear_compromiso, crear_enlace, sujeto_obligado, usuario_personal
):
    plan = PlanAccionLocal.objects.create(
        nombre="Plan en cocreación", slug="en-cocreacion", anio_inicio=2031, anio_fin=2032
    )
    compromiso = crear_compromiso("En cocreación", publicado=False, plan_=plan, hitos=1)
    assert not compromiso.linea_base_congelada()
    hito = compromiso.hitos.get()
    hito.fecha_fin_planeada = dt.date(2031, 6, 30)
    services.hito_guardar(hito=hito, actor=crear_enlace(sujeto_obligado))
    assert Hito.objects.get(pk=hito.pk).fecha_fin_planeada == dt.date(2031, 6, 30)
    with pytest.raises(ValidationError, match="aún no se publica"):
        services.hito_revisar_linea_base(
            hito=hito, fecha_fin_planeada=dt.date(2031, 7, 1), motivo="x", actor=usuario_personal
        )


def test_retirar_la_publicacion_no_descongela(escenario, usuario_coordinacion):
    compromiso = escenario["compromiso"]
    services.compromiso_publicar(compromiso=compromiso, actor=usuario_coordinacion, publicado=False)
    plan = compromiso.plan
    plan.publicado = False
    services.plan_guardar(plan=plan, actor=usuario_coordinacion)
    assert Compromiso.objects.get(pk=compromiso.pk).linea_base_congelada()


def test_la_dga_revisa_con_motivo_y_la_pagina_muestra_original_y_revisada(
    client, escenario, usuario_personal, usuario_coordinacion
):
    hito = escenario["del_lider"]
    with pytest.raises(PermissionDenied):
        services.hito_revisar_linea_base(
            hito=hito,
            fecha_fin_planeada=dt.date(2030, 9, 30),
            motivo="Quiero más tiempo.",
            actor=escenario["enlace_lider"],
        )
    services.hito_revisar_linea_base(
        hito=hito,
        fecha_inicio_planeada=dt.date(2030, 2, 1),
        fecha_fin_planeada=dt.date(2030, 9, 30),
        motivo="El Congreso aprobó el presupuesto con tres meses de retraso.",
        actor=usuario_personal,
    )
    hito.refresh_from_db()
    assert (hito.fecha_inicio_original, hito.fecha_fin_original) == (None, PLANEADA)
    assert hito.fecha_fin_planeada == dt.date(2030, 9, 30)
    version = hito.history.first()
    assert version.history_user == usuario_personal
    assert version.history_change_reason.startswith("Revisión de la línea base: El Congreso")
    # Una segunda revisión conserva la línea base original.
    services.hito_revisar_linea_base(
        hito=hito,
        fecha_inicio_planeada=dt.date(2030, 2, 1),
        fecha_fin_planeada=dt.date(2030, 12, 15),
        motivo="Cambio de administración municipal.",
        actor=usuario_coordinacion,
    )
    hito.refresh_from_db()
    assert hito.fecha_fin_original == PLANEADA and hito.fecha_fin_planeada == dt.date(2030, 12, 15)

    compromiso = escenario["compromiso"]
    html = client.get(compromiso.get_absolute_url()).content.decode()
    assert "Planeado originalmente" in html and "01/01/2030" in html
    assert "Planeado (revisado)" in html and "15/12/2030" in html
    assert "Motivo: Cambio de administración municipal." in html
    historial = client.get(f"/compromisos/{compromiso.slug}/historial/").content.decode()
    assert "2030-01-01 → 2030-09-30" in historial
    assert "El Congreso aprobó el presupuesto" in historial
    assert "Cambio de administración municipal." in historial


# ── Sujeto responsable del hito ────────────────────────────────────────────────────────


def test_corresponsable_solo_reporta_los_hitos_de_su_sujeto(escenario):
    enlace = escenario["enlace_corresponsable"]
    with pytest.raises(PermissionDenied):
        services.hito_reportar_avance(
            hito=escenario["del_lider"],
            estado="completado",
            fecha_fin_real=dt.date(2024, 3, 1),
            actor=enlace,
        )
    with pytest.raises(PermissionDenied):
        services.evidencia_agregar(
            hito=escenario["del_lider"],
            descripcion="Intrusa",
            enlace="https://example.org/",
            actor=enlace,
        )
    services.hito_reportar_avance(
        hito=escenario["del_corresponsable"],
        estado="completado",
        fecha_fin_real=dt.date(2024, 3, 1),
        actor=enlace,
    )
    assert Hito.objects.get(pk=escenario["del_lider"].pk).estado == "pendiente"
    assert Hito.objects.get(pk=escenario["del_corresponsable"].pk).estado == "completado"
    # Y el líder no reporta el hito que se asignó al corresponsable.
    with pytest.raises(PermissionDenied):
        services.hito_reportar_avance(
            hito=escenario["del_corresponsable"],
            estado="pendiente",
            actor=escenario["enlace_lider"],
        )


def test_el_responsable_del_hito_queda_entre_los_del_compromiso(
    client, escenario, usuario_personal, crear_enlace
):
    from tests.stgao.conftest import sujeto

    nuevo = sujeto("Sujeto que se suma")
    hito = escenario["del_lider"]
    hito.responsable = nuevo
    services.hito_guardar(hito=hito, actor=usuario_personal)
    assert escenario["compromiso"].responsables.filter(pk=nuevo.pk).exists()
    # Su enlace lo ve y lo reporta; el del líder ya no.
    enlace = crear_enlace(nuevo, "enlace_nuevo")
    client.force_login(enlace)
    assert client.get(f"/admin/stgao/hito/{hito.pk}/change/").context["has_change_permission"]
    services.hito_reportar_avance(hito=hito, estado="en_proceso", actor=enlace)
    with pytest.raises(PermissionDenied):
        services.hito_reportar_avance(
            hito=hito, estado="pendiente", actor=escenario["enlace_lider"]
        )


def test_admin_corresponsable_ve_pero_no_completa_el_hito_del_lider(client, escenario):
    client.force_login(escenario["enlace_corresponsable"])
    ajeno = escenario["del_lider"]
    respuesta = client.get(f"/admin/stgao/hito/{ajeno.pk}/change/")
    assert respuesta.status_code == 200 and not respuesta.context["has_change_permission"]
    respuesta = client.post(
        f"/admin/stgao/hito/{ajeno.pk}/change/",
        {
            "estado": "completado",
            "fecha_fin_real": "2024-03-01",
            "evidencias-TOTAL_FORMS": "0",
            "evidencias-INITIAL_FORMS": "0",
        },
    )
    assert respuesta.status_code == 403
    assert Hito.objects.get(pk=ajeno.pk).estado == "pendiente"
    html = client.get("/admin/stgao/evidencia/add/").content.decode()
    propio = escenario["del_corresponsable"]
    assert f'value="{propio.pk}"' in html and f'value="{ajeno.pk}"' not in html


def test_admin_enlace_no_ve_campos_de_linea_base_y_un_post_forjado_no_los_mueve(client, escenario):
    client.force_login(escenario["enlace_lider"])
    hito = escenario["del_lider"]
    url = f"/admin/stgao/hito/{hito.pk}/change/"
    campos = set(client.get(url).context["adminform"].form.fields)
    assert campos == {"estado", "fecha_inicio_real", "fecha_fin_real"}
    respuesta = client.post(
        url,
        {
            "estado": "en_proceso",
            "fecha_inicio_real": "2024-01-10",
            "fecha_inicio_planeada": "2034-01-01",
            "fecha_fin_planeada": "2035-01-01",
            "evidencias-TOTAL_FORMS": "0",
            "evidencias-INITIAL_FORMS": "0",
        },
    )
    assert respuesta.status_code == 302
    hito.refresh_from_db()
    assert hito.estado == "en_proceso"
    assert (hito.fecha_inicio_planeada, hito.fecha_fin_planeada) == (None, PLANEADA)


def test_admin_dga_ve_la_linea_base_fija_en_el_compromiso_y_el_hito(
    client, escenario, usuario_personal
):
    client.force_login(usuario_personal)
    compromiso = escenario["compromiso"]
    respuesta = client.get(f"/admin/stgao/compromiso/{compromiso.pk}/change/")
    formset = respuesta.context["inline_admin_formsets"][0].formset
    assert all(f.fields["fecha_fin_planeada"].disabled for f in formset.initial_forms)
    assert not formset.empty_form.fields["fecha_fin_planeada"].disabled  # hitos nuevos sí
    hito = escenario["del_lider"]
    respuesta = client.get(f"/admin/stgao/hito/{hito.pk}/change/")
    assert "fecha_fin_planeada" not in respuesta.context["adminform"].form.fields
    assert f"/admin/stgao/hito/{hito.pk}/revisar-linea-base/" in respuesta.content.decode()


def test_coordinacion_publica_y_captura_fechas_en_el_mismo_envio(
    client, crear_compromiso, usuario_coordinacion
):
    """Publicar se aplica al final: las fechas del mismo envío son la línea base publicada."""
    from tests.cocreacion.test_matriz_de_permisos import datos_de_formulario

    plan = PlanAccionLocal.objects.create(
        nombre="Plan por publicar", slug="por-publicar", anio_inicio=2031, anio_fin=2032
    )
    compromiso = crear_compromiso("Por publicar", publicado=False, plan_=plan, hitos=1)
    client.force_login(usuario_coordinacion)
    url = f"/admin/stgao/compromiso/{compromiso.pk}/change/"
    datos = datos_de_formulario(client.get(url))
    datos["publicado"] = "on"
    datos["hitos-0-fecha_fin_planeada"] = "2031-03-31"
    respuesta = client.post(url, datos)
    assert respuesta.status_code == 302
    compromiso.refresh_from_db()
    assert compromiso.publicado
    hito = compromiso.hitos.get()
    assert hito.fecha_fin_planeada == dt.date(2031, 3, 31) and not hito.linea_base_revisada
    assert compromiso.linea_base_congelada()


# ── Importación de hitos (ida y vuelta) ────────────────────────────────────────────────


def test_ida_y_vuelta_sin_cambios_no_toca_la_linea_base(escenario, plan, usuario_personal):
    resumen = importar_hitos(
        plan=plan, archivo=_csv(plan, lambda f: None), nombre="h.csv", actor=usuario_personal
    )
    assert len(resumen.cambiados) == 0


def test_importacion_no_mueve_fechas_planeadas_ni_para_la_dga(escenario, plan, usuario_personal):
    hito = escenario["del_lider"]

    def cambiar(filas):
        fila = next(f for f in filas if f["id"] == str(hito.pk))
        fila["término planeado"] = "2035-01-01"
        fila["estado"] = "En proceso"

    with pytest.raises(ErrorDeImportacion) as error:
        importar_hitos(
            plan=plan, archivo=_csv(plan, cambiar), nombre="h.csv", actor=usuario_personal
        )
    mensajes = [str(e) for e in error.value.errores]
    assert any("columna «término planeado»" in m and "línea base" in m for m in mensajes)
    hito.refresh_from_db()
    assert hito.fecha_fin_planeada == PLANEADA and hito.estado == "pendiente"


def test_importacion_del_enlace_solo_sus_hitos_y_sin_linea_base(escenario, plan):
    enlace = escenario["enlace_corresponsable"]
    propio, ajeno = escenario["del_corresponsable"], escenario["del_lider"]

    def ajena(filas):
        fila = next(f for f in filas if f["id"] == str(ajeno.pk))
        fila["estado"] = "Completado"
        fila["término real"] = "2024-03-01"

    with pytest.raises(ErrorDeImportacion) as error:
        importar_hitos(plan=plan, archivo=_csv(plan, ajena), nombre="h.csv", actor=enlace)
    assert any("columna «id»" in str(e) for e in error.value.errores)
    assert Hito.objects.get(pk=ajeno.pk).estado == "pendiente"

    def propia_con_planeada(filas):
        fila = next(f for f in filas if f["id"] == str(propio.pk))
        fila["estado"] = "Completado"
        fila["término real"] = "2024-03-01"
        fila["inicio planeado"] = "2029-01-01"

    with pytest.raises(ErrorDeImportacion, match="inicio planeado"):
        importar_hitos(
            plan=plan, archivo=_csv(plan, propia_con_planeada), nombre="h.csv", actor=enlace
        )
    assert Hito.objects.get(pk=propio.pk).estado == "pendiente"

    def propia(filas):
        fila = next(f for f in filas if f["id"] == str(propio.pk))
        fila["estado"] = "Completado"
        fila["término real"] = "2024-03-01"

    resumen = importar_hitos(plan=plan, archivo=_csv(plan, propia), nombre="h.csv", actor=enlace)
    assert len(resumen.cambiados) == 1
    assert Hito.objects.get(pk=propio.pk).history.first().history_user == enlace
