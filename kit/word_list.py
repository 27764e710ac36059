"""My words: a personal word list, saved like progress (atomic, never lost), exported to Anki and CSV.

(The module is ``kit.word_list``, not ``kit.my_words``, so that importing it can never hide the
function ``kit.my_words()`` behind a module of the same name in the facade.)

A star on a reader's card, or :func:`add_my_word` from code, keeps a word with the sentence it
was read in, the article's id and its citation. The list lives in ``my_words.json`` next to the
progress file (:func:`kit.progress.progress_dir`: the folder named by ``KIT_PROGRESS_DIR`` when
it is set), and is saved the same careful way:

* every save writes a temporary file in the same folder, flushes and ``fsync``-s it, then
  renames it over the old file (``os.replace``): the file on disk is always a complete list;
* a lock (``my_words.json.lock``) is held around read-modify-write, so two notebooks starring
  words at once never lose each other's words;
* a file that does not parse is moved aside to ``my_words.json.corrupt-<time>`` with a
  warning saying where it went, never deleted or overwritten.

    >>> import tempfile
    >>> folder = tempfile.mkdtemp()          # default: the progress folder
    >>> saved = add_my_word("厂长", "003_0d759123a74baf35", "厂长亲自到车间去。",
    ...                     citation="People's Daily, 3 August 1952, p. 2.", folder=folder)
    >>> saved["pinyin"]
    'chǎngzhǎng'
    >>> my_words(folder)[["word", "pinyin", "definitions"]].values.tolist()
    [['厂长', 'chǎngzhǎng', 'factory director']]
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import html
import json
import warnings
from pathlib import Path

from .errors import KitError, ProgressError, UnknownIdError, did_you_mean
from .levels import level_label
from .dictionary_lookup import lookup, pinyin_in_context
from .progress import progress_dir
from .safe_files import atomic_write, locked, move_aside

__all__ = ["add_my_word", "remove_my_word", "my_words", "my_word_set", "is_my_word", "my_words_path",
           "my_words_to_csv", "my_words_to_anki", "MyWordsWarning", "COLUMNS", "FILE_NAME"]

#: The file of the list, inside :func:`kit.progress.progress_dir`.
FILE_NAME = "my_words.json"
#: What a saved record holds, in order.
RECORD_FIELDS = ("word", "pinyin", "article_id", "sentence", "citation", "added")
#: The columns of :func:`my_words`: the saved fields, with the dictionary's definitions and level.
COLUMNS = ["word", "pinyin", "definitions", "hsk_level", "article_id", "sentence", "citation",
           "added"]
_FORMAT = "kit-my-words"
_VERSION = 1
#: How many definitions of the reading in context a table row or a card shows.
MAX_DEFINITIONS = 6
_ANKI_NAMESPACE = "kit.my_words.anki/v1"
#: Fixed Anki ids (from the namespace), so a re-imported deck updates its cards.
ANKI_DECK_ID = int(hashlib.sha1(f"{_ANKI_NAMESPACE}:deck".encode()).hexdigest()[:8], 16)
ANKI_MODEL_ID = int(hashlib.sha1(f"{_ANKI_NAMESPACE}:model".encode()).hexdigest()[:8], 16)


class MyWordsWarning(UserWarning):
    """Something happened to the word-list file that the student should know about."""


def my_words_path(folder: str | Path | None = None) -> Path:
    """The word-list file: ``my_words.json`` in ``folder`` (default: the progress folder).

    >>> my_words_path("/tmp/kit").name
    'my_words.json'
    """
    return Path(folder if folder is not None else progress_dir()).expanduser() / FILE_NAME


# -- the file ----------------------------------------------------------------------------------
def _locked(path: Path):
    return locked(path, "your word list")


def _atomic_write(path: Path, text: str) -> None:
    atomic_write(path, text, "your word list")


def _move_aside(path: Path, problem: str) -> Path:
    target = move_aside(path)
    warnings.warn(f"Your word list {path} could not be read ({problem}). It was moved to "
                  f"{target} so nothing in it is lost, and a new list was started. Open that "
                  "file, or show it to your instructor, to get the earlier words back.",
                  MyWordsWarning, stacklevel=4)
    return target


def _parse(text: str) -> list[dict]:
    """The records in the file's text; ValueError when it is not a word-list file."""
    data = json.loads(text)
    if not isinstance(data, dict) or data.get("format") != _FORMAT:
        raise ValueError("it is not a kit word-list file")
    words = data.get("words")
    if not isinstance(words, list) or not all(isinstance(w, dict) and w.get("word")
                                              for w in words):
        raise ValueError("its 'words' is not a list of saved words")
    return words


