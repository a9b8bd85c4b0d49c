"""Participación ciudadana: consultas, propuestas, apoyos y seguimiento por correo.

Una app propia (etiqueta ``participacion``) dentro del núcleo, con las mismas piezas que las
demás: cada pieza es un paquete dividido por dominio (consultas y propuestas; seguimiento) que
reexporta lo suyo.
"""
