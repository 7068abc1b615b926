"""The colours of groups and government, shared by every picture of a network.

The twelve largest groups (community ids 1–12: ids are numbered by size, largest first)
get Paul Tol's qualitative colours, chosen to stay distinct for colour-blind readers
(SRON technical note SRON/EPS/TN/09-002): first his *muted* scheme in his order, then
the three extra colours of his twelve-colour set. Every other group is pale grey.
Government is never told apart by a group colour: its accounts are squares with an
outline in :data:`GOVERNMENT`, a colour that is not in the palette (the factsheet marks
government names in the same colour).
"""

from __future__ import annotations

PALETTE = (
    "#CC6677", "#332288", "#DDCC77", "#117733", "#88CCEE", "#882255",
    "#44AA99", "#999933", "#AA4499", "#6699CC", "#661100", "#AA4466",
)
#: Groups beyond the twelfth, and accounts without a group.
OTHER = "#C8C8C8"
#: Outline of government squares and colour of their names.
GOVERNMENT = "#D0582A"


def group_colour(community: int | None) -> str:
    """The colour of community ``community`` (ids 1..k by size): the palette for 1–12, else grey.

    >>> group_colour(1), group_colour(13), group_colour(None)
    ('#CC6677', '#C8C8C8', '#C8C8C8')
    """
    if community is None or not 1 <= int(community) <= len(PALETTE):
        return OTHER
    return PALETTE[int(community) - 1]