def _read(path: Path) -> list[dict]:
    """The saved records (call with the lock held); a corrupt file is moved aside, [] returned."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return []
    except UnicodeDecodeError:
        _move_aside(path, "it is not UTF-8 text")
        return []
    except OSError as exc:
        raise ProgressError(f"cannot read your word list {path} ({exc.strerror})") from None
    try:
        return _parse(text)
    except ValueError as exc:
        problem = f"not valid JSON: {exc}" if isinstance(exc, json.JSONDecodeError) else str(exc)
        _move_aside(path, problem)
        return []


def _dump(records: list[dict]) -> str:
    return json.dumps({"format": _FORMAT, "version": _VERSION, "words": records},
                      ensure_ascii=False, indent=1) + "\n"


def _records(folder) -> list[dict]:
    path = my_words_path(folder)
    with _locked(path):
        return _read(path)


# -- the list ----------------------------------------------------------------------------------
def _citation(article_id: str) -> str:
    """The Chicago citation of an article of the default corpus (seeds/)."""
    from .corpus import load_corpus

    corpus = load_corpus(errors="report")
    try:
        return corpus[article_id].citation()
    except UnknownIdError as exc:
        raise KitError(f"{exc}; or give the citation yourself: kit.add_my_word(word, "
                       f"{article_id!r}, sentence, citation='...')") from None


def add_my_word(word: str, article_id: str, sentence: str, citation: str | None = None,
                folder: str | Path | None = None) -> dict:
    """Add a word to my words, with the sentence it was read in and its article; saved at once.

    A word already in the list keeps its first sentence and article (the list holds each
    word once); the saved record is returned either way.

    Args:
        word: a Chinese word, as on the reader's card.
        article_id: the article it was read in, e.g. ``"003_0d759123a74baf35"``.
        sentence: the sentence it was read in (it must contain the word; ``""`` for none).
            The word's pinyin is read in it.
        citation: the article's citation; default: ``kit.load_corpus()[article_id].citation()``.
        folder: where the list is kept (default: the progress folder).

    Raises:
        KitError: the word has no Chinese, the sentence does not contain it, or the
        article is unknown and no citation was given.

    >>> import tempfile
    >>> folder = tempfile.mkdtemp()
    >>> add_my_word("行长", "x", "银行行长来了。", citation="-", folder=folder)["pinyin"]
    'hángzhǎng'
    """
    reading = pinyin_in_context(word, context=sentence or None)   # checks word and sentence
    word = word.strip()
    if not isinstance(article_id, str) or not article_id.strip():
        raise KitError(f"article_id must be the id of the article the word was read in, e.g. "
                       f"'003_0d759123a74baf35', not {article_id!r}")
    path = my_words_path(folder)
    with _locked(path):
        records = _read(path)
        for record in records:
            if record.get("word") == word:
                return dict(record)
        cite = citation if citation is not None else _citation(article_id)
        record = {"word": word, "pinyin": reading, "article_id": article_id.strip(),
                  "sentence": sentence.strip(), "citation": cite,
                  "added": _dt.datetime.now().isoformat(timespec="seconds")}
        _atomic_write(path, _dump([*records, record]))
    return dict(record)


def remove_my_word(word: str, folder: str | Path | None = None) -> dict:
    """Take a word off my words; returns its record.

    >>> import tempfile
    >>> folder = tempfile.mkdtemp()
    >>> _ = add_my_word("干部", "x", "", citation="-", folder=folder)
    >>> remove_my_word("干部", folder=folder)["word"], len(my_words(folder))
    ('干部', 0)
    >>> remove_my_word("干部", folder=folder)
    Traceback (most recent call last):
    ...
    kit.errors.KitError: '干部' is not in your words; kit.my_words() lists them
    """
    path = my_words_path(folder)
    with _locked(path):
        records = _read(path)
        kept = [r for r in records if r.get("word") != str(word).strip()]
        if len(kept) == len(records):
            hint = did_you_mean(word, [r["word"] for r in records], style="paren")
            raise KitError(f"{word!r} is not in your words{hint}; kit.my_words() lists them")
        _atomic_write(path, _dump(kept))
    return next(r for r in records if r not in kept)


def is_my_word(word: str, folder: str | Path | None = None) -> bool:
    """True when ``word`` is in my words (a reader's star shows it).

    >>> import tempfile
    >>> is_my_word("干部", folder=tempfile.mkdtemp())
    False
    """
    return any(r.get("word") == word for r in _records(folder))


def my_word_set(folder: str | Path | None = None) -> frozenset[str]:
    """The words in the list, as a set (quick: no dictionary, no pandas; the reader's stars).

    >>> import tempfile
    >>> my_word_set(tempfile.mkdtemp())
    frozenset()
    """
    return frozenset(r["word"] for r in _records(folder) if r.get("word"))


def _definitions(record: dict) -> tuple[str, int | None]:
    """The definitions of the reading in the record's sentence, and the HSK level."""
    sentence = record.get("sentence") or ""
    try:
        entry = lookup(record["word"], context=sentence if record["word"] in sentence else None)
    except KitError:
        return "", None
    readings = [r for r in entry.readings if r.in_context] or list(entry.readings)
    definitions = [d for r in readings for d in r.definitions][:MAX_DEFINITIONS]
    if not definitions and entry.term is not None:
        definitions = [entry.term.en]
    return "; ".join(definitions), entry.hsk_level


def my_words(folder: str | Path | None = None):
    """My words as a DataFrame, in the order they were added (columns: :data:`COLUMNS`).

    ``definitions`` are CC-CEDICT's for the reading in the sentence (the glossary's English
    when CC-CEDICT lacks the word); ``hsk_level`` is 1–6, 7 for 7–9, or empty.

    >>> import tempfile
    >>> list(my_words(tempfile.mkdtemp()).columns) == COLUMNS
    True
    """
    import pandas as pd

    rows = []
    for record in _records(folder):
        definitions, level = _definitions(record)
        rows.append({**{k: record.get(k, "") for k in RECORD_FIELDS},
                     "definitions": definitions, "hsk_level": level})
    frame = pd.DataFrame(rows, columns=COLUMNS)
    frame["hsk_level"] = frame["hsk_level"].astype("Int64")
    return frame


def my_words_to_csv(path: str | Path, folder: str | Path | None = None) -> Path:
    """Write my words as UTF-8 CSV (with a BOM, so Excel shows the Chinese); returns the path.

    >>> import tempfile, pathlib
    >>> out = my_words_to_csv(pathlib.Path(tempfile.mkdtemp()) / "words.csv", folder=tempfile.mkdtemp())
    >>> out.read_text(encoding="utf-8-sig").splitlines()[0]
    'word,pinyin,definitions,hsk_level,article_id,sentence,citation,added'
    """
    path = Path(path)
    my_words(folder).to_csv(path, index=False, encoding="utf-8-sig")
    return path


def _anki_model():
    import genanki

    return genanki.Model(
        ANKI_MODEL_ID, "Kit my words (Chinese → English)",
        fields=[{"name": n} for n in ("Word", "Pinyin", "Definitions", "Sentence", "Citation",
                                      "Level", "Article")],
        templates=[{
            "name": "Chinese → English",
            "qfmt": "<div class='zh' lang='zh-Hans'>{{Word}}</div>",
            "afmt": ("{{FrontSide}}<hr id='answer'><div class='py'>{{Pinyin}}</div>"
                     "<div class='en' lang='en'>{{Definitions}}</div>"
                     "{{#Sentence}}<p class='ex' lang='zh-Hans'>{{Sentence}}</p>{{/Sentence}}"
                     "<p class='cite'>{{Citation}}</p><div class='lv'>{{Level}}</div>"),
        }],
        css=(".card { font-family: sans-serif; font-size: 18px; text-align: center; }"
             ".zh { font-size: 40px; } .py { font-size: 24px; } .en { font-size: 18px; }"
             ".ex { font-size: 20px; text-align: left; } .cite, .lv { font-size: 12px; color: #555; }"),
    )


def _highlight(sentence: str, word: str) -> str:
    """The sentence, escaped, with the word in bold."""
    return html.escape(sentence).replace(html.escape(word), f"<b>{html.escape(word)}</b>")


def my_words_to_anki(path: str | Path, folder: str | Path | None = None) -> Path:
    """Write my words as an Anki deck (.apkg): the word on the front; its pinyin, definitions,
    the sentence (word in bold) and the article's citation on the back.

    The deck and note-type ids are fixed and each note's id comes from its word, so
    importing a newer deck updates the cards instead of duplicating them.

    >>> import tempfile, pathlib
    >>> my_words_to_anki(pathlib.Path(tempfile.mkdtemp()) / "my_words.apkg",
    ...                  folder=tempfile.mkdtemp()).suffix
    '.apkg'
    """
    import genanki
    import pandas as pd

    e = html.escape
    model = _anki_model()
    deck = genanki.Deck(ANKI_DECK_ID, "Kit: my words (人民日报 1950s)")
    for row in my_words(folder).itertuples(index=False):
        level = None if pd.isna(row.hsk_level) else int(row.hsk_level)
        label = "outside HSK" if level is None else f"HSK {level_label(level)}"
        deck.add_note(genanki.Note(
            model=model,
            fields=[e(row.word), e(row.pinyin), e(row.definitions),
                    _highlight(row.sentence, row.word), e(row.citation), label, e(row.article_id)],
            guid=genanki.guid_for(_ANKI_NAMESPACE, row.word),
            tags=["kit-my-words"],
        ))
    path = Path(path)
    genanki.Package(deck).write_to_file(str(path))
    return path
