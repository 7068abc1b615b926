"""The ``civicnet`` command: thin click commands over the library.

Exit status: 0 done; 1 the input was wrong (one line naming the file, the record,
what was expected); 2 usage error. One module per group of commands.
"""

from ._base import main
from . import data, live, report, typology, webcare  # noqa: F401  (register the commands)

__all__ = ["main"]
