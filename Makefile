# Two commands on a fresh machine:  make demo  |  make test
# Both create .venv, install civicnet from the package registries, then run.
# `make test` also installs the spark extra and a Java runtime: the spark engine's tests run there.
PYTHON ?= python3
VENV   ?= .venv
OUT    ?= civicnet-demo

.PHONY: demo test setup system-deps clean models

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install -q --upgrade pip
	$(VENV)/bin/pip install -q -e '.[test,pdf,text,web]'
	touch $@

# The spark engine (civicnet run --engine spark): pyspark and sqlglot, for the tests.
$(VENV)/.spark: $(VENV)/.installed
	$(VENV)/bin/pip install -q -e '.[spark]'
	touch $@

setup: system-deps $(VENV)/.installed

# From Debian, installed when we may (root with apt-get): Pango and fonts for
# WeasyPrint (the A3 PDF: DejaVu for the text, Noto Color Emoji for the emoji in names and
# messages, which would otherwise print as empty boxes); with SPARK=1 a Java runtime for the spark engine (pyspark), unless
# `java -version` finds one (17 or newer) already; with TEST_BROWSER=1 also Chromium for
# the dashboard's browser tests (skipped, with a reason, when it is missing).
DEBS = libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core fonts-noto-color-emoji
ifeq ($(SPARK),1)
JAVA_OK := $(shell java -version 2>&1 | grep -Eq 'version "(1[7-9]|[2-9][0-9])' && echo yes)
ifneq ($(JAVA_OK),yes)
DEBS += openjdk-17-jre-headless
endif
endif
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

test: $(VENV)/.installed $(VENV)/.spark
	@$(MAKE) --no-print-directory system-deps TEST_BROWSER=1 SPARK=1
	$(VENV)/bin/python -m pytest -p no:cacheprovider

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache

# Train the shipped classifiers on the coded real messages of datasets/ and write their
# evaluation into docs/typology.md and docs/webcare.md: settings chosen on the dev split,
# models fitted on train (the set written for civicnet joins only if it helps on dev), the
# test split scored once (the typology's also per coding batch and per author kind); then the
# civicnet-written test sets are scored too. The texts are
# not committed: `python datasets/extract.py` rebuilds datasets/local/ (datasets/README.md);
# without them the commands stop with that hint. Needs scikit-learn (the `text` extra).
TYPOLOGY_MODEL = src/civicnet/text/typology/data/typology-model.json
INBOX_MODEL    = src/civicnet/webcare/data/inbox-model.json
WRITTEN_TYPOLOGY = src/civicnet/text/data/typology_dev.csv
WRITTEN_INBOX    = src/civicnet/webcare/data/labelled
models: $(VENV)/.installed
	$(VENV)/bin/civicnet typology train datasets/typology/labels.csv --messages datasets/local/typology/messages.csv \
	  --split datasets/typology/ids.csv --extra $(WRITTEN_TYPOLOGY) --out $(TYPOLOGY_MODEL) --report docs/typology.md
	$(VENV)/bin/civicnet typology evaluate datasets/typology/labels.csv --messages datasets/local/typology/messages.csv \
	  --split datasets/typology/ids.csv --by batch --report docs/typology.md
	$(VENV)/bin/civicnet typology evaluate datasets/typology/labels.csv --messages datasets/local/typology/messages.csv \
	  --split datasets/typology/ids.csv --by author_kind --join government+police --report docs/typology.md
	$(VENV)/bin/civicnet typology evaluate $(WRITTEN_TYPOLOGY) --report docs/typology.md --section typology-written
	$(VENV)/bin/civicnet inbox train datasets/inbox/labels.csv --messages datasets/local/inbox/messages.csv \
	  --split datasets/inbox/ids.csv --extra $(WRITTEN_INBOX)/dev.csv --out $(INBOX_MODEL) --report docs/webcare.md
	$(VENV)/bin/civicnet inbox evaluate $(WRITTEN_INBOX)/test.csv --report docs/webcare.md --section inbox-written
	$(VENV)/bin/python benchmarks/reply_check_drafts.py --write docs/webcare.md
