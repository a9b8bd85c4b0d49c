"""Sesiones publicadas en formato iCalendar (RFC 5545) con la biblioteca ``icalendar``."""

from datetime import UTC, timedelta

from django.utils import timezone
from icalendar import Calendar, Event

from .models import Modalidad, TipoSesion


def calendario_de_sesiones(sesiones, *, request=None) -> bytes:
    calendario = Calendar()
    calendario.add("prodid", "-//Cocreación Oaxaca//Secretariado Técnico//ES")
    calendario.add("version", "2.0")
    calendario.add("x-wr-calname", "Sesiones del Secretariado Técnico de Gobierno Abierto")
    calendario.add("x-wr-timezone", "America/Mexico_City")
    host = request.get_host() if request else "cocreacion.local"
    sello = timezone.now()
    for sesion in sesiones:
        evento = Event()
        evento.add("uid", f"sesion-{sesion.pk}@{host}")
        evento.add("dtstamp", sello)
        # En UTC («Z»): todo cliente de calendario lo entiende sin VTIMEZONE.
        inicio = sesion.fecha_hora.astimezone(UTC)
        evento.add("dtstart", inicio)
        evento.add("dtend", inicio + timedelta(minutes=sesion.duracion_minutos))
        # La etiqueta de la opción y no ``get_*_display``, que traduce todas las opciones en cada
        # llamada.
        tipo = str(TipoSesion(sesion.tipo).label).lower()
        evento.add("summary", f"STGAO: sesión {tipo} {sesion.clave}")
        lugar = " · ".join(p for p in (sesion.sede, sesion.enlace_virtual) if p)
        if lugar:
            evento.add("location", lugar)
        puntos = [f"{p.numero}. {p.asunto}" for p in sesion.puntos.all()]
        descripcion = [str(Modalidad(sesion.modalidad).label)]
        if puntos:
            descripcion += ["Orden del día:", *puntos]
        evento.add("description", "\n".join(descripcion))
        if request is not None:
            evento.add("url", request.build_absolute_uri(sesion.get_absolute_url()))
        calendario.add_component(evento)
    return calendario.to_ical()
