"""The Python API's documentation runs: the examples of docs/api.md and the docstring examples of
the public modules (doctest), so neither can drift from the API."""

from __future__ import annotations

import doctest
import importlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
#: Modules whose docstring examples are part of the documentation.
PUBLIC_MODULES = ["civicnet", "civicnet.labels", "civicnet.store.scope", "civicnet.networks.result", "civicnet.formatting",
                  "civicnet.analysis.names"]
FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE


def test_api_md_examples_run(tmp_path):
    pytest.importorskip("networkx")
    result = doctest.testfile(str(ROOT / "docs" / "api.md"), module_relative=False, globs={"folder": tmp_path},
                              optionflags=FLAGS, verbose=False, report=True)
    assert result.attempted >= 30
    assert result.failed == 0, f"{result.failed} of the examples in docs/api.md failed (see the output above)"


@pytest.mark.parametrize("name", PUBLIC_MODULES)
def test_docstring_examples_run(name, tmp_path):
    module = importlib.import_module(name)
    result = doctest.testmod(module, extraglobs={"folder": tmp_path}, optionflags=FLAGS, report=True)
    assert result.attempted > 0, f"{name} has no examples"
    assert result.failed == 0, f"{result.failed} examples of {name} failed (see the output above)"
