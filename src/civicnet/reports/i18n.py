"""The message catalogue: every label and sentence of the outputs in Dutch and English.

Strings live in ``locale/<lang>.yaml``, never scattered in code. ``Catalogue(lang)(key,
**values)`` formats one; a key missing from a language is an error caught by the tests
(both catalogues must have the same keys).
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

import yaml

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

    def get(self, key: str, default: str | None = None) -> str | None:
        return self._strings.get(key, default)

    def keys(self) -> set[str]:
        return set(self._strings)
