"""Finding a font that draws Chinese, using it, or falling back politely.

matplotlib draws Chinese only with a font that has the glyphs. This module finds
one that is installed (Noto Sans CJK, Source Han Sans, WenQuanYi, SimHei,
Microsoft YaHei, PingFang ...), tells matplotlib to use it after its usual Latin
font, and otherwise lets the plots fall back to English or pinyin labels with a
single notice that says how to install a font::

    >>> family = find_cjk_font()          # e.g. 'Noto Sans CJK SC', or None
    >>> family is None or isinstance(family, str)
    True
    >>> font_families("Noto Sans CJK SC")
    ['DejaVu Sans', 'Noto Sans CJK SC']
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Iterable

from ..errors import KitError
from ..text import has_han

__all__ = ["CJK_FONT_FAMILIES", "LATIN_FAMILY", "INSTALL_HINT", "find_cjk_font", "use_cjk_font",
           "font_families", "cjk_font_context", "has_cjk", "cjk_notice", "resolve_lang",
           "clear_caches"]

#: Families known to cover Chinese, best first (simplified-Chinese faces before the others).
CJK_FONT_FAMILIES = (
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "Noto Sans SC",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "Microsoft YaHei",
    "PingFang SC",
    "Heiti SC",
    "STHeiti",
    "SimHei",
    "Hiragino Sans GB",
    "Noto Sans CJK TC",
    "Noto Sans CJK JP",
    "Noto Sans CJK KR",
    "Noto Sans CJK HK",
    "Source Han Sans TC",
    "Source Han Sans",
    "Noto Serif CJK SC",
    "Source Han Serif SC",
    "AR PL UMing CN",
    "AR PL UKai CN",
    "SimSun",
    "Arial Unicode MS",
)

#: The Latin font drawn first, so that digits and English keep their usual look.
LATIN_FAMILY = "DejaVu Sans"

#: matplotlib >= 3.10 bundles this font; it claims every glyph but draws boxes.
_IGNORED_FAMILY = re.compile(r"last\s*resort", re.IGNORECASE)

#: Names and file names that suggest a CJK font (checked against real glyphs before use).
_CJK_NAME_HINT = re.compile(
    r"cjk|han\s*sans|han\s*serif|wenquanyi|wqy|yahei|pingfang|heiti|hei\b|simhei|simsun|"
    r"song|ming|kai|fang\s*song|hiragino|ukai|uming|droid\s*sans\s*fallback|arial\s*unicode",
    re.IGNORECASE,
)
_CJK_FILE_HINT = re.compile(
    r"notosanscjk|notoserifcjk|notosanssc|sourcehansans|sourcehanserif|wqy|wenquanyi|"
    r"simhei|simsun|msyh|pingfang|stheiti|hiragino|ukai|uming|droidsansfallback|"
    r"arial\s*unicode|arialuni",
    re.IGNORECASE,
)
_FONT_SUFFIXES = {".ttf", ".ttc", ".otf", ".otc"}
_PROBE_CHARS = "经验推广工会"  # characters of the seeds a usable font must have

INSTALL_HINT = (
    "Chinese labels need a CJK font, and matplotlib found none, so plots use English or "
    "pinyin labels instead. To get Chinese labels, install a font and restart the kernel: "
    "Debian/Ubuntu `sudo apt-get install fonts-noto-cjk`; conda "
    "`conda install -c conda-forge font-ttf-noto-cjk`; macOS and Windows already include one."
)

_NOT_SEARCHED = object()
_found_family = _NOT_SEARCHED
_notice_shown = False
_cache_rebuilt = False


def has_cjk(text: str) -> bool:
    """True when ``text`` contains a Chinese (CJK) character.

    >>> has_cjk("工会 trade union"), has_cjk("trade union")
    (True, False)
    """
    return has_han(str(text))


def font_families(cjk_family: str | None) -> list[str]:
    """The ``font.family`` list for mixed labels: the Latin font, then the CJK one.

    >>> font_families(None)
    ['DejaVu Sans']
    """
    return [LATIN_FAMILY] + ([cjk_family] if cjk_family else [])


def _font_manager():
    from matplotlib import font_manager

    return font_manager


def _covers_chinese(path: str, face_index: int = 0) -> bool:
    """Whether the font file has real glyphs for the probe characters."""
    try:
        from matplotlib import ft2font

        font = ft2font.FT2Font(path, face_index=face_index) if face_index else ft2font.FT2Font(path)
        charmap = font.get_charmap()
    except Exception:  # an unreadable font is simply not a candidate
        return False
    return all(ord(ch) in charmap for ch in _PROBE_CHARS)


def _known_family(manager) -> str | None:
    """The best CJK family the font manager already knows, or None."""
    entries = [e for e in manager.ttflist if not _IGNORED_FAMILY.search(e.name)]
    names = {e.name for e in entries}
    for family in CJK_FONT_FAMILIES:
        if family in names:
            return family
    checked: set[str] = set()
    for entry in entries:  # an unlisted font whose name suggests CJK, if its glyphs agree
        if entry.name in checked or not _CJK_NAME_HINT.search(entry.name):
            continue
        checked.add(entry.name)
        if _covers_chinese(entry.fname):
            return entry.name
    return None


def _cjk_files_on_disk() -> list[str]:
    """Font files on this machine that look like CJK fonts (fc-list, else font folders)."""
    files: set[str] = set()
    fc_list = shutil.which("fc-list")
    if fc_list:
        try:
            out = subprocess.run([fc_list, ":lang=zh", "file"], capture_output=True, text=True,
                                 timeout=10, check=False).stdout
            for line in out.splitlines():
                path = line.split(":")[0].strip()
                if Path(path).suffix.lower() in _FONT_SUFFIXES:
                    files.add(path)
        except (OSError, subprocess.SubprocessError):
            pass
    if not files:
        try:
            system_fonts = _font_manager().findSystemFonts()
        except Exception:
            system_fonts = []
        files.update(p for p in system_fonts if _CJK_FILE_HINT.search(os.path.basename(p)))
    return sorted(files)


def _rebuild_font_cache(unknown_files: Iterable[str]) -> None:
    """Rescan the system fonts once (rewriting matplotlib's cache) and learn the new ones."""
    global _cache_rebuilt
    _cache_rebuilt = True
    fm = _font_manager()
    manager = fm.fontManager
    known = {e.fname for e in manager.ttflist}
    try:
        fresh = fm._load_fontmanager(try_read_cache=False)  # private API, see RECIPES.md
        for entry in fresh.ttflist:
            if entry.fname not in known:
                manager.ttflist.append(entry)
        manager._findfont_cached.cache_clear()
    except Exception:  # the private API moved: add the files one by one instead
        for path in unknown_files:
            with contextlib.suppress(Exception):
                manager.addfont(path)


def find_cjk_font(refresh: bool = False) -> str | None:
    """The family name of an installed font that can draw Chinese, or None.

    Preferred families come first (see :data:`CJK_FONT_FAMILIES`); matplotlib's
    "Last Resort" font, which claims every glyph but draws boxes, is ignored.
    When a CJK font file exists on disk but matplotlib's font cache predates it,
    the cache is rebuilt once. The answer is remembered for the session;
    ``refresh=True`` looks again.

    >>> family = find_cjk_font()
    >>> family is None or "Last Resort" not in family
    True
    """
    global _found_family
    if _found_family is not _NOT_SEARCHED and not refresh:
        return _found_family
    manager = _font_manager().fontManager
    family = _known_family(manager)
    if family is None and not _cache_rebuilt:
        known = {e.fname for e in manager.ttflist}
        unknown = [p for p in _cjk_files_on_disk() if p not in known]
        if unknown:
            _rebuild_font_cache(unknown)
            family = _known_family(manager)
    _found_family = family
    return family


def use_cjk_font() -> str | None:
    """Make every later plot draw Chinese: set ``rcParams['font.family']`` for the session.

    Returns the CJK family in use, or None (after one notice on how to install a
    font) when there is none; then the kit's plots use English or pinyin labels.
    """
    import matplotlib

    family = find_cjk_font()
    if family is None:
        cjk_notice()
        return None
    matplotlib.rcParams["font.family"] = font_families(family)
    matplotlib.rcParams["axes.unicode_minus"] = False
    return family


@contextlib.contextmanager
def cjk_font_context():
    """Within the block, new text uses the Latin font with the CJK font as fallback.

    Yields the CJK family or None. Unlike :func:`use_cjk_font` it leaves the
    global settings as they were.
    """
    import matplotlib

    family = find_cjk_font()
    with matplotlib.rc_context({"font.family": font_families(family),
                                "axes.unicode_minus": False}):
        yield family


def cjk_notice(force: bool = False) -> bool:
    """Print, once per session, how to install a CJK font. Returns True if it printed."""
    global _notice_shown
    if _notice_shown and not force:
        return False
    _notice_shown = True
    print(INSTALL_HINT)
    return True


def resolve_lang(lang: str) -> str:
    """``"auto"`` → ``"zh"`` when a CJK font is installed, else ``"en"`` (with the notice)."""
    if lang not in ("auto", "zh", "en"):
        raise KitError(f"lang must be 'auto', 'zh' or 'en'; got {lang!r}")
    if lang == "en":
        return "en"
    if find_cjk_font() is None:
        cjk_notice()
        return "en"
    return "zh"


def clear_caches() -> None:
    """Forget the font found and the notice shown, so the next plot looks again (for tests)."""
    global _found_family, _notice_shown, _cache_rebuilt
    _found_family, _notice_shown, _cache_rebuilt = _NOT_SEARCHED, False, False
