"""The dashboard's candidate ambassadors: who could carry government's message into each group it
does not reach (issue 24; docs/networks.md "Ambassadors"), as the network view and the groups
panel show them.

The candidates are the case analysis' (:mod:`civicnet.analysis.ambassadors`: the same ranking,
spam check, roles and messages as summary.json and the factsheet); a period's network has its
own, computed on that period's records (:func:`civicnet.web.netview.analyse`). For every
unreached community of the view, largest first, :func:`payload` gives its candidates, best first,
each with

* who it is as a person reads it (``account`` as shown, ``name``, ``handle``; the pseudonym of a
  citizen under ``--pseudonymise``: the one labeller decides, as everywhere in the dashboard),
  ``role`` (``media``, ``organisation``, ``public`` or null: a person), the group it sits in
  (``home``) and whether the browser already shows it (``shown``);
* its figures (``members_tied``, ``ties_to_reached``, ``listeners``, ``score``) and ``reason``
  in the dashboard's language (:func:`civicnet.networks.ambassador_words.reason`, the whole
  reason summary.json writes);
* one of its messages (``message``: ``id``, ``text``, ``likes``; the id and text as every output
  shows them);
* its ties into the group (``ties``: ``[source, target, weight, kind_code]`` into ``kind_labels``,
  the ties that count: not a pair's single mention; the heaviest :data:`MAX_TIES`) and to
  government (``government_ties``, same shape).

Accounts those ties reach that the browser does not show yet come along in ``nodes`` (the network
payload's node shape, placed beside the shown accounts they touch), so the page can draw every tie.
"""

from __future__ import annotations

import numpy as np

from ..labels import text_of
from ..networks.ambassador_words import reason
from ..networks.ambassadors import counted_pairs
from . import netview

#: Ties into its group drawn per candidate (the heaviest); the figures count them all.
MAX_TIES = 300


def payload(view: "netview.NetworkView", candidates: dict, lang: str) -> dict:
    """The view's unreached groups with their candidates (module docstring)."""
    res, net = view.result, view.result.net
    label = view.label
    names = res.community_names(label)
    reach = res.reach.communities
    counted = counted_pairs(net)[2] if net.n_edges else np.zeros(0, dtype=bool)
    shown = set(view.shown.tolist())
    extra: list[int] = []
    groups = []
    for c in sorted((c for c in res.reach.unreached if c in reach), key=lambda c: (-reach[c].size, c)):
        items = []
        for cand in candidates.get(c, []):
            a = cand.ambassador
            ties, gov_ties, touched = _ties(view, counted, a.node, c)
            extra += [j for j in [a.node, *touched] if j not in shown]
            items.append(_item(view, cand, lang, names, ties, gov_ties, a.node in shown))
        groups.append({"community": c, "name": names.get(c, str(c)), "size": reach[c].size,
                       "government_contact_share": reach[c].contact_share, "candidates": items})
    return {"kind": net.kind, "groups": groups, "nodes": _nodes(view, list(dict.fromkeys(extra))),
            "kind_labels": net.kind_labels}


def _item(view, cand, lang: str, names: dict, ties: list, gov_ties: list, is_shown: bool) -> dict:
    res, label = view.result, view.label
    a = cand.ambassador
    gov_name = (lambda i: res.name_of(i, label) or view.labels[i])
    message = None
    if cand.message:
        text = text_of(label)
        message = {"id": label.message_id(cand.message["id"]), "text": text(cand.message["text"]),
                   "likes": cand.message.get("likes")}
    return {"account": view.labels[a.node], **view.who(a.node), "role": cand.role, "home": a.home,
            "shown": is_shown, "members_tied": a.members_tied, "ties_to_reached": a.ties_to_reached,
            "listeners": a.listeners, "score": round(a.score, 4),
            "reason": reason(a, lang, gov_name, names.get), "message": message,
            "ties": ties, "government_ties": gov_ties}


def _ties(view, counted: np.ndarray, node: int, group: int) -> tuple[list, list, list[int]]:
    """The candidate's counted ties to non-government members of ``group`` (heaviest first, at most
    :data:`MAX_TIES`) and to government accounts; and the other accounts they touch."""
    net, community = view.result.net, view.result.community
    gov = np.asarray(net.is_government, dtype=bool)
    touching = np.flatnonzero(counted & ((net.src == node) | (net.dst == node)))
    other = np.where(net.src[touching] == node, net.dst[touching], net.src[touching])
    into = touching[(community[other] == group) & ~gov[other] & (other != node)]
    into = into[np.argsort(-net.weight[into], kind="stable")[:MAX_TIES]]
    to_gov = touching[gov[other]]
    rows = [[[view.labels[int(net.src[e])], view.labels[int(net.dst[e])], int(net.weight[e]),
              int(net.kind_codes[e])] for e in edges.tolist()] for edges in (into, to_gov)]
    ends = np.concatenate([net.src[into], net.dst[into], net.src[to_gov], net.dst[to_gov]]).astype(int)
    return rows[0], rows[1], sorted(set(ends.tolist()) - {node})


def _nodes(view, extra: list[int]) -> list[dict]:
    """Accounts not shown yet, placed beside the shown accounts they touch (netview's neighbourhood rule)."""
    if not extra:
        return []
    res = view.result
    where = {int(n): view.xy[k] for k, n in enumerate(view.shown.tolist())}
    placed = netview._place(extra, where, res)
    pr = res.metrics.pagerank
    top = float(pr.max()) if pr.size and pr.max() > 0 else 1.0
    return [netview._node(view, j, placed[j], top) for j in extra]
