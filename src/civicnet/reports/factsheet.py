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
from .charts import bar_list_svg, community_colour, timeline_svg
from .i18n import Catalogue
from .summary import summary_json

if TYPE_CHECKING:
    from ..analysis import CaseAnalysis
    from ..networks import NetworkPicture, NetworkResult

TYPES = ("neutral", "personal", "call", "nuancing", "webcare", "humour", "none")
NUMBERS = ("messages", "participants", "posts", "comments", "replies", "reposts", "quotes", "likes", "mentions",
           "government_messages")
MAX_COMMUNITIES = 8
MAX_CENTRAL = 8
MAX_GOVERNMENT = 8
MAX_TEXT = 170
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
    ``limits``: sentences on what the data cannot show.
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


def _minutes(t: Catalogue, minutes: float | None) -> str:
    if minutes is None:
        return "–"
    if minutes < 120:
        return f"{minutes:.0f} {t('minutes')}"
    if minutes < 48 * 60:
        return f"{minutes / 60:.1f} {t('hours')}"
    return f"{minutes / 1440:.1f} {t('days')}"


def _network_block(t: Catalogue, summary: dict, kind: str | None, picture) -> dict | None:
    if not kind or kind not in summary["networks"]:
        return None
    net = summary["networks"][kind]
    if not net["nodes"]:
        return None
    communities = [
        {
            "id": c["id"], "size": c["size"], "colour": community_colour(c["id"]),
            "top_accounts": c["top_accounts"][:4], "government_accounts": set(c["government_accounts"]),
            "top_terms": c["top_terms"][:5], "outreach": f"{c['government_outreach_share']:.0%}",
            "reached": t("answer_yes") if c["reached_by_government"] else t("answer_no"),
        }
        for c in net["communities"][:MAX_COMMUNITIES]
    ]
    central = [
        dict(a, betweenness=f"{a['betweenness']:.0f}", pagerank=f"{a['pagerank']:.4f}")
        for a in net["central_accounts"][:MAX_CENTRAL]
    ]
    modularity = f"{net['modularity']:.2f}" if net["modularity"] is not None else "–"
    kind_label = t.get(f"network_kind_{kind}", kind)
    return {
        "svg": picture.svg if picture else "", "caption": picture.caption if picture else "",
        "kind_label": kind_label, "nodes": net["nodes"], "edges": net["edges"], "modularity": modularity,
        "community_method": net["community_method"], "communities": communities, "central": central,
    }


def _message(m: dict, figure: str = "", is_government: bool = False, types: str = "") -> dict:
    return {"text": _short(m.get("text")), "account": m.get("account"), "figure": figure,
            "is_government": is_government, "types": types, "url": safe_url(m.get("url"))}


