"""Dutch message texts from templates and vocabularies.

A :class:`Phrasebook` holds, per key, a list of templates; ``{slot}`` in a template is
filled from the same book (recursively), so every group of a case can have its own
words and the text analysis has something real to find. ``say(key)`` draws one text.

Questions are planted on purpose: the generators ask for them by key and every other
text is written without a question mark or an interrogative opening (the tests check
this with :func:`civicnet.text.is_question`).
"""

from __future__ import annotations

import re
from typing import Mapping, Sequence

from ._rng import Rng

_SLOT = re.compile(r"\{(\w+)\}")

#: Words shared by many cases.
COMMON: dict[str, Sequence[str]] = {
    "smiley": [":)", ":-)", ";)", ":D", "", "", "", ""],
    "emoji": ["\U0001F44D", "\U0001F642", "\U0001F44F", "", "", ""],
    "laugh": ["haha", "hahaha", "\U0001F602", "lol", ":D"],
    "thanks": ["Dank je wel", "Bedankt", "Dank u wel", "Dankjewel", "Hartelijk dank"],
    "weekday": ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag"],
    "daypart": ["vanochtend", "vanmiddag", "vanavond", "vandaag", "gisteren"],
    "intensifier": ["echt", "heel", "erg", "ontzettend", "super"],
}


class Phrasebook:
    """Templates and vocabularies; ``say`` expands one template at random."""

    def __init__(self, rng: Rng, *books: Mapping[str, Sequence[str]]):
        self.rng = rng
        self.book: dict[str, Sequence[str]] = {}
        for b in (COMMON, *books):
            self.book.update(b)

    def say(self, key: str, **fixed: str) -> str:
        """One text for ``key``; ``fixed`` pins slots (``say("answer", road="A4")``)."""
        text = self._expand(self.rng.choice(self.book[key]), fixed, 0)
        return _tidy(text)

    def has(self, key: str) -> bool:
        return key in self.book

    def _expand(self, template: str, fixed: Mapping[str, str], depth: int) -> str:
        if depth > 8:
            raise ValueError(f"template nests too deeply: {template!r}")

        def fill(match: re.Match) -> str:
            slot = match.group(1)
            if slot in fixed:
                return fixed[slot]
            options = self.book.get(slot)
            if options is None:
                raise KeyError(f"no vocabulary for slot {{{slot}}} in {template!r}")
            return self._expand(self.rng.choice(options), fixed, depth + 1)

        return _SLOT.sub(fill, template)


def _tidy(text: str) -> str:
    text = re.sub(r"[ \t]+", " ", text)
    text = re.sub(r" +([,.!])(?=\s|$)", r"\1", text)
    text = re.sub(r"\( ", "(", text)
    text = text.strip()
    return text[:1].upper() + text[1:] if text and not text.startswith(("@", "#", "http")) else text
