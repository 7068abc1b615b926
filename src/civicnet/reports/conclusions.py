"""The factsheet's conclusion: one paragraph on government's role, in the report's prose.

Who spoke for government and how, which groups it reached and which not, whether it answered:
every sentence is a fixed template of the catalogue (``concl_*`` in ``locale/<lang>.yaml``)
filled with figures that stand elsewhere on the same sheet (counts, the groups table, the
questions row), formatted by :mod:`civicnet.formatting` and naming accounts and groups as the
sheet does (display names; pseudonyms under ``--pseudonymise``). A sentence whose figures are
missing is left out; nothing is said that the figures do not say.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..labels import Label
from .i18n import Catalogue

if TYPE_CHECKING:
    from ..analysis import CaseAnalysis

#: Groups named in a sentence before "and N others".
NAMED_GROUPS = 3
#: Government accounts named before "and N others".
NAMED_ACCOUNTS = 3


def conclusions(analysis: "CaseAnalysis", summary: dict, lang: str, label: Label | None = None) -> list[str]:
    """The sentences of the conclusion, in reading order (``summary``: summary.json as the sheet shows it)."""
    t = Catalogue(lang)
    gov = analysis.government
    counts = summary["counts"]
    if counts["government_messages"] == 0:
        return [t("concl_absent")]
    out = [_who(t, analysis, counts, label)]
    if gov.summary["sender_pattern"] != "absent":
        out.append(_how(t, gov.summary))
    out += _reach(t, analysis, summary)
    out += _answers(t, gov)
    out.append(_interaction(t, gov))
    return [s for s in out if s]


def _names(t: Catalogue, names: list[str], limit: int) -> str:
    shown = names[:limit]
    if len(names) > limit:
        others = len(names) - limit
        shown.append(t.plural("concl_others", others, count=t.number(others)))
    return t.and_list(shown)


def _who(t: Catalogue, analysis: "CaseAnalysis", counts: dict, label: Label | None) -> str:
    summary = analysis.government.summary
    writers = sorted((a for a in summary["accounts"] if a["messages"]), key=lambda a: (-a["messages"], a["handle"]))
    accounts = _names(t, [analysis.names.who(a["handle"], label)["name"] for a in writers], NAMED_ACCOUNTS)
    values = {"accounts": accounts, "gov": t.number(counts["government_messages"]),
              "messages": t.number(counts["messages"]),
              "share": t.percent(counts["government_messages"] / counts["messages"] if counts["messages"] else None),
              "pattern": t.code("pattern", summary["sender_pattern"])}
    if summary["sender_pattern"] == "absent":
        return t("concl_hardly", **values)
    return t("concl_sender_one" if len(writers) == 1 else "concl_sender_many", **values)


def _how(t: Catalogue, summary: dict) -> str | None:
    types = {k: v for k, v in summary["message_types"].items() if v}
    if not types:
        return None
    top = max(types, key=lambda k: (types[k], k != "none"))
    timing = summary["timing"]
    gov = sum(a["messages"] for a in summary["accounts"])
    return t("concl_how", type=t.code("type", top), n=t.number(types[top]), gov=t.number(gov),
             **{k: t.number(timing[k]) for k in ("proactive", "active", "reactive")})


def _reach(t: Catalogue, analysis: "CaseAnalysis", summary: dict) -> list[str]:
    main = analysis.case.networks[0]
    net = summary["networks"].get(main)
    groups = net["communities"] if net else []
    if not groups:
        return []
    reached = [c for c in groups if c["reached_by_government"]]
    unreached = [c for c in groups if not c["reached_by_government"]]
    ref = lambda cs: [t("group_ref", name=c["name"]) for c in cs]  # noqa: E731
    total = t.number(len(groups))
    threshold = analysis.case.reach_threshold
    limit = t.percent(threshold)
    if not reached:
        # below the threshold is not no contact at all: the groups table shows each group's share
        nearest = max(groups, key=lambda c: (c["government_contact_share"] or 0, c["size"], -c["id"]))
        if not nearest["government_contact_share"]:
            out = [t.plural("concl_reach_silent", len(groups), total=total)]
        else:
            out = [t.plural("concl_reach_none", len(groups), total=total, threshold=limit,
                            share=t.percent(nearest["government_contact_share"]), group=ref([nearest])[0])]
    elif not unreached:
        return [t("concl_reach_all_two", threshold=limit) if len(groups) == 2
                else t.plural("concl_reach_all", len(groups), total=total, threshold=limit)]
    else:
        out = [t("concl_reach_some", reached=t.number(len(reached)), total=total, threshold=limit,
                 names=_names(t, ref(reached), NAMED_GROUPS), unreached=_names(t, ref(unreached), NAMED_GROUPS))]
    audience = [c for c in unreached if (c["government_audience_share"] or 0) >= threshold]
    if audience:
        out.append(t("concl_audience_all") if len(audience) == len(unreached) and len(unreached) > 1
                   else t("concl_audience", count=t.number(len(audience))))
    largest = max(unreached, key=lambda c: (c["size"], -c["id"]))
    if largest["top_terms"]:
        out.append(t("concl_unreached_terms", name=largest["name"],
                     size=t.number(largest["size"]), terms=t.and_list(largest["top_terms"][:5])))
    return out


def _answers(t: Catalogue, gov) -> list[str]:
    q = gov.questions
    out = []
    if q["received"]:
        sentence = (t.plural("concl_asked", q["received"], n=t.number(q["received"]))
                    + t.plural("concl_answered", q["answered"], n=t.number(q["answered"]), rate=t.percent(q["answer_rate"])))
        if q["answered"] and q["median_response_minutes"] is not None:
            sentence += t("concl_median", duration=t.duration(q["median_response_minutes"]))
        out.append(sentence + ".")
        kinds = q["by_kind"]
        if kinds["practical"]["received"] and kinds["critical"]["received"]:
            out.append(t("concl_by_kind", p_ans=t.number(kinds["practical"]["answered"]),
                         p_all=t.number(kinds["practical"]["received"]),
                         c_ans=t.number(kinds["critical"]["answered"]), c_all=t.number(kinds["critical"]["received"])))
    else:
        out.append(t("concl_no_questions"))
    page = gov.page_posts or {}
    if page.get("received"):
        out.append(t.plural("concl_page_posts", page["received"], received=t.number(page["received"]),
                            answered=t.number(page["answered"]), rate=t.percent(page["answer_rate"])))
    return out


def _interaction(t: Catalogue, gov) -> str | None:
    mode = (gov.interaction or {}).get("mode")
    if not mode or mode == "absent":
        return None
    strategy = gov.strategy or {}
    goal, rung = (strategy.get("goals") or {}).get("main"), (strategy.get("ladder") or {}).get("rung")
    values = {"mode": t.code("mode", mode), "reply_share": t.percent(gov.interaction.get("government_reply_share"))}
    if goal and rung:
        return t("concl_interaction", goal=t.code("goal", goal), rung=t.code("rung", rung), **values)
    return t("concl_interaction_no_rung", **values)
