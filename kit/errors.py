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

from pathlib import Path

__all__ = [
    "KitError",
    "DataFileError",
    "ArticleFormatError",
    "GlossaryError",
    "TimelineError",
    "ExerciseError",
    "ProgressError",
    "UnknownIdError",
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
