"""Style markers of a message and their profile per account (METHOD.md §3).

The report describes government's style by: speaking in the first person singular
("ik"), as "we", or in the third person ("De gemeente zoekt…", "staatssecretaris
Dekker"); addressing citizens formally ("u") or informally ("jij/je"); imperatives
("Doe mee", "Bekijk"); length (a line vs a press release); photos; emoticons; quiz
and knowledge questions. :func:`style_markers` measures these for one message;
:func:`style_profile` aggregates them per account (shares of messages carrying each
marker, mean length).

The person markers count pronouns (Dutch and English lists below) and, for the third
person, an organisation or office naming itself (*de gemeente*, *het ministerie*,
*de minister*, *staatssecretaris*, *Rijkswaterstaat*, *de politie*; *the council*…).
*je* is both informal "you" and the reflexive/possessive; it counts as informal
address, which is what it signals in government messages.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Hashable, Iterable

from civicnet.text._patterns import EMOJI, EMOTICON, HASHTAG, MENTION, URL
from civicnet.text.questions import asks
from civicnet.text.typology import lexicon as lx
from civicnet.text.typology.rules import imperative_opening

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?", re.UNICODE)
_PRONOUNS = {
    "first_singular": {"nl": {"ik", "mijn", "mij", "me", "m'n", "mezelf"}, "en": {"my", "me", "myself"}},
    "first_plural": {"nl": {"we", "wij", "ons", "onze"}, "en": {"we", "we're", "we've", "we'll", "our", "us", "ours"}},
    "formal_you": {"nl": {"u", "uw"}, "en": set()},
    "informal_you": {"nl": {"jij", "je", "jou", "jouw", "jullie"}, "en": {"you", "your", "you're", "yours"}},
}
_THIRD = re.compile(
    r"\b(?:de\s+gemeente|het\s+ministerie|het\s+college|de\s+minister|de\s+staatssecretaris|staatssecretaris\s+\w+|"
    r"minister\s+\w+|de\s+burgemeester|burgemeester\s+\w+|rijkswaterstaat|de\s+politie|het\s+om|de\s+provincie|"
    r"the\s+council|the\s+ministry|the\s+minister|the\s+mayor|the\s+police)\b",
    re.IGNORECASE,
)
MARKERS: tuple[str, ...] = (
    "first_singular", "first_plural", "third_person", "formal_you", "informal_you", "imperative",
    "link", "media", "emoticon", "emoji", "question", "exclamation", "hashtag", "mention",
)
#: The markers of who speaks and whom it addresses (:func:`person_markers`).
PERSON: tuple[str, ...] = ("first_singular", "first_plural", "third_person", "formal_you", "informal_you")


def _langs(language: str | None) -> tuple[str, ...]:
    code = (language or "").lower()[:2]
    return (code,) if code in ("nl", "en") else ("nl", "en")


def style_markers(text: str | None, language: str | None = None, has_media: bool | None = None) -> dict:
    """Style markers of one message.

    Parameters
    ----------
    text : str or None
        The message.
    language : str or None
        ``"nl"``, ``"en"`` or None (both pronoun lists).
    has_media : bool or None
        Whether the message carries a photo or video, as the platform reports it;
        passed through as ``media`` (None when unknown).

    Returns
    -------
    dict
        ``length_chars``, ``length_words`` (words outside URLs/handles), and for each
        of :data:`MARKERS` a bool (``media``: bool or None). None text gives None
        for every value except ``media``.
    """
    if text is None:
        return {"length_chars": None, "length_words": None, **{m: None for m in MARKERS}, "media": has_media}
    return _style(text, _prepared(text), _langs(language), language, has_media)


def _prepared(text: str) -> tuple[str, int, str, list[str]]:
    """A message without URLs, how many URLs it had, without URLs and handles, and its words."""
    no_urls, links = URL.subn(" ", text)
    bare = MENTION.sub(" ", no_urls) if "@" in no_urls else no_urls  # a handle needs its @
    return no_urls, links, bare, _words(bare)


def _style(text: str, prepared: tuple[str, int, str, list[str]], langs: tuple[str, ...], language: str | None,
           has_media: bool | None) -> dict:
    """:func:`style_markers` of a text with its :func:`_prepared` parts."""
    no_urls, links, bare, words = prepared
    return {
        "length_chars": len(text),
        "length_words": len(words),
        **_person(bare, words, langs),
        "imperative": imperative_opening(no_urls, langs),
        "link": links > 0,
        "media": has_media,
        "emoticon": bool(EMOTICON.search(text)),
        "emoji": not text.isascii() and bool(EMOJI.search(text)),
        "question": asks(no_urls, language),
        "exclamation": "!" in bare,
        "hashtag": "#" in text and bool(HASHTAG.search(text)),
        "mention": "@" in text and bool(MENTION.search(text)),
    }


def person_markers(text: str | None, language: str | None = None) -> dict:
    """The :data:`PERSON` markers of :func:`style_markers` alone, at a fraction of its cost
    (for :func:`civicnet.tactics.sender.account_voices`, which needs only these)."""
    if text is None:
        return {m: None for m in PERSON}
    _, _, bare, words = _prepared(text)
    return _person(bare, words, _langs(language))


def style_and_person(text: str, language: str | None, has_media: bool | None = None) -> tuple[dict, dict]:
    """``style_markers(text, None, has_media)`` and ``person_markers(text, language)`` of one text,
    its URLs, handles and words found once (:func:`civicnet.tactics.markers.government_markers`)."""
    prepared = _prepared(text)
    style = _style(text, prepared, _langs(None), None, has_media)
    langs = _langs(language)
    if langs == _langs(None):
        return style, {m: style[m] for m in PERSON}
    return style, _person(prepared[2], prepared[3], langs)


def _words(bare: str) -> list[str]:
    """The lower-cased words of a message without URLs and handles (hashtags dropped too)."""
    return [w.lower().replace("’", "'") for w in _WORD.findall(HASHTAG.sub(" ", bare) if "#" in bare else bare)]


def _person(bare: str, words: list[str], langs: tuple[str, ...]) -> dict:
    """The :data:`PERSON` markers from a message's text without URLs and handles and its words."""
    present = set(words)
    found = {key: any(not present.isdisjoint(table[lang]) for lang in langs) for key, table in _PRONOUNS.items()}
    if "en" in langs:  # capital "I" only, so the Dutch "i.v.m." does not count
        found["first_singular"] = found["first_singular"] or bool(lx.FIRST_SINGULAR["en"].search(bare))
    found["third_person"] = bool(_THIRD.search(bare))
    return found


