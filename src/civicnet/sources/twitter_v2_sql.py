"""The SQL of the twitter-v2 bulk path: read twarc2 lines, map tweets, stage rows.

``twitter_v2_bulk`` runs these statements in order. They reproduce
``twitter_v2.map_record`` for values in their usual ("canonical") form: ids as digits,
texts as strings, times as ``2021-04-08T19:34:16.000Z``, handles as ``[A-Za-z0-9_]+``.
A line holding anything else is marked for the Python mapper (``bk_route``), so
unusual values are always mapped by the reference code.

Staged rows carry an order key ``o`` that sorts like the row path writes them:
``line * 2**28 + record * 2**10 + sub`` where ``record`` is the record's place in the
line (``section * 65536 + index``; sections: 0 data / the flattened tweet, 1
includes.tweets, 2 includes.users) and ``sub`` its place in the record's mapping.
"""

from __future__ import annotations

USER = (
    "STRUCT(id VARCHAR, username VARCHAR, name VARCHAR, description VARCHAR, created_at VARCHAR, "
    "public_metrics STRUCT(followers_count VARCHAR, following_count VARCHAR))"
)
_BASE = (
    "id VARCHAR, text VARCHAR, created_at VARCHAR, author_id VARCHAR, conversation_id VARCHAR, lang VARCHAR, "
    "in_reply_to_user_id VARCHAR, edit_history_tweet_ids VARCHAR[], username VARCHAR, "
    "public_metrics STRUCT(like_count VARCHAR, retweet_count VARCHAR, reply_count VARCHAR, quote_count VARCHAR), "
    "attachments STRUCT(media_keys VARCHAR[]), entities STRUCT(mentions STRUCT(id VARCHAR, username VARCHAR)[])"
)
_FLAT_EXTRA = f"author {USER}, in_reply_to_user STRUCT(id VARCHAR, username VARCHAR)"
#: in a page, inline authors and referenced tweets are not expected: read just enough to notice them
_PAGE_EXTRA = "author STRUCT(id VARCHAR), in_reply_to_user STRUCT(id VARCHAR)"
REF0 = "STRUCT(type VARCHAR, id VARCHAR)"
PAGE_REF = "STRUCT(type VARCHAR, id VARCHAR, text VARCHAR, author_id VARCHAR, author STRUCT(id VARCHAR))"
FLAT_REF = f"STRUCT(type VARCHAR, {_BASE}, {_FLAT_EXTRA}, referenced_tweets {REF0}[])"
PAGE_TWEET = f"STRUCT({_BASE}, {_PAGE_EXTRA}, referenced_tweets {PAGE_REF}[])"
FLAT_TWEET = f"STRUCT({_BASE}, {_FLAT_EXTRA}, referenced_tweets {FLAT_REF}[])"


def _fields(struct: str) -> list[str]:
    """``'name': 'type'`` items of a STRUCT type's top-level fields."""
    inner, out, depth, start = struct[len("STRUCT("):-1] + ",", [], 0, 0
    for i, ch in enumerate(inner):
        depth += ch in "(["
        depth -= ch in ")]"
        if ch == "," and depth == 0:
            name, typ = inner[start:i].strip().split(" ", 1)
            out.append(f"'{name}': '{typ}'")
            start = i + 1
    return out


def columns(flat: bool) -> str:
    """The ``columns=`` of read_json for a file of pages, or of flattened tweets.

    Either way the keys of the other kind of line are read just enough to notice
    such a line, which then goes to the Python mapper.
    """
    if flat:
        cols = ["'data': 'JSON'", "'includes': 'JSON'", "'users': 'JSON'"] + _fields(FLAT_TWEET)
    else:
        cols = [f"'data': '{PAGE_TWEET}[]'", f"'includes': 'STRUCT(users {USER}[], tweets {PAGE_TWEET}[])'",
                "'users': 'JSON'", "'id': 'VARCHAR'"]
    return "{" + ", ".join(cols) + "}"


