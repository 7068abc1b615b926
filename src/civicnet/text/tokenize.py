"""Tokenising Dutch and English social-media text, one message or millions.

A token is one of

* a word: letters, optionally with digits (``a28``, ``n201``) and inner apostrophes or
  hyphens (``auto's``, ``m'n``, ``co-creatie``), lower-cased;
* an ``@handle`` or a ``#hashtag``, lower-cased and kept with its sign;
* an emoji, one pictograph per token (skin-tone modifiers dropped).

Left out: URLs (``https://…``, ``www.…``), numbers, one-letter words, stop words and
platform noise of the language (:mod:`civicnet.text.stopwords`), the ``RT @x:`` /
``MT @x:`` prefix and ``via @x`` credits. HTML entities (``&amp;``, ``&#39;``) are
decoded first.

Speed. :func:`count_terms` streams: it joins a batch of messages into one string,
lower-cases, strips noise and runs one compiled regular expression over the whole
batch in C, counts with :class:`collections.Counter` (C-accelerated), and filters
stop words once per *distinct* token rather than per token. ``benchmarks/text.py``
measures it against a plain ``str.split`` count on the same messages. Texts already in
DuckDB (a store) are counted where they are, per group and in all, by
:func:`count_terms_grouped`: only ``(group, term, count)`` rows reach Python.
"""

from __future__ import annotations

import html
import re
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Iterator, Sequence
from itertools import islice

from civicnet.text.stopwords import noise_words, stop_words

# Emoji blocks, skin-tone modifiers (U+1F3FB..U+1F3FF) left out.
_EMOJI_BLOCKS = (
    (0x1F300, 0x1F3FA), (0x1F400, 0x1F5FF), (0x1F600, 0x1F64F), (0x1F680, 0x1F6FF),
    (0x1F900, 0x1F9FF), (0x1FA70, 0x1FAFF), (0x2600, 0x27BF),
)
_PY_EMOJI = "".join(f"{chr(a)}-{chr(b)}" for a, b in _EMOJI_BLOCKS)
_RE2_EMOJI = "".join(f"\\x{{{a:X}}}-\\x{{{b:X}}}" for a, b in _EMOJI_BLOCKS)

#: One pattern over lower-cased text: URL | @handle, #hashtag or word | emoji.
TOKEN = re.compile(
    rf"(?:https?://|www\.)\S+|[@#]?\w+(?:['’\-]\w+)*|[{_PY_EMOJI}]",
    re.UNICODE,
)
#: The same pattern for DuckDB's RE2 (whose ``\w`` is ASCII only).
_RE2_TOKEN = rf"(?:https?://|www\.)\S+|[@#]?[\pL\pN\pM_]+(?:['’\-][\pL\pN\pM_]+)*|[{_RE2_EMOJI}]"
_RE2_NOISE = r"^\s*(?:rt|mt)\s+@[\pL\pN_]+:?"
_RE2_VIA = r"\bvia\s+@[\pL\pN_]+"
_NOISE_PREFIX = re.compile(r"(?m)^[ \t]*(?:rt|mt)[ \t]+@\w+:?")
_VIA = re.compile(r"\bvia[ \t]+@\w+")
_SEPARATOR = "\n"
_ENTITIES = (("&amp;", "&"), ("&lt;", "<"), ("&gt;", ">"), ("&quot;", '"'), ("&#39;", "'"), ("&nbsp;", " "))
_OTHER_ENTITY = re.compile(r"&(?:#\d+|#x[0-9a-f]+|[a-z]+\d*);")


def _clean(text: str) -> str:
    """Lower-case, decode HTML entities, drop RT prefixes and via-credits."""
    text = text.lower()
    if "&" in text:
        for entity, char in _ENTITIES:
            text = text.replace(entity, char)
        if _OTHER_ENTITY.search(text):
            text = html.unescape(text)
    if "rt" in text or "mt" in text:
        text = _NOISE_PREFIX.sub(" ", text)
    if "via" in text:
        text = _VIA.sub(" ", text)
    return text


