# eventwire: `make run` and `make test` are the quickstart; both install first.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: install run test lint typecheck lock clean

install: $(STAMP)

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

run: install
	@rm -f samples.db
	$(BIN)/eventwire ingest samples/*/ --db samples.db
	$(BIN)/eventwire articles --db samples.db
	@echo
	$(BIN)/eventwire events --db samples.db --limit 10
	@echo
	@echo "Next: $(BIN)/eventwire show ID --db samples.db --format json   (one article in full)"
	@echo "      $(BIN)/eventwire search QUERY --db samples.db             (full-text search)"
	@echo "Then: $(BIN)/eventwire serve --db samples.db   and open http://127.0.0.1:8000/"

# The browser tests use Debian's Chromium: installed here when we are root on Debian and it is
# missing; elsewhere they skip with the reason (under CI=true they fail instead).
test: install
	@if [ ! -x /usr/bin/chromium ] && [ "$$(id -u)" = 0 ] && [ -f /etc/debian_version ] \
	  && command -v apt-get >/dev/null; then \
	  echo "installing Debian's chromium for the browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null \
	    || echo "could not install chromium: the browser tests will say so"; \
	fi
	$(BIN)/python -m pytest -q

lint: install
	$(BIN)/ruff check eventwire tests
	$(BIN)/ruff format --check eventwire tests
	$(BIN)/mypy

typecheck: install
	$(BIN)/mypy

# Regenerate the lock (developers; needs uv). The spaCy model is pinned to its wheel's hash only.
lock:
	uv pip compile pyproject.toml --extra all --extra dev --extra train --generate-hashes \
	  --python-version 3.11 -o requirements.lock
	$(PYTHON) scripts/pin_model_hash.py

clean:
	rm -rf $(VENV) samples.db .pytest_cache .mypy_cache .ruff_cache
