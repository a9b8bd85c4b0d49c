"""El admin del personal DGA usa los servicios: numeración, avance y resúmenes."""

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from stgao.importacion import exportar_hitos
from stgao.models import Acuerdo, Compromiso, Hito, Integrante, Sesion

pytestmark = pytest.mark.django_db


def _gestion(prefijo, total=0, iniciales=0):
    return {
        f"{prefijo}-TOTAL_FORMS": str(total),
        f"{prefijo}-INITIAL_FORMS": str(iniciales),
        f"{prefijo}-MIN_NUM_FORMS": "0",
        f"{prefijo}-MAX_NUM_FORMS": "1000",
    }


def test_alta_de_sesion_con_orden_asistencia_y_acuerdo(client, usuario_coordinacion):
    integrante = Integrante.objects.create(
        persona="Titular", sector="poder_ejecutivo", fecha_alta=dt.date(2020, 1, 1), sexo="mujer"
    )
    client.force_login(usuario_coordinacion)
    datos = {
        "tipo": "ordinaria",
        "numero": "",
        "fecha_hora_0": "15/03/2021",
        "fecha_hora_1": "10:00",
        "duracion_minutos": "120",
        "modalidad": "presencial",
        "sede": "Sala de plenos",
        "enlace_virtual": "",
        "resumen": "",
        "publicada": "on",
        **_gestion("puntos", 1),
        "puntos-0-numero": "1",
        "puntos-0-asunto": "Instalación",
        **_gestion("asistencias", 1),
        "asistencias-0-integrante": str(integrante.pk),
        "asistencias-0-estado": "presente",
        **_gestion("acuerdos", 1),
        "acuerdos-0-texto": "Se aprueba el orden del día.",
        "acuerdos-0-responsables": [str(integrante.pk)],
        "acuerdos-0-estado": "pendiente",
    }
    respuesta = client.post("/admin/stgao/sesion/add/", datos)
    assert respuesta.status_code == 302, respuesta.content.decode()[:2000]
    sesion = Sesion.objects.get()
    assert sesion.clave == "SO-01/2021" and sesion.quorum().hay_quorum
    acuerdo = Acuerdo.objects.get()
    assert acuerdo.clave == "STGAO/SO-01/2021/01"
    assert list(acuerdo.responsables.all()) == [integrante]
    assert acuerdo.history.first().history_user == usuario_coordinacion


def test_personal_no_publica_sesiones(client, usuario_personal):
    client.force_login(usuario_personal)
    html = client.get("/admin/stgao/sesion/add/").content.decode()
    assert 'name="publicada"' not in html


def test_compromiso_con_hitos_en_linea_recalcula(
    client, usuario_coordinacion, plan, sujeto_obligado, otro_sujeto_obligado
):
    client.force_login(usuario_coordinacion)
    datos = {
        "plan": str(plan.pk),
        "numero": "1",
        "slug": "mi-compromiso",
        "titulo": "Mi compromiso",
        "problema": "Problema",
        "tema": "presupuesto",
        "origen_clasificacion": "documento",
        "lider": str(otro_sujeto_obligado.pk),
        "responsables": [str(sujeto_obligado.pk)],
        "publicado": "on",
        **_gestion("hitos", 2),
        "hitos-0-numero": "1",
        "hitos-0-descripcion": "Uno",
        "hitos-0-peso": "1",
        "hitos-0-fecha_fin_planeada": "01/01/2030",
        "hitos-0-estado": "completado",
        "hitos-0-fecha_fin_real": "01/02/2021",
        "hitos-1-numero": "2",
        "hitos-1-descripcion": "Dos",
        "hitos-1-peso": "3",
        "hitos-1-fecha_fin_planeada": "01/01/2030",
        "hitos-1-estado": "pendiente",
    }
    respuesta = client.post("/admin/stgao/compromiso/add/", datos)
    assert respuesta.status_code == 302, respuesta.content.decode()[:3000]
    compromiso = Compromiso.objects.get()
    assert compromiso.avance == 25 and compromiso.total_hitos == 2
    assert set(compromiso.responsables.all()) == {sujeto_obligado, otro_sujeto_obligado}
    hito = compromiso.hitos.get(numero=2)
    respuesta = client.post(f"/admin/stgao/hito/{hito.pk}/delete/", {"post": "yes"})
    assert respuesta.status_code == 302
    compromiso.refresh_from_db()
    assert compromiso.avance == 100 and compromiso.total_hitos == 1


def test_importacion_desde_el_admin(client, usuario_personal, crear_compromiso, plan):
    compromiso = crear_compromiso(hitos=2)
    client.force_login(usuario_personal)
    import csv

    texto = exportar_hitos(plan, "csv").decode("utf-8-sig")
    filas = list(csv.DictReader(io.StringIO(texto)))
    filas[0]["estado"] = "Completado"
    filas[0]["término real"] = "2021-03-01"
    filas[1]["estado"] = "Inventado"
    salida = io.StringIO()
    escritor = csv.DictWriter(salida, fieldnames=list(filas[0]))
    escritor.writeheader()
    escritor.writerows(filas)
    url = f"/admin/stgao/planaccionlocal/{plan.pk}/importar-hitos/"
    archivo = SimpleUploadedFile("hitos.csv", salida.getvalue().encode())
    respuesta = client.post(url, {"archivo": archivo})
    html = respuesta.content.decode()
    assert respuesta.status_code == 200 and "Fila 3, columna «estado»" in html
    assert not Hito.objects.filter(estado="completado").exists()
    filas[1]["estado"] = "Pendiente"
    salida = io.StringIO()
    escritor = csv.DictWriter(salida, fieldnames=list(filas[0]))
    escritor.writeheader()
    escritor.writerows(filas)
    respuesta = client.post(
        url, {"archivo": SimpleUploadedFile("hitos.csv", salida.getvalue().encode())}
    )
    assert respuesta.status_code == 302
    compromiso.refresh_from_db()
    assert compromiso.avance == 50