def _keep(token: str, stops: frozenset[str], mentions: bool, hashtags: bool, emoji: bool) -> bool:
    """Whether a distinct token survives the filters (called once per vocabulary entry)."""
    first = token[0]
    if first == "@":
        return mentions and len(token) > 1
    if first == "#":
        return hashtags and len(token) > 1
    if "://" in token or token.startswith("www."):
        return False
    if len(token) == 1:
        return emoji and not token.isalnum()
    if not any(c.isalpha() for c in token):
        return False
    return token.replace("’", "'") not in stops


def tokenize(
    text: str | None,
    language: str | None = None,
    *,
    keep_stopwords: bool = False,
    mentions: bool = True,
    hashtags: bool = True,
    emoji: bool = True,
) -> list[str]:
    """Split one message into tokens (see the module docstring).

    Parameters
    ----------
    text : str or None
        The message; None gives an empty list.
    language : str or None
        ``"nl"``, ``"en"`` or None (Dutch and English stop words both).
    keep_stopwords : bool
        Keep stop words (noise is still dropped).
    mentions, hashtags, emoji : bool
        Keep ``@handles``, ``#hashtags``, emoji.

    Returns
    -------
    list of str
        Tokens in order of appearance.

    Examples
    --------
    >>> tokenize("RT @politie: Let op! Inbraken in de wijk &amp; #Lisse https://t.co/x", "nl")
    ['let', 'inbraken', 'wijk', '#lisse']
    """
    if not text:
        return []
    stops = noise_words() if keep_stopwords else stop_words(language)
    return [t for t in TOKEN.findall(_clean(text)) if _keep(t, stops, mentions, hashtags, emoji)]


def _batches(texts: Iterable[str | None], size: int) -> Iterator[list[str]]:
    iterator = iter(texts)
    while chunk := list(islice(iterator, size)):
        batch = [t for t in chunk if t]
        if batch:
            yield batch


def _count_python(batch: list[str]) -> Counter:
    return Counter(TOKEN.findall(_clean(_SEPARATOR.join(batch))))


def _sql_clean(lowered: str) -> str:
    """``_clean`` in DuckDB (HTML entities aside) of the lower-cased text ``lowered``: RT prefix and via-credits out."""
    return f"""CASE WHEN contains({lowered}, 'via')
    THEN regexp_replace(regexp_replace({lowered}, $noise, ' '), $via, ' ', 'g')
    ELSE regexp_replace({lowered}, $noise, ' ') END"""


_SQL_CLEAN = _sql_clean("lower(text)")
_SQL_PARAMS = {"noise": _RE2_NOISE, "via": _RE2_VIA, "token": _RE2_TOKEN}
#: A piece between spaces that is one token as it stands (most are): no regex match needed.
_RE2_PLAIN = "[@#]?[a-z0-9_]+"


def _sql_tokens(source: str, keys: str = "") -> str:
    """Rows (``keys`` columns, token) of the tokens of the ``text`` of ``source``, in DuckDB.

    The SQL counterpart of ``TOKEN.findall(_clean(text))`` once HTML entities are decoded
    (parameters: ``_SQL_PARAMS``). The cleaned text is cut at spaces first: no token holds
    a space, so the tokens of the pieces are those of the whole; a plain piece (a word,
    @handle or #hashtag of ASCII letters and digits) is its own token and skips the token
    regex, whose per-match cost in ``regexp_extract_all`` dominates otherwise.
    """
    return f"""
        SELECT {keys}unnest(CASE WHEN regexp_full_match(piece, '{_RE2_PLAIN}') THEN [piece]
                                 ELSE regexp_extract_all(piece, $token) END) AS token
        FROM (SELECT {keys}unnest(string_split({_SQL_CLEAN}, ' ')) AS piece FROM ({source}))"""


_DUCKDB_QUERY = f"SELECT token, count(*) AS n FROM ({_sql_tokens('SELECT text FROM batch')}) GROUP BY token"


def _count_duckdb(con, batch: list[str]) -> Counter:
    import pyarrow as pa

    decoded = [html.unescape(t) if "&" in t else t for t in batch]
    con.register("batch", pa.table({"text": pa.array(decoded, pa.string())}))
    try:
        rows = con.execute(_DUCKDB_QUERY, _SQL_PARAMS).fetchall()
    finally:
        con.unregister("batch")
    return Counter(dict(rows))


