"""Admin de la Métrica: permisos por rol, importación desde el admin y reglas de las ediciones."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cocreacion.comun.concurrencia import CAMPO_VERSION
from cocreacion.comun.validadores import danos_en
from cocreacion.models import SujetoObligado
from metricas.models import Componente, Edicion, EntidadComparada, Resultado

from .conftest import BSO

pytestmark = pytest.mark.django_db

URL_IMPORTAR = "/admin/metricas/resultado/importar-archivo/"
FILA = (
    "Oaxaca-Secretaria de Salud,Oaxaca,Estatal,Ejecutivo estatal,"
    "0.5483,0.366,0.7306,0.7403,0.7208,0.6,0.132"
)


def _subida(texto: str, nombre="metrica.csv"):
    return SimpleUploadedFile(nombre, texto.encode("utf-8"), content_type="text/csv")


def _post(client, archivo, simular=False, edicion="2017"):
    datos = {"edicion": edicion, "archivo": archivo}
    if simular:
        datos["simular"] = "on"
    return client.post(URL_IMPORTAR, datos)


def test_anonimo_va_al_inicio_de_sesion(client, edicion):
    respuesta = client.get(URL_IMPORTAR)
    assert respuesta.status_code == 302 and "/admin/login/" in respuesta["Location"]
    assert client.get("/admin/metricas/resultado/").status_code == 302


@pytest.mark.parametrize("rol", ["usuario_consejo", "enlace"])
def test_consejo_y_enlaces_no_importan(
    client, edicion, request, rol, crear_enlace, sujeto_obligado
):
    usuario = crear_enlace(sujeto_obligado) if rol == "enlace" else request.getfixturevalue(rol)
    client.force_login(usuario)
    assert client.get(URL_IMPORTAR).status_code == 403
    assert _post(client, _subida("SO,edo\n")).status_code == 403
    assert not Resultado.objects.exists()


def test_consejo_consulta_pero_no_cambia(client, edicion, usuario_consejo):
    client.force_login(usuario_consejo)
    assert client.get("/admin/metricas/resultado/").status_code == 200
    assert client.get(f"/admin/metricas/edicion/{edicion.pk}/change/").status_code == 200
    respuesta = client.post(f"/admin/metricas/edicion/{edicion.pk}/change/", {"nombre": "x"})
    assert respuesta.status_code == 403


def test_enlace_no_ve_la_metrica_en_el_admin(client, edicion, crear_enlace, sujeto_obligado):
    client.force_login(crear_enlace(sujeto_obligado))
    assert client.get("/admin/metricas/resultado/").status_code == 403


def test_personal_simula_y_luego_importa_con_su_nombre(client, edicion, usuario_personal):
    client.force_login(usuario_personal)
    assert client.get(URL_IMPORTAR).status_code == 200
    lista = client.get("/admin/metricas/resultado/").content.decode()
    assert URL_IMPORTAR in lista
    encabezado = "SO,edo,niv,ts,GA,P,T,TG,TC,PG,PC\n"
    simulada = _post(client, _subida(encabezado + FILA + "\n"), simular=True)
    assert "Simulación (no se guardó nada)" in simulada.content.decode()
    assert not Resultado.objects.exists()
    hecha = _post(client, _subida(encabezado + FILA + "\n"))
    html = hecha.content.decode()
    assert "1 filas" in html and "1 nuevas" in html
    resultado = Resultado.objects.get()
    assert resultado.history.first().history_user == usuario_personal
    # Sin padrón cargado, la fila de Oaxaca queda como comparación (y se avisa); nunca se da
    # de alta un sujeto obligado desde la Métrica.
    assert not SujetoObligado.objects.exists()
    assert "no está en el padrón" in html
    entrada = EntidadComparada.objects.get()
    assert entrada.history.first().history_user == usuario_personal


def test_errores_en_el_admin_en_espanol_sin_guardar(client, edicion, usuario_personal):
    client.force_login(usuario_personal)
    malo = "SO,edo,niv,ts,TG,TC,PG,PC\n" + "Oaxaca-DIF,Oaxaca,Estatal,Ejecutivo estatal,2,0,0,0\n"
    html = _post(client, _subida(malo)).content.decode()
    assert "no se guardó nada" in html
    assert "Fila 2, columna «TG»" in html and "fuera del intervalo" in html
    assert not Resultado.objects.exists() and not SujetoObligado.objects.exists()
    falso = SimpleUploadedFile("metrica.xlsx", b"no soy un libro", content_type="text/plain")
    html = _post(client, falso).content.decode()
    assert "no corresponde a un archivo .xlsx" in html


def test_bso_real_desde_el_admin_informa_codificacion(client, catalogos, edicion, usuario_personal):
    client.force_login(usuario_personal)
    archivo = SimpleUploadedFile("BSO.csv", BSO.read_bytes(), content_type="text/csv")
    html = _post(client, archivo).content.decode()
    assert "908 filas" in html and "27 sujetos obligados del padrón de Oaxaca" in html
    assert "4 nombres reparados" in html
    assert "Fila 756: nombre reparado con la tabla de correcciones" in html
    assert "Tabasco-Parai\\x8cso" in html and "«Tabasco-Paraíso»" in html
    assert "«Oaxaca-Oaxaca» es «Oaxaca de Juárez» del padrón" in html
    assert "se creó la entrada de comparación «Coyoacan» (Ciudad de Mexico-Coyoacan)" in html
    assert Resultado.objects.count() == 908
    assert not danos_en(html)


def test_solo_coordinacion_publica_ediciones(
    client, edicion, usuario_personal, usuario_coordinacion
):
    client.force_login(usuario_personal)
    html = client.get(f"/admin/metricas/edicion/{edicion.pk}/change/").content.decode()
    assert 'name="publicada"' not in html
    client.force_login(usuario_coordinacion)
    html = client.get(f"/admin/metricas/edicion/{edicion.pk}/change/").content.decode()
    assert 'name="publicada"' in html


def test_pesos_que_no_suman_uno_se_rechazan_en_el_admin(client, edicion, usuario_coordinacion):
    client.force_login(usuario_coordinacion)
    respuesta = client.get(f"/admin/metricas/edicion/{edicion.pk}/change/")
    formulario = respuesta.context["adminform"].form
    datos = {k: v for k, v in formulario.initial.items() if v is not None}
    datos["publicada"] = "on"
    for formset in respuesta.context["inline_admin_formsets"]:
        fs = formset.formset
        datos[f"{fs.prefix}-TOTAL_FORMS"] = len(fs.forms)
        datos[f"{fs.prefix}-INITIAL_FORMS"] = len(fs.initial_forms)
        for i, f in enumerate(fs.forms):
            for nombre, campo in f.fields.items():
                valor = f.initial.get(nombre, campo.initial)
                if nombre == "id":
                    valor = f.instance.pk
                if nombre == "edicion":
                    valor = edicion.pk
                if valor is not None:
                    datos[f"{fs.prefix}-{i}-{nombre}"] = valor
    datos = {k: ("" if v is None else v) for k, v in datos.items()}
    datos[CAMPO_VERSION] = respuesta.context.get("version_historial") or ""
    prefijo = next(
        f.formset.prefix
        for f in respuesta.context["inline_admin_formsets"]
        if f.formset.model is Componente
    )
    datos[f"{prefijo}-0-peso"] = "0.9"  # TG suma 1.4
    html = client.post(f"/admin/metricas/edicion/{edicion.pk}/change/", datos).content.decode()
    assert "deben sumar 1" in html
    assert Componente.objects.get(edicion=edicion, clave="acceso-informacion").peso == 0.5
    assert Edicion.objects.get(pk=edicion.pk).nombre == "Métrica de Gobierno Abierto 2017"


def test_resultado_capturado_en_el_admin_deriva_de_sus_componentes(
    client, edicion, usuario_personal, sujeto_obligado
):
    client.force_login(usuario_personal)
    tg = {c.clave: c for c in Componente.objects.filter(edicion=edicion, subindice="tg")}
    valores = {  # .5·.8 + .2·.5 + .2·.25 + .1·1 = .65
        "acceso-informacion": "0.8",
        "transparencia-reactiva": "0.5",
        "transparencia-proactiva": "0.25",
        "datos-abiertos": "1",
    }
    datos = {
        "edicion": edicion.pk,
        "sujeto_obligado": sujeto_obligado.pk,
        "nombre_en_fuente": "",
        "tg": "0",
        "tc": "0.5",
        "pg": "0.1",
        "pc": "0.3",
        "componentes-TOTAL_FORMS": "4",
        "componentes-INITIAL_FORMS": "0",
        "componentes-MIN_NUM_FORMS": "0",
        "componentes-MAX_NUM_FORMS": "1000",
        CAMPO_VERSION: "",
    }
    for i, (clave, valor) in enumerate(valores.items()):
        datos[f"componentes-{i}-componente"] = tg[clave].pk
        datos[f"componentes-{i}-valor"] = valor
    respuesta = client.post("/admin/metricas/resultado/add/", datos)
    assert respuesta.status_code == 302, respuesta.content.decode()[:2000]
    resultado = Resultado.objects.get()
    assert str(resultado.tg) == "0.650000"
    assert str(resultado.t) == "0.575000"  # (0.65 + 0.5) / 2
    assert str(resultado.iga) == "0.387500"  # (0.575 + 0.2) / 2
    assert resultado.history.first().history_user == usuario_personal
