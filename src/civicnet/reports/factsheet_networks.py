"""The factsheet's network sections beyond the main picture: a small multiple per further
network, a block per platform, and a card per group (its words and central messages).

Each function turns summary.json's figures (and the pictures of
:mod:`.factsheet_pictures`) into the template's data, labelled and formatted in the sheet's
language; they compute nothing the summary does not hold, except what is put into words.
"""

from __future__ import annotations

from .charts import community_colour
from .i18n import Catalogue
from .sheet_sections import MAX_COMMUNITIES, betweenness_note, who

#: Accounts named as connectors under a further network (highest betweenness first).
CONNECTORS = 3
#: Government accounts named per platform (most messages first).
PLATFORM_WRITERS = 3
#: Groups given a card (the largest; one row of the network column): the groups table beside
#: them gives every listed group's words.
GROUP_CARDS = 3
#: Words and messages shown per group card.
GROUP_WORDS, GROUP_MESSAGES = 8, 1


def network_line(t: Catalogue, kind: str, net: dict) -> str:
    """The line under a picture: the network's kind, accounts, ties, modularity and method."""
    modularity = t.number(net["modularity"], 2) if net.get("modularity") is not None else t.na()
    return t("network_line", kind=t.get(f"network_kind_{kind}", kind), nodes=t.number(net["nodes"]),
             edges=t.number(net["edges"]), modularity=modularity,
             method=t.code("method", net.get("community_method", "leiden")))


def other_networks(t: Catalogue, summary: dict, pictures: dict, people: dict) -> list[dict]:
    """A block per further network of the case (its small multiple): title, picture, caption, the
    line under it, and its connectors (its central accounts with the highest betweenness)."""
    blocks = []
    for kind, picture in pictures.items():
        net = summary["networks"][kind]
        central = sorted((a for a in net["central_accounts"] if a["betweenness"] > 0),
                         key=lambda a: -a["betweenness"])[:CONNECTORS]
        connectors = [t("connector_item", name=who(people, a["account"], t)["name"] or a["account"],
                        betweenness=t.number(a["betweenness"])) for a in central]
        blocks.append({
            "kind": kind, "title": t("other_network_title", kind=t.get(f"network_kind_{kind}", kind)),
            "svg": picture.svg, "caption": picture.caption, "line": network_line(t, kind, net),
            "connectors": t("connectors_estimated" if betweenness_note(t, net.get("betweenness_method")) else "connectors",
                            names=t.and_list(connectors)) if connectors else None,
        })
    return blocks


def platform_blocks(t: Catalogue, summary: dict, pictures: dict, people: dict) -> list[dict]:
    """A block per platform of a case that spans several (summary.json ``platforms``): its name,
    figures, its most active government accounts with their share of its messages, its picture."""
    blocks = []
    for p in summary.get("platforms", []):
        share = p["government_messages"] / p["messages"] if p["messages"] else None
        figures = t("platform_figures", messages=t.number(p["messages"]), participants=t.number(p["participants"]),
                    government=t.number(p["government_messages"]), share=t.percent(share))
        writers = p["government_accounts"][:PLATFORM_WRITERS]
        written = sum(w["messages"] for w in writers)
        writers_text = t("platform_writers", count=t.number(len(writers)),
                         names=t.and_list(f'{who(people, w["account"], t)["name"]} ({t.number(w["messages"])})'
                                          for w in writers),
                         share=t.percent(written / p["messages"] if p["messages"] else None)) if writers else None
        picture = pictures.get(p["platform"])
        net = p["network"]
        blocks.append({
            "platform": p["platform"], "name": t.code("platform", p["platform"]), "figures": figures,
            "writers": writers_text, "svg": picture.svg if picture else "",
            "caption": picture.caption if picture else "",
            "line": t("platform_network_line", kind=t.get(f"network_kind_{net['kind']}", net["kind"]),
                      nodes=t.number(net["nodes"]), edges=t.number(net["edges"]),
                      modularity=t.number(net["modularity"], 2) if net["modularity"] is not None else t.na())
            if net else "",
        })
    return blocks


def group_cards(t: Catalogue, summary: dict, kind: str | None, messages: dict, people: dict,
                shorten) -> list[dict]:
    """A card per large group of the main network: colour, name, size, its distinctive words and a
    message or two of its most central members (``messages``: group id -> ``{account, text, n}``)."""
    net = summary["networks"].get(kind) if kind else None
    if not net:
        return []
    cards = []
    for c in net["communities"][:min(GROUP_CARDS, MAX_COMMUNITIES)]:
        cards.append({
            "id": c["id"], "name": c["name"], "size": t.number(c["size"]), "colour": community_colour(c["id"]),
            "words": c["top_terms"][:GROUP_WORDS],
            "messages": [{"text": shorten(m["text"]), "who": who(people, m["account"], t),
                          "government": m["account"] in c["government_accounts"]}
                         for m in messages.get(c["id"], [])[:GROUP_MESSAGES]],
        })
    return cards
