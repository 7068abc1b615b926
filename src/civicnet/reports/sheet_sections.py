"""The factsheet's sections as data: what each shows, labelled and formatted in the reader's language.

Pure functions of summary.json (as the sheet shows it: identifiers through the labeller) and of
what the sheet shows beyond it (:class:`~civicnet.reports.factsheet.FactsheetExtras`). Figures
are formatted by the catalogue (:mod:`civicnet.formatting`); accounts are shown as people read
them (``{"name", "handle"}``, :meth:`civicnet.analysis.names.Names.who`); code values are named
by the catalogue, never shown as codes.

The numbers (section c) follow the platforms of the case, as the report's factsheets do
(METHOD.md §2c): a figure is shown when a platform of the case can have it or when it is not 0,
so a Facebook page never reads "Retweets 0". ``posts`` is shown without the posts by visitors,
which stand beside it with the share government answered: the report's "67 posts" of Deventer
next to its 16 posts to the page. ``likes``, ``shares`` and ``followers`` read n.v.t./n/a where
the source cannot have them.
"""

from __future__ import annotations

import re

from .charts import community_colour
from .i18n import Catalogue

#: Platforms where messages answer each other by reply (Twitter…) and where comments sit under posts.
REPLY_PLATFORMS = {"twitter", "mastodon", "bluesky"}
COMMENT_PLATFORMS = {"facebook", "linkedin"}
#: figure -> platforms that can have it (None: every platform; shown always).
FIGURES = (
    ("messages", None), ("posts", None), ("posts_to_page", {"facebook"}), ("comments", COMMENT_PLATFORMS),
    ("replies", REPLY_PLATFORMS | COMMENT_PLATFORMS), ("reposts", REPLY_PLATFORMS), ("quotes", {"twitter", "bluesky"}),
    ("mentions", REPLY_PLATFORMS), ("likes", None), ("shares", None), ("participants", None),
    ("government_messages", None), ("followers", None),
)
MAX_COMMUNITIES = 8
MAX_CENTRAL = 5
#: Groups named in a row of section f before "and N others".
NAMED_GROUPS = 5
#: Messages shown per list of section e: most liked, shared, commented; government's own.
SHOWN_MESSAGES = {"top_liked": 1, "top_reposted": 1, "top_commented": 1, "government": 2}


#: What a sampled betweenness (``networks.NAME.betweenness_method``, written by
#: :func:`civicnet.networks.metrics.betweenness`) says of its sample and its split-half check.
_SAMPLED = re.compile(r"(?P<sources>\d+) of (?P<nodes>\d+) nodes.*share (?P<shared>\d+) of their top (?P<top>\d+)")


def betweenness_note(t: Catalogue, method: str | None) -> str | None:
    """The line that says a network's betweenness is an estimate (CONTRACT.md: above nodes × edges
    2·10^8 it is sampled), with its sample and its measured agreement; None when it is exact."""
    if not method or method == "exact":
        return None
    m = _SAMPLED.search(method)
    if m is None:
        return t("betweenness_estimate_plain")
    return t("betweenness_estimate_note", sources=t.number(int(m["sources"])), nodes=t.number(int(m["nodes"])),
             shared=t.number(int(m["shared"])), top=t.number(int(m["top"])))


def who(people: dict, shown: str | None, t: Catalogue) -> dict:
    """How the sheet shows an account given by its shown identifier."""
    if shown is None:
        return {"name": t("unknown_account"), "handle": None}
    return people.get(shown) or {"name": shown, "handle": None}


def numbers(t: Catalogue, counts: dict, platforms: tuple[str, ...]) -> list[dict]:
    """Section c's figures: ``{key, label, value}`` (module docstring)."""
    present = set(platforms)
    out = []
    for key, where in FIGURES:
        value = counts.get(key)
        if where is not None and not (present & where) and not value:
            continue
        label = t(f"count_{key}")
        if key == "posts" and counts.get("posts_to_page"):
            value, label = counts["posts"] - counts["posts_to_page"], t("count_posts_page")
        elif key == "replies":
            label = t("count_" + _replies_kind(present))
        out.append({"key": key, "label": label, "value": t.number(value)})
    return out


