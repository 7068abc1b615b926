"""Untrusted text as a reader sees it: without bidirectional controls.

A handle, name or text carrying a right-to-left override (U+202E), an embedding, an
isolate or a direction mark could visually reorder what is printed next to it (a figure,
another name). Every page a person reads drops them with the one helper here: the
factsheet (:func:`civicnet.reports.factsheet.render_html`) and every JSON answer of the
dashboard (:class:`civicnet.web.app.ShownJSON`), whose stylesheet also isolates names
and texts (``unicode-bidi: isolate``). Data files (CSV, GEXF) keep the values as stored.
"""

from __future__ import annotations

import re

#: Embeddings and overrides (U+202A–U+202E), isolates (U+2066–U+2069) and marks (LRM, RLM, ALM).
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")


def strip_bidi(text: str) -> str:
    """``text`` without bidirectional controls."""
    return BIDI_CONTROLS.sub("", text)
