"""The A3 factsheet: built as data first (one dict per section), rendered second.

Every figure on the factsheet comes from a :class:`~civicnet.analysis.CaseAnalysis`:
:func:`factsheet_html` is a pure function of it. :func:`factsheet_extras` gathers what only
the factsheet shows beyond summary.json (pictures, government messages, conclusions, the role
rows, limitations) as a :class:`FactsheetExtras`; :func:`factsheet_data` turns summary.json
plus those extras into the template's context; :func:`render_html` renders it with Jinja2,
autoescaping on; :func:`write_pdf` prints that HTML to an A3 landscape PDF with WeasyPrint.
Everything from the data is untrusted text: it is only ever escaped into the page, links only
for http(s) URLs, colours only from our palette.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from importlib import resources
from typing import TYPE_CHECKING

import jinja2
import numpy as np

from .. import __version__
from ..labels import Label, hides_text, shown, text_of
from . import factsheet_networks as N
from . import sheet_sections as S
from .ambassador_section import ambassador_section
from .charts import bar_list_svg, event_numbers, printed, timeline_svg
from .conclusions import conclusions
from .factsheet_pdf import (  # noqa: F401 (the factsheet's printing)
    _fetcher, _pictures_as_images, print_factsheet, print_first_fitting, render_pdf, write_pdf)
from .factsheet_pictures import PICTURE_MM, PICTURE_NODES, network_picture, picture_names, sheet_pictures  # noqa: F401
from .i18n import Catalogue
from .summary import summary_json

if TYPE_CHECKING:
    from ..analysis import CaseAnalysis
    from ..networks import NetworkPicture, NetworkResult

TYPES = ("neutral", "personal", "call", "nuancing", "webcare", "humour", "none")
MAX_GOVERNMENT = 4
MAX_TEXT = 140
#: Message texts on a group's card are shorter (six cards share the content column).
GROUP_TEXT = 90
#: Government messages shown (the first of each combination of types).
VARIED_MESSAGES = 3
#: Printed sizes (mm) of the charts, matching factsheet.css: the timeline fills the first
#: column; the word cloud the content column; the two bar charts half of it each.
TIMELINE_MM = (112.0, 38.0)
WORDCLOUD_MM = (122.0, 27.0)
BARS_MM = 59.5


@dataclass(frozen=True)
class FactsheetExtras:
    """What the factsheet shows beyond summary.json.

    ``network_picture``: an object with ``svg`` and ``caption`` (:class:`~civicnet.networks.NetworkPicture`);
    ``government_messages``: dicts with ``id``, ``text``, ``account``, ``types`` (and ``url``);
    ``role_rows``: ``{label, value}`` rows of section f; ``events``: ``{date, label}``;
    ``limits``: sentences on what the data cannot show; ``people``: shown identifier →
    ``{name, handle}`` (how a reader sees each account on the sheet); ``platforms``: the
    platforms of the case's messages; ``page_posts``: posts by visitors on the page and how many
    government answered; ``reach_threshold`` and ``isolates`` (accounts of the main network in
    no group) for the note under the groups. ``other_pictures``: network kind -> picture of
    every further network; ``platform_pictures``: platform -> picture of its part of the main
    network; ``group_messages``: group id -> its central members' messages (``account``,
    ``text``); ``ambassadors``: the slot the ambassadors section (issue 24) fills.
    """

    main_network: str | None = None
    network_picture: "NetworkPicture | None" = None
    wordcloud_svg: str | None = None
    government_messages: list[dict] = field(default_factory=list)
    conclusions: list[str] = field(default_factory=list)
    role_rows: list[dict] = field(default_factory=list)
    description: str | None = None
    policy_phase: str | None = None
    events: list[dict] = field(default_factory=list)
    limits: list[str] = field(default_factory=list)
    people: dict = field(default_factory=dict)
    platforms: tuple[str, ...] = ()
    page_posts: dict = field(default_factory=dict)
    reach_threshold: float = 0.10
    isolates: int = 0
    other_pictures: dict = field(default_factory=dict)
    platform_pictures: dict = field(default_factory=dict)
    group_messages: dict = field(default_factory=dict)
    ambassadors: dict | None = None  # the ambassadors section (reports/ambassador_section.py)
    #: shown identifiers of the main network's government accounts that wrote nothing (mentioned only)
    mentioned_government: list[str] = field(default_factory=list)
    #: shown identifier of each government account -> its platform: on more than one, the table says which
    government_platforms: dict = field(default_factory=dict)


def _environment() -> jinja2.Environment:
    loader = jinja2.PackageLoader("civicnet.reports", "templates")
    return jinja2.Environment(loader=loader, autoescape=True, undefined=jinja2.StrictUndefined)


def safe_url(url: str | None) -> str | None:
    """The URL when it is plain http(s), else None (no javascript:, data: …)."""
    if not url or not isinstance(url, str):
        return None
    stripped = url.strip()
    if stripped.lower().startswith(("https://", "http://")) and not any(c in stripped for c in "\"'<> \n\r\t"):
        return stripped
    return None


def _short(text: str | None, limit: int = MAX_TEXT) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def factsheet_data(summary: dict, extras: FactsheetExtras, lang: str, *, pseudonymised: bool = False) -> dict:
    """The template context: every section's data, from summary.json and the extras, labelled and
    formatted in ``lang`` (:mod:`.sheet_sections`)."""
    t = Catalogue(lang)
    gov, case, counts = summary["government"], summary["case"], summary["counts"]
    people = extras.people
    events = [{"number": e["number"], "date": t.day(e["date"]), "label": e["label"]}
              for e in event_numbers(summary["timeline"], extras.events)]
    # one person's accounts on two platforms are two rows with one name: a row of them without a
    # handle to tell it apart (LinkedIn, Facebook) says its platform where the handle would stand
    on = extras.government_platforms
    rows = sorted(gov["accounts"], key=lambda g: -g["messages"])[:MAX_GOVERNMENT]
    whos = [S.who(people, g["handle"], t) for g in rows]
    names = [w["name"] for w in whos]
    alike = {n for n in names if len({on.get(g["handle"]) for g, m in zip(rows, names) if m == n} - {None}) > 1}
    government_shown = [
        {"who": w, "role": t.code("role", g["role"], ""), "body": g["body"] or "", "messages": t.number(g["messages"]),
         "platform": t.code("platform", on[g["handle"]]) if w["name"] in alike and not w["handle"] and on.get(g["handle"])
         else None}
        for g, w in zip(rows, whos)
    ]
    sources = [dict(s, format=t.code("format", s["format"]), records_read=t.number(s["records_read"]),
                    records_rejected=t.number(s["records_rejected"])) for s in summary["provenance"]["sources"]]
    by_day = {d["date"]: d["messages"] for d in summary["timeline"]}
    peaks = [t("peak_item", date=t.day(p), messages=t.number(by_day.get(p))) for p in summary["peaks"][:6]]
    messages = [dict(m, text=_short(m.get("text")), url=safe_url(m.get("url"))) for m in extras.government_messages]
    content = {k: [dict(m, text=_short(m.get("text"))) for m in v] if isinstance(v, list) and k != "top_terms" else v
               for k, v in summary["content"].items()}
    return {
        "lang": lang, "t": t, "version": __version__, "css": _css(), "case": case,
        "period": t.period(case["period"]["start"], case["period"]["end"]),
        "level_label": t.code("level", case.get("level"), ""),
        "generated": t("generated", version=__version__, date=t.day(summary["provenance"]["generated_at"][:10])),
        "pseudonymised": pseudonymised,
        "description": extras.description, "policy_phase": S.policy_phase(t, extras.policy_phase),
        "government": gov, "government_shown": government_shown,
        "mentioned_government": t.and_list(S.who(people, m, t)["name"] for m in extras.mentioned_government)
        if extras.mentioned_government else None,
        "government_more": t.number(max(len(gov["accounts"]) - MAX_GOVERNMENT, 0)) if len(gov["accounts"]) > MAX_GOVERNMENT else None,
        "sender_pattern_label": t.code("pattern", gov["sender_pattern"]),
        "sources": sources, "limits": extras.limits,
        "numbers": S.numbers(t, counts, extras.platforms),
        "page_posts_text": S.page_posts_text(t, extras.page_posts),
        # no dated message (a network file alone): no chart, a line that says so
        "timeline_svg": timeline_svg(summary["timeline"], summary["peaks"], extras.events, labels={
            "title": t("timeline"), "all": t("timeline_all"), "government": t("timeline_government"),
            "peak": t("timeline_peak"), "intervened": t("timeline_intervened")},
            width_mm=TIMELINE_MM[0], height_mm=TIMELINE_MM[1],
            number=t.number, short_day=t.short_day if len(summary["timeline"]) <= 370 else t.short_month)
        if summary["timeline"] else None,
        "peaks_text": ", ".join(peaks) or t("no_peaks"), "events": events,
        "network": S.network_block(t, summary, extras.main_network, extras.network_picture, people,
                                   threshold=extras.reach_threshold, isolates=extras.isolates),
        "other_networks": N.other_networks(t, summary, extras.other_pictures, people),
        "platform_blocks": N.platform_blocks(t, summary, extras.platform_pictures, people),
        "group_cards": N.group_cards(t, summary, extras.main_network, extras.group_messages, people,
                                     lambda text: _short(text, GROUP_TEXT)),
        "ambassadors": extras.ambassadors,
        "wordcloud_svg": printed(extras.wordcloud_svg, *WORDCLOUD_MM) if extras.wordcloud_svg else None,
        "top_terms": summary["content"]["top_terms"][:12],
        "message_blocks": S.message_blocks(t, content, messages, people, _platform_lists(t, summary)),
        "role_rows": extras.role_rows,
        "types_svg": bar_list_svg([(t.code("type", k), gov["message_types"].get(k, 0)) for k in TYPES],
                                  width_mm=BARS_MM, number=t.number, title=t("types")),
        "timing_svg": bar_list_svg([(t.code("timing", k), gov["timing"].get(k, 0))
                                    for k in ("proactive", "active", "reactive")], width_mm=BARS_MM, number=t.number,
                                   title=t("timing")),
        "conclusions": extras.conclusions,
    }


def _platform_lists(t: Catalogue, summary: dict) -> list[tuple[str, dict]]:
    """Each platform's top lists (summary.json ``platforms``), texts shortened, named by platform."""
    return [(t.code("platform", p["platform"]), {k: [dict(m, text=_short(m.get("text"))) for m in p[k]]
                                                  for k in ("top_liked", "top_reposted", "top_commented")})
            for p in summary.get("platforms", [])]


