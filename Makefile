# Two commands on a fresh machine:  make demo  |  make test
# Both create .venv, install civicnet from the package registries, then run.
PYTHON ?= python3
VENV   ?= .venv
OUT    ?= civicnet-demo

.PHONY: demo test setup system-deps clean

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