def _replies_kind(platforms: set[str]) -> str:
    nested, replies = bool(platforms & COMMENT_PLATFORMS), bool(platforms & REPLY_PLATFORMS)
    return "replies_mixed" if nested and replies else "replies_nested" if nested else "replies"


def page_posts_text(t: Catalogue, page: dict) -> str | None:
    """The posts by visitors with the share government answered (None without such posts)."""
    if not page or not page.get("received"):
        return None
    text = t("page_posts_answered", answered=t.number(page["answered"]), received=t.number(page["received"]),
             rate=t.percent(page["answer_rate"]))
    if page.get("median_response_minutes") is not None and page["answered"]:
        text += ", " + t("page_posts_median", duration=t.duration(page["median_response_minutes"]))
    return text


def network_block(t: Catalogue, summary: dict, kind: str | None, picture, people: dict, *, threshold: float,
                  isolates: int) -> dict | None:
    """Section d: the picture, the line under it, the groups and the central accounts."""
    if not kind or kind not in summary["networks"]:
        return None
    net = summary["networks"][kind]
    if not net["nodes"]:
        return None
    names = {c["id"]: c["name"] for c in net["communities"]}
    # reach needs someone to reach with: a case naming no government account has none
    governed = bool(summary["government"]["accounts"])
    communities = [
        {"id": c["id"], "name": c["name"], "size": t.number(c["size"]), "colour": community_colour(c["id"]),
         # the group is named after its most central account: the next ones stand beside the name
         "top_accounts": [dict(who(people, a, t), government=a in c["government_accounts"])
                          for a in c["top_accounts"][1:3]],
         "top_terms": c["top_terms"][:3],
         "contact": t.percent(c["government_contact_share"]), "audience": t.percent(c["government_audience_share"]),
         "inbound": t.percent(c["government_inbound_share"]),
         "reached": c["reached_by_government"] if governed else None,
         "reached_label": (t("reached_yes") if c["reached_by_government"] else t("reached_no")) if governed else t.na()}
        for c in net["communities"][:MAX_COMMUNITIES]
    ]
    central = [
        {"who": who(people, a["account"], t), "government": a["is_government"],
         "group": names.get(a["community"], ""), "in_degree": t.number(a["in_degree"]),
         "out_degree": t.number(a["out_degree"]), "betweenness": t.number(a["betweenness"]),
         "pagerank": t.number(a["pagerank"], 4)}
        for a in net["central_accounts"][:MAX_CENTRAL]
    ]
    modularity = t.number(net["modularity"], 2) if net["modularity"] is not None else t.na()
    kind_label = t.get(f"network_kind_{kind}", kind)
    line = t("network_line", kind=kind_label, nodes=t.number(net["nodes"]), edges=t.number(net["edges"]),
             modularity=modularity, method=t.code("method", net["community_method"]))
    estimate = betweenness_note(t, net.get("betweenness_method"))
    return {
        "svg": picture.svg if picture else "", "caption": picture.caption if picture else "", "line": line,
        "communities": communities, "more": max(len(net["communities"]) - MAX_COMMUNITIES, 0), "central": central,
        "note": t("reach_note", threshold=t.percent(threshold), isolates=t.number(isolates)),
        "betweenness_label": t("betweenness_estimated") if estimate else t("betweenness"),
        "betweenness_note": estimate,
    }


