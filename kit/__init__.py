"""A teaching kit for reading People's Daily articles on the 1950s production-emulation campaigns.

    >>> import kit
    >>> corpus = kit.load_corpus()                 # the articles in seeds/
    >>> article = corpus["003_0d759123a74baf35"]
    >>> article.date.isoformat(), article.column_zh
    ('1952-08-03', '经济生活简评')
    >>> en, zh = article.paragraph_pairs()[0]

Everything a lesson needs is a name here (``help(kit)`` lists them): loaders
(``load_corpus``, ``load_glossary``, ``load_timeline``, ``load_translation_notes``,
``load_exercises``), the language tools (``segment``, ``pinyin``, ``annotate``,
``split_sentences``, ``sentence_pairs``), charts (``plot_timeline``, ``kit.plots``),
views (``kit.views.ReaderView`` ...) and the error family (``KitError``).

Names are imported on first use, so ``import kit`` stays quick (jieba, pandas and
matplotlib load only when a function that needs them is called). The layers behind
this facade are drawn in docs/architecture.md.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

__version__ = "0.1.0"

#: Public name -> the module that defines it.
_EXPORTS = {
    # text primitives
    "has_han": "text",
    "strip_tones": "text",
    # articles and the corpus
    "Article": "articles",
    "parse_article": "articles",
    "read_article": "articles",
    "Corpus": "corpus",
    "load_corpus": "corpus",
    # language
    "segment": "language",
    "annotate": "language",
    "pinyin": "language",
    "split_sentences": "language",
    "align": "language",
    "sentence_pairs": "language",
    "SentenceBead": "language",
    # knowledge
    "Glossary": "glossary",
    "Term": "glossary",
    "load_glossary": "glossary",
    "Event": "timeline",
    "Timeline": "timeline",
    "load_timeline": "timeline",
    "TranslationNote": "translation_notes",
    "TranslationNotes": "translation_notes",
    "load_translation_notes": "translation_notes",
    "concordance_lines": "concordance",
    "lookup": "dictionary_lookup",
    "Entry": "dictionary_lookup",
    "hsk_level": "levels",
    "difficulty_profile": "levels",
    "words_above": "levels",
    # presentation
    "plot_timeline": "plots",
    # exercises and progress
    "load_exercises": "exercises",
    "ExerciseSet": "exercises",
    "Question": "exercises",
    "Feedback": "exercises",
    "check": "exercises",
    "generate_cloze": "exercises",
    "progress_frame": "progress",
    "add_my_word": "word_list",
    "remove_my_word": "word_list",
    "my_words": "word_list",
    "my_words_to_csv": "word_list",
    "my_words_to_anki": "word_list",
    # errors
    "KitError": "errors",
    "DataFileError": "errors",
    "ArticleFormatError": "errors",
    "GlossaryError": "errors",
    "TimelineError": "errors",
    "ExerciseError": "errors",
    "ProgressError": "errors",
    "UnknownIdError": "errors",
    "UnknownTermError": "errors",
    "KitWarning": "errors",
}
#: Aliases whose name in the facade differs from the name in their module.
_RENAMED = {"concordance_lines": "concordance"}
#: Sub-modules reachable as ``kit.<name>`` (loaded on first use).
_SUBMODULES = ("text", "errors", "language", "articles", "corpus", "sources", "glossary",
               "timeline", "translation_notes", "concordance", "dictionary_lookup", "levels", "plots", "exports",
               "views", "exercises", "progress", "word_list", "classroom", "export_page",
               "site")

__all__ = sorted([*_EXPORTS, *_SUBMODULES])

if TYPE_CHECKING:  # what editors and type checkers see; at run time names load on first use
    from . import (articles, classroom, concordance, corpus, dictionary_lookup, errors, exercises,
                   export_page, exports, glossary, language, levels, plots, progress, site,
                   sources, text, timeline, translation_notes, views, word_list)
    from .articles import Article, parse_article, read_article
    from .concordance import concordance as concordance_lines
    from .corpus import Corpus, load_corpus
    from .dictionary_lookup import Entry, lookup
    from .errors import (ArticleFormatError, DataFileError, ExerciseError, GlossaryError, KitError,
                         KitWarning, ProgressError, TimelineError, UnknownIdError,
                         UnknownTermError)
    from .exercises import ExerciseSet, Feedback, Question, check, generate_cloze, load_exercises
    from .glossary import Glossary, Term, load_glossary
    from .levels import difficulty_profile, hsk_level, words_above
    from .language import (SentenceBead, align, annotate, pinyin, segment, sentence_pairs,
                           split_sentences)
    from .plots import plot_timeline
    from .progress import progress_frame
    from .text import has_han, strip_tones
    from .timeline import Event, Timeline, load_timeline
    from .translation_notes import TranslationNote, TranslationNotes, load_translation_notes
    from .word_list import add_my_word, my_words, my_words_to_anki, my_words_to_csv, remove_my_word


def __getattr__(name: str):
    if name in _EXPORTS:
        module = importlib.import_module(f".{_EXPORTS[name]}", __name__)
        value = getattr(module, _RENAMED.get(name, name))
        globals()[name] = value
        return value
    if name in _SUBMODULES:
        return importlib.import_module(f".{name}", __name__)
    raise AttributeError(f"module 'kit' has no attribute '{name}'; the public names are: "
                         + ", ".join(__all__))


def __dir__():
    return sorted(set(globals()) | set(__all__))


# --- The language layer learns the glossary's words ------------------------------------------
# kit.language never imports the glossary (it sits below it); the facade hands it a provider
# that reads the glossary the first time a word is needed (jieba keeps the terms whole, the
# sentence aligner uses them as anchors), and a fingerprint of the glossary file, so that a
# fresh kernel reuses the words kept in the cache folder. A broken glossary never breaks
# reading: the tools then work without its words, and kit.load_glossary() reports the error.

def _glossary_vocabulary() -> list:
    """``(zh_forms, en_forms)`` of every glossary term; [] while the glossary cannot be read."""
    from .errors import KitError
    from .glossary import load_glossary

    try:
        return [(term.zh_forms, term.en_forms) for term in load_glossary()]
    except KitError:
        return []


def _glossary_fingerprint() -> str:
    """A hash of the glossary file and of the code that reads it: the words change only with them."""
    import hashlib

    from ._data import PACKAGE_DIR, data_path

    digest = hashlib.sha256()
    for path in [data_path("glossary.yaml"), *sorted((PACKAGE_DIR / "glossary").glob("*.py"))]:
        try:
            digest.update(path.read_bytes())
        except OSError:
            digest.update(b"missing")
    return digest.hexdigest()


def _register_glossary_vocabulary() -> None:
    from .language import register_vocabulary

    register_vocabulary(_glossary_vocabulary, fingerprint=_glossary_fingerprint)


_register_glossary_vocabulary()
