"""Reexporta lo de cada dominio de la participación ciudadana."""
