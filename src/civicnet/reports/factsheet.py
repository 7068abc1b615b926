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

import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

import jinja2

from .. import __version__
from ..errors import MissingDependency
from ..labels import Label, hides_text, shown, text_of
from . import sheet_sections as S
from .charts import bar_list_svg, timeline_svg
from .conclusions import conclusions
from .i18n import Catalogue
from .summary import summary_json

if TYPE_CHECKING:
    from ..analysis import CaseAnalysis
    from ..networks import NetworkPicture, NetworkResult

TYPES = ("neutral", "personal", "call", "nuancing", "webcare", "humour", "none")
MAX_GOVERNMENT = 5
MAX_TEXT = 140
#: Most accounts drawn in the factsheet's network picture (the top by PageRank plus government).
PICTURE_NODES = 1500
#: The picture's printed size (mm): the width of the factsheet's network column (factsheet.css ``.grid``).
PICTURE_MM = (158.0, 112.0)
#: The picture's own words, from the catalogue's ``picture_*`` keys.
PICTURE_WORDS = ("group", "other", "drawn", "all_drawn", "empty", "loose", "less_central", "layout_group-in-a-box",
                 "layout_force")
#: Government messages shown (the first of each combination of types).
VARIED_MESSAGES = 3


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
    no group) for the note under the groups.
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


def _short(text: str | None) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= MAX_TEXT else text[: MAX_TEXT - 1] + "…"


def factsheet_data(summary: dict, extras: FactsheetExtras, lang: str, *, pseudonymised: bool = False) -> dict:
    """The template context: every section's data, from summary.json and the extras, labelled and
    formatted in ``lang`` (:mod:`.sheet_sections`)."""
    t = Catalogue(lang)
    gov, case, counts = summary["government"], summary["case"], summary["counts"]
    people = extras.people
    events = [{"date": t.day(e["date"]), "label": e["label"]} for e in extras.events]
    government_shown = [
        {"who": S.who(people, g["handle"], t), "role": t.code("role", g["role"], ""), "body": g["body"] or "",
         "messages": t.number(g["messages"])}
        for g in sorted(gov["accounts"], key=lambda g: -g["messages"])[:MAX_GOVERNMENT]
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
        "government_more": t.number(max(len(gov["accounts"]) - MAX_GOVERNMENT, 0)) if len(gov["accounts"]) > MAX_GOVERNMENT else None,
        "sender_pattern_label": t.code("pattern", gov["sender_pattern"]),
        "sources": sources, "limits": extras.limits,
        "numbers": S.numbers(t, counts, extras.platforms),
        "page_posts_text": S.page_posts_text(t, extras.page_posts),
        "timeline_svg": timeline_svg(summary["timeline"], summary["peaks"], extras.events, labels={
            "title": t("timeline"), "all": t("timeline_all"), "government": t("timeline_government")},
            number=t.number, short_day=t.short_day if len(summary["timeline"]) <= 370 else t.short_month),
        "peaks_text": ", ".join(peaks) or t("no_peaks"), "events": events,
        "network": S.network_block(t, summary, extras.main_network, extras.network_picture, people,
                                   threshold=extras.reach_threshold, isolates=extras.isolates),
        "wordcloud_svg": extras.wordcloud_svg, "top_terms": summary["content"]["top_terms"][:12],
        "message_blocks": S.message_blocks(t, content, messages, people),
        "role_rows": extras.role_rows,
        "types_svg": bar_list_svg([(t.code("type", k), gov["message_types"].get(k, 0)) for k in TYPES], number=t.number),
        "timing_svg": bar_list_svg([(t.code("timing", k), gov["timing"].get(k, 0))
                                    for k in ("proactive", "active", "reactive")], number=t.number),
        "conclusions": extras.conclusions,
    }


def factsheet_html(analysis: "CaseAnalysis", lang: str | None = None, label: Label | None = None) -> str:
    """The factsheet of the analysis (self-contained HTML), identifiers shown through ``label``."""
    lang = lang or analysis.case.language
    summary = summary_json(analysis, label)
    extras = factsheet_extras(analysis, lang, label, summary)
    return render_html(factsheet_data(summary, extras, lang, pseudonymised=hides_text(label)))


def factsheet_extras(analysis: "CaseAnalysis", lang: str, label: Label | None = None,
                     summary: dict | None = None) -> FactsheetExtras:
    """What the factsheet shows beyond summary.json, from the analysis (pure); ``summary``: summary.json
    as the sheet shows it (made here when not given)."""
    from ..text.wordcloud import wordcloud_svg

    summary = summary if summary is not None else summary_json(analysis, label)
    case, gov = analysis.case, analysis.government
    main = analysis.main_network
    freq = analysis.content.word_frequencies(label)
    show, text = shown(label), text_of(label)
    net = summary["networks"].get(case.networks[0])
    group_names = {c["id"]: c["name"] for c in net["communities"]} if net else {}
    return FactsheetExtras(
        main_network=case.networks[0],
        network_picture=network_picture(main, lang, _picture_names(analysis, label), group_names=group_names)
        if main is not None else None,
        wordcloud_svg=wordcloud_svg(freq, width=520, height=260, seed=1) if freq else None,
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
    )


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
    main = analysis.main_network
    if main is not None:
        idents |= {a for accounts in main.community_top_accounts().values() for a in accounts}
        idents |= {main.net.ids[i] for i in main.ranking()[:S.MAX_CENTRAL].tolist()}
    top = analysis.top_messages
    idents |= {m["account"] for m in (*top.liked, *top.reposted, *top.commented) if m["account"]}
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


