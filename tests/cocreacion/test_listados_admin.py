# ruff: noqa: F811
"""Admin: sólo se ofrecen transiciones legales; revisión y aprobación pasan por los servicios."""

import io
import re

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from cocreacion.models import Dictamen, EstadoListado, Listado, PeriodoListado
from cocreacion.portal.datos_abiertos import conjuntos, csv_en_flujo
from tests.cocreacion.test_listados_apoyo import (  # noqa: F401
    RUTAS,
    abierto,
    crear_periodo,
    elementos,
    enlace,
    listado,
    listado_ajeno,
    llevar_a,
    otro_enlace,
    periodo,
)

pytestmark = [pytest.mark.django_db, pytest.mark.urls(RUTAS)]


def test_admin_ofrece_solo_transiciones_legales_por_rol(
    client, listado, enlace, usuario_personal, usuario_coordinacion, usuario_consejo
):
    url = f"/admin/cocreacion/listado/{listado.pk}/change/"
    llevar_a(listado, "enviado", enlace=enlace, analista=usuario_personal)
    client.force_login(usuario_personal)
    html = client.get(url).content.decode()
    assert "Iniciar revisión" in html and "Devolver para corrección" in html
    assert "Generar dictamen" not in html and "Publicar" not in html
    client.force_login(usuario_consejo)
    html = client.get(url).content.decode()
    assert client.get(url).status_code == 200
    assert "Iniciar revisión" not in html and "Acciones disponibles" not in html
    # Una transición ilegal pedida a mano se rechaza con mensaje claro.
    respuesta = client.post(
        f"/admin/cocreacion/listado/{listado.pk}/transicion/dictaminar/", follow=True
    )
    assert "No se puede dictaminar el listado" in respuesta.content.decode()
    client.force_login(usuario_personal)
    respuesta = client.post(
        f"/admin/cocreacion/listado/{listado.pk}/transicion/publicar/", follow=True
    )
    assert "está «Enviado»" in respuesta.content.decode()
    listado.refresh_from_db()
    assert listado.estado == EstadoListado.ENVIADO


def test_flujo_completo_en_el_admin(
    client, listado, enlace, usuario_personal, usuario_coordinacion, usuario_consejo
):
    llevar_a(listado, "enviado", enlace=enlace, analista=usuario_personal)
    client.force_login(usuario_personal)
    base = f"/admin/cocreacion/listado/{listado.pk}/"
    client.post(f"{base}transicion/iniciar_revision/")
    listado.refresh_from_db()
    assert listado.estado == EstadoListado.EN_REVISION
    elementos_ = list(listado.elementos.order_by("numero"))
    datos = {
        "observaciones": "",
        "elementos-TOTAL_FORMS": str(len(elementos_)),
        "elementos-INITIAL_FORMS": str(len(elementos_)),
        "elementos-MIN_NUM_FORMS": "0",
        "elementos-MAX_NUM_FORMS": "0",
    }
    for i, elemento in enumerate(elementos_):
        datos.update(
            {
                f"elementos-{i}-id": str(elemento.pk),
                f"elementos-{i}-listado": str(listado.pk),
                f"elementos-{i}-resolucion": "procedente" if i else "no_procedente",
                f"elementos-{i}-fundamentacion": f"Fundamento {i}",
                f"elementos-{i}-modificaciones": "",
            }
        )
    respuesta = client.post(f"{base}change/", datos)
    assert respuesta.status_code == 302, respuesta.content.decode()[:3000]
    assert list(listado.elementos.order_by("numero").values_list("resolucion", flat=True)) == [
        "no_procedente",
        "procedente",
        "procedente",
    ]
    assert listado.elementos.first().history.first().history_user == usuario_personal
    respuesta = client.post(f"{base}transicion/dictaminar/", {"confirmado": "si"})
    dictamen = Dictamen.objects.get()
    assert respuesta["Location"].endswith(f"/admin/cocreacion/dictamen/{dictamen.pk}/change/")
    # El analista no aprueba; la consejera sí, con los datos de la sesión.
    assert client.get(f"/admin/cocreacion/dictamen/{dictamen.pk}/aprobar/").status_code == 403
    assert client.get(f"/admin/cocreacion/dictamen/{dictamen.pk}/pdf/").status_code == 200
    client.force_login(usuario_consejo)
    html = client.get(f"/admin/cocreacion/dictamen/{dictamen.pk}/change/").content.decode()
    assert "Registrar aprobación" in html
    respuesta = client.post(
        f"/admin/cocreacion/dictamen/{dictamen.pk}/aprobar/",
        {"sesion": "Sesión Ordinaria", "fecha_sesion": "2021-09-15", "numero_acuerdo": "CG/1"},
    )
    assert respuesta.status_code == 302
    dictamen.refresh_from_db()
    assert dictamen.folio == "DGA/DIP/2021-S1/0001" and dictamen.aprobado_por == usuario_consejo
    # Aprobado: sólo lectura, incluso para la coordinación.
    client.force_login(usuario_coordinacion)
    client.post(
        f"/admin/cocreacion/dictamen/{dictamen.pk}/change/",
        {"fecha": "2021-01-01", "antecedentes": "Cambio silencioso", "firmantes": ""},
    )
    dictamen.refresh_from_db()
    assert dictamen.antecedentes != "Cambio silencioso"
    html = client.get(f"/admin/cocreacion/listado/{listado.pk}/change/").content.decode()
    assert "Publicar" in html and "Corregir dictamen" in html


