import pytest
from django.contrib.auth.models import Group

from cocreacion.models import MetaODS, Municipio, SujetoObligado, normalizar_nombre
from cocreacion.permissions import GRUPO_CONSEJO, GRUPO_COORDINACION, GRUPO_PERSONAL


def test_normalizar_nombre_quita_acentos_y_espacios_pero_conserva_enie():
    assert normalizar_nombre("  Secretaría   de  SEGURIDAD ") == "secretaria de seguridad"
    assert normalizar_nombre("Peñoles") == "peñoles"
    assert normalizar_nombre("Peñoles") != normalizar_nombre("Penoles")


@pytest.mark.django_db
def test_catalogos_reales_completos(catalogos):
    assert Municipio.objects.count() == 570
    assert MetaODS.objects.filter(ods__numero=16).count() == 12
    assert MetaODS.objects.get(clave="16.10").texto.startswith("Garantizar el acceso público")
    municipios_so = SujetoObligado.objects.filter(tipo="municipio")
    assert municipios_so.count() == 570
    assert SujetoObligado.objects.get(slug="secretaria-de-seguridad").orden == "estatal"


@pytest.mark.django_db
def test_grupos_con_permisos_de_su_rol():
    coordinacion = Group.objects.get(name=GRUPO_COORDINACION)
    personal = Group.objects.get(name=GRUPO_PERSONAL)
    consejo = Group.objects.get(name=GRUPO_CONSEJO)
    codigos = lambda g: set(g.permissions.values_list("codename", flat=True))  # noqa: E731
    assert "delete_sujetoobligado" in codigos(coordinacion)
    assert "change_sujetoobligado" in codigos(personal)
    assert "delete_sujetoobligado" not in codigos(personal)
    assert codigos(consejo) and all(c.startswith(("view_", "aprobar_")) for c in codigos(consejo))


@pytest.mark.django_db
def test_grupos_reciben_permisos_de_todas_las_apps():
    coordinacion = Group.objects.get(name=GRUPO_COORDINACION)
    apps_con_permisos = set(
        coordinacion.permissions.values_list("content_type__app_label", flat=True)
    )
    assert {"cocreacion", "oela", "stgao", "metricas"} <= apps_con_permisos
