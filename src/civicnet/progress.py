"""Progress reporting from the library to whoever draws it.

The library never prints. Long work calls a :data:`Progress` callback with the
stage's description, the units done so far and the total when known. The CLI draws
the calls as a rich progress bar; tests and scripts pass nothing.
"""

from __future__ import annotations

from typing import Callable, Optional

#: ``progress(description, completed, total)``; ``total`` is None when unknown.
Progress = Callable[[str, int, Optional[int]], None]


def silent(description: str, completed: int, total: Optional[int]) -> None:
    """A progress callback that does nothing."""
