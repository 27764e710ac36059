"""Cloze questions generated from any article: each glossary term found becomes a blank.

    >>> import kit
    >>> article = kit.load_corpus()["003_0d759123a74baf35"]
    >>> [q.type for q in generate_cloze(article, n=2)]
    ['cloze', 'cloze']
"""

from __future__ import annotations

from typing import Sequence

from ..errors import ExerciseError
from .answers import normalise
from .schema import Question
from .validate import question_from_dict

__all__ = ["generate_cloze", "BLANK"]

#: How a generated question writes its blank.
BLANK = "____"


def _occurrences(article, glossary) -> list:
    """The body occurrences of glossary terms, by paragraph, Chinese first at one place."""
    return sorted((o for o in glossary.find(article)
                   if o.part == "body" and not o.nested and o.paragraph is not None),
                  key=lambda o: (o.paragraph, 0 if o.lang == "zh" else 1, o.start, o.end))


def generate_cloze(article, glossary=None, n: int = 5) -> list[Question]:
    """Cloze questions from the glossary terms of any article: exercises for free.

    For each glossary term found in the article (``glossary.find(article)``), in the
    order it first occurs, the sentence holding it becomes a question with the term
    blanked; the hints are the term's meaning and then its pinyin (or, for an English
    blank, its Chinese). At most one question per term and per sentence, Chinese
    blanks before English ones at the same place; the result is the same every time.

    Args:
        article: a :class:`kit.Article`.
        glossary: a :class:`kit.Glossary` (default: ``kit.load_glossary()``).
        n: how many questions at most (fewer when the article holds fewer terms).

    Returns:
        A list of validated cloze :class:`Question` objects.
    """
    from ..language import split_sentences

    if glossary is None:
        from ..glossary import load_glossary

        glossary = load_glossary()
    questions: list[Question] = []
    used_terms: set[tuple[str, str]] = set()
    used_sentences: set[tuple[str, int, int]] = set()
    sentences: dict[tuple[str, int], list[str]] = {}  # (lang, paragraph) -> its sentences
    for occ in _occurrences(article, glossary):
        if len(questions) >= n:
            break
        lang = occ.lang
        if (occ.term_id, lang) in used_terms:
            continue
        paragraph = (article.paragraphs_zh if lang == "zh" else article.paragraphs_en)[occ.paragraph]
        if (lang, occ.paragraph) not in sentences:
            sentences[lang, occ.paragraph] = split_sentences(paragraph, lang)
        found = _sentence_at(paragraph, sentences[lang, occ.paragraph], occ.start)
        if found is None or (lang, occ.paragraph, found[0]) in used_sentences:
            continue
        q = _question(article, occ, glossary[occ.term_id], paragraph, found)
        if q is None:
            continue
        questions.append(q)
        used_terms.add((occ.term_id, lang))
        used_sentences.add((lang, occ.paragraph, found[0]))
    return questions


def _question(article, occ, term, paragraph: str, found: tuple[int, str]) -> Question | None:
    """The cloze question blanking ``occ`` in its sentence (None when it would give itself away)."""
    s_start, sentence = found
    surface = paragraph[occ.start:occ.end]
    local = occ.start - s_start
    blanked = sentence[:local] + BLANK + sentence[local + len(surface):]
    raw = _cloze_raw(article, occ, term, occ.lang, surface, blanked)
    try:
        return question_from_dict(raw, path=f"<generated from {article.id}>")
    except ExerciseError:
        return None  # e.g. the term occurs twice in the sentence: the blank would give it away


def _sentence_at(paragraph: str, sentences: Sequence[str], offset: int):
    """(start, sentence) of the sentence of ``paragraph`` that holds ``offset``."""
    cursor = 0
    for sentence in sentences:
        start = paragraph.find(sentence, cursor)
        if start < 0:
            continue
        end = start + len(sentence)
        if start <= offset < end:
            return start, sentence
        cursor = end
    return None


def _cloze_raw(article, occ, term, lang, surface, blanked) -> dict:
    zh, pinyin, en, gloss = term.zh, term.pinyin, term.en, term.gloss
    where = f"paragraph {occ.paragraph + 1}"
    if lang == "zh":
        prompt = f"Fill the blank with the Chinese term ({where})."
        hints = [f"It means “{en}”." if en else gloss, f"Its pinyin is {pinyin}." if pinyin else ""]
        accept = [zh] if zh and zh != surface else []
    else:
        prompt = f"Fill the blank with the English words the translation uses ({where})."
        hints = [gloss or (f"It translates {zh}." if zh else ""), f"The Chinese is {zh} ({pinyin})."]
        accept = [v for v in term.en_forms if v and normalise(v) != normalise(surface)]
    explanation = (f"{zh} ({pinyin}): {en}." if zh else f"{surface}.") + (f" {gloss}" if gloss else "")
    explanation += f" Source: {article.citation()}"
    raw = {"id": f"cloze-{occ.term_id}-{lang}", "type": "cloze", "prompt": prompt,
           "sentence": blanked, "lang": lang, "answer": surface,
           "hints": [h for h in hints if h], "explanation": explanation}
    if accept:
        raw["accept"] = accept
    return raw