def message_blocks(t: Catalogue, content: dict, government_messages: list[dict], people: dict,
                   per_platform: list[tuple[str, dict]] = ()) -> list[dict]:
    """Section e's messages: most liked, shared and commented, and a few of government's own.

    ``per_platform``: (platform name, its top lists) where the case spans platforms: each top
    list then shows the first message of every platform, named by platform."""
    def item(m: dict, figure: str = "", is_government: bool = False, types: str = "", platform: str = "") -> dict:
        return {"text": m.get("text"), "who": who(people, m.get("account"), t), "figure": figure,
                "is_government": is_government, "types": types, "url": m.get("url"), "platform": platform}

    figures = {"top_liked": lambda m: t.plural("likes_n", m["likes"], n=t.number(m["likes"])),
               "top_reposted": lambda m: t("shares_n", n=t.number(m["reposts"])),
               "top_commented": lambda m: t.plural("comments_n", m["comments"], n=t.number(m["comments"]))}

    def top(key: str) -> list[dict]:
        if per_platform:
            return [item(lists[key][0], figures[key](lists[key][0]), platform=name)
                    for name, lists in per_platform if lists.get(key)]
        return [item(m, figures[key](m)) for m in content.get(key, [])[:SHOWN_MESSAGES[key]]]

    return [
        *({"title": t(key), "messages": top(key)} for key in ("top_liked", "top_reposted", "top_commented")),
        {"title": t("government_messages"), "messages": [
            item(m, "", True, ", ".join(t.code("type", x) for x in m.get("types", [])))
            # where the top lists hold a message per platform, one of government's own
            for m in government_messages[:1 if per_platform else SHOWN_MESSAGES["government"]]
        ]},
    ]


def role_rows(t: Catalogue, gov, summary: dict, main: str | None) -> list[dict]:
    """Section f's rows: sender pattern, questions, groups reached and not, posts to the page,
    interaction, goal and rung of the participation ladder (``gov``: the GovernmentFacts)."""
    g = summary["government"]
    net = summary["networks"].get(main) if main else None
    names = {c["id"]: c["name"] for c in (net or {}).get("communities", [])}

    def groups(ids: list[int]) -> str:
        if not g["accounts"]:  # no government account named: no one to reach groups
            return t("reach_no_government")
        named = [names.get(i, str(i)) for i in ids[:NAMED_GROUPS]]
        if len(ids) > NAMED_GROUPS:
            others = len(ids) - NAMED_GROUPS
            named.append(t.plural("concl_others", others, count=t.number(others)))
        return t.and_list(named) or t("none")

    rows = [{"label": t("sender_pattern"), "value": t.code("pattern", g["sender_pattern"])},
            {"label": t("questions"), "value": questions_text(t, g)}]
    if net is not None:
        rows += [{"label": t("reached_communities"), "value": groups(g["reached_communities"])},
                 {"label": t("unreached_communities"), "value": groups(g["unreached_communities"])}]
    page = page_posts_text(t, gov.page_posts)
    if page:
        rows.append({"label": t("count_posts_to_page"), "value": page})
    interaction = gov.interaction or {}
    if interaction.get("mode"):
        value = t.code("mode", interaction["mode"])
        if interaction.get("government_reply_share") is not None:
            value += f" ({t('reply_share', share=t.percent(interaction['government_reply_share']))})"
        rows.append({"label": t("interaction"), "value": value})
    strategy = gov.strategy or {}
    goal, rung = (strategy.get("goals") or {}).get("main"), (strategy.get("ladder") or {}).get("rung")
    if goal:
        rows.append({"label": t("strategy"), "value": t.code("goal", goal)})
    if rung:
        rows.append({"label": t("ladder"), "value": t.code("rung", rung)})
    return rows


def questions_text(t: Catalogue, g: dict) -> str:
    """Questions received and answered, with the median response time (the questions row)."""
    received, answered = g["questions_received"], g["questions_answered"]
    if not received:
        return t("no_questions")
    text = t("questions_answered", answered=t.number(answered), received=t.number(received),
             rate=t.percent(answered / received))
    if answered and g["median_response_minutes"] is not None:
        text += ", " + t("median_response", duration=t.duration(g["median_response_minutes"]))
    return text


def policy_phase(t: Catalogue, phase: str | None) -> str | None:
    """The case file's policy phase in words (``implementation`` → *uitvoering*); a phase the
    catalogue does not know is shown as the case file writes it."""
    if not phase:
        return None
    code = "_".join(phase.strip().lower().replace("-", " ").split())
    return t.code("phase", code) if t.get(f"phase_{code}") else phase
