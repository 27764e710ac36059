"""Text primitives: Chinese characters, tone marks and Chinese numerals.

The bottom layer of the kit: it imports nothing from the rest of the kit, and
every other module that needs to tell Chinese from Latin text, read tone marks
or read a Chinese numeral calls these functions.

    >>> has_han("Shenyang 沈阳"), has_han("Shenyang")
    (True, False)
    >>> strip_tones("Dōngběi Zǒnggōnghuì")
    'Dongbei Zonggonghui'
    >>> tone_numbers("gànbù")
    [4, 4]
    >>> zh_int("一千三百"), zh_int("一九五二"), zh_int("第二")
    (1300, 1952, None)
"""

from __future__ import annotations

import re

__all__ = [
    "HAN_RE",
    "TONE_MARKS",
    "has_han",
    "all_han",
    "strip_tones",
    "tone_numbers",
    "zh_int",
    "FULLWIDTH_DIGITS",
]

#: One Chinese character: the CJK unified ideographs, their extensions and compatibility forms.
HAN_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")

#: Each tone-marked vowel (and the rare marked n and m) → (the bare letter, the tone number).
TONE_MARKS: dict[str, tuple[str, int]] = {
    "ā": ("a", 1), "á": ("a", 2), "ǎ": ("a", 3), "à": ("a", 4),
    "ē": ("e", 1), "é": ("e", 2), "ě": ("e", 3), "è": ("e", 4),
    "ī": ("i", 1), "í": ("i", 2), "ǐ": ("i", 3), "ì": ("i", 4),
    "ō": ("o", 1), "ó": ("o", 2), "ǒ": ("o", 3), "ò": ("o", 4),
    "ū": ("u", 1), "ú": ("u", 2), "ǔ": ("u", 3), "ù": ("u", 4),
    "ǖ": ("ü", 1), "ǘ": ("ü", 2), "ǚ": ("ü", 3), "ǜ": ("ü", 4),
    "ń": ("n", 2), "ň": ("n", 3), "ǹ": ("n", 4), "ḿ": ("m", 2),
}

#: Full-width digits → ASCII digits (``str.translate`` table).
FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")

_ZH_DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
              "六": 6, "七": 7, "八": 8, "九": 9}
_ZH_UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10_000, "亿": 100_000_000}
_BIG_UNIT = 10_000  # 万 and 亿 close a section: 三万五千 = (3) × 10,000 + 5 × 1,000


def has_han(text: str) -> bool:
    """True when ``text`` holds at least one Chinese character.

    >>> has_han("干部大会"), has_han("cadres")
    (True, False)
    """
    return HAN_RE.search(text) is not None


def all_han(text: str) -> bool:
    """True when ``text`` is not empty and every character in it is Chinese.

    >>> all_han("干部"), all_han("干部 cadres"), all_han("")
    (True, False, False)
    """
    return bool(text) and all(HAN_RE.match(ch) for ch in text)


def strip_tones(text: str) -> str:
    """Pinyin without its tone marks (ü stays ü; a marked capital comes back lower case).

    >>> strip_tones("Zǒnggōnghuì nǚ")
    'Zonggonghui nü'
    """
    return "".join(TONE_MARKS[ch.lower()][0] if ch.lower() in TONE_MARKS else ch for ch in text)


def tone_numbers(text: str) -> list[int]:
    """The tone numbers marked in a tone-marked pinyin string, in order (neutral tones have none).

    >>> tone_numbers("chǎngzhǎng de")
    [3, 3]
    """
    return [TONE_MARKS[ch.lower()][1] for ch in text if ch.lower() in TONE_MARKS]


def zh_int(s: str) -> int | None:
    """A Chinese (or full-width, or ASCII) numeral as an int, or None when it is not one.

    Read as a number with units (二十 → 20, 一千三百 → 1300) or, without units,
    digit by digit, as years are written (一九五一 → 1951).

    >>> zh_int("二十"), zh_int("十四"), zh_int("三万五千"), zh_int("１９５２"), zh_int("第二")
    (20, 14, 35000, 1952, None)
    """
    s = s.translate(FULLWIDTH_DIGITS)
    if not s:
        return None
    if s.isdigit():
        return int(s)
    if all(ch in _ZH_DIGITS or ch.isdigit() for ch in s):   # read digit by digit: 一九五一
        return int("".join(str(_ZH_DIGITS.get(ch, ch)) for ch in s))
    total, section, digit = 0, 0, None
    for ch in s:
        if ch in _ZH_DIGITS or ch.isdigit():
            digit = _ZH_DIGITS.get(ch, int(ch) if ch.isdigit() else 0)
        elif ch in _ZH_UNITS:
            unit = _ZH_UNITS[ch]
            if unit >= _BIG_UNIT:
                total += (section + (digit or 0)) * unit
                section = 0
            else:
                section += (1 if digit is None else digit) * unit
            digit = None
        else:
            return None
    return total + section + (digit or 0)
