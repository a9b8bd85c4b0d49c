# Cocreación Oaxaca — tareas comunes. Ver README.md.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
PORT_DEMO ?= 8001
# Pruebas en paralelo (pytest-xdist): un proceso por núcleo. PARALELO= las corre en uno solo.
PARALELO ?= -n auto
export DJANGO_SETTINGS_MODULE ?= cocreacion.settings.local
# «make run» sirve como en producción, pero sólo en 127.0.0.1: sin depuración (portal_local),
# gunicorn con su configuración de despliegue. «make demo», igual sobre su propia base (demo).
SERVIR = DJANGO_SETTINGS_MODULE=cocreacion.settings.portal_local
DEMO = DJANGO_SETTINGS_MODULE=cocreacion.settings.demo
GUNICORN = GUNICORN_WORKERS=2 GUNICORN_THREADS=4 $(BIN)/gunicorn -c cocreacion/operacion/despliegue/gunicorn.conf.py

.PHONY: run dev demo test venv navegador bench lint formato backup restore

$(VENV)/.instalado: pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e ".[dev]"
	@touch $@

venv: $(VENV)/.instalado

## Deja todo listo con los datos reales de 2021 y sirve el portal en http://127.0.0.1:$(PORT)
## como lo verán las personas: sin depuración, páginas de error del portal y estáticos de
## collectstatic servidos por WhiteNoise (cocreacion.settings.portal_local).
run: venv
	$(SERVIR) $(BIN)/python manage.py migrate --noinput
	$(SERVIR) $(BIN)/python manage.py cargar_datos_reales
	$(SERVIR) $(BIN)/python manage.py collectstatic --noinput -v 0
	@echo "Portal en http://127.0.0.1:$(PORT)/  ·  Administración: http://127.0.0.1:$(PORT)/admin/"
	@echo "Para entrar al admin cree una cuenta: $(BIN)/python manage.py createsuperuser"
	$(SERVIR) GUNICORN_BIND=127.0.0.1:$(PORT) $(GUNICORN)

## Para desarrollar: la misma base que «make run», con depuración y recarga automática.
dev: venv
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py cargar_datos_reales
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

## Demostración con datos sintéticos en su propia base (demo.sqlite3), nunca en la real, con el
## aviso «Datos de demostración: no son reales» en cada página: http://127.0.0.1:$(PORT_DEMO)
demo: venv
	$(DEMO) $(BIN)/python manage.py migrate --noinput
	$(DEMO) $(BIN)/python manage.py preparar_demostracion
	$(DEMO) $(BIN)/python manage.py collectstatic --noinput -v 0
	@echo "Demostración (datos inventados) en http://127.0.0.1:$(PORT_DEMO)/"
	$(DEMO) GUNICORN_BIND=127.0.0.1:$(PORT_DEMO) $(GUNICORN)

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
	DJANGO_SETTINGS_MODULE=cocreacion.settings.test $(BIN)/python -m pytest $(PARALELO) $(PYTEST_ARGS)

## Mide tiempos, consultas y memoria de todo el portal a escala 1 en PostgreSQL, con la prueba
## de carga (gunicorn 2×4 + locust, 60 s, 50 usuarios, sólo 127.0.0.1). Otra base:
## BENCH_DATABASE_URL=postgres://…; sólo algunos: make bench BENCH="bench_portal".
## Al final, dos servidores detrás de nginx con Redis y wrk (docs/varios-servidores.md; su base:
## VARIOS_DATABASE_URL, coc_varios_servidores; vacía la base 1 de Redis o VARIOS_REDIS_URL);
## sola: make bench BENCH=varios_servidores.
bench: venv
	DATABASE_URL="$${BENCH_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/coc_bench}" \
	  DJANGO_SETTINGS_MODULE=cocreacion.settings.test $(BIN)/python tests/benchmarks/correr.py $(BENCH)
	@if [ -z "$(BENCH)" ] || echo " $(BENCH) " | grep -q " varios_servidores "; then \
	  $(BIN)/python tests/benchmarks/varios_servidores.py; \
	fi

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