def voice(profile: dict) -> str | None:
    """The account's dominant voice from a profile: ``"I"``, ``"we"``, ``"third"`` or None."""
    shares = {"I": profile.get("first_singular"), "we": profile.get("first_plural"), "third": profile.get("third_person")}
    known = {k: v for k, v in shares.items() if v}
    return max(known, key=known.get) if known else None


def style_profile(
    messages: Iterable[tuple[Hashable, str | None, bool | None]], language: str | None = None
) -> dict[Hashable, dict]:
    """Aggregate style markers per account.

    Parameters
    ----------
    messages : iterable of (account, text, has_media)
        One tuple per message; ``has_media`` may be None.
    language : str or None
        As in :func:`style_markers`.

    Returns
    -------
    dict
        account → ``{"messages": n, "mean_length_chars": …, "mean_length_words": …,
        <marker>: share of messages with it (0..1), "voice": "I"|"we"|"third"|None,
        "address": "u"|"jij"|"both"|None}``. ``media`` is the share among messages
        whose media flag is known (None when none is).
    """
    tally = StyleTally()
    for account, text, has_media in messages:
        if text is not None:
            tally.add(account, style_markers(text, language, has_media))
    return tally.profiles()


class StyleTally:
    """:func:`style_profile` message by message: :meth:`add` each message's :func:`style_markers`
    (of a message with text), :meth:`profiles` at the end."""

    def __init__(self) -> None:
        self._sums: dict[Hashable, dict[str, float]] = {}
        self._counts: dict[Hashable, dict[str, int]] = {}

    def add(self, account: Hashable, markers: dict) -> None:
        sums = self._sums.get(account)
        if sums is None:
            sums = self._sums[account] = defaultdict(float)
            self._counts[account] = defaultdict(int)
        counts = self._counts[account]
        for key, value in markers.items():
            if value is None:
                continue
            sums[key] += float(value)
            counts[key] += 1
        counts["messages"] += 1

    def profiles(self) -> dict[Hashable, dict]:
        """account → its profile (:func:`style_profile`), in the order the accounts were first added."""
        profiles = {}
        for account, total in self._sums.items():
            counts = self._counts[account]
            n = counts["messages"]
            profile = {"messages": n}
            profile["mean_length_chars"] = round(total["length_chars"] / n, 1)
            profile["mean_length_words"] = round(total["length_words"] / n, 1)
            for marker in MARKERS:
                known = counts[marker]
                profile[marker] = round(total[marker] / known, 3) if known else None
            profile["voice"] = voice(profile)
            formal, informal = profile["formal_you"] or 0, profile["informal_you"] or 0
            profile["address"] = (None if not (formal or informal) else "both" if formal and informal
                                  else "u" if formal else "jij")
            profiles[account] = profile
        return profiles
