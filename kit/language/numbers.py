"""Numbers and dates on both sides of a translation, keyed alike (七月 and July are both ``m:7``).

They are the surest anchors of a sentence alignment: a translation carries them over.

    >>> zh_numbers("七月二十日"), en_numbers("July 20th")
    ({'m:7': '七月', 'n:20': '二十日'}, {'m:7': 'July', 'n:20': '20th'})
"""

from __future__ import annotations

import re

from ..text import zh_int

__all__ = ["zh_numbers", "en_numbers"]

_ZH_NUM = "零〇○一二三四五六七八九十百千万亿两0-9０-９"
#: Measure words after which a single-character numeral counts as a number (三个, 五吨).
MEASURES = "个名人吨次倍家座台件项条种位斤元天岁户"
_MEASURE_AFTER = frozenset(MEASURES)
_ZH_NUMBER = re.compile(rf"(?P<ord>第)?(?P<num>[{_ZH_NUM}]+)(?P<after>[月日号年、．.%％{MEASURES}]?)")
#: Characters that end a date or a counted number (二十日, 五十%).
_ZH_NUMBER_UNITS = ("日", "号", "年", "%", "％")
#: Marks after a list number (一、 一．), counted only at the start of a clause.
_ZH_LIST_MARKS = ("、", "．", ".")
#: Characters before a list number at the start of a clause.
_ZH_CLAUSE_START = "：:，,；;。 \n（("
#: A numeral that starts with a unit (百, 千) is a word (百货, 千万), not a number.
_ZH_UNIT_FIRST = "百千万亿"
_MONTHS_IN_A_YEAR = 12

MONTHS = {m: i for i, ms in enumerate([
    ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
    ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
    ("october", "oct"), ("november", "nov"), ("december", "dec")], start=1) for m in ms}
EN_NUMBER_WORDS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "twenty": 20, "thirty": 30, "hundred": 100,
    "thousand": 1000, "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
    "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "firstly": 1, "secondly": 2,
    "thirdly": 3, "fourthly": 4}
_EN_NUMBER = re.compile(r"\b(\d[\d,]*(?:\.\d+)?)(?:st|nd|rd|th)?\b|\b([A-Za-z]+)\b")
_DIGIT_NEXT = re.compile(r"\s+\d")


def _zh_key(text: str, m: re.Match) -> str | None:
    """The key of one numeral found in Chinese text, or None when it is not a number."""
    num, after, ordinal = m.group("num"), m.group("after"), m.group("ord")
    if num[0] in _ZH_UNIT_FIRST:
        return None
    value = zh_int(num)
    if value is None:
        return None
    at_start = m.start() == 0 or text[m.start() - 1] in _ZH_CLAUSE_START
    if after == "月" and 1 <= value <= _MONTHS_IN_A_YEAR and not ordinal:
        return f"m:{value}"
    if ordinal or after in _ZH_NUMBER_UNITS or len(num) > 1 or num[0].isdigit():
        return f"n:{value}"
    if after in _ZH_LIST_MARKS and at_start:
        return f"n:{value}"
    if after in _MEASURE_AFTER and value >= 2:
        return f"n:{value}"
    return None


def zh_numbers(text: str) -> dict[str, str]:
    """Numbers and dates in Chinese text: ``{key: surface}`` (keys like ``m:7``, ``n:20``).

    Only numbers that a translation would carry: dates, ordinals (第二, 一、),
    counted things (三个), and multi-character numerals; 一般 or 十分 are not numbers.

    >>> zh_numbers("七月二十日召开；见七月十四日第二版，一九五一织布法。一、要打破")
    {'m:7': '七月', 'n:20': '二十日', 'n:14': '十四日', 'n:2': '第二', 'n:1951': '一九五一', 'n:1': '一、'}
    """
    out: dict[str, str] = {}
    for m in _ZH_NUMBER.finditer(text):
        key = _zh_key(text, m)
        if key is not None:
            out.setdefault(key, m.group(0) if m.group("after") not in _MEASURE_AFTER
                           else m.group("num"))
    return out


def _en_key(text: str, m: re.Match) -> str | None:
    """The key of one number or number word found in English text, or None."""
    if m.group(1):
        try:
            value = float(m.group(1).replace(",", ""))
        except ValueError:
            return None
        return f"n:{int(value) if value.is_integer() else value}"
    word = m.group(2)
    low = word.lower()
    if low in MONTHS and word[0].isupper() and (low != "may" or _DIGIT_NEXT.match(text, m.end())):
        return f"m:{MONTHS[low]}"
    if low in EN_NUMBER_WORDS:
        return f"n:{EN_NUMBER_WORDS[low]}"
    return None


def en_numbers(text: str) -> dict[str, str]:
    """Numbers and dates in English text: ``{key: surface}``, keyed like :func:`zh_numbers`.

    >>> en_numbers("On July 20th, First, see page 2 of the 1951 plan; one should")
    {'m:7': 'July', 'n:20': '20th', 'n:1': 'First', 'n:2': '2', 'n:1951': '1951'}
    """
    out: dict[str, str] = {}
    for m in _EN_NUMBER.finditer(text):
        key = _en_key(text, m)
        if key is not None:
            out.setdefault(key, m.group(0))
    return out
