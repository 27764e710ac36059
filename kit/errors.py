"""The kit's exceptions: one family, so a notebook can catch ``kit.KitError``.

Every error that comes from a data file (an article, the glossary, the timeline,
an exercise set) names the file and the line, so a student or an instructor can
open the file and fix it::

    >>> err = ArticleFormatError("expected a date like 1952-08-03 after 'Date:', found '1952-13-45'",
    ...                          path="seeds/005_x.txt", line=3)
    >>> print(err)
    seeds/005_x.txt, line 3: expected a date like 1952-08-03 after 'Date:', found '1952-13-45'
    >>> err.line
    3
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from pathlib import Path

__all__ = [
    "KitError",
    "DataFileError",
    "ArticleFormatError",
    "GlossaryError",
    "TranslationNoteError",
    "TimelineError",
    "ExerciseError",
    "ProgressError",
    "UnknownIdError",
    "UnknownTermError",
    "KitWarning",
    "did_you_mean",
    "check_lang",
]


class KitError(ValueError):
    """Base class of every error the kit raises on purpose."""


class DataFileError(KitError):
    """A problem in a data file, located by ``path`` and ``line`` (1-based, or None).

    ``field`` names the field at fault when there is one; ``reason`` is the
    message without the location.
    """

    def __init__(self, reason: str, path: str | Path | None = None, line: int | None = None,
                 field: str | None = None):
        self.reason = reason
        self.path = str(path) if path is not None else None
        self.line = line
        self.field = field
        super().__init__(self._format())

    def _format(self) -> str:
        where = self.path or "<text>"
        if self.line is not None:
            where += f", line {self.line}"
        return f"{where}: {self.reason}"

    def __reduce__(self):
        return (self.__class__, (self.reason, self.path, self.line, self.field))

    def as_check_line(self) -> str:
        """The ``file:line: message`` form used by ``python -m kit check``."""
        return f"{self.path or '<text>'}:{self.line or 0}: {self.reason}"


class ArticleFormatError(DataFileError):
    """An article file does not follow the article format (see README)."""


class GlossaryError(DataFileError):
    """An entry of the glossary or of the translation notes is malformed."""


class TranslationNoteError(GlossaryError):
    """An entry of the translation notes is malformed (a ``GlossaryError`` too, as before)."""


class TimelineError(DataFileError):
    """An event of the timeline is malformed."""


class ExerciseError(DataFileError):
    """An exercise set is malformed; ``question_id`` names the question when known."""

    def __init__(self, reason, path=None, line=None, field=None, question_id=None):
        self.question_id = question_id
        if question_id is not None and f"'{question_id}'" not in reason:
            reason = f"question '{question_id}': {reason}"
        super().__init__(reason, path, line, field)

    def __reduce__(self):
        return (self.__class__, (self.reason, self.path, self.line, self.field, self.question_id))


class UnknownIdError(KitError, KeyError):
    """An id that a collection (corpus, glossary, timeline, notes) does not have.

    It is a ``KeyError`` too, so ``except KeyError`` keeps working.
    """

    def __str__(self) -> str:  # KeyError would add quotes around the message
        return str(self.args[0]) if self.args else ""


class ProgressError(KitError):
    """A student's progress file could not be read or written."""


class KitWarning(UserWarning):
    """Something in a data file that loads but looks wrong (e.g. an article that seems cut short).

    Like :class:`DataFileError` it names the file and the line:

    >>> print(KitWarning("the last paragraph ends without punctuation", path="a.txt", line=30))
    a.txt, line 30: the last paragraph ends without punctuation
    """

    def __init__(self, reason: str, path: str | Path | None = None, line: int | None = None):
        self.reason = reason
        self.path = str(path) if path is not None else None
        self.line = line
        where = (self.path or "<text>") + (f", line {line}" if line is not None else "")
        super().__init__(f"{where}: {reason}")

    def __reduce__(self):
        return (self.__class__, (self.reason, self.path, self.line))

    def as_check_line(self) -> str:
        """The ``file:line: warning: message`` form used by ``python -m kit check``."""
        return f"{self.path or '<text>'}:{self.line or 0}: warning: {self.reason}"


class UnknownTermError(UnknownIdError):
    """A glossary id (or Chinese, pinyin or English form) that the glossary does not have."""


def did_you_mean(asked: object, known: Iterable[str], n: int = 1, cutoff: float = 0.6,
                 style: str = "bare") -> str:
    """The kit's one "did you mean" hint: the names in ``known`` closest to ``asked``, or "".

    ``style`` places the hint in a message: ``"bare"`` gives ``did you mean 'x'?``,
    ``"paren"`` gives `` (did you mean 'x'?)`` and ``"clause"`` gives ``; did you mean 'x'?``.
    Several names are joined with commas and "or".

    >>> did_you_mean("hints", ["hint", "prompt", "explanation"])
    "did you mean 'hint'?"
    >>> did_you_mean("promt", ["hint", "prompt"], style="paren")
    " (did you mean 'prompt'?)"
    >>> did_you_mean("xyz", ["hint", "prompt"])
    ''
    """
    close = difflib.get_close_matches(str(asked), list(known), n=n, cutoff=cutoff)
    if not close:
        return ""
    names = [f"'{c}'" for c in close]
    listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]
    hint = f"did you mean {listed}?"
    return {"bare": hint, "paren": f" ({hint})", "clause": f"; {hint}"}[style]


LANGS = ("zh", "en")


def check_lang(lang: object) -> str:
    """Return ``lang`` when it is ``"zh"`` or ``"en"``; otherwise raise a ``KitError`` that says so.

    >>> check_lang("zh")
    'zh'
    >>> check_lang("cn")
    Traceback (most recent call last):
    ...
    kit.errors.KitError: lang must be 'zh' or 'en', not 'cn'
    """
    if lang not in LANGS:
        raise KitError(f"lang must be 'zh' or 'en', not {lang!r}")
    return lang  # type: ignore[return-value]