def test_periodo_en_admin_abrir_y_cerrar(client, periodo, sujeto_obligado, usuario_coordinacion):
    client.force_login(usuario_coordinacion)
    url = f"/admin/cocreacion/periodolistado/{periodo.pk}/abrir/"
    # Primer paso: la vista previa dice cuántos y cuáles, y no crea nada.
    previa = client.post(url, {"ordenes": ["estatal"]})
    assert previa.status_code == 200
    html = previa.content.decode()
    assert "todavía no se ha creado nada" in html
    assert "1 sujeto obligado" in html and sujeto_obligado.nombre in html
    assert not Listado.objects.exists()
    huella = re.search(r'name="huella" value="([0-9a-f]+)"', html)[1]
    # Segundo paso: la confirmación con la misma selección.
    respuesta = client.post(url, {"ordenes": ["estatal"], "huella": huella, "confirmar": "1"})
    assert respuesta.status_code == 302
    assert list(Listado.objects.values_list("sujeto_obligado", flat=True)) == [sujeto_obligado.pk]
    respuesta = client.post(
        f"/admin/cocreacion/periodolistado/{periodo.pk}/cerrar-envio/",
        {"confirmado": "si"},
        follow=True,
    )
    assert "aún no puede cerrarse" in respuesta.content.decode()


def test_comandos_abrir_y_cerrar(sujeto_obligado, usuario_coordinacion, institucion):
    salida = io.StringIO()
    call_command(
        "abrir_periodo_listados",
        "2020-S2",
        "--usuario",
        "coordinadora",
        "--envio",
        "2020-12-15",
        "--revision",
        "2021-01-15",
        "--aprobacion",
        "2021-02-15",
        stdout=salida,
    )
    # Sin --confirmar sólo hay vista previa: ni periodo ni listados.
    assert "se pediría el listado a 1 sujeto obligado" in salida.getvalue()
    assert sujeto_obligado.slug in salida.getvalue()
    assert not PeriodoListado.objects.filter(clave="2020-S2").exists()
    call_command(
        "abrir_periodo_listados",
        "2020-S2",
        "--usuario",
        "coordinadora",
        "--envio",
        "2020-12-15",
        "--revision",
        "2021-01-15",
        "--aprobacion",
        "2021-02-15",
        "--confirmar",
        stdout=salida,
    )
    assert "1 listado requerido" in salida.getvalue()
    periodo = PeriodoListado.objects.get(clave="2020-S2")
    call_command("cerrar_envio_listados", "2020-S2", "--usuario", "coordinadora", stdout=salida)
    assert periodo.listados.get().estado == EstadoListado.NO_PRESENTADO
    with pytest.raises(CommandError, match="no existe"):
        call_command(
            "abrir_periodo_listados", "2022-S1", "--usuario", "coordinadora", "--confirmar"
        )
    with pytest.raises(CommandError, match="No están en el padrón"):
        call_command(
            "abrir_periodo_listados", "2020-S2", "--usuario", "coordinadora", "--sujeto", "zzz"
        )
    with pytest.raises(CommandError, match="No existe el usuario"):
        call_command("cerrar_envio_listados", "2020-S2", "--usuario", "nadie")


def test_datos_abiertos_sin_borradores(
    listado, listado_ajeno, enlace, otro_enlace, usuario_personal, usuario_coordinacion
):
    aprobado = llevar_a(
        listado,
        "aprobado",
        enlace=enlace,
        analista=usuario_personal,
        aprobador=usuario_coordinacion,
    )
    llevar_a(listado_ajeno, "dictaminado", enlace=otro_enlace, analista=usuario_personal)
    registro = conjuntos()
    dictamenes = "".join(csv_en_flujo(registro["dictamenes-interes-publico"]))
    assert aprobado.folio in dictamenes and dictamenes.count("\n") == 2
    elementos_csv = "".join(csv_en_flujo(registro["elementos-interes-publico"]))
    assert "Secretaría de Prueba" in elementos_csv and "Municipio de Prueba" not in elementos_csv
    listados_csv = "".join(csv_en_flujo(registro["listados-interes-publico"]))
    assert "dictaminado" in listados_csv and "aprobado" in listados_csv


