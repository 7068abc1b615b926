"""civicnet: how government takes part in social media.

Import real platform exports into one DuckDB store, build networks, read the
messages, characterise the government's role and write A3 factsheets.

The Python API (docs/api.md; the ``civicnet`` command is a thin layer over it), here on the
demo case of a police officer in Lisse, generated into ``folder`` (any empty folder):

>>> import civicnet
>>> from civicnet.simulate import generate
>>> case = civicnet.load_case(generate("wijkagent-lisse", folder, seed=2014))  # InputError on bad input
>>> a = civicnet.analyse(case)                    # imports the sources if needed: a CaseAnalysis
>>> a.summary["counts"]["messages"]               # summary.json as a dict
477
>>> a.networks["mention"].nodes.num_rows          # pyarrow.Table with the columns of nodes.csv
123
>>> a.messages.num_rows                           # pyarrow.Table with the columns of messages.csv
477
>>> [f.name for f in civicnet.write_outputs(a, folder / "out", lang="nl", pseudonymise=False, pdf=False)]
['factsheet.html', 'summary.json', 'nodes.csv', 'edges.csv', 'network.gexf', 'messages.csv']

Names are imported on first use, so ``import civicnet`` stays light.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

__version__ = "0.1.0"

#: public name -> the module it lives in
_PUBLIC = {
    "load_case": "civicnet._api", "analyse": "civicnet._api", "write_outputs": "civicnet._api",
    "case_info": "civicnet._api", "export_parquet": "civicnet._api", "open_store": "civicnet._api",
    "Case": "civicnet.case", "CaseAnalysis": "civicnet.analysis", "NetworkResult": "civicnet.networks",
    "Store": "civicnet.store", "CivicnetError": "civicnet.errors", "InputError": "civicnet.errors",
}

__all__ = ["__version__", *_PUBLIC]

if TYPE_CHECKING:
    from ._api import analyse, case_info, export_parquet, load_case, open_store, write_outputs  # noqa: F401
    from .analysis import CaseAnalysis  # noqa: F401
    from .case import Case  # noqa: F401
    from .errors import CivicnetError, InputError  # noqa: F401
    from .networks import NetworkResult  # noqa: F401
    from .store import Store  # noqa: F401


def __getattr__(name: str):
    module = _PUBLIC.get(name)
    if module is None:
        raise AttributeError(f"module 'civicnet' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
