"""One pass over government's counted messages for its style and its pronoun use.

:func:`.content.style` (the style markers per account identifier,
:func:`civicnet.text.style.style_profile`) and :func:`.sender.voices` (per account, the
messages in the first person singular, plural or third person) read the same messages and
find the same URLs, handles and words in them: :func:`government_markers` reads each
message once and finds them once (:func:`civicnet.text.style.style_and_person`), and keeps
only the sums, never a row per message.
"""

from __future__ import annotations

from typing import NamedTuple

from ..store.scope import measure
from ..text.style import StyleTally, style_and_person
from .beside import GovernmentText, government_text


class GovernmentMarkers(NamedTuple):
    """``style``: identifier → style profile (:func:`civicnet.text.style.style_profile` of the
    account's counted messages); ``pronouns``: ``(platform, account id)`` → ``[messages, first
    person singular, first person plural, third person]`` (messages with each)."""

    style: dict[str, dict]
    pronouns: dict[tuple[str, str], list[int]]


@measure(government_text)
def government_markers(scope, government_text: GovernmentText) -> GovernmentMarkers:
    """The style profiles and pronoun tallies of government's counted messages (:func:`tally`; worked out
    beside the networks on a large case: :mod:`.beside`)."""
    return government_text.markers()


def tally(rows: list[tuple], bodies: dict[tuple[str, str], str]) -> GovernmentMarkers:
    """The markers of ``rows`` (``ident, text, has_media, platform, account, language``, by ident and id);
    ``bodies``: ``(platform, account id)`` → the lower-cased body the account speaks for.

    A message counts as third person when its person markers say so or it names its account's
    body (:func:`.sender.voices`); the style markers are read without a language (Dutch and
    English lists both), the person markers in the message's language.
    """
    style = StyleTally()
    pronouns: dict[tuple[str, str], list[int]] = {}
    for ident, text, has_media, platform, account, language in rows:
        tally = pronouns.setdefault((platform, account), [0, 0, 0, 0])
        tally[0] += 1
        if text is None:  # no markers: counted, never in a profile
            continue
        markers, person = style_and_person(text, language, has_media)
        style.add(ident, markers)
        body = bodies.get((platform, account))
        tally[1] += bool(person["first_singular"])
        tally[2] += bool(person["first_plural"])
        tally[3] += bool(person["third_person"]) or bool(body and body in text.lower())
    return GovernmentMarkers(style.profiles(), pronouns)
