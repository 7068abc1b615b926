"""The A3 factsheet: built as data first (one dict per section), rendered second.

:func:`factsheet_data` turns summary.json plus the extras only the factsheet shows
(pictures, messages, conclusions) into the template's context; :func:`render_html`
renders it with Jinja2, autoescaping on; :func:`write_pdf` prints that HTML to an A3
landscape PDF with WeasyPrint. Everything from the data is untrusted text: it is only
ever escaped into the page, links only for http(s) URLs, colours only from our palette.
"""

from __future__ import annotations

import re
from datetime import datetime
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2

from .. import __version__
from ..errors import MissingDependency
from .charts import bar_list_svg, community_colour, timeline_svg
from .i18n import Catalogue

TYPES = ("neutral", "personal", "call", "nuancing", "webcare", "humour", "none")
NUMBERS = ("messages", "participants", "posts", "comments", "replies", "reposts", "quotes", "likes", "mentions",
           "government_messages")
MAX_COMMUNITIES = 8
MAX_CENTRAL = 8
MAX_GOVERNMENT = 8
MAX_TEXT = 170


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


def factsheet_data(summary: dict, extras: dict[str, Any], lang: str, *, pseudonymised: bool = False) -> dict:
    """The template context: every section's data, from summary.json and the extras.

    ``extras`` may hold ``network_picture`` (object with ``svg`` and ``caption``),
    ``wordcloud_svg``, ``government_messages`` (dicts with text, account, types, url),
    ``conclusions`` (sentences), ``role_rows`` (label/value pairs), ``main_network``,
    ``description``, ``limits``.
    """
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
    gov_types = {m.get("id"): m for m in extras.get("government_messages", [])}
    message_blocks = [
        {"title": t("top_liked"), "messages": [_message(m, f"{m['likes']} {t('likes')}") for m in summary["content"]["top_liked"][:2]]},
        {"title": t("top_reposted"), "messages": [_message(m, f"{m['reposts']} {t('reposts')}") for m in summary["content"]["top_reposted"][:2]]},
        {"title": t("government_messages"), "messages": [
            _message(m, "", True, ", ".join(t(f"type_{x}") for x in m.get("types", []))) for m in list(gov_types.values())[:3]
        ]},
    ]
    events = [{"date": e["date"], "label": e["label"]} for e in extras.get("events", [])]
    return {
        "lang": lang, "t": t, "version": __version__, "css": _css(), "case": case,
        "level_label": t(f"level_{case['level']}") if case.get("level") else "",
        "generated": t("generated", version=__version__, date=summary["provenance"]["generated_at"][:10]),
        "pseudonymised": pseudonymised,
        "description": extras.get("description"), "policy_phase": extras.get("policy_phase"),
        "government": gov,
        "government_shown": sorted(gov["accounts"], key=lambda g: -g["messages"])[:MAX_GOVERNMENT],
        "government_more": max(len(gov["accounts"]) - MAX_GOVERNMENT, 0),
        "sender_pattern_label": t(f"pattern_{gov['sender_pattern']}"),
        "provenance": summary["provenance"], "limits": extras.get("limits", []),
        "numbers": [(k, f"{counts[k]:,}".replace(",", "." if lang == "nl" else ",")) for k in NUMBERS],
        "timeline_svg": timeline_svg(summary["timeline"], summary["peaks"], events, labels={
            "title": t("timeline"), "all": t("timeline_all"), "government": t("timeline_government")}),
        "peaks_text": ", ".join(summary["peaks"][:6]) or t("no_peaks"), "events": events,
        "network": _network_block(t, summary, extras.get("main_network"), extras.get("network_picture")),
        "wordcloud_svg": extras.get("wordcloud_svg"), "top_terms": summary["content"]["top_terms"][:15],
        "message_blocks": message_blocks,
        "questions_text": questions_text,
        "reached_text": ", ".join(map(str, gov["reached_communities"])) or t("none"),
        "unreached_text": ", ".join(map(str, gov["unreached_communities"])) or t("none"),
        "role_rows": extras.get("role_rows", []),
        "types_svg": bar_list_svg(types_items), "timing_svg": bar_list_svg(timing_items),
        "conclusions": extras.get("conclusions", [])[:8],
    }


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
