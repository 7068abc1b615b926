"""``civicnet run``: from a case file to every output, in one call.

Stages: ingest (idempotent) → networks → text → government → summary.json →
tables (nodes.csv, edges.csv, network.gexf, messages.csv) → factsheet.html → factsheet.pdf.
Progress is reported per stage through the ``Progress`` callback.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..case import Case, load_case
from ..progress import Progress, silent
from ..store import Store, default_store_path, ingest_case
from ..store.views import use_case
from . import summary as summary_mod
from .factsheet import factsheet_data, render_html, write_pdf
from .pseudonym import Pseudonymiser, identity, store_salt

#: Most accounts drawn in the factsheet's network picture (the top by PageRank plus government).
PICTURE_NODES = 1500
#: The picture's printed size (mm): the width of the factsheet's network column (factsheet.css ``.grid``).
PICTURE_MM = (158.0, 112.0)
#: The picture's own words, from the catalogue's ``picture_*`` keys.
PICTURE_WORDS = ("group", "other", "drawn", "all_drawn", "empty", "loose", "less_central", "layout_group-in-a-box", "layout_force")
STAGES = ("ingest", "networks", "text", "government", "summary", "tables", "factsheet", "pdf")
OUTPUTS = ("factsheet.html", "factsheet.pdf", "summary.json", "nodes.csv", "edges.csv", "network.gexf", "messages.csv")


@dataclass
class RunResult:
    case: Case
    out_dir: Path
    files: list[Path] = field(default_factory=list)
    summary: dict = field(default_factory=dict)
    details: dict = field(default_factory=dict)
    pdf_error: str | None = None


def run_case(case_path: str | Path, out_dir: str | Path, *, lang: str | None = None, pseudonymise: bool = False,
             store_path: str | Path | None = None, strict: bool = False, pdf: bool = True,
             progress: Progress = silent) -> RunResult:
    """Import the case, analyse it and write every output into ``out_dir``."""
    from ..collect import with_collected

    case = with_collected(load_case(case_path))
    lang = lang or case.language
    out = Path(out_dir)
    step = _Stepper(progress)
    from ..store.ingest import plan

    plan(case)  # every source exists and has a known format before a store is created
    with Store(store_path or default_store_path(case.path)) as store:
        step("ingest")
        ingest_case(case, store, strict=strict)
        out.mkdir(parents=True, exist_ok=True)  # only once the input has been read
        use_case(store, case.id)
        label = _labeller(store, case) if pseudonymise else identity
        result = RunResult(case, out)
        analyses = _networks(store, case, step)
        step("text")
        content = _content(store, case, analyses, label)
        step("government")
        from ..tactics import government_details

        main = case.networks[0]
        net_summaries = {k: a.summary(label=label, top_terms=content["term_scorer"](k)) for k, a in analyses.items()}
        communities = _node_communities(analyses[main]) if main in analyses else None
        details = government_details(store, case, net_summaries.get(main), communities=communities)
        gov = details["summary"]
        step("summary")
        summary = _summary(store, case, gov, net_summaries, content, label)
        summary_mod.validate(summary)
        _write_json(out / "summary.json", summary)
        step("tables")
        _tables(store, case, analyses.get(main), out, label)
        step("factsheet")
        extras = _extras(case, analyses.get(main), content, details, lang, label, _display_names(store, label),
                         _group_names(net_summaries.get(main)))
        extras["limits"] = _limits(store, case, lang)
        html = render_html(factsheet_data(summary, extras, lang, pseudonymised=pseudonymise))
        (out / "factsheet.html").write_text(html, encoding="utf-8")
        if pdf:
            step("pdf")
            write_pdf(html, out / "factsheet.pdf")
    result.summary = summary
    result.details = details
    result.files = [out / name for name in OUTPUTS if (out / name).exists()]
    step.done()
    return result


class _Stepper:
    def __init__(self, progress: Progress):
        self.progress, self.n = progress, 0

    def __call__(self, stage: str) -> None:
        self.progress(f"run: {stage}", self.n, len(STAGES))
        self.n += 1

    def done(self) -> None:
        self.progress("run: done", len(STAGES), len(STAGES))


def _labeller(store: Store, case: Case) -> Pseudonymiser:
    """Pseudonyms for everyone but the government and organisation accounts."""
    from ..store.government import government_accounts

    keep = set()
    for g in government_accounts(store, case):
        keep.update(x for x in (g.handle, g.account_id) if x)
    names = {}
    for handle, account_id, name in store.sql("SELECT handle, id, name FROM case_accounts"):
        if name:
            names[handle or account_id] = name
    return Pseudonymiser(store_salt(store), keep=keep, names=names)


def _networks(store: Store, case: Case, step) -> dict:
    from ..networks import analyse_network, build_network

    step("networks")
    analyses = {}
    for kind in case.networks:
        net = build_network(store, case, kind)
        analyses[kind] = analyse_network(net, method=case.community_method, seed=42,
                                         reach_threshold=case.reach_threshold)
    return analyses


def _write_json(path: Path, data) -> None:
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n", encoding="utf-8")


def _node_communities(analysis) -> dict[str, int]:
    """account identifier -> community id, from an analysis' accounts and membership."""
    return dict(zip(list(analysis.net.ids), analysis.community.tolist()))


