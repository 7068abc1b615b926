# Two commands on a fresh machine:  make demo  |  make test
# Both create .venv, install civicnet from the package registries, then run.
PYTHON ?= python3
VENV   ?= .venv
OUT    ?= civicnet-demo

.PHONY: demo test setup system-deps clean models

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install -q --upgrade pip
	$(VENV)/bin/pip install -q -e '.[test,pdf,text,web]'
	touch $@

setup: system-deps $(VENV)/.installed

# From Debian, installed when we may (root with apt-get): Pango and a font for
# WeasyPrint (the A3 PDF); with TEST_BROWSER=1 also Chromium for the dashboard's
# browser tests (skipped, with a reason, when it is missing).
DEBS = libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core
ifeq ($(TEST_BROWSER),1)
DEBS += chromium
endif
system-deps:
	@missing=""; for p in $(DEBS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "installing from Debian:$$missing"; \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null) \
	      || echo "warning: could not install$$missing (the PDF or browser tests may be skipped or fail)"; \
	  else echo "note: please install from Debian:$$missing"; fi; \
	fi

demo: setup
	$(VENV)/bin/civicnet demo --out $(OUT)

test: $(VENV)/.installed
	@$(MAKE) --no-print-directory system-deps TEST_BROWSER=1
	$(VENV)/bin/python -m pytest -p no:cacheprovider

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache

# Train the shipped classifiers and write their test-split evaluation into docs/typology.md
# and docs/webcare.md. With the coded sets of datasets/ (labels.csv, messages.csv,
# split.csv) the models learn from train+dev with the rule markers as features; until
# those exist, from the labelled sets shipped in the package (n-grams only: the rules
# were written on those very messages). Needs scikit-learn (the `text` extra).
TYPOLOGY_MODEL = src/civicnet/text/typology/data/typology-model.json
INBOX_MODEL    = src/civicnet/webcare/data/inbox-model.json
models: $(VENV)/.installed
	@if [ -f datasets/typology/labels.csv ]; then \
	  $(VENV)/bin/civicnet typology train datasets/typology/labels.csv --messages datasets/typology/messages.csv \
	    --split datasets/typology/split.csv --out $(TYPOLOGY_MODEL) --report docs/typology.md; \
	else \
	  $(VENV)/bin/civicnet typology train src/civicnet/text/data/typology_dev.csv --features ngrams \
	    --out $(TYPOLOGY_MODEL) --report docs/typology.md; \
	fi
	@if [ -f datasets/inbox/labels.csv ]; then \
	  $(VENV)/bin/civicnet inbox train datasets/inbox/labels.csv --messages datasets/inbox/messages.csv \
	    --split datasets/inbox/split.csv --out $(INBOX_MODEL) --report docs/webcare.md; \
	else \
	  $(VENV)/bin/civicnet inbox train src/civicnet/webcare/data/labelled/dev.csv --features ngrams --out $(INBOX_MODEL) && \
	  $(VENV)/bin/civicnet inbox evaluate src/civicnet/webcare/data/labelled/test.csv --report docs/webcare.md; \
	fi
	$(VENV)/bin/python benchmarks/reply_check_drafts.py --write docs/webcare.md