def factsheet_html(analysis: "CaseAnalysis", lang: str | None = None, label: Label | None = None,
                   layout: str | None = None) -> str:
    """The factsheet of the analysis (self-contained HTML), identifiers shown through ``label``, its
    network pictures in ``layout`` (default: the case file's ``layout:``, else group-in-a-box)."""
    lang = lang or analysis.case.language
    summary = summary_json(analysis, label)
    extras = factsheet_extras(analysis, lang, label, summary, layout)
    return render_html(factsheet_data(summary, extras, lang, pseudonymised=hides_text(label)))


def printed_factsheet(analysis: "CaseAnalysis", lang: str | None = None, label: Label | None = None,
                      layout: str | None = None) -> tuple[str, object]:
    """The factsheet's HTML and its printed document, on one A3 page where the sheet can make room
    (:func:`factsheet_candidates`, :func:`~.factsheet_pdf.print_first_fitting`). The HTML returned is
    the one printed, so both files show the same."""
    candidates = factsheet_candidates(analysis, lang, label, layout)
    index, document = print_first_fitting(candidates)
    return candidates[index], document


def factsheet_candidates(analysis: "CaseAnalysis", lang: str | None = None, label: Label | None = None,
                         layout: str | None = None) -> list[str]:
    """The factsheet's HTML as it may be printed, richest first, each distinct one once.

    A sheet that runs over one page gives up room in :data:`FIT_STEPS`' order: the ambassadors
    section first loses its quoted message, then keeps fewer rows, then is left out (summary.json
    keeps every candidate). The first is :func:`factsheet_html`'s page.
    """
    lang = lang or analysis.case.language
    summary = summary_json(analysis, label)
    extras = factsheet_extras(analysis, lang, label, summary, layout)
    tries = [extras]
    if extras.ambassadors is not None:
        tries += [replace(extras, ambassadors=ambassador_section(analysis, lang, label, rows=rows, quotes=False))
                  for rows in FIT_STEPS]
    pages = [render_html(factsheet_data(summary, attempt, lang, pseudonymised=hides_text(label))) for attempt in tries]
    return list(dict.fromkeys(pages))


