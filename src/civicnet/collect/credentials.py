"""Credentials for the collectors: from environment variables, else the OS keyring.

Never from case files. Values are only handed to the HTTP client as a header for the
platform's own host; reports, manifests and messages name the *variable*, never the
value.

=============  ==========================================================================
platform       variables
=============  ==========================================================================
mastodon       ``CIVICNET_MASTODON_TOKEN_<HOST>`` (host upper-cased, ``.``/``-`` → ``_``,
               e.g. ``CIVICNET_MASTODON_TOKEN_SOCIAL_OVERHEID_NL``), else
               ``CIVICNET_MASTODON_TOKEN`` (then sent to every instance the case names);
               optional: public timelines and accounts need none on most instances
bluesky        ``CIVICNET_BLUESKY_HANDLE`` and ``CIVICNET_BLUESKY_APP_PASSWORD`` (an app
               password), optional ``CIVICNET_BLUESKY_PDS`` (default https://bsky.social);
               optional except for search
x              ``CIVICNET_X_BEARER_TOKEN`` (an app's bearer token), required
facebook       ``CIVICNET_FACEBOOK_PAGE_TOKEN`` (a page access token of a page you
               administer), required
=============  ==========================================================================

The keyring (``pip install keyring``) is asked for service ``civicnet`` and the
variable's name as user name, e.g. ``keyring set civicnet CIVICNET_X_BEARER_TOKEN``.
"""

from __future__ import annotations

import os
import re
from typing import Mapping

X_TOKEN = "CIVICNET_X_BEARER_TOKEN"
FACEBOOK_TOKEN = "CIVICNET_FACEBOOK_PAGE_TOKEN"
MASTODON_TOKEN = "CIVICNET_MASTODON_TOKEN"
BLUESKY_HANDLE = "CIVICNET_BLUESKY_HANDLE"
BLUESKY_PASSWORD = "CIVICNET_BLUESKY_APP_PASSWORD"
BLUESKY_PDS = "CIVICNET_BLUESKY_PDS"
KEYRING_SERVICE = "civicnet"


def mastodon_variable(host: str) -> str:
    """The host-specific token variable: ``CIVICNET_MASTODON_TOKEN_SOCIAL_OVERHEID_NL``."""
    return f"{MASTODON_TOKEN}_{re.sub(r'[^A-Z0-9]', '_', host.upper())}"


class Credentials:
    """Looks credentials up by variable name: environment first, then the keyring."""

    def __init__(self, env: Mapping[str, str] | None = None, *, keyring: bool | None = None):
        self.env = os.environ if env is None else env
        self.use_keyring = (env is None) if keyring is None else keyring

    def get(self, name: str) -> tuple[str, str] | None:
        """``(value, where)`` for a variable, or None; ``where`` names the source, not the value."""
        value = self.env.get(name)
        if value and value.strip():
            return value.strip(), f"environment variable {name}"
        value = self._keyring(name)
        if value:
            return value, f"keyring entry {KEYRING_SERVICE}/{name}"
        return None

    def mastodon(self, host: str) -> tuple[str, str] | None:
        return self.get(mastodon_variable(host)) or self.get(MASTODON_TOKEN)

    def _keyring(self, name: str) -> str | None:
        if not self.use_keyring:
            return None
        try:
            import keyring
            from keyring.errors import KeyringError
        except ImportError:
            return None
        try:
            value = keyring.get_password(KEYRING_SERVICE, name)
        except KeyringError:
            return None
        return value.strip() if isinstance(value, str) and value.strip() else None
