# One task runner for people and CI. `make run` sets up and starts; `make test` sets up and tests.
SHELL := /bin/bash
PYTHON_BIN := $(shell scripts/find-python)
VENV := .venv
PY := $(VENV)/bin/python
PHOIHOP := $(VENV)/bin/phoihop
PORT ?= 8000
STAMP := $(VENV)/.installed

.PHONY: install run test lint format demo bench lock clean-db check-python

check-python:
	@if [ -z "$(PYTHON_BIN)" ]; then echo "Cần Python >= 3.12 / phoihop needs Python 3.12 or newer (python3.13, python3.12 or pyenv)." >&2; exit 1; fi

$(STAMP): pyproject.toml constraints.txt package.json package-lock.json | check-python
	@test -x $(PY) || { echo "Tạo môi trường ảo bằng $(PYTHON_BIN)"; $(PYTHON_BIN) -m venv $(VENV); }
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c constraints.txt -e '.[dev]'
	npm ci --silent --no-audit --no-fund
	@touch $(STAMP)

install: $(STAMP)

run: install
	DEBUG=1 $(PHOIHOP) migrate --no-input
	$(PHOIHOP) refdata load
	@echo ""
	@echo "  phoihop: http://127.0.0.1:$(PORT)/"
	@echo "  Tạo quản trị viên đầu tiên / first administrator:  $(PHOIHOP) createsuperuser"
	@echo "  Nạp dữ liệu mẫu / load the demo:                    $(PHOIHOP) demo   (or: make demo)"
	@echo ""
	DEBUG=1 $(PHOIHOP) serve --port $(PORT)

demo: install
	$(PHOIHOP) migrate --no-input
	$(PHOIHOP) refdata load
	$(PHOIHOP) demo

test: install
	$(PY) -m pytest $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PHOIHOP) makemigrations --check --dry-run

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# `make bench SCALE=national` for the national data set (generated once, about 7 minutes; 3–5 GB).
SCALE ?= province
bench: install
	$(PHOIHOP) refdata bench
	$(PHOIHOP) bench --scale $(SCALE)

# Regenerate the pinned versions after changing pyproject.toml.
lock: check-python
	rm -rf /tmp/phoihop-lock && $(PYTHON_BIN) -m venv /tmp/phoihop-lock
	/tmp/phoihop-lock/bin/pip install --quiet -e '.[dev]'
	/tmp/phoihop-lock/bin/pip freeze --exclude-editable | grep -v '^phoihop' > constraints.txt
	rm -rf /tmp/phoihop-lock
