"""The factsheet's network pictures: every network of the case drawn, at the size it is printed.

* the **main network** (the first of the case's ``networks:``) large, in the network column;
* every **other network** as a small multiple (wijkagent Lisse's follow network, where the
  officer is the connector), in the first column;
* where the case spans platforms, **each platform's part** of the main network
  (:mod:`civicnet.analysis.platforms`) side by side in place of one picture: together they
  draw every account and tie of the main network (no tie crosses platforms), in the
  colours and group names of the combined groups table under them, so the platforms are
  read apart and the combined view stays.

Each picture is drawn by :mod:`civicnet.networks.draw` at its printed size in millimetres
(every text at least 6 pt there; the stylesheet prints it at exactly that width), in the
case's layout (``layout:`` of the case file, or ``--layout``), its words in the sheet's
language, groups named as summary.json names them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..labels import Label, shown
from .i18n import Catalogue

if TYPE_CHECKING:
    from ..analysis import CaseAnalysis
    from ..networks import NetworkPicture, NetworkResult

#: Most accounts drawn in a picture (the top by PageRank plus government).
PICTURE_NODES = 1500
#: Printed sizes (mm), matching factsheet.css: the main picture fills the network column's
#: width; a second network fills the first column's; platform pictures stand side by side.
PICTURE_MM = (158.0, 112.0)
SMALL_MM = (112.0, 40.0)
PLATFORMS_WIDTH_MM, PLATFORM_HEIGHT_MM, PLATFORMS_GAP_MM = 158.0, 84.0, 3.0
#: The picture's own words, from the catalogue's ``picture_*`` keys.
PICTURE_WORDS = ("group", "other", "drawn", "all_drawn", "empty", "loose", "less_central", "layout_group-in-a-box",
                 "layout_force")


@dataclass(frozen=True)
class SheetPictures:
    """The pictures of one factsheet: ``main`` (None without a main network, or where the platform
    pictures draw it), ``others``: network
    kind -> picture of every further network, ``platforms``: platform -> picture of its part of the
    main network (empty for a case on one platform)."""

    main: "NetworkPicture | None" = None
    others: dict = field(default_factory=dict)
    platforms: dict = field(default_factory=dict)


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


def sheet_pictures(analysis: "CaseAnalysis", summary: dict, lang: str, label: Label | None = None,
                   layout: str | None = None) -> SheetPictures:
    """Every network picture of the factsheet (module docstring); ``layout`` overrides the case's."""
    case = analysis.case
    layout = layout or case.layout
    names = picture_names(analysis, label)

    def groups(kind: str) -> dict[int, str]:
        net = summary["networks"].get(kind)
        return {c["id"]: c["name"] for c in net["communities"]} if net else {}

    def draw(result, size, kind):
        return network_picture(result, lang, names, size_mm=size, layout=layout, group_names=groups(kind))

    main_kind = case.networks[0]
    parts = {p.platform: p.network for p in analysis.per_platform if p.network is not None and p.network.net.n_nodes}
    main = analysis.main_network
    width = (PLATFORMS_WIDTH_MM - PLATFORMS_GAP_MM * (len(parts) - 1)) / max(len(parts), 1)
    return SheetPictures(
        main=draw(main, PICTURE_MM, main_kind) if main is not None and not parts else None,
        others={kind: draw(result, SMALL_MM, kind) for kind, result in analysis.networks.items()
                if kind != main_kind and result.net.n_nodes},
        platforms={platform: draw(part, (width, PLATFORM_HEIGHT_MM), main_kind) for platform, part in parts.items()},
    )


def picture_names(analysis: "CaseAnalysis", label: Label | None) -> Label:
    """How the pictures name accounts: as people read them (:meth:`~civicnet.analysis.names.Names.who`):
    display names; pseudonyms for citizens under pseudonymisation."""
    names = analysis.names
    return lambda ident: names.who(ident, label)["name"] if ident is not None else None