def _datos_revision(listado, resoluciones, fundamentos):
    elementos_ = list(listado.elementos.order_by("numero"))
    datos = {
        "observaciones": "",
        "elementos-TOTAL_FORMS": str(len(elementos_)),
        "elementos-INITIAL_FORMS": str(len(elementos_)),
        "elementos-MIN_NUM_FORMS": "0",
        "elementos-MAX_NUM_FORMS": "0",
    }
    for i, elemento in enumerate(elementos_):
        datos.update(
            {
                f"elementos-{i}-id": str(elemento.pk),
                f"elementos-{i}-listado": str(listado.pk),
                f"elementos-{i}-resolucion": resoluciones[i],
                f"elementos-{i}-fundamentacion": fundamentos[i],
                f"elementos-{i}-modificaciones": "",
            }
        )
    return datos


def test_generar_dictamen_guarda_primero_lo_escrito(client, listado, enlace, usuario_personal):
    llevar_a(listado, "enviado", enlace=enlace, analista=usuario_personal)
    client.force_login(usuario_personal)
    base = f"/admin/cocreacion/listado/{listado.pk}/"
    client.post(f"{base}transicion/iniciar_revision/")
    html = client.get(f"{base}change/").content.decode()
    # El botón pertenece al formulario de la ficha: envía también las resoluciones.
    assert 'form="listado_form" name="_transicion" value="dictaminar"' in html
    n = listado.elementos.count()
    datos = _datos_revision(
        listado, ["procedente"] * n, [f"Fundamento escrito {i}" for i in range(n)]
    )
    respuesta = client.post(f"{base}change/", {**datos, "_transicion": "dictaminar"}, follow=True)
    html = respuesta.content.decode()
    assert respuesta.redirect_chain[-1][0] == f"{base}transicion/dictaminar/"
    assert f"Se guardaron {n} resoluciones." in html and "Este paso no se puede deshacer" in html
    assert list(listado.elementos.values_list("fundamentacion", flat=True).order_by("numero")) == [
        f"Fundamento escrito {i}" for i in range(n)
    ]
    assert not Dictamen.objects.exists()  # todavía falta confirmar
    client.post(f"{base}transicion/dictaminar/", {"confirmado": "si"})
    assert Dictamen.objects.get().listado == listado


def test_generar_dictamen_con_errores_no_pierde_lo_escrito(
    client, listado, enlace, usuario_personal
):
    llevar_a(listado, "enviado", enlace=enlace, analista=usuario_personal)
    client.force_login(usuario_personal)
    base = f"/admin/cocreacion/listado/{listado.pk}/"
    client.post(f"{base}transicion/iniciar_revision/")
    n = listado.elementos.count()
    fundamentos = ["Texto que no debe perderse"] + [""] * (n - 1)
    datos = _datos_revision(listado, ["procedente"] * n, fundamentos)
    respuesta = client.post(f"{base}change/", {**datos, "_transicion": "dictaminar"})
    # La ficha vuelve con lo escrito y el error del elemento sin fundamentación; no hay paso.
    assert respuesta.status_code == 200
    html = respuesta.content.decode()
    assert "Texto que no debe perderse" in html
    assert "Escriba la fundamentación y motivación." in html
    listado.refresh_from_db()
    assert listado.estado == EstadoListado.EN_REVISION and not Dictamen.objects.exists()


def test_devolver_desde_la_ficha_guarda_y_usa_el_motivo(client, listado, enlace, usuario_personal):
    llevar_a(listado, "enviado", enlace=enlace, analista=usuario_personal)
    client.force_login(usuario_personal)
    base = f"/admin/cocreacion/listado/{listado.pk}/"
    respuesta = client.post(
        f"{base}change/",
        {
            "observaciones": "Revisar el elemento 2",
            "elementos-TOTAL_FORMS": "0",
            "elementos-INITIAL_FORMS": "0",
            "elementos-MIN_NUM_FORMS": "0",
            "elementos-MAX_NUM_FORMS": "0",
            "_transicion": "devolver",
            "motivo_devolver": "Faltan las unidades responsables",
        },
    )
    assert respuesta.status_code == 302
    listado.refresh_from_db()
    assert listado.estado == EstadoListado.BORRADOR
    assert "Faltan las unidades responsables" in listado.observaciones


def test_aprobar_con_fecha_futura_dice_por_que_y_conserva_lo_escrito(
    client, listado, enlace, usuario_personal, usuario_consejo
):
    dictamen = llevar_a(listado, "dictaminado", enlace=enlace, analista=usuario_personal)
    client.force_login(usuario_consejo)
    respuesta = client.post(
        f"/admin/cocreacion/dictamen/{dictamen.pk}/aprobar/",
        {"sesion": "Sesión Ordinaria 12", "fecha_sesion": "2999-01-01", "numero_acuerdo": "CG/9"},
    )
    assert respuesta.status_code == 200
    html = respuesta.content.decode()
    assert "es posterior a hoy" in html and "Sesión Ordinaria 12" in html and "CG/9" in html
    dictamen.refresh_from_db()
    assert not dictamen.aprobado
