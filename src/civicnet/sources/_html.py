"""HTML fragments (Mastodon ``content`` and ``note``) to plain text, safely.

Built on the standard library's :class:`html.parser.HTMLParser`: it only tokenises,
so nothing in the fragment is executed, loaded or fetched (no scripts, no images, no
external entities). Paragraphs and line breaks become newlines, links become their
text (Mastodon splits a long link into visible and ``invisible`` spans; their text
together is the full address), every tag is dropped, character references are
unescaped, and the content of ``script``/``style`` elements is dropped entirely.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

#: Elements whose start and end are line boundaries.
_BLOCK = {"p", "div", "blockquote", "li", "ul", "ol", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table"}
_PARAGRAPH = {"p", "blockquote", "pre", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "table"}
_SKIP = {"script", "style", "template"}
_MANY_NEWLINES = re.compile(r"\n{3,}")
_SPACE_BEFORE_NEWLINE = re.compile(r"[ \t]+\n")


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag, attrs) -> None:
        if tag in _SKIP:
            self._skipping += 1
        elif tag == "br":
            self.parts.append("\n")
        elif tag in _BLOCK:
            self._break(2 if tag in _PARAGRAPH else 1)

    def handle_startendtag(self, tag, attrs) -> None:
        if tag == "br":
            self.parts.append("\n")

    def handle_endtag(self, tag) -> None:
        if tag in _SKIP:
            self._skipping = max(0, self._skipping - 1)
        elif tag in _BLOCK:
            self._break(2 if tag in _PARAGRAPH else 1)

    def _break(self, lines: int) -> None:
        """End the current line (a blank line for paragraphs) unless already ended."""
        tail = 0
        for part in reversed(self.parts):
            stripped = part.rstrip("\n")
            tail += len(part) - len(stripped)
            if stripped:
                break
        if tail < lines:
            self.parts.append("\n" * (lines - tail))

    def handle_data(self, data) -> None:
        if not self._skipping:
            self.parts.append(data)


def html_to_text(fragment: str | None) -> str | None:
    """The plain text of an HTML fragment; None stays None.

    >>> html_to_text('<p>Hoi <a href="https://x.nl/a">@<span>jan</span></a></p><p>a&amp;b<br>c</p>')
    'Hoi @jan\\n\\na&b\\nc'
    """
    if fragment is None:
        return None
    if "<" not in fragment and "&" not in fragment:
        return fragment.strip()
    parser = _TextParser()
    parser.feed(fragment)
    parser.close()
    text = "".join(parser.parts).replace("\r\n", "\n").replace("\xa0", " ")
    text = _SPACE_BEFORE_NEWLINE.sub("\n", text)
    return _MANY_NEWLINES.sub("\n\n", text).strip()
