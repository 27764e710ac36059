"""The kit's own words, given to the language layer by its caller.

jieba must keep the glossary's terms whole (增产节约运动, not 增产 + 节约 + 运动), and the
sentence aligner uses each term's Chinese and English forms as anchors. The glossary sits
above this layer, so the language layer never imports it: the caller registers a
*provider*, a function returning ``(zh_forms, en_forms)`` pairs, one per term. ``import
kit`` registers one that reads the glossary (see ``kit/__init__.py``). Providers are
called once, the first time a word is needed; registering or removing one empties the
caches that depend on the words. A provider registered with a *fingerprint* (a cheap
function whose value changes whenever the provider's answer would, e.g. a hash of the
glossary file) has its answer kept in the kit's cache folder, so a fresh kernel need not
call it at all.

    >>> provider = register_vocabulary(lambda: [(["郝建秀小组"], ["Hao Jianxiu team"])])
    >>> ("郝建秀小组",) in [zh for zh, _ in vocabulary_entries()]
    True
    >>> unregister_vocabulary(provider)
    True
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from ..errors import KitError
from ..text import has_han
from . import cache as disk

__all__ = ["Entry", "Provider", "register_vocabulary", "unregister_vocabulary", "keep_whole",
           "vocabulary_entries", "on_change"]

#: One term: its Chinese forms and its English forms.
Entry = tuple[tuple[str, ...], tuple[str, ...]]
#: A function returning the terms, as pairs of (Chinese forms, English forms).
Provider = Callable[[], Iterable[tuple[Iterable[str], Iterable[str]]]]
#: A cheap function whose value (str, int or a tuple of them) changes with a provider's answer.
Fingerprint = Callable[[], object]


def _entry(zh_forms: Iterable[str], en_forms: Iterable[str]) -> Entry:
    """Forms stripped; Chinese forms must hold Chinese, English forms must not."""
    zh = tuple(f.strip() for f in zh_forms if f and has_han(f))
    en = tuple(f.strip() for f in en_forms if f and f.strip() and not has_han(f))
    return zh, en


class Vocabulary:
    """The registered providers and, once asked for, the entries they gave."""

    def __init__(self) -> None:
        self._providers: list[Provider] = []
        self._fingerprints: dict[Provider, Fingerprint] = {}
        self._entries: tuple[Entry, ...] | None = None
        self._listeners: list[Callable[[], None]] = []
        self._reading = False   # True while the providers are being called

    def register(self, provider: Provider, fingerprint: Fingerprint | None = None) -> bool:
        if provider in self._providers:
            return False
        self._providers.append(provider)
        if fingerprint is not None:
            self._fingerprints[provider] = fingerprint
        self._changed()
        return True

    def unregister(self, provider: Provider) -> bool:
        if provider not in self._providers:
            return False
        self._providers.remove(provider)
        self._fingerprints.pop(provider, None)
        self._changed()
        return True

    def entries(self) -> tuple[Entry, ...]:
        if self._entries is None:
            if self._reading:
                raise KitError("a vocabulary provider asked for the kit's words while they were "
                               "being read (it must not call kit.segment, kit.annotate or "
                               "kit.sentence_pairs itself)")
            self._reading = True
            try:
                self._entries = tuple(e for provider in list(self._providers)
                                      for e in self._answer(provider))
            finally:
                self._reading = False
        return self._entries

    def _answer(self, provider: Provider) -> tuple[Entry, ...]:
        """The provider's entries, from the cache folder when its fingerprint is unchanged."""
        fingerprint = self._fingerprints.get(provider)
        if fingerprint is None:
            return tuple(_entry(zh, en) for zh, en in provider())
        name = "vocabulary-" + "".join(ch if ch.isalnum() else "_" for ch in
                                       f"{provider.__module__}.{provider.__qualname__}")
        key = ("vocabulary", disk.package_version("kit"), fingerprint())
        cached = disk.load(name, key)
        if isinstance(cached, tuple):
            return cached
        answer = tuple(_entry(zh, en) for zh, en in provider())
        disk.store(name, key, answer)
        return answer

    def on_change(self, listener: Callable[[], None]) -> None:
        self._listeners.append(listener)

    def _changed(self) -> None:
        self._entries = None
        for listener in self._listeners:
            listener()


_VOCABULARY = Vocabulary()


def register_vocabulary(provider: Provider, fingerprint: Fingerprint | None = None) -> Provider:
    """Add a source of words the language layer must know; returns ``provider``.

    ``provider()`` returns an iterable of ``(zh_forms, en_forms)`` pairs, one per term
    (Chinese forms are kept whole by :func:`kit.segment`; a term with forms on both sides
    is an anchor for :func:`kit.sentence_pairs`). It is called lazily, once, the first time
    a word is needed; registering the same provider twice does nothing.

    ``fingerprint()``, when given, must change whenever ``provider()``'s answer would (a
    hash of the file it reads): the answer is then kept in the kit's cache folder and the
    provider is called only when the fingerprint changes.
    """
    _VOCABULARY.register(provider, fingerprint)
    return provider


def unregister_vocabulary(provider: Provider) -> bool:
    """Remove a provider given to :func:`register_vocabulary`; False when it was not there."""
    return _VOCABULARY.unregister(provider)


def keep_whole(words: Iterable[str]) -> Provider:
    """Make :func:`kit.segment` keep these Chinese words whole; returns the provider to remove later.

    >>> provider = keep_whole(["郝建秀小组"])
    >>> unregister_vocabulary(provider)
    True
    """
    fixed = [((word,), ()) for word in words]
    return register_vocabulary(lambda: fixed)


def vocabulary_entries() -> tuple[Entry, ...]:
    """Every registered term as ``(zh_forms, en_forms)``, the providers called on first need."""
    return _VOCABULARY.entries()


def on_change(listener: Callable[[], None]) -> None:
    """Call ``listener()`` whenever a provider is added or removed (to empty dependent caches)."""
    _VOCABULARY.on_change(listener)
