# Two commands on a fresh machine:  make demo  |  make test
# Both create .venv, install civicnet from the package registries, then run.
PYTHON ?= python3
VENV   ?= .venv
OUT    ?= civicnet-demo

.PHONY: demo test setup system-deps clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install -q --upgrade pip
	$(VENV)/bin/pip install -q -e '.[test,pdf,text]'
	touch $@

setup: system-deps $(VENV)/.installed

# WeasyPrint (the A3 PDF) needs Pango and a font from Debian; installed when we may.
system-deps:
	@if ! ldconfig -p 2>/dev/null | grep -q libpangoft2-1.0; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core >/dev/null; \
	  else echo "note: for the PDF factsheet install Pango: sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core"; fi; \
	fi

demo: setup
	$(VENV)/bin/civicnet demo --out $(OUT)

test: setup
	$(VENV)/bin/python -m pytest -q -p no:cacheprovider

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache
