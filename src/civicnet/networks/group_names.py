"""Group names a reader can tell apart.

A community is named after the display name of its most central member
(:meth:`civicnet.networks.NetworkResult.community_names`). A person on two platforms is two
accounts, so two groups of one network can be named after one name: :func:`told_apart` makes
the names unique.
"""

from __future__ import annotations

#: Platforms by the name a reader knows them by (proper names: the same in every language).
PLATFORM_NAMES = {"twitter": "Twitter", "facebook": "Facebook", "linkedin": "LinkedIn", "mastodon": "Mastodon",
                  "bluesky": "Bluesky", "instagram": "Instagram"}


def told_apart(names: dict[int, str], platforms: dict[int, str | None]) -> dict[int, str]:
    """Group names made unique: a person on two platforms is two accounts, so two groups can be
    named after one name. Groups sharing a name whose central accounts are on different platforms
    say the platform ("Naima de Bruin (LinkedIn)"); those alike on one platform, after the first, a
    number ("… (2)", "… (LinkedIn, 2)"). In community order; unique names are left as they are."""
    by_name: dict[str, list[int]] = {}
    for c in sorted(names):
        by_name.setdefault(names[c], []).append(c)
    out = dict(names)
    for name, groups in by_name.items():
        if len(groups) < 2:
            continue
        on = {platforms.get(c) for c in groups}
        seen: dict[str | None, int] = {}
        for c in groups:
            p = platforms.get(c) if len(on) > 1 else None
            seen[p] = seen.get(p, 0) + 1
            tags = [PLATFORM_NAMES.get(p, p)] if p else []
            if seen[p] > 1:
                tags.append(str(seen[p]))
            out[c] = f"{name} ({', '.join(tags)})" if tags else name
    return out
