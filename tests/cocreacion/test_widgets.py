"""``SelectoLigero``: el mismo control que el ``Select`` de Django, armado sin plantillas."""

from types import SimpleNamespace

import pytest
from django import forms
from django.test.html import parse_html

from cocreacion.comun.widgets import SelectoLigero
from cocreacion.filters import FiltroSujetosObligados
from cocreacion.models import Municipio


def _igual_que_django(campo_ligero, campo_django, valor, attrs=None):
    ligero = campo_ligero.widget.render("campo", valor, attrs=attrs)
    django = campo_django.widget.render("campo", valor, attrs=attrs)
    assert parse_html(ligero) == parse_html(django), (ligero, django)
    return ligero


OPCIONES = [
    ("", "Todos"),
    ("a", 'Ayuntamiento <b>«Santa María»</b> & "Cía"'),
    ("b", "Otro"),
]


@pytest.mark.parametrize("valor", [None, "", "a", "b", "no-existe"])
def test_choice_field_mismo_html_que_select(valor):
    ligero = forms.ChoiceField(choices=OPCIONES, widget=SelectoLigero)
    django = forms.ChoiceField(choices=OPCIONES)
    html = _igual_que_django(
        ligero, django, valor, attrs={"id": "id_campo", "required": True, "aria-invalid": False}
    )
    assert "<b>" not in html  # la etiqueta se escapa
    assert "aria-invalid" not in html and " required" in html


def test_grupos_de_opciones_igual_que_django():
    grupos = [("", "Todas"), ("Grupo <1>", [("x", "Equis"), ("y", "Ye")]), ("z", "Zeta")]
    ligero = forms.ChoiceField(choices=grupos, widget=SelectoLigero)
    django = forms.ChoiceField(choices=grupos)
    html = _igual_que_django(ligero, django, "y")
    assert "<optgroup" in html


@pytest.mark.django_db
def test_model_choice_field_con_elegido_igual_que_django():
    municipios = [
        Municipio.objects.create(
            clave=f"20{n:03d}", clave_municipio=f"{n:03d}", nombre=f"Municipio {n} <i>"
        )
        for n in range(1, 4)
    ]
    consulta = Municipio.objects.order_by("nombre")
    ligero = forms.ModelChoiceField(queryset=consulta, widget=SelectoLigero)
    django = forms.ModelChoiceField(queryset=consulta)
    html = _igual_que_django(ligero, django, municipios[1].pk)
    assert f'<option value="{municipios[1].pk}" selected>' in html
    assert html.count("<option") == 4  # la opción vacía más los tres municipios


@pytest.mark.django_db
def test_filtro_publico_marca_lo_elegido_y_conserva_su_etiqueta():
    municipio = Municipio.objects.create(
        clave="20067", clave_municipio="067", nombre="Oaxaca de Juárez"
    )
    filtro = FiltroSujetosObligados({"municipio": str(municipio.pk), "tipo": ""})
    html = str(filtro.form["municipio"])
    assert isinstance(filtro.form.fields["municipio"].widget, SelectoLigero)
    assert 'id="id_municipio"' in html
    assert f'<option value="{municipio.pk}" selected>Oaxaca de Juárez</option>' in html


# --- FiltroDeModeloLigero: opciones leídas con values_list ---------------------------------


def _municipios(n):
    return [
        Municipio.objects.create(
            clave=f"20{i:03d}", clave_municipio=f"{i:03d}", nombre=f"San Juan {i} <b>"
        )
        for i in range(1, n + 1)
    ]


@pytest.mark.django_db
def test_filtro_ligero_da_las_mismas_opciones_que_el_de_django():
    import django_filters

    municipios = _municipios(5)

    class ConElDeDjango(FiltroSujetosObligados):
        municipio = django_filters.ModelChoiceFilter(
            widget=SelectoLigero, queryset=Municipio.objects.order_by("nombre"), empty_label="Todos"
        )

    elegido = {"municipio": str(municipios[2].pk)}
    ligero = str(FiltroSujetosObligados(elegido).form["municipio"])
    django = str(ConElDeDjango(elegido).form["municipio"])
    assert parse_html(ligero) == parse_html(django)
    assert f'<option value="{municipios[2].pk}" selected>San Juan 3 &lt;b&gt;</option>' in ligero


@pytest.mark.django_db
def test_filtro_ligero_una_consulta_con_3_o_con_60_opciones(django_assert_num_queries):
    _municipios(3)
    with django_assert_num_queries(1):
        str(FiltroSujetosObligados({}).form["municipio"])
    Municipio.objects.all().delete()
    _municipios(60)
    # Si ``__str__`` leyera un campo que no está en ``etiqueta``, serían 61.
    with django_assert_num_queries(1):
        assert str(FiltroSujetosObligados({}).form["municipio"]).count("<option") == 61


@pytest.mark.django_db
def test_filtro_ligero_valida_lo_que_llega():
    (municipio,) = _municipios(1)
    assert FiltroSujetosObligados({"municipio": str(municipio.pk)}).form.is_valid()
    for valor in ["999999", "abc", "1 OR 1=1"]:
        formulario = FiltroSujetosObligados({"municipio": valor}).form
        assert not formulario.is_valid()
        assert "municipio" in formulario.errors


@pytest.mark.django_db
def test_cada_filtro_ligero_declara_los_campos_de_su_etiqueta(django_assert_num_queries):
    """Las opciones de los filtros de compromisos, sin una consulta por opción."""
    from cocreacion.comun.filtros import CampoDeModeloLigero
    from stgao.filters import FiltroCompromisos

    filtro = FiltroCompromisos({})
    ligeros = [
        nombre
        for nombre, campo in filtro.form.fields.items()
        if isinstance(campo, CampoDeModeloLigero)
    ]
    assert set(ligeros) == {"meta_ods", "responsable", "organizacion"}
    for nombre in ligeros:
        campo = filtro.form.fields[nombre]
        modelo = campo.queryset.model
        # Como lo arman las opciones: sólo la llave y lo declarado. Si ``__str__`` leyera otro
        # campo, esto daría AttributeError.
        registro = SimpleNamespace(pk=1, **dict.fromkeys(campo.etiqueta, "x"))
        with django_assert_num_queries(0):
            assert "x" in modelo.__str__(registro)
