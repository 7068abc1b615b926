"""Why a record was rejected, and why a file cannot be read, in the reader's language.

The importers write each reason (and the fix, where one is known) in English, with values
quoted from the file; the import report keeps them so. :func:`reason_text` and
:func:`fix_text` give them in Dutch for a Dutch reader (``civicnet ingest``'s lines, the
warnings of ``run`` and ``demo``, the factsheet's limitations) through the patterns of
``reject_reasons.yaml``; values quoted from the file stay as they are. A reason no pattern
knows is shown as written (a test keeps every reason written in src/ known).

:func:`problem_text` does the same for a file that cannot be read (a
:class:`~civicnet.errors.FormatError`'s problem, ``read_problems.yaml``), which the CLI prints
in the case's language.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

import yaml


#: The catalogue of each kind of text.
_FILES = {"reasons": "reject_reasons.yaml", "fixes": "reject_reasons.yaml", "problems": "read_problems.yaml",
          "case": "read_problems.yaml"}


@lru_cache(maxsize=None)
def _patterns(kind: str) -> tuple[tuple[re.Pattern, str, dict], ...]:
    text = resources.files("civicnet.store").joinpath(_FILES[kind]).read_text("utf-8")
    return tuple((re.compile(e["en"], re.S), e["nl"], e.get("words") or {}) for e in yaml.safe_load(text)[kind])


def _translated(text: str, kind: str, lang: str) -> str:
    if lang != "nl" or not text:
        return text
    for pattern, template, words in _patterns(kind):
        m = pattern.fullmatch(text)
        if m:
            values = {k: words.get(k, {}).get(v, v) for k, v in m.groupdict().items()}
            return template.format(**values)
    return text


def reason_text(reason: str, lang: str) -> str:
    """A reject reason as the reader of ``lang`` (nl or en) reads it."""
    return _translated(reason, "reasons", lang)


def fix_text(fix: str, lang: str) -> str:
    """A reject reason's fix as the reader of ``lang`` reads it."""
    return _translated(fix, "fixes", lang)


def problem_text(problem: str, lang: str, kind: str = "problems") -> str | None:
    """Why a file cannot be read (``kind`` problems) or a case file cannot be used (``case``), as the reader
    of ``lang`` reads it; None where no pattern knows the problem in that language (the caller then says
    the whole message in English)."""
    if lang == "en":
        return problem
    return _translated(problem, kind, lang) if lang == "nl" and known(problem, kind) else None


def known(text: str, kind: str = "reasons") -> bool:
    """Whether a pattern of ``kind`` (reasons, fixes, problems, case) matches ``text``."""
    return any(p.fullmatch(text) for p, _, _ in _patterns(kind))


_PLACES_NL = ((re.compile(r"\bline (\d+)"), r"regel \1"), (re.compile(r"\brow (\d+)"), r"rij \1"),
              (re.compile(r"\bsheet\b"), "werkblad"))


def location_text(location: str, lang: str) -> str:
    """A record's place in its file (``line 12``, ``line 3, data[2]``) as the reader of ``lang`` reads it."""
    if lang != "nl" or not location:
        return location
    for pattern, dutch in _PLACES_NL:
        location = pattern.sub(dutch, location)
    return location

