"""``SelectoLigero``: el mismo control que el ``Select`` de Django, armado sin plantillas."""

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
