"""Re-render time of each view for a seed article, against a baseline measured in the same run;
then the views over a corpus of 10,000 articles.

Each view is built once (loading, segmentation and alignment happen then), then a control is
changed as a student would and the time of the re-render is measured (best of several). The
baseline is ``html.escape`` over the same article's text plus a join of its paragraphs: the
least any HTML view of the article must do. Target: every re-render under 50 ms, pinyin (one
syllable per character) and level marks on included; opening a word's dictionary card (a
fresh lookup in its sentence and the card's HTML, the dictionary already loaded) under 20 ms.

At scale, :data:`SCALE_ARTICLES` articles are made from the two seeds (copies with their own
ids and dates); the baseline is one pass over all their text (the least a full scan must
do). Targets: GlossaryView built and a card opened for the commonest term in under 1 s,
a card under 100 KB; ReaderView built in under 1 s with an article list under 100 KB.

    python benchmarks/bench_views.py
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import itertools
import time

import kit
from _timing import best_of
from kit.views.concordance import ConcordanceView
from kit.views.glossary_view import GlossaryView
from kit.views.reader import MODES, ReaderView
from kit.views.timeline_view import TimelineView

ARTICLE = "000_7ca6473d3635779a"
TARGET_MS = 50.0
#: Opening a word's card (issue 16).
CARD_TARGET_MS = 20.0
#: Words whose cards are opened, each in its sentence of the article.
CARD_WORDS = ("干部", "推广", "经验", "行政", "郝建秀", "工会")
REPEAT = 7
#: The corpus size of the scale cases, and their targets.
SCALE_ARTICLES = 10_000
SCALE_TARGET_MS = 1000.0
SCALE_TARGET_KB = 100.0
#: The term whose card is opened at scale: it occurs many times in every article.
COMMON_TERM = "先进经验"


def best_ms(fn, repeat: int = REPEAT) -> float:
    return best_of(fn, repeat) * 1000


def cycle_setter(control, values):
    """A function that sets ``control.value`` to the next of ``values`` that differs from it
    (setting the current value again would trigger no re-render and spoil the timing)."""
    values = itertools.cycle(values)

    def step():
        value = next(values)
        while value == control.value:
            value = next(values)
        control.value = value

    return step


def main() -> list[dict]:
    corpus, glossary, notes = kit.load_corpus(), kit.load_glossary(), kit.load_translation_notes()
    article = corpus[ARTICLE]
    text = "\n".join(article.paragraphs_zh + article.paragraphs_en)
    baseline = best_ms(lambda: "".join(f"<p>{html.escape(p)}</p>" for p in text.split("\n")), 50)

    start = time.perf_counter()
    reader = ReaderView(corpus, glossary, notes, article=ARTICLE)
    first_reader = (time.perf_counter() - start) * 1000
    for mode in MODES:                        # first render of every setting: fills the caches
        for pinyin, traditional in itertools.product((False, True), repeat=2):
            reader.mode.value, reader.pinyin.value, reader.traditional.value = \
                mode, pinyin, traditional
    reader.pinyin.value = reader.traditional.value = False

    glossary_view = GlossaryView(glossary, corpus)
    concordance_view = ConcordanceView(corpus)
    timeline_view = TimelineView()
    timeline_view.years.value = (1950, 1953)
    timeline_view.years.value = (1935, 1958)

    cases = [
        ("reader: change mode", cycle_setter(reader.mode, list(MODES))),
        ("reader: pinyin on/off (sentences)",
         lambda: (setattr(reader.mode, "value", "sentences"),
                  setattr(reader.pinyin, "value", not reader.pinyin.value))),
        ("reader: traditional on/off", lambda: setattr(reader.traditional, "value",
                                                        not reader.traditional.value)),
        ("reader: text size", cycle_setter(reader.size, [18, 20, 22, 24])),
        ("reader: switch article", cycle_setter(reader.article, list(corpus.ids))),
        ("glossary: type a search", cycle_setter(glossary_view.query, ["jingyan", "经验", "union", ""])),
        ("glossary: category", cycle_setter(glossary_view.category,
                                            [v for _, v in glossary_view.category.options])),
        ("concordance: query", cycle_setter(concordance_view.query, ["先进经验", "advanced", "工会"])),
        ("concordance: sort", cycle_setter(concordance_view.sort, ["left", "right", "position"])),
        ("timeline: slider (cached plot)", cycle_setter(timeline_view.years, [(1950, 1953),
                                                                              (1935, 1958)])),
    ]
    fresh_years = iter([(1936 + i, 1956) for i in range(REPEAT)])
    cases.append(("timeline: slider (new range, draws)",
                  lambda: setattr(timeline_view.years, "value", next(fresh_years))))

    reader.pinyin.value, reader.mode.value, reader.mark_above.value = True, "sentences", 4
    for level in (3, 5, 4):                   # fills the word caches of these settings
        reader.mark_above.value = level
    cases.insert(0, ("reader: pinyin + levels, change level",
                     cycle_setter(reader.mark_above, [3, 4, 5])))
    cases.insert(1, ("reader: pinyin + levels, tone colours",
                     lambda: setattr(reader.tones, "value", not reader.tones.value)))
    print(f"first ReaderView (load, segment, align, annotate): {first_reader:.0f} ms")
    print(f"baseline (html.escape + join of {ARTICLE}): {baseline:.3f} ms")
    print(f"{'re-render':<38} {'ms':>8} {'x baseline':>11}  target < {TARGET_MS:.0f} ms")
    results = []
    for name, action in cases:
        ms = best_ms(action)
        ok = "ok" if ms < TARGET_MS else "SLOW"
        results.append({"case": name, "ms": ms, "ratio": ms / baseline, "ok": ms < TARGET_MS})
        print(f"{name:<38} {ms:>8.2f} {ms / baseline:>10.0f}x  {ok}")
    results.append(card_case(article, baseline))
    return results + scale(corpus, glossary, notes)


def card_case(article, baseline: float) -> dict:
    """Opening a word's card: a fresh lookup in its sentence and the card's HTML (worst word)."""
    from kit.dictionary_lookup import clear_caches
    from kit.language import split_sentences
    from kit.views.cards import CardSet

    sentences = [s for p in article.paragraphs_zh for s in split_sentences(p, "zh")]
    places = [(w, next(s for s in sentences if w in s)) for w in CARD_WORDS]
    word, sentence = places[0]
    CardSet().word_card(word, sentence, sentence.index(word))     # loads CC-CEDICT once

    def open_cards():
        for word, sentence in places:
            clear_caches()
            cards = CardSet()
            cards.card_html(cards.word_card(word, sentence, sentence.index(word))[0])

    ms = best_ms(open_cards) / len(places)
    ok = ms < CARD_TARGET_MS
    print(f"{'card: open a word (fresh lookup)':<38} {ms:>8.2f} {ms / baseline:>10.0f}x  "
          f"{'ok' if ok else 'SLOW'} (target < {CARD_TARGET_MS:.0f} ms)")
    return {"case": "card: open a word", "ms": ms, "ratio": ms / baseline, "ok": ok}


def synthetic_corpus(seeds, n: int = SCALE_ARTICLES) -> kit.Corpus:
    """``n`` articles copied in turn from ``seeds``, each with its own id and date."""
    seeds = list(seeds)
    return kit.Corpus([dataclasses.replace(seeds[k % len(seeds)],
                                           id=f"{k:05d}_{seeds[k % len(seeds)].id}",
                                           date=seeds[k % len(seeds)].date
                                           + dt.timedelta(days=k // len(seeds)))
                       for k in range(n)])


def _timed(fn) -> tuple[float, object]:
    start = time.perf_counter()
    value = fn()
    return (time.perf_counter() - start) * 1000, value


def _picker_kb(reader) -> float:
    return sum(len(label.encode()) + len(value) for label, value in reader.article.options) / 1024


def scale(corpus=None, glossary=None, notes=None) -> list[dict]:
    """GlossaryView and ReaderView over :data:`SCALE_ARTICLES` articles."""
    seeds = corpus if corpus is not None else kit.load_corpus()
    glossary = glossary if glossary is not None else kit.load_glossary()
    notes = notes if notes is not None else kit.load_translation_notes()
    ReaderView(seeds, glossary, notes)            # warm: segmentation and alignment of seed 1
    big = synthetic_corpus(seeds)
    text_pass = best_ms(lambda: sum(len(p) for a in big for p in a.paragraphs_zh + a.paragraphs_en), 3)

    cases = []
    ms, view = _timed(lambda: GlossaryView(glossary, big))
    cases.append(("glossary: build (first term's card)", ms, len(view.html.value) / 1024))
    ms = _timed(lambda: view.show(COMMON_TERM))[0]
    cases.append((f"glossary: open {COMMON_TERM} (every article)", ms, len(view.html.value) / 1024))
    cases.append(("glossary: 'more lines' button", best_ms(view.more.click), len(view.html.value) / 1024))
    cases.append(("glossary: type a search", best_ms(cycle_setter(view.query, ["jingyan", "经验", ""])),
                  len(view.html.value) / 1024))
    ms, reader = _timed(lambda: ReaderView(big, glossary, notes))
    cases.append(("reader: build (first article)", ms, _picker_kb(reader)))
    cases.append(("reader: type in the article picker",
                  best_ms(cycle_setter(reader.article.search, ["1952-09", "how", "东北", ""])),
                  _picker_kb(reader)))
    cases.append(("reader: open the 9,999th article", _timed(
        lambda: reader.show(list(big.ids)[-1]))[0], _picker_kb(reader)))

    print(f"\n{SCALE_ARTICLES:,} articles; baseline (one pass over their text): {text_pass:.1f} ms")
    print(f"{'at scale':<44} {'ms':>8} {'x baseline':>11} {'KB':>8}  "
          f"target < {SCALE_TARGET_MS:.0f} ms, < {SCALE_TARGET_KB:.0f} KB")
    results = []
    for name, ms, kb in cases:
        ok = ms < SCALE_TARGET_MS and kb < SCALE_TARGET_KB
        results.append({"case": name, "ms": ms, "ratio": ms / text_pass, "kb": kb, "ok": ok})
        print(f"{name:<44} {ms:>8.1f} {ms / text_pass:>10.1f}x {kb:>8.1f}  {'ok' if ok else 'SLOW'}")
    return results


if __name__ == "__main__":
    main()