#: Rows the ambassadors section keeps (without quotes) when the printed sheet runs over a page.
FIT_STEPS = (2, 1, 0)


def factsheet_extras(analysis: "CaseAnalysis", lang: str, label: Label | None = None,
                     summary: dict | None = None, layout: str | None = None) -> FactsheetExtras:
    """What the factsheet shows beyond summary.json, from the analysis (pure); ``summary``: summary.json
    as the sheet shows it (made here when not given); ``layout``: the pictures' (default: the case's)."""
    from ..text.wordcloud import wordcloud_svg

    summary = summary if summary is not None else summary_json(analysis, label)
    case, gov = analysis.case, analysis.government
    main = analysis.main_network
    freq = analysis.content.word_frequencies(label)
    show, text = shown(label), text_of(label)
    pictures = sheet_pictures(analysis, summary, lang, label, layout)
    cloud_w, cloud_h = (round(v * 72 / 25.4) for v in WORDCLOUD_MM)
    return FactsheetExtras(
        main_network=case.networks[0],
        network_picture=pictures.main,
        other_pictures=pictures.others,
        platform_pictures=pictures.platforms,
        group_messages={c: [dict(m, account=show(m["account"]), text=text(m["text"])) for m in ms]
                        for c, ms in analysis.group_messages.items()},
        wordcloud_svg=wordcloud_svg(freq, width=cloud_w, height=cloud_h, seed=1, min_font=6.5, max_font=22.0,
                                    max_words=60) if freq else None,
        government_messages=[dict(m, account=show(m.get("account")), text=text(m.get("text")))
                             for m in _varied(gov.government_messages)],
        conclusions=conclusions(analysis, summary, lang, label),
        role_rows=S.role_rows(Catalogue(lang), gov, summary, case.networks[0]),
        description=case.description,
        policy_phase=case.policy_phase,
        events=[{"date": e.date.isoformat(), "label": e.label} for e in case.events],
        limits=_limits(analysis, lang),
        people=_people(analysis, label),
        platforms=tuple(analysis.platforms),
        page_posts=dict(gov.page_posts or {}),
        reach_threshold=case.reach_threshold,
        isolates=_isolates(main),
        ambassadors=ambassador_section(analysis, lang, label),
        mentioned_government=_mentioned_government(main, summary, show),
        government_platforms={show(g["handle"]): g.get("platform") for g in gov.accounts},
    )


