"""Reglas puras del Secretariado (sin consultas): quórum, equilibrio de la mesa y avance.

Se mantienen aparte de los modelos para que páginas, PDF y pruebas usen exactamente el mismo
cálculo sobre datos ya cargados (consultas acotadas).
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import ngettext

from stgao.opciones import EstadoAsistencia, EstadoHito, Rol, Sector, Sexo

SECTORES_GOBIERNO = {
    Sector.ORGANO_GARANTE,
    Sector.PODER_EJECUTIVO,
    Sector.PODER_LEGISLATIVO,
    Sector.PODER_JUDICIAL,
    Sector.MUNICIPIOS,
    Sector.ORGANOS_AUTONOMOS,
}
SECTORES_SOCIEDAD = {Sector.SOCIEDAD_CIVIL, Sector.ACADEMIA, Sector.AGENTES_LOCALES}
PODERES = {
    Sector.PODER_EJECUTIVO: "Poder Ejecutivo",
    Sector.PODER_LEGISLATIVO: "Poder Legislativo",
    Sector.PODER_JUDICIAL: "Poder Judicial",
}
# Roles sin asiento para el quórum (participan con voz).
ROLES_SIN_ASIENTO = {Rol.INVITADO_PERMANENTE, Rol.FACILITADOR}


def activo_en(integrante, fecha: date) -> bool:
    """Un integrante está activo desde su alta y hasta el día anterior a su baja."""
    if integrante.fecha_alta > fecha:
        return False
    return integrante.fecha_baja is None or integrante.fecha_baja > fecha


def tiene_asiento(integrante) -> bool:
    return integrante.suplente_de_id is None and integrante.rol not in ROLES_SIN_ASIENTO


@dataclass(frozen=True)
class Quorum:
    asientos: int
    presentes: int

    @property
    def requeridos(self) -> int:
        """Más de la mitad de los asientos titulares."""
        return self.asientos // 2 + 1

    @property
    def hay_quorum(self) -> bool:
        return self.asientos > 0 and self.presentes * 2 > self.asientos

    @property
    def texto(self) -> str:
        encabezado = "Hay quórum" if self.hay_quorum else "No hay quórum"
        return (
            f"{encabezado}: {self.presentes} de {self.asientos} asientos titulares presentes "
            f"(se requieren {self.requeridos})."
        )

    def __str__(self) -> str:
        return self.texto


def calcular_quorum(fecha: date, integrantes, asistencias) -> Quorum:
    """Quórum de una sesión en ``fecha``.

    - Cuentan los asientos de integrantes titulares con voto activos en la fecha.
    - Un asiento está presente si su titular asistió, si se registró «representado por
      suplente», o si asistió alguna persona suplente de ese titular activa en la fecha.
    - Cada asiento se cuenta una sola vez aunque asistan titular y suplente.
    """
    por_id = {i.pk: i for i in integrantes}
    asientos = {i.pk for i in integrantes if tiene_asiento(i) and activo_en(i, fecha)}
    presentes: set[int] = set()
    for asistencia in asistencias:
        integrante = por_id.get(asistencia.integrante_id)
        if integrante is None or not activo_en(integrante, fecha):
            continue
        if asistencia.estado == EstadoAsistencia.PRESENTE:
            asiento = integrante.suplente_de_id or integrante.pk
        elif (
            asistencia.estado == EstadoAsistencia.REPRESENTADO and integrante.suplente_de_id is None
        ):
            asiento = integrante.pk
        else:
            continue
        if asiento in asientos:
            presentes.add(asiento)
    return Quorum(asientos=len(asientos), presentes=len(presentes))


@dataclass
class Balance:
    gobierno: int = 0
    sociedad: int = 0
    mujeres: int = 0
    hombres: int = 0
    otro_sexo: int = 0
    por_sector: dict = field(default_factory=dict)
    avisos: list = field(default_factory=list)

    @property
    def equilibrado(self) -> bool:
        return not self.avisos


def calcular_balance(integrantes, fecha: date, etiquetas_sector: dict) -> Balance:
    """Equilibrio gobierno / sociedad civil entre los asientos titulares activos en ``fecha``."""
    balance = Balance()
    for integrante in integrantes:
        if not (tiene_asiento(integrante) and activo_en(integrante, fecha)):
            continue
        sector = integrante.sector
        balance.por_sector[sector] = balance.por_sector.get(sector, 0) + 1
        if sector in SECTORES_SOCIEDAD:
            balance.sociedad += 1
        else:
            balance.gobierno += 1
        if integrante.sexo == Sexo.MUJER:
            balance.mujeres += 1
        elif integrante.sexo == Sexo.HOMBRE:
            balance.hombres += 1
        else:
            balance.otro_sexo += 1
    faltan = [nombre for clave, nombre in PODERES.items() if not balance.por_sector.get(clave)]
    if faltan:
        balance.avisos.append(
            "La ley pide la representación de los tres poderes; falta: " + ", ".join(faltan) + "."
        )
    if balance.sociedad == 0:
        balance.avisos.append("No hay integrantes de la sociedad civil organizada.")
    elif balance.gobierno != balance.sociedad:
        balance.avisos.append(
            ngettext(
                "La mesa no está equilibrada: %(g)s asiento de gobierno y %(s)s de sociedad "
                "civil; el modelo del INAI pide una mesa paritaria.",
                "La mesa no está equilibrada: %(g)s asientos de gobierno y %(s)s de sociedad "
                "civil; el modelo del INAI pide una mesa paritaria.",
                balance.gobierno,
            )
            % {"g": balance.gobierno, "s": balance.sociedad}
        )
    balance.sectores = [
        (etiquetas_sector.get(clave, clave), n) for clave, n in sorted(balance.por_sector.items())
    ]
    return balance


def avance_ponderado(hitos) -> Decimal:
    """Porcentaje (0–100, dos decimales) de hitos completados ponderado por su peso."""
    total = sum(h.peso for h in hitos)
    if not total:
        return Decimal("0.00")
    hechos = sum(h.peso for h in hitos if h.estado == EstadoHito.COMPLETADO)
    return (Decimal(hechos) * 100 / Decimal(total)).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP
    )
