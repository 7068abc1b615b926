"""The factsheet printed: its HTML to an A3 landscape PDF with WeasyPrint, fetching nothing.

Each inline SVG picture of the page is handed to WeasyPrint as an image of its own
(:func:`_pictures_as_images`), served by a fetcher that refuses every other address
(:func:`_fetcher`): the printed sheet is self-contained, as the HTML is.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import MissingDependency


def write_pdf(html: str, path: Path) -> None:
    """Print the factsheet HTML to an A3 landscape PDF (needs the ``pdf`` extra and Pango)."""
    render_pdf(html).write_pdf(str(path))


def print_first_fitting(candidates: list[str]) -> tuple[int, object]:
    """The first of ``candidates`` (the sheet's HTML, richest first) that prints on one page, and its
    printed document; the last when none does.

    The richest is laid out first (most sheets fit); otherwise the rest are bisected, as a later
    candidate is never longer than an earlier one: two or three layouts instead of one per candidate.
    """
    documents: dict[int, object] = {}

    def fits(i: int) -> bool:
        documents[i] = render_pdf(candidates[i])
        return len(documents[i].pages) == 1

    if fits(0) or len(candidates) == 1:
        return 0, documents[0]
    lo, hi = 1, len(candidates) - 1  # the answer is in [lo, hi]; hi is the fallback
    while lo < hi:
        mid = (lo + hi) // 2
        if fits(mid):
            hi = mid
        else:
            lo = mid + 1
    return hi, documents[hi] if hi in documents else render_pdf(candidates[hi])


def print_factsheet(candidates: list[str], folder: Path) -> int:
    """Write ``folder``/factsheet.pdf, printed from the first of ``candidates`` that fits on one page
    (:func:`print_first_fitting`), and that candidate as ``folder``/factsheet.html, so both files show
    the same; returns its index."""
    from ..disk import write_text

    index, document = print_first_fitting(candidates)
    write_text(Path(folder) / "factsheet.html", candidates[index])  # an error names the file
    document.write_pdf(str(Path(folder) / "factsheet.pdf"))
    return index


def render_pdf(html: str):
    """The factsheet HTML laid out as printed (a WeasyPrint document: ``.pages``, ``.write_pdf(path)``)."""
    weasyprint = ready()
    page, pictures = _pictures_as_images(html)
    return weasyprint.HTML(string=page, base_url=None, url_fetcher=_fetcher(pictures)).render()


def ready():
    """WeasyPrint, imported (~1 s the first time); :class:`MissingDependency` without it or Pango."""
    try:
        import weasyprint
    except ImportError:
        raise MissingDependency("the PDF factsheet", "pdf") from None
    except OSError as exc:  # Pango missing
        raise MissingDependency(
            f"the PDF factsheet (WeasyPrint cannot load Pango: {exc}; on Debian: apt-get install libpango-1.0-0 libpangoft2-1.0-0)",
            "pdf",
        ) from None
    return weasyprint


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