MACROS = [
    "CREATE OR REPLACE TEMP MACRO bk_digits(x) AS regexp_full_match(x, '[0-9]+')",
    "CREATE OR REPLACE TEMP MACRO bk_oid(x) AS x IS NULL OR regexp_full_match(x, '[0-9]+')",
    "CREATE OR REPLACE TEMP MACRO bk_cnt(x) AS x IS NULL OR regexp_full_match(x, '[0-9]{1,18}')",
    "CREATE OR REPLACE TEMP MACRO bk_handle(x) AS x IS NULL OR regexp_full_match(x, '[A-Za-z0-9_]+')",
    # a non-string JSON value read as VARCHAR looks like one of these: leave it to the Python mapper
    """CREATE OR REPLACE TEMP MACRO bk_txt(x) AS
        x IS NULL OR NOT regexp_full_match(x, '(?s)true|false|-?[0-9][0-9.eE+-]*|\\[.*\\]|\\{.*\\}')""",
    # 2021-04-08T19:34:16.000Z or without milliseconds, as Python's fromisoformat reads it
    """CREATE OR REPLACE TEMP MACRO bk_time(x) AS CASE WHEN regexp_full_match(x,
        '[1-9][0-9]{3}-[0-9]{2}-[0-9]{2}T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\\.[0-9]{3})?Z')
        THEN try_cast(left(x, -1) AS TIMESTAMP) END""",
    "CREATE OR REPLACE TEMP MACRO bk_time_ok(x) AS x IS NULL OR bk_time(x) IS NOT NULL",
    """CREATE OR REPLACE TEMP MACRO bk_user_ok(u) AS u IS NULL OR (bk_oid(u.id) AND bk_handle(u.username)
        AND bk_txt(u.name) AND bk_txt(u.description) AND bk_time_ok(u.created_at)
        AND bk_cnt(u.public_metrics.followers_count) AND bk_cnt(u.public_metrics.following_count))""",
]


def tweet_select(p: str, *, collected: bool, inline_refs: bool, nested: bool = False) -> str:
    """Select items mapping the tweet whose fields are ``{p}id``, ``{p}text``….

    ``inline_refs``: referenced tweets may come inline (flattened lines); in a page
    they must be bare ``{type, id}`` (else the line goes to the Python mapper).
    ``nested``: a flattened line's inline referenced tweet (its own references are bare).
    """
    authors = not nested and inline_refs
    refs = f"coalesce({p}referenced_tweets, [])"
    mentions = f"coalesce({p}entities.mentions, [])"
    history = f"coalesce({p}edit_history_tweet_ids, [])"
    bare_refs = "" if inline_refs else f" AND {p}author IS NULL AND {p}in_reply_to_user IS NULL"
    inline_ok = f"AND bk_user_ok({p}author) AND bk_handle({p}in_reply_to_user.username)" if inline_refs else ""
    ok = f"""(bk_digits({p}id) AND bk_txt({p}text) AND bk_time_ok({p}created_at)
        AND bk_oid({p}author_id) AND bk_oid({p}conversation_id) AND bk_txt({p}lang) AND bk_oid({p}in_reply_to_user_id)
        AND NOT ({p}username IS NOT NULL AND {p}text IS NULL)
        AND bk_cnt({p}public_metrics.like_count) AND bk_cnt({p}public_metrics.retweet_count)
        AND bk_cnt({p}public_metrics.reply_count) AND bk_cnt({p}public_metrics.quote_count)
        AND (len({history}) <= 1 OR bk_digits({history}[1]))
        {inline_ok}{bare_refs})"""
    if inline_refs:
        author, account = f"{p}author", f"coalesce({p}author_id, {p}author.id)"
        inline_handle, irt_handle = f"nullif({p}author.username, '')", f"{p}in_reply_to_user.username"
    else:  # a page: such lines go to the Python mapper
        author, account = f"NULL::{USER}", f"{p}author_id"
        inline_handle = irt_handle = "NULL::VARCHAR"
    return f"""{ok} AS ok, {p}id AS id, {p}text AS text, bk_time({p}created_at) AS created_at,
        {account} AS account, {p}lang AS language,
        CASE WHEN {_first(refs, 'retweeted')} IS NOT NULL THEN 'repost'
             WHEN {_first(refs, 'replied_to')} IS NOT NULL THEN 'reply'
             WHEN {_first(refs, 'quoted')} IS NOT NULL THEN 'quote' ELSE 'post' END AS kind,
        coalesce({_first(refs, 'retweeted')}.id, {_first(refs, 'replied_to')}.id,
                 {_first(refs, 'quoted')}.id) AS parent,
        {p}conversation_id AS root,
        try_cast({p}public_metrics.like_count AS BIGINT) AS like_count, try_cast({p}public_metrics.retweet_count AS BIGINT) AS share_count,
        try_cast({p}public_metrics.reply_count AS BIGINT) AS reply_count, try_cast({p}public_metrics.quote_count AS BIGINT) AS quote_count,
        CASE WHEN {p}attachments IS NOT NULL THEN coalesce(len({p}attachments.media_keys), 0) > 0 END AS has_media,
        {inline_handle} AS inline_handle,
        CASE WHEN len({history}) > 1 THEN {history}[1] END AS edit_group,
        {collected} AS collected, {author} AS author,
        {ref_author(p, 'retweeted', authors)}, {ref_author(p, 'replied_to', authors)},
        {ref_author(p, 'quoted', authors)},
        {p}in_reply_to_user_id AS irt_id, {irt_handle} AS irt_handle,
        {mentions} AS mentions, {refs} AS refs"""


