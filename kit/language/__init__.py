"""The language layer: words, pinyin in context, sentences and their alignment.

Plain text in, words / pinyin / sentences / beads out. The modules, each with one job:

- ``segment``: words (jieba, the kit's words kept whole, rare compounds split);
- ``pinyin``: pinyin in context (pypinyin word by word, ``overrides`` first);
- ``dictionary``: CC-CEDICT, every reading of a headword (``stems``: English word stems);
- ``sentences``: a paragraph cut into sentences;
- ``align``: Gale–Church alignment of paragraphs and sentences, with ``anchors``
  (``numbers`` and dates, terms, names, dictionary translations) as evidence;
- ``vocabulary``: the kit's own words, registered by the caller (this layer never
  imports the glossary, the articles or the corpus);
- ``cache``: parsed dictionaries kept in the user cache folder between sessions.

The functions named like the modules (``segment``, ``pinyin``, ``align``) are the ones
``kit.language.X`` gives; the modules themselves are ``sys.modules["kit.language.X"]``.

``import kit.language`` is cheap: it loads only the vocabulary registry (``import kit``
registers the glossary there); the modules load the first time one of their names is
used, and jieba, pypinyin and the dictionaries the first time a function needs them.

    >>> align(["A short one.", "A much longer English paragraph than the first."],
    ...       ["短的。", "比第一段长得多的中文段落。"])
    [([0], [0]), ([1], [1])]
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from .vocabulary import (keep_whole, on_change, register_vocabulary, unregister_vocabulary,
                         vocabulary_entries)

#: Public name -> (module of this package, name in it), loaded on first use.
_EXPORTS = {
    # words
    "segment": ("segment", "segment"),
    "tokens": ("segment", "tokens"),
    "user_words": ("segment", "user_words"),
    "sub_words": ("segment", "sub_words"),
    # pinyin
    "annotate": ("pinyin", "annotate"),
    "pinyin": ("pinyin", "pinyin"),
    "toneless": ("pinyin", "toneless"),
    "_annotated": ("pinyin", "_annotated"),   # its cache_clear() is what benchmarks call
    "Overrides": ("overrides", "Overrides"),
    "load_overrides": ("overrides", "load_overrides"),
    # dictionary
    "cedict": ("dictionary", "cedict"),
    "Cedict": ("dictionary", "Cedict"),
    "definitions": ("dictionary", "definitions"),
    "gloss_stems": ("dictionary", "gloss_stems"),
    # sentences, numbers, alignment
    "split_sentences": ("sentences", "split_sentences"),
    "zh_numbers": ("numbers", "zh_numbers"),
    "en_numbers": ("numbers", "en_numbers"),
    "ANCHOR_WEIGHTS": ("anchors", "ANCHOR_WEIGHTS"),
    "align": ("align", "align"),
    "align_sentences": ("align", "align_sentences"),
    "sentence_pairs": ("align", "sentence_pairs"),
    "SentenceBead": ("align", "SentenceBead"),
    "Bead": ("align", "Bead"),
    "corpus_ratio": ("align", "corpus_ratio"),
    "unit_length": ("align", "unit_length"),
    "estimate_ratio": ("align", "estimate_ratio"),
    "BEAD_PRIORS": ("align", "BEAD_PRIORS"),
    "DEFAULT_EN_PER_ZH": ("align", "DEFAULT_EN_PER_ZH"),
    "DEFAULT_VARIANCE": ("align", "DEFAULT_VARIANCE"),
    "RATIO_MIX": ("align", "RATIO_MIX"),
}
#: The modules whose caches :func:`clear_caches` empties.
_CACHED_MODULES = ("overrides", "segment", "pinyin", "dictionary", "anchors")

__all__ = sorted([name for name in _EXPORTS if not name.startswith("_")]
                 + ["register_vocabulary", "unregister_vocabulary", "keep_whole",
                    "vocabulary_entries", "on_change", "clear_caches"])

if TYPE_CHECKING:  # what editors and type checkers see
    from .align import (BEAD_PRIORS, DEFAULT_EN_PER_ZH, DEFAULT_VARIANCE, RATIO_MIX, Bead,
                        SentenceBead, align, align_sentences, corpus_ratio, estimate_ratio,
                        sentence_pairs, unit_length)
    from .anchors import ANCHOR_WEIGHTS
    from .dictionary import Cedict, cedict, definitions, gloss_stems
    from .numbers import en_numbers, zh_numbers
    from .overrides import Overrides, load_overrides
    from .pinyin import annotate, pinyin, toneless
    from .segment import segment, sub_words, tokens, user_words
    from .sentences import split_sentences


def _module(name: str):
    return importlib.import_module(f"{__name__}.{name}")


def _load() -> None:
    """Import every module, then bind the public names.

    All modules first: importing a module sets the package attribute of its name
    (``segment``, ``pinyin``, ``align``), which the function of that name must replace.
    """
    modules = {module: _module(module) for module, _ in _EXPORTS.values()}
    for name, (module, attr) in _EXPORTS.items():
        globals()[name] = getattr(modules[module], attr)


def __getattr__(name: str):
    if name in _EXPORTS:
        _load()
        return globals()[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}; the public names are: "
                         + ", ".join(__all__))


def __dir__():
    return sorted(set(globals()) | set(__all__))


def clear_caches() -> None:
    """Empty every cache of the language layer (for tests): words, readings, dictionary.

    The files in the cache folder stay (they are checked against their key when read).

    >>> clear_caches()
    >>> segment("工会")
    ['工会']
    """
    for module in _CACHED_MODULES:
        _module(module).clear_caches()
