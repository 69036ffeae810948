# Two set-up commands on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
LOWEST := .venv-lowest

.PHONY: demo test lint typecheck unit docs test-lowest bench snapshots clean fuzz

# The demo shows the national-scale tables too, so it installs the tables extra.
demo: $(VENV)/.installed-tables
	$(BIN)/moralkit demo

test: $(VENV)/.installed-dev lint typecheck unit docs notebooks

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

typecheck: $(VENV)/.installed-dev
	$(BIN)/mypy --strict src

unit: $(VENV)/.installed-dev
	$(BIN)/pytest

docs: $(VENV)/.installed-dev
	$(BIN)/mkdocs build --strict --site-dir $(VENV)/site

# The declared lower bounds of the runtime dependencies, installed exactly, under the tests.
test-lowest:
	$(PYTHON) -m venv $(LOWEST)
	$(LOWEST)/bin/pip install --quiet --upgrade pip
	$(LOWEST)/bin/pip install --quiet "attrs==23.1.0" "cattrs==23.2.1" "python-dateutil==2.8.2" \
		pytest hypothesis hypothesis-jsonschema jsonschema pythainlp
	$(LOWEST)/bin/pip install --quiet --no-deps -e .
	$(LOWEST)/bin/pytest -p no:randomly -o addopts="--strict-markers -p no:cacheprovider" tests

# The notebooks under docs/notebooks, executed on their small default samples.
.PHONY: notebooks
notebooks: $(VENV)/.installed-dev
	$(BIN)/pytest --nbmake docs/notebooks -o addopts="" -p no:cacheprovider -q

# The national run (1.35 million respondents, time and peak memory per size); outside CI.
.PHONY: bench-national
bench-national: $(VENV)/.installed-dev
	$(BIN)/python -m benchmarks.national

bench: $(VENV)/.installed-dev
	$(BIN)/pytest benchmarks --benchmark-enable --benchmark-only -o testpaths=benchmarks

# Every fuzz family at scale (>= 250,000 inputs in all); one table per family at the end.
# The schema property test draws SCHEMA_EXAMPLES payloads from each published schema.
FUZZ_EXAMPLES ?= 2500
SCHEMA_EXAMPLES ?= 25
fuzz: $(VENV)/.installed-dev
	MORALKIT_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) MORALKIT_FUZZ_REPORT=1 $(BIN)/pytest -q \
		tests/fuzz tests/test_serde.py::test_loaders_are_deterministic_across_threads_and_processes
	MORALKIT_SCHEMA_EXAMPLES=$(SCHEMA_EXAMPLES) $(BIN)/pytest -q -p no:randomly \
		tests/test_schema.py -k "published_schema or mutated_dumps"

# The service under Schemathesis, live on 127.0.0.1, at scale: part of `make fuzz`.
.PHONY: fuzz-api
API_FUZZ_EXAMPLES ?= 400
fuzz-api: $(VENV)/.installed-dev
	MORALKIT_API_FUZZ_EXAMPLES=$(API_FUZZ_EXAMPLES) $(BIN)/pytest tests/server/test_fuzz_api.py -q -s
fuzz: fuzz-api

# The JSON Schema files the package ships (moralkit/server/schemas), after a wire form changes.
.PHONY: schemas
schemas: $(VENV)/.installed-dev
	rm -f src/moralkit/server/schemas/*.schema.json
	$(BIN)/moralkit schema --all --out src/moralkit/server/schemas

snapshots: $(VENV)/.installed-dev
	$(BIN)/python -m tests.snapshots.regenerate

# The pictures of docs/plots.md, drawn from seeded synthetic data.
.PHONY: docs-images
docs-images: $(VENV)/.installed-dev
	$(BIN)/python scripts/docs_images.py

$(VENV)/.created:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	touch $@

$(VENV)/.installed: $(VENV)/.created pyproject.toml
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-tables: $(VENV)/.created pyproject.toml
	$(BIN)/pip install --quiet -e ".[tables]"
	touch $@

$(VENV)/.installed-dev: $(VENV)/.created pyproject.toml
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $@ $(VENV)/.installed

clean:
	rm -rf $(VENV) $(LOWEST) site build dist .mypy_cache .ruff_cache .hypothesis