def _first(refs: str, kind: str) -> str:
    """The first reference of ``kind`` in ``refs`` (positions from :func:`positions`, or NULL)."""
    return f"{refs}[bk_pos_{kind}]"


def positions(p: str) -> str:
    """Select items with the place of each reference kind in ``{p}referenced_tweets``.

    :func:`tweet_select` reads them as ``bk_pos_retweeted`` …: computed once per tweet in a
    subquery, instead of a list lambda for each use.
    """
    types = f"list_transform(coalesce({p}referenced_tweets, []), lambda r: r.type)"
    return ", ".join(f"list_position({types}, '{k}') AS bk_pos_{k}" for k in ("retweeted", "replied_to", "quoted"))


def ref_author(p: str, kind: str, inline: bool) -> str:
    """The first ``kind`` reference: its id, and (flattened lines) its inline author."""
    ref = _first(f"coalesce({p}referenced_tweets, [])", kind)
    if not inline:
        return f"{ref}.id AS {kind}_id, NULL::VARCHAR AS {kind}_author, NULL::VARCHAR AS {kind}_handle, false AS {kind}_inline"
    return (
        f"{ref}.id AS {kind}_id, coalesce({ref}.author_id, {ref}.author.id) AS {kind}_author, "
        f"{ref}.author.username AS {kind}_handle, "
        f"({ref}.author_id IS NOT NULL OR {ref}.author IS NOT NULL) AS {kind}_inline"
    )


