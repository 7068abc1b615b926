"""The SQL that finds the ties of each network kind among a case's records.

Each network kind is two queries over the case's interactions (the case view
``case_interactions``, :mod:`civicnet.store.views`) and its messages: ``messages`` names the
table of the case's messages, context included, with ``collected`` (the scope's
:func:`civicnet.tactics._base.all_messages`, which the government stage reads too: the same rows
as the case view ``case_all_messages``, read once from the store):

``ties``
    one row per reason two accounts are tied: ``platform``, source end (``s_id``
    account id, ``s_h`` handle when only that is known), target end (``t_id``,
    ``t_h``), ``kind`` (why: ``mention``, ``repost``…) and ``carrier`` (what carries
    the tie: a message, a post, a hashtag). Weight = distinct carriers per pair.
``actors``
    the accounts that take part in the network even without a tie (``platform``,
    ``id``), so that isolated participants still count, get a community and show
    that nobody answered them.

Definitions (CONTRACT.md "Network definitions"):

* **mention** (directed): interactions of kinds mention/repost/reply/quote carried by
  counted messages (the view drops context-only carriers); a repost mentions the
  reposted author, a reply the account replied to. Actors: authors of counted messages.
* **co-comment** (undirected): accounts whose comments or replies (counted messages
  of kind ``comment``/``reply``) sit under the same post (``root``, else ``parent``);
  a reply to a comment is a comment on that post. The post's author is not tied by
  authoring the post, only by commenting on it too (NodeXL's "users who commented on
  the same post"). With ``window`` seconds, two accounts are tied on a post only when
  they commented on it within that many seconds of each other (the QUT coordination
  toolkit's co-reply network). Actors: every commenter.
* **follow** (directed): follower → followed, from ``follow`` interactions.
* **reply** (directed): who responds to whom, for forum-like platforms (LinkedIn
  groups): ``reply``/``comment`` interactions, plus comments and replies whose parent
  message is stored (author of the message → author of the parent). Actors: authors
  of counted messages.
* **co-hashtag** (undirected): two accounts are tied when both used a hashtag in
  counted messages; weight = number of shared hashtags. Hashtags used by more than
  ``max_tag_accounts`` accounts are left out (they tie everyone to everyone and the
  pairs grow with the square of their users); the result notes which.
"""

from __future__ import annotations

#: A hashtag as platforms parse it: '#' after start or a non-word character.
HASHTAG_RE = r"(?:^|[^\p{L}\p{N}_&/#])#([\p{L}\p{N}_]*\p{L}[\p{L}\p{N}_]*)"

MENTION_KINDS = ("mention", "repost", "reply", "quote")

#: The reasons (edge kinds) each network's ties can have.
KINDS = {
    "mention": MENTION_KINDS,
    "co-comment": ("co-comment",),
    "follow": ("follow",),
    "reply": ("reply", "comment"),
    "co-hashtag": ("co-hashtag",),
}


def mention(messages: str) -> tuple[str, str]:
    kinds = ", ".join(f"'{k}'" for k in MENTION_KINDS)
    ties = f"""
        SELECT platform, source_account AS s_id, NULL::VARCHAR AS s_h,
               target_account AS t_id, CASE WHEN target_account IS NULL THEN target_handle END AS t_h,
               target_handle AS t_hint, kind, coalesce(message, key) AS carrier
        FROM case_interactions
        WHERE kind IN ({kinds}) AND source_account IS NOT NULL
          AND (target_account IS NOT NULL OR target_handle IS NOT NULL)
    """
    actors = f"SELECT DISTINCT platform, account AS id FROM {messages} WHERE collected AND account IS NOT NULL"
    return ties, actors


def follow(messages: str) -> tuple[str, str]:
    ties = """
        SELECT platform, source_account AS s_id, NULL::VARCHAR AS s_h,
               target_account AS t_id, CASE WHEN target_account IS NULL THEN target_handle END AS t_h,
               target_handle AS t_hint, kind, key AS carrier
        FROM case_interactions
        WHERE kind = 'follow' AND source_account IS NOT NULL
          AND (target_account IS NOT NULL OR target_handle IS NOT NULL)
    """
    actors = "SELECT NULL::VARCHAR AS platform, NULL::VARCHAR AS id WHERE false"
    return ties, actors


