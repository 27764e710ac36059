"""The language layer's disk cache: parsed dictionaries kept between sessions.

A fresh kernel would otherwise rebuild jieba's prefix dictionary and read CC-CEDICT
again (several seconds). Each cached file holds the key it was built for (package
versions, the kit's own word list, the source of the code that built it); a file
whose key differs, or that cannot be read, is rebuilt silently. Files are written
to a temporary name and then renamed, so a reader never sees half a file. Only
files the kit wrote in its own folder are read back (``marshal``, never from
elsewhere).

The folder is ``platformdirs.user_cache_dir("kit")``; the environment variable
``KIT_CACHE_DIR`` overrides it (tests use a temporary folder). When the folder
cannot be written, nothing is cached and everything still works.

    >>> import tempfile, os
    >>> os.environ["KIT_CACHE_DIR"] = tempfile.mkdtemp()
    >>> store("demo", ("v1",), {"行": 2})
    True
    >>> load("demo", ("v1",)), load("demo", ("v2",))
    ({'行': 2}, None)
    >>> del os.environ["KIT_CACHE_DIR"]
"""

from __future__ import annotations

import marshal
import os
from pathlib import Path

__all__ = ["cache_dir", "load", "store", "source_digest", "package_version"]

#: Environment variable naming the cache folder (instead of the user cache folder).
CACHE_DIR_ENV = "KIT_CACHE_DIR"
#: The application name under which platformdirs places the cache folder.
APP_NAME = "kit"
#: Hex digits of the key's hash in a cache file's name (the full key is checked inside).
NAME_DIGITS = 16
#: Suffix of the kit's cache files (the format is ``marshal``: written and read by the kit only).
SUFFIX = ".marshal"


def cache_dir() -> Path:
    """The folder for the kit's cache files (``KIT_CACHE_DIR``, else the user cache folder)."""
    chosen = os.environ.get(CACHE_DIR_ENV)
    if chosen:
        return Path(chosen)
    import platformdirs

    return Path(platformdirs.user_cache_dir(APP_NAME))


def _file(name: str, key: tuple) -> Path:
    import hashlib

    digest = hashlib.sha256(repr(key).encode("utf-8")).hexdigest()[:NAME_DIGITS]
    return cache_dir() / f"{name}-{digest}{SUFFIX}"


def load(name: str, key: tuple):
    """The payload stored under ``name`` for exactly ``key``, or None (missing, stale, corrupt)."""
    try:
        data = _file(name, key).read_bytes()
        stored_key, payload = marshal.loads(data)
    except (OSError, EOFError, ValueError, TypeError):
        return None
    return payload if stored_key == key else None


def store(name: str, key: tuple, payload) -> bool:
    """Write ``payload`` under ``name`` for ``key``, atomically; remove older files of ``name``.

    Returns False (and keeps nothing) when the folder cannot be written.
    """
    import tempfile

    target = _file(name, key)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{name}-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                marshal.dump((key, payload), fh)
            os.replace(temp, target)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
    except (OSError, ValueError):
        return False
    for old in target.parent.glob(f"{name}-*{SUFFIX}"):
        if old != target:
            old.unlink(missing_ok=True)
    return True


def source_digest(*files: str | Path) -> str:
    """A short hash of the given source files: a cache built by older code is not reused."""
    import hashlib

    h = hashlib.sha256()
    for f in files:
        h.update(Path(f).read_bytes())
    return h.hexdigest()[:NAME_DIGITS]


def package_version(name: str) -> str:
    """The installed version of a distribution, or ``"unknown"``.

    >>> package_version("no-such-package-here")
    'unknown'
    """
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(name)
    except PackageNotFoundError:
        return "unknown"