def count_terms(
    texts: Iterable[str | None],
    language: str | None = None,
    *,
    batch_size: int = 200_000,
    engine: str = "auto",
    keep_stopwords: bool = False,
    mentions: bool = True,
    hashtags: bool = True,
    emoji: bool = False,
) -> Counter:
    """Count the tokens of many messages, streaming in batches.

    Parameters
    ----------
    texts : iterable of str or None
        Messages; None and empty strings are skipped. Consumed once, in batches of
        ``batch_size``, so a generator over millions of rows is fine.
    language : str or None
        ``"nl"``, ``"en"`` or None (Dutch and English stop words both).
    batch_size : int
        Messages per pass.
    engine : {"auto", "duckdb", "python"}
        ``"duckdb"`` runs the token pattern in DuckDB (RE2, all cores); ``"python"``
        runs it with :mod:`re` over the joined batch; ``"auto"`` uses DuckDB for
        batches of 5,000 messages or more and Python below (less start-up cost).
        Both give the same counts (tests/text/test_tokenize.py holds them to it).
    keep_stopwords, mentions, hashtags, emoji : bool
        As in :func:`tokenize`; emoji are left out by default (word clouds and term
        tables show words).

    Returns
    -------
    collections.Counter
        Token → number of occurrences.
    """
    if engine not in ("auto", "duckdb", "python"):
        raise ValueError(f"engine must be 'auto', 'duckdb' or 'python', not {engine!r}")
    stops = noise_words() if keep_stopwords else stop_words(language)
    raw: Counter = Counter()
    con = None
    try:
        for batch in _batches(texts, batch_size):
            if engine == "python" or (engine == "auto" and len(batch) < 5_000):
                raw.update(_count_python(batch))
                continue
            if con is None:
                import duckdb

                con = duckdb.connect()
            raw.update(_count_duckdb(con, batch))
    finally:
        if con is not None:
            con.close()
    return _filtered(raw, stops, mentions, hashtags, emoji)


def _filtered(raw: Counter, stops: frozenset[str], mentions: bool, hashtags: bool, emoji: bool) -> Counter:
    """The counts of the tokens that survive :func:`_keep`."""
    return Counter({t: n for t, n in raw.items() if _keep(t, stops, mentions, hashtags, emoji)})


#: Name of the HTML-entity decoder that :func:`count_terms_grouped` lends DuckDB for one query.
_UNESCAPE_UDF = "civicnet_html_unescape"


def count_terms_grouped(
    con, source: str, keys: Sequence[str], language: str | None = None
) -> tuple[Counter, list[dict[Hashable, Counter]]]:
    """Count the terms of the texts of a SQL relation, in all and per group, in one DuckDB pass.

    The texts never leave DuckDB (only ``(group, term, count)`` rows come back), which is
    what makes counting a million messages per network community cheap. Tokens are those
    of ``count_terms(..., engine="duckdb")``: HTML entities are decoded with
    :func:`html.unescape` (lent to DuckDB as a function, called for texts with ``&`` only).

    Parameters
    ----------
    con : duckdb.DuckDBPyConnection
        The connection that sees ``source``.
    source : str
        A SQL query whose rows have a ``text`` column and the ``keys`` columns.
    keys : sequence of str
        Grouping columns (e.g. one community column per network); NULL means no group.
    language : str or None
        ``"nl"``, ``"en"`` or None (Dutch and English stop words both).

    Returns
    -------
    (Counter, list of dict)
        The counts over every text, as ``count_terms(texts, language)`` gives them
        (@handles and #hashtags kept, emoji left out); and for each key, group value →
        counts of the group's texts without @handles (what distinctive terms rank).
        Groups without a single term are absent.
    """
    return grouped_counts(grouped_rows(con, source, keys), keys, language)


def grouped_rows(con, source: str, keys: Sequence[str]) -> list[tuple]:
    """The rows (grouping level, group value, token, n) behind :func:`count_terms_grouped`.

    Counts add up: the rows of parts of ``source``, summed per (level, value, token), are
    the rows of the whole (how the spark engine counts a partition at a time).
    """
    con.create_function(_UNESCAPE_UDF, html.unescape, ["VARCHAR"], "VARCHAR")
    try:
        return con.execute(_grouped_query(source, keys), _SQL_PARAMS).fetchall()
    finally:
        con.remove_function(_UNESCAPE_UDF)


