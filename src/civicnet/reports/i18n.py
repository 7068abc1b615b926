"""The message catalogue: every label and sentence of the outputs in Dutch and English.

Strings live in ``locale/<lang>.yaml``, never scattered in code. ``Catalogue(lang)(key,
**values)`` formats one; a key missing from a language is an error caught by the tests
(both catalogues must have the same keys). ``Catalogue.code(kind, value)`` names a code value
(a role, a policy phase, a sender pattern…) in the language, never as the code itself; the
figures are formatted by :mod:`civicnet.formatting` (``t.number``, ``t.percent`` …).
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

import yaml

from .. import formatting

LANGUAGES = ("nl", "en")


@lru_cache(maxsize=None)
def _load(lang: str) -> dict[str, str]:
    text = resources.files("civicnet.reports").joinpath(f"locale/{lang}.yaml").read_text("utf-8")
    data = yaml.safe_load(text)
    return {str(k): str(v) for k, v in data.items()}


class Catalogue:
    """Labels and sentences in one language."""

    def __init__(self, lang: str):
        if lang not in LANGUAGES:
            raise ValueError(f"unknown language {lang!r}; choose from {', '.join(LANGUAGES)}")
        self.lang = lang
        self._strings = _load(lang)

    def __call__(self, key: str, **values) -> str:
        template = self._strings[key]
        return template.format(**values) if values else template

    def plural(self, key: str, n: int | None, /, **values) -> str:
        """``key`` for a count ``n``: its ``<key>_one`` form when ``n`` is 1 (and the catalogue has one).
        ``n`` is positional, so a template's own ``count`` can be among ``values``."""
        one = f"{key}_one"
        return self(one if n == 1 and one in self._strings else key, **values)

    def get(self, key: str, default: str | None = None) -> str | None:
        return self._strings.get(key, default)

    def keys(self) -> set[str]:
        return set(self._strings)

    def code(self, kind: str, value: str | None, default: str | None = None) -> str:
        """The words for a code value (``code("role", "civil_servant")`` → *ambtenaar*): the catalogue's
        ``<kind>_<value>``; a value the catalogue does not know is shown with its ``_`` as spaces
        (a case file's own policy phase), None as ``default`` (else n.v.t./n/a)."""
        if value is None or value == "":
            return default if default is not None else self.na()
        found = self._strings.get(f"{kind}_{value}")
        return found if found is not None else str(value).replace("_", " ")

    # -- figures (civicnet.formatting, in this language) ------------------------------------

    def na(self) -> str:
        return formatting.not_applicable(self.lang)

    def number(self, value, decimals: int = 0) -> str:
        return formatting.number(value, self.lang, decimals)

    def percent(self, share) -> str:
        return formatting.percent(share, self.lang)

    def duration(self, minutes) -> str:
        return formatting.duration(minutes, self.lang)

    def day(self, value) -> str:
        return formatting.day(value, self.lang)

    def short_day(self, value) -> str:
        return formatting.short_day(value, self.lang)

    def short_month(self, value) -> str:
        return formatting.short_month(value, self.lang)

    def period(self, start, end) -> str:
        return formatting.period(start, end, self.lang)

    def and_list(self, items) -> str:
        return formatting.and_list(list(items), self.lang)
