"""``civicnet collect --check``: which credentials are present, and whether they work.

Each present credential is tried with one cheap request (X: a user lookup; Facebook:
``/me``; Bluesky: a login; Mastodon: ``/api/v1/apps/verify_credentials`` on each
instance the case names). Results name variables and accounts, never values.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from ..case import Case
from ..errors import CivicnetError
from . import bluesky, facebook, mastodon, x
from .credentials import (
    BLUESKY_HANDLE, BLUESKY_PASSWORD, FACEBOOK_TOKEN, MASTODON_TOKEN, X_TOKEN, Credentials, mastodon_variable,
)
from .http import Clock
from .spec import PLATFORMS, CollectSpec, parse_collect


@dataclass
class CredentialCheck:
    """One credential: where it would come from, whether it is there, whether it works."""

    platform: str
    variable: str
    present: bool
    valid: bool | None = None  # None: not tried (absent, or nothing to try it on)
    detail: str = ""

    def as_dict(self) -> dict:
        return asdict(self)


def check_credentials(case: Case | None = None, *, env=None, transport=None, clock: Clock | None = None) -> list[CredentialCheck]:
    """Check the credentials the case's entries need (every platform's when ``case`` is None)."""
    specs = parse_collect(case) if case is not None else []
    platforms = sorted({s.platform for s in specs}, key=PLATFORMS.index) if specs else list(PLATFORMS)
    credentials = Credentials(env)
    kw = {"transport": transport, "clock": clock or Clock()}
    out = []
    for platform in platforms:
        if platform == "mastodon":
            hosts = sorted({s.instance for s in specs if s.platform == "mastodon"})
            out.extend(_mastodon(host, credentials, kw) for host in hosts)
            if not hosts:
                out.append(CredentialCheck("mastodon", MASTODON_TOKEN, credentials.get(MASTODON_TOKEN) is not None,
                                           None, "name an instance in a collect entry to try it"))
        elif platform == "bluesky":
            out.append(_try("bluesky", f"{BLUESKY_HANDLE} + {BLUESKY_PASSWORD}",
                            bool(credentials.get(BLUESKY_HANDLE) and credentials.get(BLUESKY_PASSWORD)),
                            lambda: _bluesky(credentials, kw)))
        elif platform == "x":
            out.append(_try("x", X_TOKEN, credentials.get(X_TOKEN) is not None, lambda: _x(credentials, kw)))
        else:
            out.append(_try("facebook", FACEBOOK_TOKEN, credentials.get(FACEBOOK_TOKEN) is not None,
                            lambda: _facebook(credentials, kw)))
    return out


def _spec(platform: str, kind: str, instance: str | None = None) -> CollectSpec:
    return CollectSpec(index=0, platform=platform, kind=kind, target="(check)", name="check", instance=instance)


def _try(platform: str, variable: str, present: bool, attempt) -> CredentialCheck:
    if not present:
        return CredentialCheck(platform, variable, False, None, "not set")
    try:
        return CredentialCheck(platform, variable, True, True, attempt())
    except CivicnetError as exc:
        return CredentialCheck(platform, variable, True, False, str(exc))


def _mastodon(host: str, credentials: Credentials, kw: dict) -> CredentialCheck:
    found = credentials.mastodon(host)
    variable = found[1].split()[-1] if found else mastodon_variable(host)

    def attempt() -> str:
        with mastodon.client(_spec("mastodon", "account", host), credentials, **kw) as c:
            r = c.get(f"{c.base}/apps/verify_credentials")
        name = r.data.get("name") if isinstance(r.data, dict) else None
        return c.scrub(f"{host}: token of application {name!r}" if name else f"{host}: token accepted")

    return _try("mastodon", variable, found is not None, attempt)


def _bluesky(credentials: Credentials, kw: dict) -> str:
    with bluesky.client(_spec("bluesky", "search"), credentials, **kw) as c:
        return f"logged in through {c.base.rsplit('/xrpc', 1)[0]}"


def _x(credentials: Credentials, kw: dict) -> str:
    with x.client(_spec("x", "search"), credentials, **kw) as c:
        c.get(f"{x.BASE}/users/by/username/XDevelopers")
    return "bearer token accepted (one user lookup)"


def _facebook(credentials: Credentials, kw: dict) -> str:
    with facebook.client(_spec("facebook", "page"), credentials, **kw) as c:
        r = c.get(f"{facebook.BASE}/me", {"fields": "id,name"})
    data = r.data if isinstance(r.data, dict) else {}
    return c.scrub(" ".join(f"token of {data.get('name')!r} ({data.get('id')})".split()))
