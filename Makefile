# Cocreación Oaxaca — tareas comunes. Ver README.md.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
export DJANGO_SETTINGS_MODULE ?= cocreacion.settings.local

.PHONY: run test venv navegador bench lint formato backup restore

$(VENV)/.instalado: pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e ".[dev]"
	@touch $@

venv: $(VENV)/.instalado

## Deja todo listo con los datos reales de 2021 y sirve el portal en http://127.0.0.1:$(PORT)
run: venv
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py cargar_datos_reales
	@echo "Portal en http://127.0.0.1:$(PORT)/  ·  Administración: http://127.0.0.1:$(PORT)/admin/"
	@echo "Para entrar al admin cree una cuenta: $(BIN)/python manage.py createsuperuser"
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

## Chromium de Debian para las pruebas de navegador (nunca «playwright install»).
navegador:
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = "0" ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core; \
	  else \
	    echo "Faltan Chromium y sus fuentes para las pruebas de navegador. Ejecute:"; \
	    echo "  sudo apt-get install -y chromium fonts-dejavu-core"; \
	    exit 1; \
	  fi; \
	fi

## Corre todas las pruebas (usa DATABASE_URL si está definida; si no, SQLite).
test: venv navegador
	DJANGO_SETTINGS_MODULE=cocreacion.settings.test $(BIN)/python -m pytest $(PYTEST_ARGS)

## Mide tiempos, consultas y memoria de todo el portal a escala 1 en PostgreSQL, con la prueba
## de carga (gunicorn 2×4 + locust, 60 s, 50 usuarios, sólo 127.0.0.1). Otra base:
## BENCH_DATABASE_URL=postgres://…; sólo algunos: make bench BENCH="bench_portal".
bench: venv
	DATABASE_URL="$${BENCH_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/coc_bench}" \
	  DJANGO_SETTINGS_MODULE=cocreacion.settings.test $(BIN)/python tests/benchmarks/correr.py $(BENCH)

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

formato: venv
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

## Respaldo completo (pg_dump o dumpdata + archivos subidos) en ./respaldos/
backup: venv
	$(BIN)/python manage.py respaldar respaldos

## Restaura un respaldo: make restore ARCHIVO=respaldos/respaldo-cocreacion-….tar.gz
restore: venv
	@test -n "$(ARCHIVO)" || (echo "Indique el archivo: make restore ARCHIVO=respaldos/…tar.gz"; exit 1)
	$(BIN)/python manage.py restaurar "$(ARCHIVO)"