def network_picture(result: "NetworkResult", lang: str, label: Label | None = None, *,
                    size_mm: tuple[float, float] = PICTURE_MM, layout: str = "group-in-a-box",
                    group_names: dict[int, str] | None = None) -> "NetworkPicture":
    """The factsheet's picture of a network, its words in ``lang``, printed at ``size_mm``
    (the seam to :mod:`civicnet.networks.draw`). The caption says what is drawn; the
    network's counts are on the line under the picture."""
    t = Catalogue(lang)
    net = result.net
    words = {k: t(f"picture_{k}") for k in PICTURE_WORDS}
    words.update(thousands="." if lang == "nl" else ",", government=t("government_marker"),
                 caption=t("caption_network", kind=t.get(f"network_kind_{net.kind}", net.kind)))
    return result.draw_svg(label=shown(label), max_nodes=PICTURE_NODES, words=words, width_mm=size_mm[0],
                           height_mm=size_mm[1], layout=layout, group_names=group_names)


def _picture_names(analysis: "CaseAnalysis", label: Label | None) -> Label:
    """How the picture names accounts: as people read them (:meth:`~civicnet.analysis.names.Names.who`):
    display names; pseudonyms for citizens under pseudonymisation."""
    names = analysis.names
    return lambda ident: names.who(ident, label)["name"] if ident is not None else None


def _limits(analysis: "CaseAnalysis", lang: str) -> list[str]:
    """What the data cannot show, in the reader's language, from the store's own figures."""
    t, facts = Catalogue(lang), analysis.records
    limits = [t("limit_likes")]
    if facts.context_messages:
        limits.insert(0, t("limit_context"))
    if facts.messages_without_author:
        limits.append(t("limit_authors", count=facts.messages_without_author))
    if facts.records_rejected:
        limits.append(t("limit_rejected", count=facts.records_rejected))
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


def write_pdf(html: str, path: Path) -> None:
    """Print the factsheet HTML to an A3 landscape PDF (needs the ``pdf`` extra and Pango)."""
    try:
        import weasyprint
    except ImportError:
        raise MissingDependency("the PDF factsheet", "pdf") from None
    except OSError as exc:  # Pango missing
        raise MissingDependency(
            f"the PDF factsheet (WeasyPrint cannot load Pango: {exc}; on Debian: apt-get install libpango-1.0-0 libpangoft2-1.0-0)",
            "pdf",
        ) from None
    page, pictures = _pictures_as_images(html)
    weasyprint.HTML(string=page, base_url=None, url_fetcher=_fetcher(pictures)).write_pdf(str(path))


#: An inline SVG picture of the page (ours: never nested).
_SVG = re.compile(r"<svg\b.*?</svg>", re.S)
#: The address scheme under which the printed page finds its pictures (:func:`_fetcher`).
_PICTURE = "civicnet-picture:"


def _pictures_as_images(html: str) -> tuple[str, dict[str, bytes]]:
    """The page with each inline SVG picture replaced by an ``<img>`` of it, and the pictures by address.

    WeasyPrint reads an image's SVG with its XML parser and draws it alone; inline, every
    SVG element is also an HTML element that is tokenised and put through the page's CSS
    cascade. The picture drawn is the same (the stylesheet sizes ``figure img`` as
    ``figure svg``), in half the time. A picture that is not well-formed XML stays inline.
    """
    from xml.etree import ElementTree

    pictures: dict[str, bytes] = {}

    def image(match: re.Match) -> str:
        svg = match.group(0).encode("utf-8")
        try:
            ElementTree.fromstring(svg)
        except ElementTree.ParseError:
            return match.group(0)
        url = f"{_PICTURE}{len(pictures)}"
        pictures[url] = svg
        return f'<img src="{url}" alt="">'

    return _SVG.sub(image, html), pictures


def _fetcher(pictures: dict[str, bytes]):
    """A URL fetcher that serves the page's own pictures and refuses everything else."""
    from weasyprint.urls import URLFetcherResponse

    def fetch(url: str, *args, **kwargs):
        if url in pictures:
            return URLFetcherResponse(url, pictures[url], {"Content-Type": "image/svg+xml"})
        return _no_fetch(url)

    return fetch


def _no_fetch(url: str, *args, **kwargs):
    """The factsheet is self-contained: refuse every fetch (a message must never make us fetch)."""
    raise ValueError(f"civicnet factsheets fetch nothing (refused {url[:60]!r})")
