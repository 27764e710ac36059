"""The kit as an application for class (Voilà): the views in tabs, no code on the screen.

``make app`` serves ``app/kit_app.ipynb`` with Voilà on 127.0.0.1 (a token in the URL it
prints); under the classroom hub the same notebook opens at
``/user/<name>/voila/render/app/kit_app.ipynb``. The notebook's only code cell is
``KitApp()``: this module builds everything.

Tabs: Reader (article picker, modes, pinyin, 1952 forms, word cards), Glossary, Timeline,
Concordance, Exercises (pick a set; answers get feedback and are saved like in the lessons).
A "Projection" switch above the tabs gives large text and high contrast for a lecture hall.

    >>> app = KitApp(exercises=())
    >>> [app.tabs.get_title(i) for i in range(len(app.tabs.children))]
    ['Reader', 'Glossary', 'Timeline', 'Concordance', 'Exercises']
    >>> app.projection.value = True
    >>> "kit-projection" in app._dom_classes, app.reader.size.value
    (True, 32)
"""

from __future__ import annotations

from pathlib import Path

import ipywidgets as widgets

import kit
from kit.views import ConcordanceView, GlossaryView, QuizView, ReaderView, TimelineView

__all__ = ["KitApp", "exercise_sets", "PROJECTION_CSS", "PROJECTION_SIZE", "EXAMPLE_QUERY"]

#: The folder of exercise sets, beside this app in the project.
EXERCISES_DIR = Path(__file__).resolve().parent.parent / "exercises"
#: The reader's text size in projection mode (the largest its slider offers).
PROJECTION_SIZE = 32
#: The steps of the text-size menu, in pixels.
SIZE_STEP = 2
#: What the concordance searches when the app opens.
EXAMPLE_QUERY = "先进经验"
#: Large text and high contrast: pure black on white, thick outlines, no muted greys.
PROJECTION_CSS = """<style>
.kit-app { max-width: 100%; }
.kit-app-title h1 { font-size: 1.6rem; margin: 0.2em 0; }
.kit-app .kit-view { --kit-fg-muted: #404040; --kit-accent: #0b4f9c; --kit-link: #0b4f9c; }
.kit-app .lm-TabBar-tab, .kit-app .lm-TabBar-tabLabel {
  color: #1a1a1a !important; opacity: 1 !important; }
.kit-projection {
  --jp-widgets-font-size: 22px; --jp-ui-font-size1: 22px; --jp-content-font-size1: 22px;
  --jp-widgets-inline-height: 40px; --jp-widgets-inline-label-width: 140px;
  --jp-ui-font-color1: #000; --jp-content-font-color1: #000; --jp-content-font-color2: #000;
  --jp-widgets-label-color: #000; --jp-widgets-input-color: #000;
  --jp-border-color1: #000; --jp-widgets-input-border-color: #000;
  --jp-layout-color1: #fff; --jp-layout-color2: #fff;
  background: #fff; color: #000; font-size: 22px;
}
.kit-projection .kit-view { --kit-fg: #000; --kit-fg-muted: #000; --kit-bg: #fff;
  --kit-border: #000; --kit-mark: #ffe066; font-size: 22px; }
.kit-projection .kit-view .kit-en { font-size: calc(var(--kit-size) * 0.85); }
.kit-projection .kit-view rt { color: #000; }
.kit-projection .lm-TabBar-tab { font-size: 22px; color: #000; min-height: 40px;
  min-width: auto !important; max-width: none !important; flex: 0 0 auto !important; }
.kit-projection input[type="checkbox"], .kit-projection input[type="radio"] {
  width: 22px; height: 22px; }
.kit-projection :focus-visible { outline: 4px solid #000 !important; outline-offset: 2px; }
</style>"""


def exercise_sets(folder: Path = EXERCISES_DIR) -> list[str]:
    """The names of the exercise sets in ``folder`` (their YAML files), in order.

    >>> exercise_sets()[0]
    '01_reading_the_report'
    """
    return sorted(p.stem for p in Path(folder).glob("*.yaml"))


class KitApp(widgets.VBox):
    """The application: a title, the projection switch and the views in tabs.

    Args:
        corpus: the articles (``kit.load_corpus()`` when None).
        exercises: names of exercise sets offered (the sets in ``exercises/`` when None).

    Attributes ``reader``, ``glossary``, ``timeline``, ``concordance`` are the views;
    ``exercise`` picks a set, whose :class:`~kit.views.QuizView` is ``quiz`` once chosen.
    """

    def __init__(self, corpus=None, exercises=None):
        corpus = kit.load_corpus(errors="report") if corpus is None else corpus
        self.reader = ReaderView(corpus)
        self.text_size = self._size_menu()
        self.glossary = GlossaryView(corpus=corpus)
        self.timeline = TimelineView()
        self.concordance = ConcordanceView(corpus, query=EXAMPLE_QUERY)
        self.quiz = None
        names = exercise_sets() if exercises is None else list(exercises)
        self.exercise = widgets.Dropdown(
            options=[("Choose an exercise set", "")] + [(n.replace("_", " "), n) for n in names],
            value="", description="Exercises", layout=widgets.Layout(width="auto"))
        self.exercise_box = widgets.VBox([])
        self.exercise.observe(self._open_set, names="value")
        self.tabs = widgets.Tab(
            children=[self.reader, self.glossary, self.timeline, self.concordance,
                      widgets.VBox([self.exercise, self.exercise_box])],
            titles=["Reader", "Glossary", "Timeline", "Concordance", "Exercises"])
        self.projection = widgets.ToggleButton(
            value=False, description="Projection", icon="television",
            tooltip="Large text and high contrast, for a projector",
            layout=widgets.Layout(width="auto", min_width="10rem"))
        self.projection.observe(self._project, names="value")
        self._size = self.reader.size.value
        title = widgets.HTML("<h1>Reading the production-emulation campaigns (人民日报, 1952)</h1>")
        title.add_class("kit-app-title")
        super().__init__([widgets.HTML(PROJECTION_CSS),
                          widgets.HBox([title, self.projection],
                                       layout=widgets.Layout(justify_content="space-between",
                                                             align_items="center",
                                                             flex_flow="row wrap")),
                          self.tabs])
        self.add_class("kit-app")

    def _size_menu(self) -> widgets.Dropdown:
        """A text-size menu in place of the reader's slider (a slider's handle has no
        accessible name in ipywidgets 8, and a menu is easier to use from the back row)."""
        slider = self.reader.size
        sizes = list(range(slider.min, slider.max + 1, SIZE_STEP))
        if slider.value not in sizes:
            sizes = sorted({*sizes, slider.value})
        menu = widgets.Dropdown(options=[(f"{n} px", n) for n in sizes], value=slider.value,
                                description="Text size", layout=widgets.Layout(width="16rem"))
        widgets.link((menu, "value"), (slider, "value"))
        slider.layout.display = "none"
        self.reader.children = [*self.reader.children[:2], menu, *self.reader.children[2:]]
        return menu

    def _project(self, change) -> None:
        if change["new"]:
            self._size = self.reader.size.value
            self.add_class("kit-projection")
            self.reader.size.value = PROJECTION_SIZE
        else:
            self.remove_class("kit-projection")
            self.reader.size.value = self._size

    def _open_set(self, change) -> None:
        name = change["new"]
        if not name:
            self.exercise_box.children = []
            self.quiz = None
            return
        path = EXERCISES_DIR / f"{name}.yaml"
        self.quiz = QuizView(str(path) if path.is_file() else name)
        self.exercise_box.children = [self.quiz]
