"""In Chromium: a student logs in on the hub's page, runs an exercise notebook, answers wrong
then right, and the instructor's page shows both attempts.

Runs like the end-to-end hub test (root and ``make hub``, or ``KIT_HUB_TESTS=1``), with
Debian's Chromium, once QuizView has the classroom hook. About a minute.
"""

from __future__ import annotations

import inspect
import shutil
from pathlib import Path

import pytest

from kit.views import quiz as quiz_module

from .conftest import DATA, hub_skip_reason, running_hub

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
STUDENT, INSTRUCTOR = "kitstubrw1", "kitinsbrw1"
#: Deadlines (ms): a server's start, a notebook's run, one check's feedback.
SPAWN_MS, RUN_MS, FEEDBACK_MS = 120_000, 90_000, 20_000
HOOKED = "checker" in inspect.signature(quiz_module.QuestionPanel.__init__).parameters


def _why_skip() -> str | None:
    if hub_skip_reason():
        return hub_skip_reason()
    if not Path(CHROMIUM).exists():
        return "hub browser test skipped: no Chromium (apt-get install chromium)"
    if not HOOKED:
        return "hub browser test skipped: QuizView has no classroom hook yet (kit/views/quiz.py)"
    return None


pytestmark = pytest.mark.skipif(_why_skip() is not None, reason=_why_skip() or "")


@pytest.fixture(scope="module")
def hub():
    with running_hub([STUDENT], INSTRUCTOR, DATA / "keys") as running:
        yield running


def _in_own_thread(scenario, *args):
    """Run ``scenario(browser, *args)`` with its own Playwright in a thread of its own: the
    sync API refuses to start where another Playwright (the tests in tests/browser) already
    runs an event loop, as it does in one ``make test`` run."""
    import threading

    from playwright.sync_api import sync_playwright

    failure: list[BaseException] = []

    def run():
        try:
            with sync_playwright() as p:
                b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
                try:
                    scenario(b, *args)
                finally:
                    b.close()
        except BaseException as exc:  # noqa: BLE001 - re-raised in the test's thread
            failure.append(exc)

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(SPAWN_MS / 1000 + 2 * RUN_MS / 1000 + 60)
    assert not worker.is_alive(), "the browser scenario did not finish in time"
    if failure:
        raise failure[0]


def _log_in(page, hub, name):
    page.goto(hub["url"] + "/hub/login")
    page.fill("#username_input", name)
    page.fill("#password_input", hub["passwords"][name])
    page.click("#login_submit")


def _answer(question, choice, symbol):
    question.locator("label", has_text=choice).click()
    question.get_by_role("button", name="Check").click()
    question.locator(".kit-quiz-feedback", has_text=symbol).wait_for(timeout=FEEDBACK_MS)


def test_a_student_answers_in_the_browser_and_the_instructor_sees_it(hub):
    _in_own_thread(_student_then_instructor, hub)


def _student_then_instructor(browser, hub):
    page = browser.new_context().new_page()
    _log_in(page, hub, STUDENT)
    page.wait_for_url(f"**/user/{STUDENT}/lab**", timeout=SPAWN_MS)
    page.goto(hub["url"] + f"/user/{STUDENT}/lab/tree/exercises/c1_practice.ipynb?reset")
    page.locator("#jp-main-statusbar", has_text="Idle").wait_for(timeout=RUN_MS)
    page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
    page.locator(".lm-Menu-itemLabel", has_text="Run All Cells").first.click()
    panel = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden)")
    first = panel.locator(".kit-quiz-question").first
    first.wait_for(timeout=RUN_MS)
    _answer(first, "3 August 1952", "✗")
    _answer(first, "20 July 1952", "✓")

    teacher = browser.new_context().new_page()
    _log_in(teacher, hub, INSTRUCTOR)
    teacher.wait_for_url("**/user/**", timeout=SPAWN_MS)
    teacher.goto(hub["url"] + "/services/kit/")
    text = teacher.locator("body").inner_text()
    assert "Class progress" in text and STUDENT in text
    assert "3 August 1952 (×1)" in text                      # the wrong attempt
    assert "50% first try" not in text and "0% first try" in text   # right only at the second
