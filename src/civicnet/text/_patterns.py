"""Regular expressions shared by the text modules.

One place for what a URL, an @handle, a #hashtag, an emoticon or an emoji looks like
in social-media text, so tokenising, question detection, style markers and the
typology agree on them.
"""

from __future__ import annotations

import re

#: A web address: with a scheme, ``www.``, or a bare domain with a path/known TLD.
URL = re.compile(
    r"(?:https?://|www\.)[^\s<>\"']+"
    r"|\b[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:nl|com|org|net|eu|be|gov|info|io|ly|co)"
    r"(?:/[^\s<>\"']*)?(?![\w.])",
    re.IGNORECASE,
)

#: An @handle (Twitter/Mastodon/Bluesky style; Mastodon's @user@server counts whole).
MENTION = re.compile(r"(?<![\w@])@[A-Za-z0-9_]{1,30}(?:@[A-Za-z0-9.-]+\.[a-z]{2,})?", re.ASCII)

#: A #hashtag (letters in any script, digits, underscore; not all digits).
HASHTAG = re.compile(r"(?<![\w#&])#(?!\d+\b)\w+", re.UNICODE)

#: Western text emoticons, happy, sad, winking and tongue.
EMOTICON = re.compile(
    r"(?<![\w:;=])(?:[:;=8][\-o^']?[)(\]\[dDpP/\\|*@$3]|[)(\]\[dDpP][\-o^']?[:;=]|<3|\^_?\^|xD|XD)(?![\w)(])"
)

#: Pictographic emoji and related symbols (ranges from Unicode's emoji blocks).
EMOJI = re.compile(
    "["
    "\U0001F300-\U0001F5FF"  # symbols & pictographs
    "\U0001F600-\U0001F64F"  # emoticons
    "\U0001F680-\U0001F6FF"  # transport & map
    "\U0001F900-\U0001F9FF"  # supplemental symbols & pictographs
    "\U0001FA70-\U0001FAFF"  # symbols & pictographs extended-A
    "\U00002600-\U000027BF"  # misc symbols, dingbats
    "\U0001F1E6-\U0001F1FF"  # regional indicators (flags)
    "]"
)

#: Laughing / winking emoji, used as a humour marker.
LAUGH_EMOJI = re.compile("[\U0001F602\U0001F923\U0001F606\U0001F604\U0001F601\U0001F609\U0001F61C\U0001F61D\U0001F92A\U0001F648\U0001F605\U0001F60F]")

#: Platform noise at the start: ``RT @x:``, ``MT @x:``.
RT_PREFIX = re.compile(r"^\s*(?:RT|MT)\s+@[A-Za-z0-9_]+:?\s*", re.ASCII)

#: ``via @x`` credit, wherever it appears.
VIA = re.compile(r"\(?\bvia\s+@[A-Za-z0-9_]+\)?", re.IGNORECASE)


def strip_urls(text: str) -> str:
    """Replace every URL by a space, so a ``?`` in a query string is not seen."""
    return URL.sub(" ", text)