def _mentioned_government(result: "NetworkResult | None", summary: dict, show) -> list[str]:
    """The main network's government accounts that are not among the sheet's government accounts (those
    with messages): accounts the case file names that others mention but that wrote nothing here."""
    if result is None:
        return []
    writers = {str(a["handle"]).lower() for a in summary["government"]["accounts"]}
    net = result.net
    return [show(net.ids[i]) for i in np.flatnonzero(net.is_government).tolist() if net.ids[i].lower() not in writers]


def sheet_texts(analysis: "CaseAnalysis", lang: str, label: Label | None = None, summary: dict | None = None) -> dict:
    """The factsheet's words without its pictures, for another reader-facing output (the dashboard's
    overview): the same functions, so a figure reads the same in both. ``people``: shown identifier
    -> ``{name, handle}`` for every account these texts (and the summary's lists) name."""
    t = Catalogue(lang)
    summary = summary if summary is not None else summary_json(analysis, label)
    gov, case = analysis.government, summary["case"]
    main = analysis.case.networks[0]
    people = _people(analysis, label)
    return {
        "lang": lang, "title": case["title"], "period": t.period(case["period"]["start"], case["period"]["end"]),
        "level": t.code("level", case.get("level"), ""),
        "numbers": S.numbers(t, summary["counts"], tuple(analysis.platforms)),
        "page_posts": S.page_posts_text(t, gov.page_posts),
        "government": [{"account": g["handle"], **S.who(people, g["handle"], t), "role": t.code("role", g["role"], ""),
                        "body": g["body"] or "", "messages": t.number(g["messages"])}
                       for g in summary["government"]["accounts"]],
        "role_rows": S.role_rows(t, gov, summary, main),
        "conclusions": conclusions(analysis, summary, lang, label),
        "peaks": [t.day(p) for p in summary["peaks"]],
        "people": people,
    }


