"""Stop words and platform noise for Dutch and English, and a light language guess.

The lists are data files in ``civicnet/text/data`` taken verbatim from maintained
resources (their headers name the source and licence; data/README.md says how to
regenerate them):

* Dutch: stopwords-iso ``nl`` (PyPI ``stopwordsiso`` 0.7.1, MIT), 413 words;
* English: scikit-learn's ``ENGLISH_STOP_WORDS`` (the Glasgow IR group list,
  BSD-3-Clause), 318 words — stopwords-iso's English list (1,298 words) drops
  content words such as *help*, *work*, *today*, *information*, so it is not used;
* platform noise (``rt``, ``via``, ``amp``, ``https``…): civicnet's own short list.

:func:`guess_language` tells Dutch from English where the platform gives no
language, by counting hits on two small, disjoint lists of very frequent function
words (see ``_MARKERS``); it abstains (None) when neither list is hit or both are hit
equally. It is meant for social-media messages of a Dutch/English case, not as a
general language identifier.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

LANGUAGES: tuple[str, ...] = ("nl", "en")


@lru_cache(maxsize=None)
def _read(name: str) -> frozenset[str]:
    text = resources.files("civicnet.text").joinpath("data", name).read_text(encoding="utf-8")
    return frozenset(
        line.strip().lower() for line in text.splitlines() if line.strip() and not line.startswith("#")
    )


def noise_words() -> frozenset[str]:
    """Platform noise removed in every language (``rt``, ``via``, ``amp``…)."""
    return _read("noise.txt")


@lru_cache(maxsize=None)
def stop_words(language: str | None = None) -> frozenset[str]:
    """The stop words of a language plus platform noise.

    Parameters
    ----------
    language : str or None
        ``"nl"`` or ``"en"`` (a longer code such as ``"nl-NL"`` counts by its first two
        letters). None or any other language: the union of the Dutch and English lists,
        for cases that mix both.

    Returns
    -------
    frozenset of str
        Lower-cased words to leave out of term counts.
    """
    code = (language or "").lower()[:2]
    codes = (code,) if code in LANGUAGES else LANGUAGES
    words = set(noise_words())
    for c in codes:
        words |= _read(f"stopwords-{c}.txt")
    return frozenset(words)


# Very frequent function words that occur in one language only (no shared forms such
# as "in", "is", "was", "over", "me").
_MARKERS = {
    "nl": frozenset(
        "de het een en van ik je jij niet dat die op te zijn voor met maar ook er wat naar "
        "wij we ze hij zij bij nog dan uit kan geen wordt worden heeft hebben deze dit "
        "u uw jullie mijn onze als wel zo al omdat waar hoe wie waarom".split()
    ),
    "en": frozenset(
        "the and of to you it that for with this are be have not but they at from by "
        "we our your my what will would there their can all if about which when who "
        "how why has been were do does don't i'm it's just".split()
    ),
}
_WORDS = re.compile(r"[a-zà-ÿ']+")
_LINKS = re.compile(r"https?://\S+|www\.\S+|[@#]\w+")


def guess_language(text: str | None) -> str | None:
    """Guess whether a message is Dutch (``"nl"``) or English (``"en"``).

    Parameters
    ----------
    text : str or None
        The message.

    Returns
    -------
    str or None
        ``"nl"`` or ``"en"`` when one list of function words has more hits than the
        other; None when there is no evidence or a tie.

    Examples
    --------
    >>> guess_language("De brug is weer open voor het verkeer")
    'nl'
    >>> guess_language("The bridge is open again for traffic")
    'en'
    """
    if not text:
        return None
    words = _WORDS.findall(_LINKS.sub(" ", text.lower()))
    nl = sum(1 for w in words if w in _MARKERS["nl"])
    en = sum(1 for w in words if w in _MARKERS["en"])
    if nl == en:
        return None
    return "nl" if nl > en else "en"
