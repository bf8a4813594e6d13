# rgpd_risk — every target creates or reuses the local virtual environment .venv.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
OUT    ?= reports
LANG_REPORT ?= fr

.DEFAULT_GOAL := help
.PHONY: help install report report-all test lint bench clean

## Show this help
help:
	@awk 'BEGIN{FS=":"} /^## /{doc=substr($$0,4); next} /^[a-zA-Z_-]+:/{if(doc){printf "  \033[36m%-12s\033[0m %s\n", $$1, doc}; doc=""}' $(MAKEFILE_LIST)

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python >= 3.11 is required")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	@# setuptools' notice on editable installs is advice for developers, not a problem: silenced
	PYTHONWARNINGS="ignore:Editable installation:UserWarning" $(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

## Create (or reuse) .venv and install rgpd_risk with its development tools
install: $(STAMP)

## Run the main job on the bundled sample organisation and print the report paths
report: $(STAMP)
	$(BIN)/rgpd-risk report board data/sample/inventory.csv --organisation data/sample/organisation.yaml --lang $(LANG_REPORT) --out $(OUT)

## Write every report (inventory, risk, board) in French and English
report-all: $(STAMP)
	$(BIN)/rgpd-risk report all data/sample/inventory.csv --organisation data/sample/organisation.yaml --lang fr --out $(OUT)
	$(BIN)/rgpd-risk report all data/sample/inventory.csv --organisation data/sample/organisation.yaml --lang en --out $(OUT)

## Run the whole test suite (unit, property, notebook and browser tests)
test: $(STAMP)
	$(BIN)/python -m pytest

## Check style with ruff
lint: $(STAMP)
	$(BIN)/ruff check rgpd_risk tests benchmarks

## Run the benchmarks and print their figures (see benchmarks/RESULTS.md)
bench: $(STAMP)
	for f in benchmarks/bench_*.py; do $(BIN)/python $$f || exit 1; done

## Remove the virtual environment and generated reports
clean:
	rm -rf $(VENV) $(OUT)/*/ $(OUT)/latest build *.egg-info