def occurrences_sql(mos: int, flat: bool) -> list[str]:
    """Statements that read the file (path as parameter) and list tweet occurrences as ``bk_tw``.

    ``bk_inline`` holds a flattened line's inline referenced tweets, ``bk_users`` a
    page's ``includes.users`` (one per id: the last object, at the first place, as a
    Python dict keeps them), ``bk_route`` the lines left to the Python mapper.
    ``line`` identifies a line and sorts like the file: its ordinal in a flattened file,
    the ``bk_occ`` row where it starts in a file of pages; ``bk_lines`` lists them in
    order (its ``rowid`` is the line's ordinal).
    """
    read = f"""read_json(?, format = 'newline_delimited', records = true, compression = 'auto',
        maximum_object_size = {mos}, columns = {columns(flat)})"""
    if flat:
        return [f"CREATE TEMP TABLE bk_raw AS SELECT * FROM {read}", f"""CREATE TEMP TABLE bk_tw AS
            SELECT line, 0 AS sec, 0 AS rec, {tweet_select('', collected=True, inline_refs=True)}
            FROM (SELECT rowid AS line, *, {positions('')} FROM bk_raw
                  WHERE data IS NULL AND includes IS NULL AND users IS NULL)""",
            f"""CREATE TEMP TABLE bk_inline AS
            SELECT line, j - 1 AS j, {tweet_select('r.', collected=False, inline_refs=True, nested=True)}
            FROM (SELECT *, {positions('r.')} FROM (
                  SELECT rowid AS line, unnest(referenced_tweets) AS r, generate_subscripts(referenced_tweets, 1) AS j
                  FROM bk_raw WHERE data IS NULL AND includes IS NULL AND users IS NULL))
            WHERE r.text IS NOT NULL""",
            "CREATE TEMP TABLE bk_users (line BIGINT, id VARCHAR, u " + USER + ", rec BIGINT)",
            "CREATE TEMP TABLE bk_lines AS SELECT rowid AS start FROM bk_raw",
            """CREATE TEMP TABLE bk_route AS SELECT rowid AS line FROM bk_raw
               WHERE data IS NOT NULL OR includes IS NOT NULL OR users IS NOT NULL"""]
    # one parallel pass over the file, whose rows keep the file's order (preserve_insertion_order):
    # data, includes.tweets and includes.users of a line unnested side by side (item i of each
    # on row i), so a line starts at its row with i = 0 and ``rowid - i`` identifies it
    return [f"""CREATE TEMP TABLE bk_occ AS
        SELECT users IS NOT NULL OR (data IS NULL AND includes IS NULL) AS routed,
               len(data) AS nd, len(includes.tweets) AS nt, len(includes.users) AS nu,
               unnest(range(greatest(len(data), len(includes.tweets), len(includes.users), 1))) AS i,
               unnest(data) AS t0, unnest(includes.tweets) AS t1, unnest(includes.users) AS u
        FROM {read}""",
        "CREATE TEMP TABLE bk_lines AS SELECT rowid AS start FROM bk_occ WHERE i = 0",
        f"""CREATE TEMP TABLE bk_tw AS
        WITH inc AS (SELECT rowid - i AS line, i, t1 AS t FROM bk_occ WHERE i < nt AND t1.id IS NOT NULL),
        {_last_of('inc', 't.id')},
        src AS (SELECT rowid - i AS line, 0 AS sec, i AS rec, t0 AS t FROM bk_occ WHERE i < nd
                UNION ALL
                SELECT inc.line, 1, coalesce(d.first, inc.i), inc.t FROM inc LEFT JOIN dup d
                    ON d.line = inc.line AND d.id = inc.t.id WHERE d.last IS NULL OR inc.i = d.last)
        SELECT line, sec, rec, {tweet_select('t.', collected='sec = 0', inline_refs=False)}
        FROM (SELECT *, {positions('t.')} FROM src)""",
        "CREATE TEMP TABLE bk_inline AS SELECT line, rec AS j, * EXCLUDE (line, sec, rec) FROM bk_tw LIMIT 0",
        f"""CREATE TEMP TABLE bk_users AS
        WITH us AS (SELECT rowid - i AS line, i, u FROM bk_occ WHERE i < nu AND u.id IS NOT NULL),
        {_last_of('us', 'u.id')}
        SELECT us.line, us.u.id AS id, us.u, coalesce(d.first, us.i) AS rec
        FROM us LEFT JOIN dup d ON d.line = us.line AND d.id = us.u.id WHERE d.last IS NULL OR us.i = d.last""",
        "CREATE TEMP TABLE bk_route AS SELECT rowid AS line FROM bk_occ WHERE routed AND i = 0"]


