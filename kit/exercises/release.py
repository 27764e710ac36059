"""Student copies: exercise sets that check answers without holding them.

``python -m kit release exercises/ student/`` (or :func:`release_sets`) writes, for each
set, a copy in which

* typed answers (cloze, pinyin) and every accepted variant are stored only as slow salted
  hashes (scrypt, a random salt per question, :data:`~kit.exercises.sealing.TYPED_COST`),
  normalised exactly as :func:`kit.exercises.check` normalises a response;
* what is shown after a right answer (explanation, worked answer) and per-choice feedback
  is encrypted with a key derived from that answer (or that choice): only a student who
  found it can read it;
* hints stay readable (they are shown after a wrong attempt);
* ``mode="practice"`` (default) keeps the worked answer openable after the last hint, so
  such a copy cannot keep that answer secret; ``mode="exam"`` never shows it.

Choices, matchings, orderings and true/false answers cannot be hidden in a copy that
checks itself offline: a student can try every option. Only a classroom service that
keeps the keys off the student's machine can hide them (see :data:`OFFLINE_LIMITS`).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, Mapping

from .._data import display_path
from ..errors import ExerciseError
from .answers import normalise
from .sealing import (CHOICE_COST, SALT_BYTES, SCRYPT_P, SCRYPT_R, TYPED_COST, derive,
                      is_token, is_verifier, new_salt, seal, stored_key, valid_cost)
from .schema import (AUTO_CHECKED, BLANK_RE, MODES, REVEAL, TRUE_FALSE, TYPED, AnswerKey,
                     ExerciseSet, Question)
from .validate import (SET_KEYS, RawQuestion, line_of, load_instructor_set, question_type,
                       set_from_data, unknown_keys)

__all__ = ["release_set", "release_sets", "released_question", "released_question_data", "released_set_from_data",
           "release_notice", "answers_readable", "OFFLINE_LIMITS", "PUBLIC_FIELDS", "KDF"]

#: Fields a student copy keeps in plain text, per type (besides id, type, prompt, hints).
PUBLIC_FIELDS = {
    "single": ("choices",), "multiple": ("choices",), "translation": ("source", "choices"),
    "true_false": (), "cloze": ("sentence", "lang"), "pinyin": ("term", "context"),
    "matching": ("left", "right"), "ordering": ("items",), "short_answer": (),
}
#: The key derivation every copy names, checked when it is read.
KDF = {"name": "scrypt", "r": SCRYPT_R, "p": SCRYPT_P}
_LIST_FIELDS = ("choices", "left", "right", "items")
_REQUIRED_TEXT = ("source", "sentence", "term")
_RELEASED_SET_KEYS = SET_KEYS | {"released", "mode", "kdf"}
_QUESTION_KEYS = {"id", "type", "prompt", "hints", "salt", "cost", "key", "sealed", "reveal"}
_SALT_HEX = 2 * SALT_BYTES
_STEM_CALL = r'((?:QuizView|load_exercises)\(\s*)"({names})"'

#: What an offline copy cannot do, printed by ``python -m kit release``.
OFFLINE_LIMITS = (
    "Choice, true/false, matching and ordering answers cannot be hidden in a copy that checks "
    "itself offline: a student can try every option. Short answers show their model answer to "
    "be self-marked. Typed answers (cloze, pinyin) are stored only as slow salted hashes. "
    "To keep every answer off the students' machines, use the classroom service "
    "(kit issue 13) instead of files.")

_NOTE = """\
# Student copy written by `python -m kit release` (mode: {mode}). Typed answers are stored only
# as slow salted hashes ('key'); what is shown after a right answer is encrypted with a key
# derived from that answer ('sealed'). Edit the instructor's set, not this file, and release it again.
"""


def release_notice(mode: str = "practice") -> str:
    """What a student copy of this ``mode`` keeps secret and what it cannot (for the CLI).

    >>> "cannot be hidden" in release_notice("exam")
    True
    """
    _check_mode(mode)
    reveal = ("practice: after the last hint the worked answer is shown, so a practice copy "
              "cannot keep that answer secret" if mode == "practice"
              else "exam: answers are never shown; they can only be found by guessing")
    return f"Mode {reveal}. {OFFLINE_LIMITS}"


def _public_texts(q: Question) -> list[str]:
    """What a student copy shows of ``q`` in plain text (hints included: a Hint button shows them)."""
    return [q.id.replace("-", " ").replace("_", " "), q.prompt, *q.hints,
            BLANK_RE.sub(" ", q.sentence), q.source, q.term, q.context,
            *q.choices, *q.left, *q.right, *q.items]


def _readable(answer: str, text: str, lang: str) -> bool:
    n, t = normalise(answer, lang), normalise(text, lang)
    if lang == "zh":
        return bool(n) and n in t
    return re.search(rf"(?<!\w){re.escape(n)}(?!\w)", t) is not None


def answers_readable(s: ExerciseSet) -> list[str]:
    """Typed answers that a student copy of ``s`` would show anyway: found in a prompt, a hint,
    a sentence or a choice of any question of the set (each problem as a sentence)."""
    problems = []
    for q in (q for q in s if q.type in TYPED):
        lang = q.lang or "en"
        answers = sorted(next((v for k, v in q.key.facets if k == "answer"), ()))
        if q.type == "pinyin":   # the toneless letters too: with them only the tones are left
            answers = [q.solution, *sorted(next((v for k, v in q.key.facets if k == "letters"), ()))]
        for other in s:
            for text in _public_texts(other):
                hit = next((a for a in answers if _readable(a, text, lang)), None)
                if hit:
                    problems.append(f"the answer '{hit}' of question '{q.id}' can be read in "
                                    f"question '{other.id}': {text[:60]!r}")
                    break
    return problems


def _refuse_giveaways(s: ExerciseSet) -> None:
    problems = answers_readable(s)
    if problems:
        raise ExerciseError("a student copy would give answers away (hints are shown on request): "
                            + "; ".join(problems) + ". Reword these texts, then release again.",
                            path=display_path(s.path) if s.path else None)


def _check_mode(mode: str) -> str:
    if mode not in MODES:
        raise ExerciseError(f"mode must be one of: {', '.join(MODES)} (not {mode!r})")
    return mode


# -- writing -----------------------------------------------------------------------------------
def _locks(q: Question, salt: str, cost: int) -> tuple[dict, dict]:
    """(key: kind → verifiers, sealed: verifier → token) of one auto-checked question."""
    key: dict[str, list[str]] = {}
    sealed: dict[str, str] = {}
    after = {"explanation": q.explanation, "solution": q.solution}
    for kind, facets in q.key.facets:
        for facet in sorted(facets):
            verifier, secret = derive(salt, cost, q.id, kind, facet)
            key.setdefault(kind, []).append(verifier)
            if kind == "answer":
                sealed[verifier] = seal(secret, after)
    for choice, text in q.feedback:
        verifier, secret = derive(salt, cost, q.id, "feedback", normalise(choice))
        key.setdefault("feedback", []).append(verifier)
        sealed[verifier] = seal(secret, {"feedback": text})
    return {k: sorted(v) for k, v in key.items()}, sealed


def _released_dict(q: Question, mode: str, cost: int) -> dict:
    """One question as a student copy stores it."""
    out: dict[str, Any] = {"id": q.id, "type": q.type, "prompt": q.prompt}
    for name in PUBLIC_FIELDS[q.type]:
        value = getattr(q, name)
        if value:
            out[name] = list(value) if isinstance(value, tuple) else value
    if q.hints:
        out["hints"] = list(q.hints)
    salt = out["salt"] = new_salt()
    if q.auto_checked:
        out["cost"] = cost if q.type in TYPED else CHOICE_COST
        out["key"], out["sealed"] = _locks(q, salt, out["cost"])
    if mode == "practice" or not q.auto_checked:
        shown = {"explanation": q.explanation, "solution": q.solution, "rubric": list(q.rubric)}
        out["reveal"] = seal(stored_key(salt, q.id, REVEAL), shown)
    return out


def released_question_data(q: Question, mode: str = "practice", cost: int = TYPED_COST) -> dict:
    """One question as a student copy stores it (what :func:`release_set` writes for it)."""
    if q.released:
        raise ExerciseError("this question is already from a student copy", question_id=q.id)
    return _released_dict(q, _check_mode(mode), cost)


def release_set(exercise_set: ExerciseSet | str | Path, out_path: str | Path,
                mode: str = "practice", cost: int = TYPED_COST) -> Path:
    """Write a student copy of one set to ``out_path`` (see :func:`release_sets`)."""
    import yaml

    _check_mode(mode)
    if not valid_cost(cost):
        raise ExerciseError(f"cost must be a power of two from 2 to 2**20, not {cost!r}")
    s = exercise_set if isinstance(exercise_set, ExerciseSet) else load_instructor_set(Path(exercise_set))
    if s.released:
        raise ExerciseError("this is already a student copy; release the instructor's set",
                            path=display_path(s.path) if s.path else None)
    _refuse_giveaways(s)
    data: dict[str, Any] = {"title": s.title}
    if s.lesson:
        data["lesson"] = s.lesson
    if s.article:
        data["article"] = list(s.article) if len(s.article) > 1 else s.article[0]
    if s.description:
        data["description"] = s.description
    data.update(released=True, mode=mode, kdf=dict(KDF))
    data["questions"] = [_released_dict(q, mode, cost) for q in s.questions]
    out_path = Path(out_path)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    text = _NOTE.format(mode=mode) + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    out_path.write_text(text, encoding="utf-8")
    return out_path


def release_sets(src_dir: str | Path, out_dir: str | Path, mode: str = "practice",
                 cost: int = TYPED_COST) -> list[Path]:
    """Write student copies of every set in ``src_dir`` (and its notebooks) to ``out_dir``.

    Every ``*.yaml`` set is validated first (nothing is written if one is malformed),
    then written as described in this module's docstring. Notebooks ``*.ipynb`` next to
    the sets are copied with their outputs cleared, and a set named in a notebook
    (``QuizView("01_x")``) is named by its file (``"01_x.yaml"``), so the copy loads the
    set beside it. The instructor's files are not changed.

    Args:
        src_dir: the instructor's folder of sets, e.g. ``exercises/``.
        out_dir: another folder, for the copies.
        mode: ``"practice"`` or ``"exam"`` (see :data:`kit.exercises.MODES`).
        cost: scrypt cost of typed answers (default :data:`~kit.exercises.sealing.TYPED_COST`;
            tests lower it for speed).

    Returns:
        The paths written, sets first.

    Raises:
        kit.ExerciseError: when a set is malformed, ``src_dir`` has no sets, ``out_dir``
            is ``src_dir`` or ``mode`` is unknown.
    """
    _check_mode(mode)
    src, out = Path(src_dir), Path(out_dir)
    if not src.is_dir():
        raise ExerciseError("the source must be a folder of exercise sets, e.g. exercises/",
                            path=display_path(src))
    if out.exists() and out.resolve() == src.resolve():
        raise ExerciseError("the student copies must go to another folder than the instructor's "
                            "sets, e.g. python -m kit release exercises/ student/", path=display_path(out))
    sets = [load_instructor_set(p) for p in sorted(src.glob("*.yaml"))]
    if not sets:
        raise ExerciseError("no exercise sets (*.yaml) in this folder", path=display_path(src))
    for s in sets:
        _refuse_giveaways(s)
    written = [release_set(s, out / Path(s.path).name, mode, cost) for s in sets]
    stems = [Path(s.path).stem for s in sets]
    for nb in sorted(src.glob("*.ipynb")):
        written.append(_copy_notebook(nb, out / nb.name, stems))
    return written


def _copy_notebook(src: Path, dest: Path, stems: list[str]) -> Path:
    data = json.loads(src.read_text(encoding="utf-8"))
    by_file = re.compile(_STEM_CALL.format(names="|".join(map(re.escape, stems))))
    for cell in data.get("cells", []):
        if cell.get("cell_type") == "code":
            cell["outputs"] = []
            cell["execution_count"] = None
            source = cell.get("source", [])
            lines = source if isinstance(source, list) else [source]
            cell["source"] = [by_file.sub(r'\1"\2.yaml"', line) for line in lines]
    data.get("metadata", {}).pop("widgets", None)
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return dest


# -- reading -----------------------------------------------------------------------------------
def _damaged(r: RawQuestion, what: str, key: str) -> ExerciseError:
    return r.fail(f"{what} is damaged; ask your instructor for a fresh copy", key)


def _released_public(r: RawQuestion, qtype: str) -> dict:
    public: dict[str, Any] = {}
    for name in PUBLIC_FIELDS[qtype]:
        if name in _LIST_FIELDS:
            public[name] = r.texts(name, required=True, minimum=2)
        else:
            public[name] = r.text(name, required=name in _REQUIRED_TEXT)
    if qtype == "true_false":
        public["choices"] = TRUE_FALSE
    return public


def _released_key(r: RawQuestion, salt: str) -> tuple[AnswerKey, tuple]:
    """The hashed key and the sealed texts of an auto-checked released question."""
    cost, data, sealed = r.raw.get("cost"), r.raw.get("key"), r.raw.get("sealed")
    if not valid_cost(cost):
        raise _damaged(r, "the cost of the answer key ('cost')", "cost")
    if not isinstance(data, Mapping) or not data:
        raise _damaged(r, "the answer key ('key')", "key")
    facets = []
    for kind, values in data.items():
        if not isinstance(values, list) or not all(is_verifier(v) for v in values):
            raise _damaged(r, f"the answer key '{kind}'", "key")
        facets.append((str(kind), frozenset(values)))
    if not isinstance(sealed, Mapping) or not all(
            is_verifier(k) and is_token(v) for k, v in sealed.items()):
        raise _damaged(r, "the sealed feedback ('sealed')", "sealed")
    return AnswerKey(tuple(facets), salt, cost), tuple(sorted(sealed.items()))


def released_question(raw: Any, path: str | None = None) -> Question:
    """Read one question of a student copy (raises ExerciseError naming file, line and id)."""
    if not isinstance(raw, Mapping):
        raise ExerciseError(f"each question must be a mapping, found {raw!r}", path=path,
                            line=line_of(raw))
    r = RawQuestion(raw, path, None)
    r.qid = r.text("id", what="the question id")
    qtype = question_type(r)
    unknown_keys(raw, _QUESTION_KEYS | set(PUBLIC_FIELDS[qtype]), f"a released {qtype} question",
                 path, r.qid)
    salt = raw.get("salt")
    if not (isinstance(salt, str) and re.fullmatch(f"[0-9a-f]{{{_SALT_HEX}}}", salt)):
        raise _damaged(r, "the salt ('salt')", "salt")
    key, sealed = AnswerKey(salt=salt), ()
    if qtype in AUTO_CHECKED:
        key, sealed = _released_key(r, salt)
    reveal = raw.get("reveal") or ""
    if reveal and not is_token(reveal):
        raise _damaged(r, "the sealed answer ('reveal')", "reveal")
    return Question(id=r.qid, type=qtype, prompt=r.text("prompt"), key=key,
                    hints=r.texts("hints"), sealed=sealed, reveal=reveal, line=line_of(raw),
                    path=path, **_released_public(r, qtype))


def released_set_from_data(data: Mapping, shown: str, path: Path | None) -> ExerciseSet:
    """An :class:`ExerciseSet` from a student copy's parsed YAML."""
    if "salt" in data:
        raise ExerciseError("this student copy was written by an older kit, whose copies gave "
                            "their answers away; ask your instructor to release it again",
                            path=shown, line=line_of(data, "salt"))
    mode = data.get("mode")
    if mode not in MODES:
        raise ExerciseError(f"'mode' must be one of: {', '.join(MODES)}, found {mode!r}",
                            path=shown, line=line_of(data, "mode"), field="mode")
    if dict(data.get("kdf") or {}) != KDF:
        raise ExerciseError(f"this copy names a key derivation this kit does not use "
                            f"({data.get('kdf')!r}); release it again", path=shown,
                            line=line_of(data, "kdf"), field="kdf")
    return set_from_data(data, shown, path, read_question=released_question,
                         allowed=_RELEASED_SET_KEYS, released=True, mode=mode)
