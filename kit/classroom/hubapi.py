"""Asking the hub about a user (admin? groups?) with the service's own token, briefly cached.

Used by the checking service when the model the hub returned for a student's token does
not say whether that user is an instructor. Network only to ``JUPYTERHUB_API_URL``.
"""

from __future__ import annotations

import json
import os
import time
import urllib.error
import urllib.parse
import urllib.request

__all__ = ["lookup_user", "clear_caches", "CACHE_SECONDS"]

#: How long a user's admin flag and groups are trusted before asking the hub again (s).
CACHE_SECONDS = 60.0
#: How long one request to the hub may take (s).
TIMEOUT_S = 5.0


class _UserCache:
    """User models by name, each with the time it was fetched."""

    def __init__(self):
        self.models: dict[str, tuple[float, dict]] = {}


_CACHE = _UserCache()


def clear_caches() -> None:
    """Forget every cached user model (tests)."""
    _CACHE.models.clear()


def lookup_user(name: str) -> dict:
    """``{"admin": bool, "groups": [...]}`` for ``name`` from the hub's REST API ({} on failure)."""
    now = time.monotonic()
    cached = _CACHE.models.get(name)
    if cached and now - cached[0] < CACHE_SECONDS:
        return cached[1]
    api = os.environ.get("JUPYTERHUB_API_URL", "").rstrip("/")
    token = os.environ.get("JUPYTERHUB_API_TOKEN", "")
    if not api or not token:
        return {}
    request = urllib.request.Request(f"{api}/users/{urllib.parse.quote(name)}",
                                     headers={"Authorization": f"token {token}"})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_S) as reply:
            model = json.loads(reply.read())
    except (urllib.error.URLError, OSError, ValueError):
        return {}
    found = {"admin": bool(model.get("admin")), "groups": list(model.get("groups") or [])}
    _CACHE.models[name] = (now, found)
    return found