def _last_of(items: str, key: str) -> str:
    """CTE ``dup``: the ids seen more than once in a line, with their first and last place
    (the last object is kept, at the first place, as a Python dict keeps them)."""
    return f"""dup AS (SELECT line, {key} AS id, min(i) AS first, max(i) AS last FROM {items}
                GROUP BY line, {key} HAVING count(*) > 1)"""


#: Lines (0-based ordinals) the Python mapper must take, besides those of ``bk_route``.
ROUTE_SQL = """
INSERT INTO bk_route
SELECT line FROM bk_tw WHERE ok IS NOT TRUE OR rec >= 65536 OR len(mentions) >= 900
UNION SELECT line FROM bk_inline WHERE ok IS NOT TRUE OR j >= 1000
UNION SELECT line FROM bk_users WHERE NOT bk_user_ok(u) OR rec >= 65536
UNION SELECT line FROM bk_tw WHERE irt_id IS NOT NULL AND replied_to_id IS NULL AND retweeted_id IS NULL
UNION SELECT line FROM bk_inline WHERE irt_id IS NOT NULL AND replied_to_id IS NULL AND retweeted_id IS NULL
UNION SELECT line FROM (SELECT line, unnest(mentions) AS m FROM bk_tw WHERE sec = 0)
    WHERE NOT (bk_oid(m.id) AND bk_handle(m.username))
UNION SELECT line FROM (SELECT line, unnest(refs) AS r FROM bk_tw UNION ALL SELECT line, unnest(refs) FROM bk_inline)
    WHERE NOT (r.type IN ('retweeted', 'replied_to', 'quoted') AND bk_digits(r.id))
"""

#: In a page, referenced tweets must be bare ``{type, id}``: anything inline goes to Python.
ROUTE_PAGE_REFS_SQL = """
INSERT INTO bk_route SELECT line FROM (SELECT line, unnest(refs) AS r FROM bk_tw)
    WHERE r.text IS NOT NULL OR r.author_id IS NOT NULL OR r.author IS NOT NULL
"""


O = "line * 268435456 + "  # the order key's line part; see the module docstring

def stage_tables(types: dict[str, list[tuple[str, str]]]) -> list[str]:
    """Staging tables shaped like the store's (``types``: table -> [(column, type)]) plus the order key."""
    out = []
    for table, cols in types.items():
        cols = [(c, t) for c, t in cols if c != "key"]
        if table == "message":
            cols.append(("collected", "BOOLEAN"))
        out.append(f"CREATE TEMP TABLE bk_st_{table} (o BIGINT, " + ", ".join(f'"{c}" {t}' for c, t in cols) + ")")
    return out


_USER_COLS = """u.id AS id, u.username AS handle, u.name AS name, u.description AS description,
    try_cast(u.public_metrics.followers_count AS BIGINT) AS followers, try_cast(u.public_metrics.following_count AS BIGINT) AS following,
    bk_time(u.created_at) AS created_at, CASE WHEN u.username <> '' THEN 'https://twitter.com/' || u.username END AS url"""
_KEEP = "line NOT IN (SELECT line FROM bk_route)"
_MSG_COLS = """'twitter' AS platform, w.id, w.account, w.created_at, w.text, w.language, w.kind, w.parent, w.root,
    w.like_count, w.share_count, w.reply_count, w.quote_count, w.has_media,
    'https://twitter.com/' || coalesce(w.inline_handle, nullif(pu.u.username, ''), 'i/web') || '/status/' || w.id AS url,
    w.edit_group, w.collected"""

#: the three reference kinds of each collected tweet as rows (a UNION ALL: cheaper than LATERAL)
_REFS = " UNION ALL ".join(
    f"""SELECT line, rec, id, account, created_at, text, irt_id, irt_handle, '{kind}' AS kind, {sub} AS sub,
        {ref}_id AS ref_id, {ref}_inline AS inline, {ref}_author AS ra, {ref}_handle AS rh
        FROM bk_tw WHERE sec = 0 AND {ref}_id IS NOT NULL AND {_KEEP}"""
    for kind, sub, ref in (("repost", 900, "retweeted"), ("reply", 901, "replied_to"), ("quote", 902, "quoted")))