def _content(store: Store, case: Case, analyses: dict, label) -> dict:
    """Case-level terms and word cloud, and per-network community term scorers.

    The terms are counted in the store, in one pass over the messages: for the case and
    per community of every network (:func:`_community_counts`).
    """
    from heapq import nsmallest

    from ..text.terms import distinctive_from_counts
    from ..text.wordcloud import wordcloud_svg

    counts, per_network = _community_counts(store, analyses, case.language)
    hidden = getattr(label, "text", None)
    scorers = {}
    for kind, groups in per_network.items():
        terms = distinctive_from_counts(groups, n=10) if groups else {}
        if hidden:
            terms = {c: [x for x in ts if not x.startswith("@")] for c, ts in terms.items()}
        scorers[kind] = terms
    ranked = nsmallest(120, counts.items(), key=lambda kv: (-kv[1], kv[0]))  # ties alphabetical: repeatable
    top = [term for term, _ in ranked[:30]]
    if hidden:  # a pseudonymised factsheet shows no citizen's handle as a term
        top = [term for term in top if not term.startswith("@") or label(term[1:]) == term[1:]]
    freq = {term: n for term, n in ranked if not term.startswith("@")}
    return {
        "top_terms": top[:20],
        "wordcloud_svg": wordcloud_svg(freq, width=520, height=260, seed=1) if freq else None,
        "term_scorer": lambda kind: (lambda cid, members, _t=scorers.get(kind, {}): _t.get(cid, [])),
    }


def _community_counts(store: Store, analyses: dict, language: str | None) -> tuple[Counter, dict[str, dict]]:
    """The case's term counts, and per network: community id -> its members' term counts.

    Each network's membership (account -> community, from its node table) is lent to
    DuckDB as an Arrow table and joined to the messages by author (handle, else account
    id), so the texts never travel to Python. Every community of a network is a group,
    also one whose members wrote nothing (an empty count, as distinctive terms expect).
    """
    from ..text.tokenize import count_terms_grouped

    tables = {kind: f"_content_members_{i}" for i, kind in enumerate(analyses)}
    joins = "".join(f" LEFT JOIN {t} g{i} ON g{i}.account = coalesce(a.handle, m.account)"
                    for i, t in enumerate(tables.values()))
    keys = [f"g{i}.community AS c{i}" for i in range(len(tables))]
    source = f"""SELECT {", ".join(["m.text", *keys])} FROM case_messages m
                 LEFT JOIN account a ON a.platform = m.platform AND a.id = m.account{joins}
                 WHERE m.text IS NOT NULL"""
    communities = {}
    for kind, table in tables.items():
        nodes = analyses[kind].nodes.select(["account", "community"])
        communities[kind] = [c for c in dict.fromkeys(nodes.column("community").to_pylist()) if c is not None]
        store.con.register(table, nodes)
    try:
        counts, grouped = count_terms_grouped(store.con, source, [f"c{i}" for i in range(len(tables))], language)
    finally:
        for table in tables.values():
            store.con.unregister(table)
    per_network = {kind: {c: groups.get(c, Counter()) for c in communities[kind]}
                   for kind, groups in zip(tables, grouped)}
    return counts, per_network


def _summary(store: Store, case: Case, gov: dict, networks: dict, content: dict, label) -> dict:
    from ..tactics import case_counts, peaks, timeline

    days = timeline(store, case)
    first = days[0]["date"] if days else None
    last = days[-1]["date"] if days else None
    return {
        "schema": summary_mod.SCHEMA_ID,
        "case": summary_mod.case_block(case, first, last),
        "counts": case_counts(store, case),
        "timeline": days,
        "peaks": peaks(store, case),
        "networks": networks,
        "government": gov,
        "content": {
            "top_terms": content["top_terms"],
            "top_liked": summary_mod.top_messages(store, "like_count", "likes", label),
            "top_reposted": summary_mod.top_messages(store, "share_count", "reposts", label),
        },
        "provenance": summary_mod.provenance(store, case),
    }


def _tables(store: Store, case: Case, analysis, out: Path, label) -> None:
    from ..tactics.table import write_messages_csv

    if analysis is not None:
        analysis.write_nodes_csv(out / "nodes.csv", label=label)
        analysis.write_edges_csv(out / "edges.csv", label=label)
        analysis.write_gexf(out / "network.gexf", label=label)
    write_messages_csv(store, case, out / "messages.csv", None if label is identity else label)