def factsheet_data(summary: dict, extras: FactsheetExtras, lang: str, *, pseudonymised: bool = False) -> dict:
    """The template context: every section's data, from summary.json and the extras."""
    t = Catalogue(lang)
    gov = summary["government"]
    case = summary["case"]
    counts = summary["counts"]
    types_items = [(t(f"type_{k}"), gov["message_types"].get(k, 0)) for k in TYPES]
    timing_items = [(t(f"timing_{k}"), gov["timing"].get(k, 0)) for k in ("proactive", "active", "reactive")]
    received, answered = gov["questions_received"], gov["questions_answered"]
    questions_text = (
        t("questions_answered", answered=answered, received=received)
        + (", " + t("median_response", minutes=_minutes(t, gov["median_response_minutes"])) if answered else "")
        if received else t("no_questions")
    )
    gov_types = {m.get("id"): m for m in extras.government_messages}
    message_blocks = [
        {"title": t("top_liked"), "messages": [_message(m, f"{m['likes']} {t('likes')}") for m in summary["content"]["top_liked"][:2]]},
        {"title": t("top_reposted"), "messages": [_message(m, f"{m['reposts']} {t('reposts')}") for m in summary["content"]["top_reposted"][:2]]},
        {"title": t("government_messages"), "messages": [
            _message(m, "", True, ", ".join(t(f"type_{x}") for x in m.get("types", []))) for m in list(gov_types.values())[:3]
        ]},
    ]
    events = [{"date": e["date"], "label": e["label"]} for e in extras.events]
    return {
        "lang": lang, "t": t, "version": __version__, "css": _css(), "case": case,
        "level_label": t(f"level_{case['level']}") if case.get("level") else "",
        "generated": t("generated", version=__version__, date=summary["provenance"]["generated_at"][:10]),
        "pseudonymised": pseudonymised,
        "description": extras.description, "policy_phase": extras.policy_phase,
        "government": gov,
        "government_shown": sorted(gov["accounts"], key=lambda g: -g["messages"])[:MAX_GOVERNMENT],
        "government_more": max(len(gov["accounts"]) - MAX_GOVERNMENT, 0),
        "sender_pattern_label": t(f"pattern_{gov['sender_pattern']}"),
        "provenance": summary["provenance"], "limits": extras.limits,
        "numbers": [(k, f"{counts[k]:,}".replace(",", "." if lang == "nl" else ",")) for k in NUMBERS],
        "timeline_svg": timeline_svg(summary["timeline"], summary["peaks"], events, labels={
            "title": t("timeline"), "all": t("timeline_all"), "government": t("timeline_government")}),
        "peaks_text": ", ".join(summary["peaks"][:6]) or t("no_peaks"), "events": events,
        "network": _network_block(t, summary, extras.main_network, extras.network_picture),
        "wordcloud_svg": extras.wordcloud_svg, "top_terms": summary["content"]["top_terms"][:15],
        "message_blocks": message_blocks,
        "questions_text": questions_text,
        "reached_text": ", ".join(map(str, gov["reached_communities"])) or t("none"),
        "unreached_text": ", ".join(map(str, gov["unreached_communities"])) or t("none"),
        "role_rows": extras.role_rows,
        "types_svg": bar_list_svg(types_items), "timing_svg": bar_list_svg(timing_items),
        "conclusions": extras.conclusions[:8],
    }


def factsheet_html(analysis: "CaseAnalysis", lang: str | None = None, label: Label | None = None) -> str:
    """The factsheet of the analysis (self-contained HTML), identifiers shown through ``label``."""
    lang = lang or analysis.case.language
    extras = factsheet_extras(analysis, lang, label)
    return render_html(factsheet_data(summary_json(analysis, label), extras, lang, pseudonymised=hides_text(label)))


def factsheet_extras(analysis: "CaseAnalysis", lang: str, label: Label | None = None) -> FactsheetExtras:
    """What the factsheet shows beyond summary.json, from the analysis (pure)."""
    from ..text.wordcloud import wordcloud_svg

    case, gov = analysis.case, analysis.government
    main = analysis.main_network
    freq = analysis.content.word_frequencies(label)
    show, text = shown(label), text_of(label)
    return FactsheetExtras(
        main_network=case.networks[0],
        network_picture=network_picture(main, lang, _picture_names(analysis, label))
        if main is not None else None,
        wordcloud_svg=wordcloud_svg(freq, width=520, height=260, seed=1) if freq else None,
        government_messages=[dict(m, account=show(m.get("account")), text=text(m.get("text")))
                             for m in _varied(gov.government_messages)],
        conclusions=list(gov.conclusions.get(lang, [])),
        role_rows=_role_rows(gov, lang),
        description=case.description,
        policy_phase=case.policy_phase,
        events=[{"date": e.date.isoformat(), "label": e.label} for e in case.events],
        limits=_limits(analysis, lang),
    )


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
    """How the picture names accounts: by display name; under pseudonymisation by ``label`` itself
    (pseudonyms for citizens, government as in the tables)."""
    if hides_text(label):
        return label
    names = analysis.names
    return lambda ident: names.get(ident, ident)


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


def _role_rows(gov, lang: str) -> list[dict]:
    """Interaction, goal and participation-ladder rows of section f, from the government facts."""
    t = Catalogue(lang)
    rows = []
    interaction = gov.interaction or {}
    if interaction.get("mode"):
        share = interaction.get("government_reply_share")
        value = t(f"mode_{interaction['mode']}")
        if share is not None:
            value += f" ({t('reply_share', share=f'{share:.0%}')})"
        rows.append({"label": t("interaction"), "value": value})
    strategy = gov.strategy or {}
    goal = (strategy.get("goals") or {}).get("main")
    if goal:
        rows.append({"label": t("strategy"), "value": t(f"goal_{goal}")})
    rung = (strategy.get("ladder") or {}).get("rung")
    if rung:
        rows.append({"label": t("ladder"), "value": t(f"rung_{rung}")})
    return rows


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