STAGE_SQL = [
    f"""INSERT INTO bk_st_account BY NAME
        SELECT {O} (2 * 65536 + rec) * 1024 AS o, 'twitter' AS platform, {_USER_COLS} FROM bk_users WHERE {_KEEP}
        UNION ALL SELECT {O} 0, 'twitter', {_USER_COLS} FROM (SELECT line, author AS u FROM bk_tw
            WHERE sec = 0 AND author.id IS NOT NULL AND {_KEEP})
        UNION ALL SELECT {O} 1 + j, 'twitter', {_USER_COLS} FROM (SELECT line, j, author AS u FROM bk_inline
            WHERE author.id IS NOT NULL AND {_KEEP})""",
    f"""INSERT INTO bk_st_message BY NAME
        SELECT w.{O} (w.sec * 65536 + w.rec) * 1024 + 1023 AS o, {_MSG_COLS}
        FROM bk_tw w LEFT JOIN bk_users pu ON pu.line = w.line AND pu.id = w.account WHERE w.{_KEEP}
        UNION ALL SELECT w.{O} w.j, {_MSG_COLS}
        FROM bk_inline w LEFT JOIN bk_users pu ON false WHERE w.{_KEEP}""",
    # mentions: a mention without id is resolved against the page's users by handle
    f"""INSERT INTO bk_st_interaction BY NAME
        SELECT m.{O} m.rec * 1024 + m.k AS o, 'twitter' AS platform, 'mention' AS kind, m.account AS source_account,
               coalesce(m.mid, look.id) AS target_account, m.handle AS target_handle,
               NULL AS target_message, m.created_at, m.id AS message
        FROM (SELECT line, rec, id, account, created_at, unnest(mentions).id AS mid,
                     unnest(mentions).username AS handle, generate_subscripts(mentions, 1) - 1 AS k
              FROM bk_tw WHERE sec = 0 AND len(mentions) > 0 AND {_KEEP}) m
        LEFT JOIN (SELECT line, lower(u.username) AS h, arg_min(id, rec) AS id FROM bk_users
                   WHERE u.username IS NOT NULL GROUP BY ALL) look
               ON m.mid IS NULL AND look.line = m.line AND look.h = lower(m.handle)
        WHERE m.handle IS NOT NULL OR coalesce(m.mid, look.id) IS NOT NULL""",
    # repost, reply, quote: the referenced tweet's author from inline data or the page's includes
    f"""INSERT INTO bk_st_interaction BY NAME
        WITH r AS ({_REFS}),
        a AS (
            SELECT r.*, CASE WHEN r.inline THEN r.ra ELSE t1.account END AS rt,
                   coalesce(r.rh, u1.u.username) AS rh2
            FROM r LEFT JOIN bk_tw t1 ON t1.sec = 1 AND t1.line = r.line AND t1.id = r.ref_id
            LEFT JOIN bk_users u1 ON u1.line = r.line AND u1.id = CASE WHEN r.inline THEN r.ra ELSE t1.account END),
        b AS (
            SELECT a.*,
                CASE WHEN kind <> 'reply' THEN rt WHEN irt_id IS NULL AND irt_handle IS NULL THEN rt ELSE irt_id END AS tgt,
                CASE WHEN kind = 'repost' AND rt IS NULL AND rh2 IS NULL AND coalesce(text, '') <> ''
                         THEN nullif(regexp_extract(text, '^RT @([A-Za-z0-9_]{{1,30}}):', 1), '')
                     WHEN kind <> 'reply' THEN rh2
                     WHEN irt_id IS NULL AND irt_handle IS NULL THEN rh2 ELSE irt_handle END AS hdl
            FROM a)
        SELECT b.{O} b.rec * 1024 + b.sub AS o, 'twitter' AS platform, b.kind, b.account AS source_account,
               b.tgt AS target_account,
               CASE WHEN b.kind = 'reply' THEN coalesce(b.hdl, u2.u.username) ELSE b.hdl END AS target_handle,
               b.ref_id AS target_message, b.created_at, b.id AS message
        FROM b LEFT JOIN bk_users u2 ON b.kind = 'reply' AND b.hdl IS NULL AND u2.line = b.line AND u2.id = b.tgt""",
]