def _extras(case: Case, analysis, content: dict, details: dict, lang: str, label, names=None,
            group_names=None) -> dict:
    picture = None
    if analysis is not None:
        picture = network_picture(analysis, lang, names or label, group_names=group_names)
    text = getattr(label, "text", None) or (lambda t: t)
    gov_messages = [
        dict(m, account=label(m.get("account")), text=text(m.get("text")))
        for m in _varied(details.get("government_messages", []))
    ]
    return {
        "main_network": case.networks[0],
        "network_picture": picture,
        "wordcloud_svg": content["wordcloud_svg"],
        "government_messages": gov_messages,
        "conclusions": details.get("conclusions", {}).get(lang, []),
        "role_rows": _role_rows(details, lang),
        "description": case.description,
        "policy_phase": case.policy_phase,
        "events": [{"date": e.date.isoformat(), "label": e.label} for e in case.events],
    }


def network_picture(analysis, lang: str, label, size_mm: tuple[float, float] = PICTURE_MM, layout: str = "group-in-a-box",
                    group_names: dict[int, str] | None = None):
    """The factsheet's picture of a network, its text in ``lang``, printed at ``size_mm``."""
    from .i18n import Catalogue

    t = Catalogue(lang)
    thousands = "." if lang == "nl" else ","
    net = analysis.net  # its counts are on the line under the picture; the caption says what is drawn
    words = {k: t(f"picture_{k}") for k in PICTURE_WORDS}
    words.update(thousands=thousands, government=t("government_marker"),
                 caption=t("caption_network", kind=t.get(f"network_kind_{net.kind}", net.kind)))
    return analysis.draw_svg(label=label, max_nodes=PICTURE_NODES, words=words, width_mm=size_mm[0],
                             height_mm=size_mm[1], layout=layout, group_names=group_names)


def _group_names(network_summary: dict | None) -> dict[int, str]:
    """Community id -> name, where the summary names its communities (CONTRACT v2 ``name``)."""
    return {c["id"]: c["name"] for c in (network_summary or {}).get("communities", []) if c.get("name")}


def _display_names(store: Store, label):
    """Account identifier -> display name for the picture; under pseudonymisation ``label`` itself
    (pseudonyms, and government handles as in the tables)."""
    if label is not identity:
        return label
    names = {ident: name for ident, name in store.sql(
        "SELECT coalesce(handle, id), name FROM case_accounts WHERE name IS NOT NULL AND name <> ''")}
    return lambda ident: names.get(ident, ident)


def _limits(store: Store, case: Case, lang: str) -> list[str]:
    """What the data cannot show, in the reader's language, from the store's own figures.

    The three figures :func:`~civicnet.store.info.case_info` would give (it computes a dozen
    more: 1.6 CPU s at 1M messages) are read directly, by the same joins.
    """
    from ..store.ingest import import_reports
    from .i18n import Catalogue

    t = Catalogue(lang)
    has_context, without_author = store.sql(
        """SELECT EXISTS (SELECT 1 FROM case_message c JOIN message m USING (platform, id)
                          WHERE c.case_id = ? AND NOT c.collected),
                  (SELECT count(*) FROM case_message c JOIN message m USING (platform, id)
                   WHERE c.case_id = ? AND c.collected AND m.account IS NULL)""",
        [case.id, case.id],
    )[0]
    limits = [t("limit_likes")]
    if has_context:
        limits.insert(0, t("limit_context"))
    if without_author:
        limits.append(t("limit_authors", count=without_author))
    rejected = sum(i["records_rejected"] for i in import_reports(store, case.id))
    if rejected:
        limits.append(t("limit_rejected", count=rejected))
    return limits


def _varied(messages: list[dict], n: int = 3) -> list[dict]:
    """A few government messages showing different types (the first of each type)."""
    chosen, seen = [], set()
    for m in messages:
        key = tuple(m.get("types") or ("none",))
        if key not in seen and m.get("text"):
            chosen.append(m)
            seen.add(key)
        if len(chosen) == n:
            break
    return chosen


def _role_rows(details: dict, lang: str) -> list[dict]:
    """Interaction, goal and participation-ladder rows of section f, from the tactics' figures."""
    from .i18n import Catalogue

    t = Catalogue(lang)
    rows = []
    interaction = details.get("interaction") or {}
    if interaction.get("mode"):
        share = interaction.get("government_reply_share")
        value = t(f"mode_{interaction['mode']}")
        if share is not None:
            value += f" ({t('reply_share', share=f'{share:.0%}')})"
        rows.append({"label": t("interaction"), "value": value})
    strategy = details.get("strategy") or {}
    goal = (strategy.get("goals") or {}).get("main")
    if goal:
        rows.append({"label": t("strategy"), "value": t(f"goal_{goal}")})
    rung = (strategy.get("ladder") or {}).get("rung")
    if rung:
        rows.append({"label": t("ladder"), "value": t(f"rung_{rung}")})
    return rows