def reply(messages: str) -> tuple[str, str]:
    ties = f"""
        SELECT platform, source_account AS s_id, NULL::VARCHAR AS s_h,
               target_account AS t_id, CASE WHEN target_account IS NULL THEN target_handle END AS t_h,
               target_handle AS t_hint, kind, coalesce(message, key) AS carrier
        FROM case_interactions
        WHERE kind IN ('reply', 'comment') AND source_account IS NOT NULL
          AND (target_account IS NOT NULL OR target_handle IS NOT NULL)
        UNION ALL
        SELECT m.platform, m.account, NULL, p.account, NULL, NULL, m.kind, m.id
        FROM {messages} m JOIN {messages} p ON p.platform = m.platform AND p.id = m.parent
        WHERE m.collected AND m.kind IN ('reply', 'comment') AND m.account IS NOT NULL AND p.account IS NOT NULL
    """
    actors = f"SELECT DISTINCT platform, account AS id FROM {messages} WHERE collected AND account IS NOT NULL"
    return ties, actors


def _comments(messages: str) -> str:
    return f"""
        SELECT platform, account AS id, coalesce(root, parent) AS post, created_at
        FROM {messages}
        WHERE collected AND kind IN ('comment', 'reply') AND account IS NOT NULL AND coalesce(root, parent) IS NOT NULL
    """


def co_comment(messages: str, window: float | None = None) -> tuple[str, str]:
    if window is None:
        ties = f"""
            WITH c AS (SELECT DISTINCT platform, id, post FROM ({_comments(messages)}))
            SELECT a.platform, a.id AS s_id, NULL::VARCHAR AS s_h, b.id AS t_id, NULL::VARCHAR AS t_h,
                   NULL::VARCHAR AS t_hint, 'co-comment' AS kind, a.post AS carrier
            FROM c a JOIN c b ON a.platform = b.platform AND a.post = b.post AND a.id < b.id
        """
    else:
        ties = f"""
            WITH c AS ({_comments(messages)})
            SELECT DISTINCT a.platform, a.id AS s_id, NULL::VARCHAR AS s_h, b.id AS t_id,
                   NULL::VARCHAR AS t_h, NULL::VARCHAR AS t_hint, 'co-comment' AS kind, a.post AS carrier
            FROM c a JOIN c b ON a.platform = b.platform AND a.post = b.post AND a.id < b.id
            WHERE abs(epoch(a.created_at) - epoch(b.created_at)) <= {float(window)!r}
        """
    actors = f"SELECT DISTINCT platform, id FROM ({_comments(messages)})"
    return ties, actors


def hashtag_uses(messages: str) -> str:
    """Who used which hashtag how often in counted messages: (platform, id, tag, n)."""
    return f"""
        SELECT platform, account AS id, lower(tag) AS tag, count(*) AS n
        FROM (SELECT platform, account, unnest(regexp_extract_all(text, '{HASHTAG_RE}', 1)) AS tag
              FROM {messages} WHERE collected AND account IS NOT NULL AND text LIKE '%#%')
        GROUP BY ALL
    """


def co_hashtag(messages: str, max_tag_accounts: int) -> tuple[str, str]:
    ties = f"""
        WITH u AS (SELECT DISTINCT platform, id, tag FROM ({hashtag_uses(messages)})),
        ok AS (SELECT platform, tag FROM u GROUP BY ALL HAVING count(*) <= {int(max_tag_accounts)}),
        k AS (SELECT u.* FROM u JOIN ok USING (platform, tag))
        SELECT a.platform, a.id AS s_id, NULL::VARCHAR AS s_h, b.id AS t_id, NULL::VARCHAR AS t_h,
               NULL::VARCHAR AS t_hint, 'co-hashtag' AS kind, a.tag AS carrier
        FROM k a JOIN k b ON a.platform = b.platform AND a.tag = b.tag AND a.id < b.id
    """
    actors = f"SELECT DISTINCT platform, id FROM ({hashtag_uses(messages)})"
    return ties, actors


def dropped_tags(messages: str, max_tag_accounts: int) -> str:
    return f"""
        SELECT tag, count(DISTINCT id) AS accounts FROM ({hashtag_uses(messages)})
        GROUP BY tag HAVING count(DISTINCT id) > {int(max_tag_accounts)} ORDER BY accounts DESC, tag
    """
