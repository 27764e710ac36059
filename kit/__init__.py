"""A teaching kit for reading People's Daily articles on the 1950s production-emulation campaigns.

    >>> import kit
    >>> corpus = kit.load_corpus()                 # the articles in seeds/
    >>> article = corpus["003_0d759123a74baf35"]
    >>> article.date.isoformat(), article.column_zh
    ('1952-08-03', '经济生活简评')
    >>> en, zh = article.paragraph_pairs()[0]

Names are imported on first use, so ``import kit`` stays quick (jieba, pandas and
matplotlib load only when a function that needs them is called).
"""

from __future__ import annotations

import importlib

__version__ = "0.1.0"

_EXPORTS = {
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
    "plot_timeline": "timeline",
    "TranslationNote": "translation_notes",
    "TranslationNotes": "translation_notes",
    "load_translation_notes": "translation_notes",
    # exercises
    "load_exercises": "exercises",
    # errors
    "KitError": "errors",
    "DataFileError": "errors",
    "ArticleFormatError": "errors",
    "GlossaryError": "errors",
    "TimelineError": "errors",
    "ExerciseError": "errors",
    "ProgressError": "errors",
    "UnknownIdError": "errors",
}
_SUBMODULES = {"views", "exercises", "language", "glossary", "timeline", "plots", "articles",
               "corpus", "errors", "translation_notes", "concordance", "progress"}

__all__ = sorted(_EXPORTS) + ["views"]


def __getattr__(name: str):
    if name in _EXPORTS:
        module = importlib.import_module(f".{_EXPORTS[name]}", __name__)
        value = getattr(module, name)
        globals()[name] = value
        return value
    if name in _SUBMODULES:
        return importlib.import_module(f".{name}", __name__)
    raise AttributeError(f"module 'kit' has no attribute '{name}'; the public names are: "
                         + ", ".join(__all__))


def __dir__():
    return sorted(set(globals()) | set(__all__))
