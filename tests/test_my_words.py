"""My words (kit.word_list, in the facade kit.add_my_word, kit.my_words ...): saved like progress, exported."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import time
import zipfile
from pathlib import Path

import pandas as pd
import pytest

import kit
from kit import word_list as mw
from kit.word_list import (COLUMNS, MyWordsWarning, add_my_word, is_my_word, my_words,
                          my_words_path, my_words_to_anki, my_words_to_csv, remove_my_word)

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = "003_0d759123a74baf35"
SENTENCE = "有的领导干部只一般地号召推广先进经验，不作具体工作；"
CITE = "“及时总结和传播推广先进经验的经验”. 人民日报 [People's Daily], August 3, 1952, p. 2."


@pytest.fixture(autouse=True)
def progress_folder(tmp_path, monkeypatch):
    """Every test saves into its own folder, named by KIT_PROGRESS_DIR as a user would."""
    folder = tmp_path / "progress"
    monkeypatch.setenv("KIT_PROGRESS_DIR", str(folder))
    return folder


def test_a_word_is_saved_with_its_sentence_pinyin_and_citation(progress_folder):
    saved = add_my_word("干部", ARTICLE, SENTENCE, citation=CITE)
    assert my_words_path() == progress_folder / "my_words.json"
    data = json.loads(my_words_path().read_text(encoding="utf-8"))
    assert data["format"] == "kit-my-words"
    assert data["words"] == [saved]
    assert (saved["word"], saved["pinyin"], saved["article_id"], saved["sentence"],
            saved["citation"]) == ("干部", "gànbù", ARTICLE, SENTENCE, CITE)
    frame = my_words()
    assert list(frame.columns) == COLUMNS
    row = frame.iloc[0]
    assert row["definitions"].startswith("cadre; official")
    assert row["hsk_level"] == 7
    assert is_my_word("干部") and not is_my_word("厂长")


def test_the_pinyin_and_definitions_are_those_of_the_sentence():
    add_my_word("行", ARTICLE, "银行行长来了。", citation=CITE)
    row = my_words().iloc[0]
    assert row["pinyin"] == "háng"
    assert row["definitions"].startswith("row; line; commercial firm")
    assert "to walk" not in row["definitions"]


def test_the_citation_defaults_to_the_articles_own():
    saved = add_my_word("推广", ARTICLE, SENTENCE)
    article = kit.read_article(ROOT / "tests" / "data" / "articles" / f"{ARTICLE}.txt")
    assert saved["citation"] == article.citation()


def test_an_unknown_article_needs_a_citation():
    with pytest.raises(kit.KitError, match=r"unknown article.*give the citation yourself"):
        add_my_word("干部", "999_nope", SENTENCE)
    assert add_my_word("干部", "999_nope", SENTENCE, citation="my own source")["citation"] == "my own source"


def test_bad_words_and_sentences_are_student_errors():
    with pytest.raises(kit.KitError, match="has no Chinese characters"):
        add_my_word("cadre", ARTICLE, SENTENCE, citation=CITE)
    with pytest.raises(kit.KitError, match="does not contain '厂长'"):
        add_my_word("厂长", ARTICLE, SENTENCE, citation=CITE)
    with pytest.raises(kit.KitError, match="article_id must be"):
        add_my_word("干部", "", SENTENCE, citation=CITE)
    assert not my_words_path().exists() or my_words().empty


def test_a_word_is_kept_once_with_its_first_sentence():
    first = add_my_word("干部", ARTICLE, SENTENCE, citation=CITE)
    again = add_my_word("干部", "000_7ca6473d3635779a", "东北总工会召开干部大会", citation="other")
    assert again == first
    assert my_words()["word"].tolist() == ["干部"]


def test_remove_a_word():
    add_my_word("干部", ARTICLE, SENTENCE, citation=CITE)
    add_my_word("推广", ARTICLE, SENTENCE, citation=CITE)
    assert remove_my_word("干部")["word"] == "干部"
    assert my_words()["word"].tolist() == ["推广"]
    with pytest.raises(kit.KitError, match="'干部' is not in your words; kit.my_words\\(\\) lists them"):
        remove_my_word("干部")


def test_a_corrupt_file_is_moved_aside_with_a_warning_never_deleted(progress_folder):
    progress_folder.mkdir(parents=True)
    broken = '{"format": "kit-my-words", "words": [{"word": "干部"'
    my_words_path().write_text(broken, encoding="utf-8")
    with pytest.warns(MyWordsWarning, match="could not be read.*was moved to"):
        assert my_words().empty
    aside = list(progress_folder.glob("my_words.json.corrupt-*"))
    assert len(aside) == 1 and aside[0].read_text(encoding="utf-8") == broken
    add_my_word("干部", ARTICLE, SENTENCE, citation=CITE)
    assert my_words()["word"].tolist() == ["干部"]
    assert aside[0].read_text(encoding="utf-8") == broken


def test_export_to_csv(tmp_path):
    add_my_word("干部", ARTICLE, SENTENCE, citation=CITE)
    add_my_word("行", ARTICLE, "银行行长来了。", citation=CITE)
    out = my_words_to_csv(tmp_path / "words.csv")
    assert out.read_bytes().startswith("\ufeff".encode())   # Excel reads it as UTF-8
    back = pd.read_csv(out, encoding="utf-8-sig")
    assert back["word"].tolist() == ["干部", "行"]
    assert back["pinyin"].tolist() == ["gànbù", "háng"]
    assert back["citation"].tolist() == [CITE, CITE]


def _anki_notes(path: Path) -> list[tuple[str, list[str]]]:
    with zipfile.ZipFile(path) as package:
        package.extract("collection.anki2", path.parent)
    db = sqlite3.connect(path.parent / "collection.anki2")
    try:
        return [(guid, flds.split("\x1f")) for guid, flds in db.execute("select guid, flds from notes")]
    finally:
        db.close()
        (path.parent / "collection.anki2").unlink()


def test_export_to_anki_with_sentence_and_citation_and_stable_ids(tmp_path):
    add_my_word("干部", ARTICLE, SENTENCE, citation=CITE)
    (tmp_path / "a").mkdir()
    first = _anki_notes(my_words_to_anki(tmp_path / "a" / "my.apkg"))
    ((guid, fields),) = first
    word, pinyin, definitions, sentence, citation, level, article = fields
    assert (word, pinyin, level, article) == ("干部", "gànbù", "HSK 7–9", ARTICLE)
    assert definitions.startswith("cadre; official")
    assert sentence == SENTENCE.replace("干部", "<b>干部</b>")
    assert "人民日报 [People&#x27;s Daily], August 3, 1952" in citation
    add_my_word("推广", ARTICLE, SENTENCE, citation=CITE)
    (tmp_path / "b").mkdir()
    second = dict(_anki_notes(my_words_to_anki(tmp_path / "b" / "my.apkg")))
    assert second[guid][0] == "干部"          # the same word keeps its note id
    assert len(second) == 2


# -- never lost: writers killed mid-write ---------------------------------------------------------
KILL_ROUNDS = 12
WRITERS = ("甲", "乙")   # two writers at once: the lock must keep both their words


def _fork_writer(prefix: str, first: int) -> tuple[int, int]:
    """A child process (forked, so already warm) adding words; it reports each one once saved."""
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # the writer
        os.close(read_fd)
        code = 0
        try:
            for i in range(first, first + 1_000_000):
                add_my_word(f"{prefix}{i}", ARTICLE, "", citation="test")
                os.write(write_fd, f"{prefix}{i}\n".encode())
        except BaseException as exc:  # reported to the test, which fails on it
            os.write(write_fd, f"ERROR {exc!r}\n".encode())
            code = 1
        finally:
            os._exit(code)
    os.close(write_fd)
    return pid, read_fd


def _read_all(fd: int) -> str:
    chunks = []
    while chunk := os.read(fd, 65536):
        chunks.append(chunk)
    os.close(fd)
    return b"".join(chunks).decode()


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork (Linux, macOS)")
def test_writers_killed_mid_write_never_lose_a_word_and_the_file_always_parses():
    mw.pinyin_in_context("干部")           # load jieba once, before the writers are forked
    rng = random.Random(16)
    confirmed: set[str] = set()
    next_index = dict.fromkeys(WRITERS, 0)
    for _ in range(KILL_ROUNDS):
        writers = {p: _fork_writer(p, next_index[p]) for p in WRITERS}
        time.sleep(rng.uniform(0.05, 0.3))
        for pid, _ in writers.values():
            os.kill(pid, signal.SIGKILL)
        for p, (pid, fd) in writers.items():
            os.waitpid(pid, 0)
            lines = _read_all(fd).split("\n")
            assert not [x for x in lines if x.startswith("ERROR")], lines[-3:]
            words = [w for w in lines if w.startswith(p)]
            confirmed.update(words)
            if words:
                next_index[p] = max(int(w[len(p):]) for w in words) + 1
        data = json.loads(my_words_path().read_text(encoding="utf-8"))   # always parses
        saved = {record["word"] for record in data["words"]}
        assert confirmed <= saved, f"lost: {sorted(confirmed - saved)[:5]}"
    assert len(confirmed) > 20
    assert not list(my_words_path().parent.glob("my_words.json.corrupt-*"))
    frame = my_words()
    assert set(frame["word"]) >= confirmed
    assert frame["word"].is_unique