def _people(analysis: "CaseAnalysis", label: Label | None) -> dict[str, dict]:
    """How the sheet shows each account it may name: shown identifier -> ``{name, handle}``. Only the
    accounts the sheet names (government, the groups' and the network's central accounts, the
    authors of the messages shown), so a million-account case does not label them all."""
    idents = {g["handle"] for g in analysis.government.summary["accounts"]}
    for kind, result in analysis.networks.items():
        if kind == analysis.case.networks[0]:
            idents |= {a for accounts in result.community_top_accounts().values() for a in accounts}
        idents |= {result.net.ids[i] for i in result.ranking()[:10].tolist()}  # summary's central accounts
    tops = [analysis.top_messages, *(p.top for p in analysis.per_platform)]
    idents |= {m["account"] for top in tops for m in (*top.liked, *top.reposted, *top.commented) if m["account"]}
    idents |= {w["account"] for p in analysis.per_platform for w in p.writers}
    idents |= {m["account"] for ms in analysis.group_messages.values() for m in ms}
    idents |= {m["account"] for m in analysis.government.government_messages[:200] if m.get("account")}
    show = shown(label)
    return {show(i): analysis.names.who(i, label) for i in idents if i is not None}


def _isolates(result: "NetworkResult | None") -> int:
    """Accounts of the network that belong to no listed group (communities of one, and the small
    ones the summary leaves out)."""
    if result is None:
        return 0
    listed = {c for c in result.reach.considered if result.reach.communities[c].members}
    return int(sum(1 for c in result.community.tolist() if c not in listed))


def _limits(analysis: "CaseAnalysis", lang: str) -> list[str]:
    """What the data cannot show, in the reader's language, from the store's own figures."""
    t, facts = Catalogue(lang), analysis.records
    limits = [t("limit_likes")]
    if facts.context_messages:
        limits.insert(0, t("limit_context"))
    explained = sum(w.values.get("count", 0) for w in facts.warnings if w.kind == "anonymous")
    if facts.messages_without_author > explained:  # not when the import's warnings say it, with the cause
        limits.append(t("limit_authors", count=facts.messages_without_author))
    if facts.records_rejected:
        limits.append(t("limit_rejected", count=facts.records_rejected))
    provenance = getattr(analysis, "provenance", None)
    if provenance is not None and any(i.get("format") == "twitter-archive" for i in provenance.imports):
        limits.append(t("limit_archive"))  # one account's own side only
    limits.extend(w.text(lang) for w in facts.warnings)  # the import warnings, one sentence each
    return limits


def _varied(messages: list[dict], n: int = VARIED_MESSAGES) -> list[dict]:
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


def _css() -> str:
    return resources.files("civicnet.reports").joinpath("templates/factsheet.css").read_text("utf-8")


def render_html(data: dict) -> str:
    """The self-contained factsheet HTML, without bidirectional controls (:mod:`civicnet.display`)."""
    from ..display import strip_bidi

    return strip_bidi(_environment().get_template("factsheet.html.j2").render(**data))
