"""The answer controls of a QuizView, one kind per question type (ipywidgets only).

Each input offers ``widget`` (what is displayed), ``control`` (what a test or a student
sets), ``response()``, ``set_response(value)``, ``clear()`` and ``disable(flag)``.
"""

from __future__ import annotations

from typing import Callable

import ipywidgets as widgets

from ..errors import KitError
from ._html import esc, zh_lang

__all__ = ["InputProblem", "INPUTS", "PLACEHOLDER", "zh_attr"]

#: The empty entry of a drop-down.
PLACEHOLDER = "— choose —"


def zh_attr(text: str) -> str:
    """``lang="zh-Hans"`` for text that is Chinese (not English with a Chinese word in it)."""
    chinese = any("\u3400" <= ch <= "\u9fff" for ch in text)
    latin = any("a" <= ch.lower() <= "z" for ch in text)
    return f' lang="{zh_lang()}"' if chinese and not latin else ""


class InputProblem(KitError):
    """The controls do not yet hold an answer that can be checked (shown, not counted)."""


class _OneControlInput:
    """An input that is one widget: its value is the response, ``empty`` when cleared."""

    empty = ""

    def response(self):
        return self.control.value

    def set_response(self, value):
        self.control.value = value

    def clear(self):
        self.control.value = self.empty

    def disable(self, flag: bool):
        self.control.disabled = flag


class _ChoiceInput(_OneControlInput):
    empty = None

    def __init__(self, q, submit: Callable):
        self.control = widgets.RadioButtons(options=list(q.choices), value=None,
                                            layout=widgets.Layout(width="auto"))
        self.widget = self.control


class _MultipleInput:
    def __init__(self, q, submit: Callable):
        self.boxes = [widgets.Checkbox(value=False, description=c, indent=False,
                                       layout=widgets.Layout(width="auto")) for c in q.choices]
        self.widget = widgets.VBox(self.boxes)
        self.control = self.widget

    def response(self):
        return [b.description for b in self.boxes if b.value]

    def set_response(self, values):
        for b in self.boxes:
            b.value = b.description in values

    def clear(self):
        self.set_response([])

    def disable(self, flag: bool):
        for b in self.boxes:
            b.disabled = flag


class _TextInput(_OneControlInput):
    def __init__(self, q, submit: Callable):
        placeholder = {"pinyin": "e.g. ni3hao3 or nǐhǎo, then Enter",
                       "cloze": "type the missing word, then Enter"}[q.type]
        self.control = widgets.Text(value="", placeholder=placeholder, description="Answer:",
                                    continuous_update=False,
                                    layout=widgets.Layout(width="100%", max_width="32em"))
        self.widget = self.control
        self._quiet = False
        self.control.observe(lambda change: None if self._quiet or not change["new"].strip()
                             else submit(), names="value")

    def clear(self):
        self._quiet = True   # clearing is not an answer: no submit
        try:
            super().clear()
        finally:
            self._quiet = False


class _MatchingInput:
    def __init__(self, q, submit: Callable):
        options = [(PLACEHOLDER, "")] + [(r, r) for r in q.right]
        self.dropdowns = {left: widgets.Dropdown(options=options, value="",
                                                 description=left,
                                                 style={"description_width": "10em"},
                                                 layout=widgets.Layout(width="100%", max_width="40em"))
                          for left in q.left}
        self.widget = widgets.VBox(list(self.dropdowns.values()))
        self.control = self.widget

    def response(self):
        return {left: d.value for left, d in self.dropdowns.items() if d.value}

    def set_response(self, mapping):
        for left, d in self.dropdowns.items():
            d.value = mapping.get(left, "")

    def clear(self):
        self.set_response({})

    def disable(self, flag: bool):
        for d in self.dropdowns.values():
            d.disabled = flag


class _OrderingInput:
    def __init__(self, q, submit: Callable):
        n = len(q.items)
        options = [(PLACEHOLDER, 0)] + [(str(i), i) for i in range(1, n + 1)]
        self.items = list(q.items)
        self.dropdowns = [widgets.Dropdown(options=options, value=0, layout=widgets.Layout(width="8em"))
                          for _ in self.items]
        rows = [widgets.HBox([d, widgets.HTML(f'<span{zh_attr(item)}>{esc(item)}</span>')])
                for d, item in zip(self.dropdowns, self.items)]
        self.widget = widgets.VBox(rows)
        self.control = self.widget

    def response(self):
        places = [d.value for d in self.dropdowns]
        if not any(places):
            return []
        if 0 in places:
            raise InputProblem("Give every item a place before checking.")
        if len(set(places)) != len(places):
            raise InputProblem("Give each item a different place (1, 2, 3 …).")
        return [item for _, item in sorted(zip(places, self.items))]

    def set_response(self, order):
        for d, item in zip(self.dropdowns, self.items):
            d.value = list(order).index(item) + 1 if item in order else 0

    def clear(self):
        for d in self.dropdowns:
            d.value = 0

    def disable(self, flag: bool):
        for d in self.dropdowns:
            d.disabled = flag


class _ShortAnswerInput(_OneControlInput):
    def __init__(self, q, submit: Callable):
        self.control = widgets.Textarea(value="", placeholder="Write your answer here.",
                                        rows=4, layout=widgets.Layout(width="100%", max_width="40em"))
        self.widget = self.control


INPUTS = {
    "single": _ChoiceInput, "true_false": _ChoiceInput, "translation": _ChoiceInput,
    "multiple": _MultipleInput, "cloze": _TextInput, "pinyin": _TextInput,
    "matching": _MatchingInput, "ordering": _OrderingInput, "short_answer": _ShortAnswerInput,
}
