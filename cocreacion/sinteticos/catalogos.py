"""Sujetos obligados y organizaciones sintéticos."""

from cocreacion.models.catalogos import (
    AmbitoOrganizacion,
    OrdenGobierno,
    Organizacion,
    SujetoObligado,
    TipoOrganizacion,
    TipoSujetoObligado,
    normalizar_nombre,
)
from cocreacion.sinteticos.comun import PREFIJO, PREFIJO_SLUG, crear, cuantos

ORGANIZACIONES = 20

# Tipo → orden de gobierno, con la mezcla aproximada de un padrón estatal.
MEZCLA = [
    (TipoSujetoObligado.MUNICIPIO, OrdenGobierno.MUNICIPAL, 57),
    (TipoSujetoObligado.PODER_EJECUTIVO, OrdenGobierno.ESTATAL, 15),
    (TipoSujetoObligado.DESCENTRALIZADO, OrdenGobierno.ESTATAL, 10),
    (TipoSujetoObligado.ORGANO_AUTONOMO, OrdenGobierno.ESTATAL, 4),
    (TipoSujetoObligado.PARTIDO_POLITICO, OrdenGobierno.ESTATAL, 4),
    (TipoSujetoObligado.SINDICATO, OrdenGobierno.ESTATAL, 3),
    (TipoSujetoObligado.FIDEICOMISO, OrdenGobierno.ESTATAL, 3),
    (TipoSujetoObligado.UNIVERSIDAD, OrdenGobierno.ESTATAL, 2),
    (TipoSujetoObligado.PODER_LEGISLATIVO, OrdenGobierno.ESTATAL, 1),
    (TipoSujetoObligado.PODER_JUDICIAL, OrdenGobierno.ESTATAL, 1),
]


def generar(*, proporciones, azar, actor, contexto) -> dict:
    tipos = [(t, o) for t, o, peso in MEZCLA for _ in range(peso)]
    sujetos = []
    for i in range(1, proporciones.sujetos + 1):
        tipo, orden = tipos[i % len(tipos)]
        nombre = f"{PREFIJO} {tipo.label} {i:04d}"
        sujetos.append(
            SujetoObligado(
                nombre=nombre,
                siglas=f"SINT-{i:04d}",
                slug=f"{PREFIJO_SLUG}-so-{i:04d}",
                tipo=tipo,
                orden=orden,
                # El modelo lo deriva en save(); bulk_create no llama a save().
                nombre_normalizado=normalizar_nombre(nombre),
                activo=i % 50 != 0,
            )
        )
    contexto["sujetos"] = crear(sujetos, SujetoObligado, actor=actor)
    organizaciones = [
        Organizacion(
            nombre=f"{PREFIJO} Organización de la sociedad civil {i:02d}",
            tipo=TipoOrganizacion.choices[i % len(TipoOrganizacion.choices)][0],
            ambito=AmbitoOrganizacion.choices[i % len(AmbitoOrganizacion.choices)][0],
            descripcion="Organización ficticia para pruebas de carga.",
        )
        for i in range(1, ORGANIZACIONES + 1)
    ]
    contexto["organizaciones"] = crear(organizaciones, Organizacion, actor=actor)
    return {"sujetos obligados": len(sujetos), "organizaciones": len(organizaciones)}


def datos_reales() -> list[str]:
    sujetos = SujetoObligado.objects.exclude(slug__startswith=f"{PREFIJO_SLUG}-").count()
    return [cuantos(sujetos, "sujeto obligado", "sujetos obligados")] if sujetos else []
