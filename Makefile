# The single command runner. `make run` and `make test` are all a newcomer needs.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
# `make test` runs the suite in one process per core; TEST_PROCESSES=0 runs it in this one.
TEST_PROCESSES ?= auto
# The address the portal is reached at: printed by `make run` and used for links in e-mails.
SITE_URL ?= http://127.0.0.1:$(PORT)

.PHONY: run test lint format check-migrations snapshots assets deploy-check audit backup restore bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python requirements.txt
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

## Start the portal with demo data at http://127.0.0.1:$(PORT) (PORT=8000 unless given; SQLite, tasks in-process,
## e-mail to var/mail). The sign-in table and the links in e-mails use the same address (SITE_URL).
run: $(VENV)/.installed
	$(BIN)/python manage.py migrate --noinput
	SITE_URL="$(SITE_URL)" $(BIN)/python manage.py load_demo
	@echo "Serving http://127.0.0.1:$(PORT)/ (links in e-mails and the sign-in table use $(SITE_URL))"
	SITE_URL="$(SITE_URL)" $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# axe-core (accessibility checks in the browser tests) comes from npm.
node_modules/.package-lock.json: package-lock.json
	@if command -v npm >/dev/null; then npm ci --no-audit --no-fund --ignore-scripts; \
	else echo "npm not found: the browser tests will be skipped"; fi

## Run the whole test suite (on PostgreSQL when DATABASE_URL is set) with the linters.
test: $(VENV)/.installed-dev node_modules/.package-lock.json deploy-check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/lint-imports
	$(BIN)/djlint templates --lint
	$(BIN)/pytest -n $(TEST_PROCESSES) $(PYTEST_ARGS)

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/djlint templates --lint

format: $(VENV)/.installed-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check-migrations: $(VENV)/.installed
	$(BIN)/python manage.py makemigrations --check --dry-run

## Write tests/snapshots/ again (every route, the API schema) after a deliberate change; commit them with it.
snapshots: $(VENV)/.installed-dev
	DJANGO_SETTINGS_MODULE=neglect_portal.settings.test $(BIN)/python -m tests.snapshots

## Rebuild static/dist from the pinned npm packages (GOV.UK Frontend, Sass).
assets:
	npm ci --no-audit --no-fund
	npm run build

## Check the production settings the way a deployment would run them.
deploy-check: $(VENV)/.installed
	DJANGO_SETTINGS_MODULE=neglect_portal.settings.production \
	SECRET_KEY=$$($(BIN)/python -c "import secrets; print(secrets.token_urlsafe(64))") \
	DATABASE_URL=sqlite:///var/deploy-check.sqlite3 ALLOWED_HOSTS=portal.example.org \
	$(BIN)/python manage.py check --deploy --fail-level WARNING

## Look for known vulnerabilities in the Python and npm dependencies (skipped, with a line, when offline).
audit: $(VENV)/.installed-dev node_modules/.package-lock.json
	PYTHON=$(BIN)/python .ci/audit

## Back up the database (pg_dump) and every stored file into var/backups/<time>/, or under BACKUP_DIR.
backup: $(VENV)/.installed
	$(BIN)/python manage.py backup $(if $(BACKUP_DIR),--to "$(BACKUP_DIR)")

## Restore a backup into an empty database: make restore BACKUP=var/backups/20270115-070000
restore: $(VENV)/.installed
	@test -n "$(BACKUP)" || { echo "Say which backup: make restore BACKUP=var/backups/<folder>" >&2; exit 2; }
	$(BIN)/python manage.py restore "$(BACKUP)"

## Measure the main pages and API lists under gunicorn at SCALE times the demo's size (default 100), next to a
## bare Django view: needs DATABASE_URL pointing at PostgreSQL. The data is built once and kept.
## Then times the send day of SEND_DAY small partnerships (150 at SCALE=100, every English one, and in proportion
## below; 0 leaves it out) with 1 and then 2 Celery workers: needs Redis (CELERY_BROKER_URL, else
## redis://127.0.0.1:6379/0).
SCALE ?= 100
SEND_DAY ?= $(shell echo $$(( ($(SCALE) * 150 + 99) / 100 )))
bench: $(VENV)/.installed
	$(BIN)/python manage.py build_scale_data --scale $(SCALE) --send-day $(SEND_DAY)
	$(BIN)/python manage.py bench
	if [ "$(SEND_DAY)" -gt 0 ]; then $(BIN)/python manage.py bench_send_day --partnerships $(SEND_DAY); fi

clean:
	rm -rf $(VENV) var node_modules