def grouped_counts(rows: Iterable[tuple], keys: Sequence[str],
                   language: str | None = None) -> tuple[Counter, list[dict[Hashable, Counter]]]:
    """:func:`count_terms_grouped`'s result from its rows (:func:`grouped_rows`)."""
    rows = list(rows)
    stops = stop_words(language)
    everything = (1 << len(keys)) - 1  # GROUPING() of the set without keys: every bit 1
    total = Counter({token: n for level, _, token, n in rows if level == everything})
    # a term of the groups is kept or dropped once, not once per group that uses it
    grouped_terms = {token for level, _, token, _ in rows if level != everything}
    kept = {token for token in grouped_terms if _keep(token, stops, False, True, False)}
    groups: list[defaultdict[Hashable, Counter]] = [defaultdict(Counter) for _ in keys]
    for level, value, token, n in rows:
        if level != everything and token in kept:  # key i's set: only key i's bit (from the left) is 0
            groups[len(keys) - (everything ^ level).bit_length()][value][token] = n
    return _filtered(total, stops, True, True, False), [dict(by_value) for by_value in groups]


def _grouped_query(source: str, keys: Sequence[str]) -> str:
    """The query behind :func:`count_terms_grouped`: rows (grouping level, group value, token, n).

    The cleaned texts are cut at spaces (as :func:`_sql_tokens`) and the pieces counted per
    group first: a case says the same words again and again, so the token regex then runs once
    per distinct (group, piece) instead of once per piece, and the grouping sets sum those
    counts. A piece that is one URL as it stands (:data:`_SQL_URL_PIECE`) is dropped before its
    tokens are looked for: its one token would be dropped anyway, as every URL is (:func:`_keep`
    drops them; they are most of the distinct tokens); so are @handles in the per-group sets.
    """
    columns = ", ".join(keys)
    kcols = "".join(f"{key}, " for key in keys)
    level = f"GROUPING({columns})" if keys else "0"
    value = f"coalesce({columns})" if keys else "NULL"
    sets = "".join(f", ({key}, token)" for key in keys)
    return f"""
        WITH pieces AS (
            SELECT {kcols}piece, count(*) AS n
            FROM (SELECT {kcols}unnest(string_split({_sql_clean("lowered")}, ' ')) AS piece
                  FROM (SELECT {kcols}lower(text) AS lowered FROM ({_decoded(source)})))
            GROUP BY ALL
        ), tokens AS (
            SELECT {kcols}n, unnest(CASE WHEN regexp_full_match(piece, '{_RE2_PLAIN}') THEN [piece]
                                         ELSE regexp_extract_all(piece, $token) END) AS token
            FROM pieces WHERE NOT ({_SQL_URL_PIECE})
        )
        SELECT {level} AS level, {value} AS value, token, sum(n)::BIGINT AS n
        FROM tokens
        WHERE NOT (contains(token, '://') OR starts_with(token, 'www.'))
        GROUP BY GROUPING SETS ((token){sets})
        HAVING {level} = {(1 << len(keys)) - 1} OR ({value} IS NOT NULL AND NOT starts_with(token, '@'))
    """


#: A piece (lower-cased, no space) that the token pattern takes whole as one URL: it starts with
#: ``https://``, ``http://`` or ``www.`` followed by at least one character, and holds none of the
#: other characters RE2's ``\s`` stops at (tab, line feed, form feed, carriage return).
_SQL_URL_PIECE = """((starts_with(piece, 'https://') AND length(piece) > 8)
        OR (starts_with(piece, 'http://') AND length(piece) > 7) OR (starts_with(piece, 'www.') AND length(piece) > 4))
       AND NOT (contains(piece, chr(9)) OR contains(piece, chr(10)) OR contains(piece, chr(12)) OR contains(piece, chr(13)))"""


def _decoded(source: str) -> str:
    """``source`` with HTML entities decoded in ``text`` (the Python function, where ``&`` occurs)."""
    return f"SELECT * REPLACE (CASE WHEN contains(text, '&') THEN {_UNESCAPE_UDF}(text) ELSE text END AS text) FROM ({source})"
