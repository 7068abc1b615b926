"""How a :class:`~civicnet.reports.pseudonym.Pseudonymiser` rewrites a text (docs/privacy.md).

In a text it replaces a citizen's @mentions of any shape, DIDs, handles and ids that hold a
digit, dot, hyphen or underscore, the host labels and path segments of links that name a
citizen, the ids of citizens' messages in links to a platform, and display names as whole
words (also written as hashtags). :class:`TextRewriting` is that part of the pseudonymiser,
over the index the pseudonymiser builds (``_keep``, ``_known``, ``_names`` …); a text
rewritten once is remembered (:data:`TEXTS_KEPT`).
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

_W = r"[^\W_]"  # a letter or digit
_HANDLE = r"\w(?:[\w.\-]*\w)?"
_WORD = re.compile(f"{_W}+")
_PSEUDONYM = re.compile(r"anon-[0-9a-f]{10}(?:[0-9a-f]{6})?")
_TEXT = re.compile(
    r"(?P<url>\bhttps?://[^\s<>\"'`]+)"
    r"|(?P<did>\bdid:(?:plc|web):[\w.:%\-]*\w)"
    rf"|(?<![\w@])@(?P<mention>{_HANDLE}(?:@{_HANDLE})?)"
    rf"|(?<![\w.\-@/#])(?P<token>(?=\w[\w.\-]*[\d_.\-]\w){_HANDLE})"
)
_MENTIONS = re.compile(rf"(?<![\w@])@({_HANDLE}(?:@{_HANDLE})?)")
_DISTINCT = re.compile(r"[\d_.\-]")
_HOST = re.compile(r"(?:[\w-]+\.)+[a-z]{2,}", re.I)
_NAME_GAP = re.compile(r"[^\S\n]{0,3}|[^\S\n]?[-'.][^\S\n]?|[^\S\n]{1,3}#")  # "ASTRO #아스트로": hashtags too
_SEGMENT = re.compile(r"[^/?&=#;]+")
_DIGITS_ID = re.compile(r"\d{6,}(?:_\d+)*")
_TRAILING = ".,;:!?)]}"
#: Hosts whose links name accounts and messages (a fediverse instance is recognised by ``/@user``).
PLATFORM_HOSTS = ("twitter.com", "x.com", "facebook.com", "fb.com", "fb.me", "bsky.app", "linkedin.com",
                  "instagram.com", "threads.net", "tiktok.com", "youtube.com")
#: Texts whose rewriting a pseudonymiser remembers (a crisis' retweets repeat a few texts many times);
#: beyond this many it forgets them all and starts again.
TEXTS_KEPT = 50_000


class TextRewriting:
    """The texts of a :class:`~civicnet.reports.pseudonym.Pseudonymiser`: what it shows of a text."""

    def text(self, text: str | None) -> str | None:
        if not text:
            return text
        done = self._texts.get(text)
        if done is None:
            if len(self._texts) >= TEXTS_KEPT:
                self._texts.clear()
            done = self._texts[text] = self._rewrite(text)
        return done

    def _rewrite(self, text: str) -> str:
        here = {}  # handles mentioned in this text but known nowhere else: citizens here too
        for mention in _MENTIONS.findall(text):
            key = mention.lower()
            if key not in self._keep and key not in self._known and not _PSEUDONYM.fullmatch(key):
                here[key] = key
                if "@" in key and key.split("@", 1)[0] not in self._keep:
                    here.setdefault(key.split("@", 1)[0], key)
        text = _TEXT.sub(lambda m: self._replace(m, here), text)
        return self._replace_names(text) if self._names else text

    def _citizen(self, key: str, here: dict) -> str | None:
        """The shown identifier of the citizen ``key`` (lower case) names, or None."""
        if key in self._keep or _PSEUDONYM.fullmatch(key):
            return None
        return self._known.get(key) or here.get(key)

    def _replace(self, m: re.Match, here: dict) -> str:
        if m.group("url"):
            return self._url(m.group("url"), here)
        if m.group("did"):
            return self(m.group("did"))
        if m.group("mention"):
            return "@" + self(m.group("mention"))
        token = m.group("token")
        shown = self._citizen(token.lower(), here)
        if shown is not None and _DISTINCT.search(token):
            return self._pseudonym(shown)
        if _HOST.fullmatch(token):  # a link without scheme: positron.posit.co, jan.github.io
            return self._host(token, here)
        return token

    def _host(self, host: str, here: dict) -> str:
        """A host name with a citizen's domain handle (as its end) or handle (as a label) replaced."""
        labels = host.split(".")
        for i in range(len(labels) - 1):
            shown = self._citizen(".".join(labels[i:]).lower(), here)
            if shown is not None:
                return ".".join(labels[:i] + [self._pseudonym(shown)])
        out = []
        for label in labels:
            shown = self._citizen(label.lower(), here) if len(label) >= 3 else None
            out.append(self._pseudonym(shown) if shown is not None else label)
        return ".".join(out)

    def _url(self, url: str, here: dict) -> str:
        tail = ""
        while url and url[-1] in _TRAILING:
            url, tail = url[:-1], url[-1] + tail
        scheme, _, rest = url.partition("://")
        try:
            host = (urlsplit(url).hostname or "").lower()
        except ValueError:
            host = ""
        platform = host in self._instances or "/@" in rest or any(
            host == h or host.endswith("." + h) for h in PLATFORM_HOSTS)

        def segment(m: re.Match) -> str:
            part = m.group(0)
            key = part.lower()
            if m.start() == 0:  # the host (with any port)
                name, colon, port = part.partition(":")
                return self._host(name, here) + colon + port
            if key.startswith("@") and len(key) > 1:
                user = key[1:] if "@" in key[1:] else f"{key[1:]}@{host}"
                if user in self._keep or key[1:] in self._keep:
                    return part
                return "@" + self(user if user in self._known else key[1:])
            shown = self._citizen(key, here)
            if shown is not None:
                return self._pseudonym(shown)
            if platform and _DIGITS_ID.fullmatch(part) and key not in self._keep and part not in self._kept_parts:
                return self.message_id(part)
            return part

        return f"{scheme}://{_SEGMENT.sub(segment, rest)}{tail}"

    def _replace_names(self, text: str) -> str:
        words = list(_WORD.finditer(text))
        folded = None  # the words case-folded, once a word may start a name
        out, last, i = [], 0, 0
        while i < len(words):
            found = 0
            if words[i].group(0).casefold() in self._first_words:
                if folded is None:
                    folded = [w.group(0).casefold() for w in words]
                found = self._name_at(text, words, folded, i)
            if found:
                shown = self._names[" ".join(folded[i:i + found])]
                out += [text[last:words[i].start()], self._pseudonym(shown)]
                last = words[i + found - 1].end()
                i += found
            else:
                i += 1
        return "".join(out) + text[last:] if out else text

    def _name_at(self, text: str, words: list, folded: list[str], i: int) -> int:
        """The number of words of the longest citizen name starting at word ``i`` (0: none): words are
        added while the gap before each is a name's (:data:`_NAME_GAP`) and they begin a name."""
        best, key = 0, ""
        for j in range(i, len(words)):
            if j > i:
                if not _NAME_GAP.fullmatch(text, words[j - 1].end(), words[j].start()):
                    break
                key += " " + folded[j]
            else:
                key = folded[j]
            if key not in self._name_prefixes:
                break
            if key in self._names:
                best = j - i + 1
        return best
