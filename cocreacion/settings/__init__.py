"""Configuración dividida por entorno: base, local (desarrollo), production y test."""