#: records the row path would count for the lines mapped in SQL
RECORDS_SQL = f"""SELECT (SELECT count(*) FROM bk_tw WHERE {_KEEP}) + (SELECT count(*) FROM bk_users WHERE {_KEEP})"""

_SEP = "chr(31)"
KEY_SQL = f"""md5(CASE
    WHEN coalesce(message, '') <> '' AND kind IN ('reply', 'comment', 'repost', 'quote')
        THEN concat_ws({_SEP}, platform, kind, 'm', message)
    WHEN coalesce(message, '') <> '' THEN concat_ws({_SEP}, platform, kind, 'm', message, {{target}})
    ELSE concat_ws({_SEP}, platform, kind, 's', coalesce(source_account, ''), {{target}}, coalesce(target_message, ''))
    END)""".format(target="CASE WHEN coalesce(target_handle, '') <> '' THEN '@' || lower(target_handle) "
                          "ELSE '#' || coalesce(target_account, '') END")


def merge_sql(table: str, columns: list[str], not_null: tuple[str, ...] = (), split: bool = False) -> str:
    """The staged rows of ``table`` merged per key: the last present value of each column wins.

    ``split``: keys staged once (nearly all messages; not accounts, seen on every page)
    are taken as they are and only repeated keys aggregated: same rows, less work.
    """
    cols = ", ".join(
        f"arg_max({c}, o) AS {c}" if c in not_null else f"arg_max({c}, o) FILTER (WHERE {c} IS NOT NULL) AS {c}"
        for c in columns[2:]
    )
    plain = ", ".join(columns[2:])
    extra = ", bool_or(collected) AS collected" if table == "message" else ""
    plain_extra = ", collected" if table == "message" else ""
    if not split:
        return f"CREATE TEMP TABLE bk_{table} AS SELECT platform, id, {cols}{extra} FROM bk_st_{table} GROUP BY platform, id"
    return f"""CREATE TEMP TABLE bk_{table} AS
        WITH d AS (SELECT platform, id FROM bk_st_{table} GROUP BY platform, id HAVING count(*) > 1)
        SELECT platform, id, {plain}{plain_extra} FROM bk_st_{table} s
        WHERE NOT EXISTS (SELECT 1 FROM d WHERE d.platform = s.platform AND d.id = s.id)
        UNION ALL
        SELECT platform, id, {cols}{extra} FROM bk_st_{table} s
        WHERE EXISTS (SELECT 1 FROM d WHERE d.platform = s.platform AND d.id = s.id) GROUP BY platform, id"""


def interactions_sql(columns: list[str]) -> str:
    """The staged interactions keyed; of a key staged more than once the first (by ``o``) wins."""
    cols = ", ".join(columns[1:])
    return f"""CREATE TEMP TABLE bk_interaction AS
        WITH k AS MATERIALIZED (SELECT {KEY_SQL} AS key, o, {cols} FROM bk_st_interaction),
        d AS (SELECT key FROM k GROUP BY key HAVING count(*) > 1)
        SELECT key, {cols} FROM k WHERE NOT EXISTS (SELECT 1 FROM d WHERE d.key = k.key)
        UNION ALL
        SELECT key, {cols} FROM k WHERE EXISTS (SELECT 1 FROM d WHERE d.key = k.key)
        QUALIFY row_number() OVER (PARTITION BY key ORDER BY o) = 1"""
