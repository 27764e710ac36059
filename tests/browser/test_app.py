"""The Voilà application (``make app``: app/kit_app.ipynb), used in Chromium as in class:
no code on the screen, each tab works, a quiz answer gets feedback, the projection switch,
and axe-core finds no serious or critical accessibility problem.

One Voilà server for the module, on 127.0.0.1, a free port and a token; the articles are
the fixed copies in tests/data/articles and progress goes to a temporary folder.
"""

from __future__ import annotations

import re
import secrets
import subprocess
import sys
import time
from pathlib import Path

import pytest

import _lab

APP = _lab.PROJECT_DIR / "app" / "kit_app.ipynb"
ARTICLES = _lab.PROJECT_DIR / "tests" / "data" / "articles"
START_TIMEOUT_S = 60
APP_TIMEOUT_MS = 90_000
#: axe-core impacts that fail a test.
BLOCKING = ("serious", "critical")


def blocking_violations(page, context=None) -> list[str]:
    """axe-core's serious and critical violations on ``page`` (within ``context``), one line each."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, context=context)
    out = []
    for v in results.response["violations"]:
        if v.get("impact") in BLOCKING:
            nodes = "; ".join(" ".join(n["target"]) if isinstance(n["target"], list) else str(n["target"])
                              for n in v["nodes"][:3])
            detail = v["nodes"][0].get("any", [{}])[0].get("message", "") if v["nodes"] else ""
            out.append(f"{v['impact']}: {v['id']} ({v['help']}) at {nodes}: {detail}")
    return out


@pytest.fixture(scope="module")
def voila_app(tmp_path_factory):
    """Voilà serving the app; yields its URL with the token."""
    if not (_lab.PROJECT_DIR / ".venv").exists() and not _has_voila():
        pytest.skip("voila is not installed")
    workdir = tmp_path_factory.mktemp("voila")
    env = _lab.lab_environment(workdir)
    env["KIT_SEEDS_DIR"] = str(ARTICLES)
    port, token = _lab.free_port(), secrets.token_hex(16)
    log = workdir / "voila.log"
    command = [sys.executable, "-m", "voila", str(APP), "--no-browser", "--Voila.ip=127.0.0.1",
               f"--port={port}", f"--token={token}", "--Voila.port_retries=0",
               "--show_tracebacks=True"]
    with open(log, "wb") as out:
        process = subprocess.Popen(command, cwd=APP.parent, env=env, stdout=out,
                                   stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                   start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_for(base, token, process, log)
        yield {"url": f"{base}/?token={token}", "base": base, "progress": Path(env["KIT_PROGRESS_DIR"])}
    finally:
        _lab.stop_process_group(process, whole_group=True)


def _has_voila() -> bool:
    import importlib.util

    return importlib.util.find_spec("voila") is not None


def _wait_for(base: str, token: str, process, log: Path) -> None:
    """Wait until the port accepts connections (every GET of the page starts a kernel)."""
    import socket

    port = int(base.rsplit(":", 1)[1])
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"voila exited ({process.returncode}):\n{_lab.tail(log)}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"voila did not answer within {START_TIMEOUT_S} s:\n{_lab.tail(log)}")


@pytest.fixture(scope="module")
def app_page(voila_app, chromium):
    """One tab on the app, loaded once for the module (a kernel per page load)."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    context.set_default_timeout(30_000)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(voila_app["url"])
    shown = page.locator(".kit-app .kit-reader .kit-view, .jp-OutputArea-output[data-mime-type="
                         "'application/vnd.jupyter.stderr'], .jp-OutputArea-output.jp-mod-error, "
                         ".jp-RenderedText[data-mime-type='application/vnd.jupyter.stderr']")
    shown.first.wait_for(timeout=APP_TIMEOUT_MS)
    if not page.locator(".kit-app").count():
        pytest.fail("the app did not start; it shows:\n" + page.locator("body").inner_text()[:3000],
                    pytrace=False)
    page.errors = errors
    yield page
    context.close()


def tab(page, name: str):
    """Click the tab ``name``; returns the app (each view is found by its own class)."""
    page.locator(".kit-app .lm-TabBar-tab", has_text=re.compile(rf"^{name}$")).click()
    return page.locator(".kit-app")


def test_the_app_needs_a_token(voila_app):
    status, _, _ = _lab.http_get(voila_app["base"] + "/", follow=False, timeout=30)
    assert status in (302, 401, 403), f"the app answered {status} without its token"


def test_the_app_shows_no_code(app_page):
    page = app_page
    assert page.locator(".jp-InputArea, .cm-editor, .CodeMirror, .jp-InputPrompt").count() == 0
    assert "KitApp()" not in page.locator("body").inner_text()
    assert page.locator(".jp-OutputArea-output[data-mime-type*='stderr']").count() == 0
    assert not [e for e in page.errors if "kit" in e.lower()], page.errors


def test_reader_tab(app_page):
    panel = tab(app_page, "Reader")
    view = panel.locator(".kit-reader .kit-view").first
    assert re.search(r"[\u4e00-\u9fff]{5}", view.inner_text())
    panel.get_by_role("checkbox", name="Pinyin", exact=True).check()
    panel.locator(".kit-reader ruby rt").first.wait_for()


def test_glossary_timeline_and_concordance_tabs(app_page):
    panel = tab(app_page, "Glossary")
    panel.locator(".kit-glossary .kit-card").first.wait_for()
    panel = tab(app_page, "Timeline")
    panel.locator(".kit-timeline img[alt]").first.wait_for()
    assert panel.locator(".kit-timeline [data-event]").count() > 5
    panel = tab(app_page, "Concordance")
    panel.locator(".kit-concordance .kit-kwic").first.wait_for()
    assert "先进经验" in panel.locator(".kit-concordance .kit-kwic").first.inner_text()


def test_a_quiz_answer_gets_feedback(app_page, voila_app):
    panel = tab(app_page, "Exercises")
    panel.get_by_role("combobox", name="Exercises").select_option(label="01 reading the report")
    quiz = panel.locator(".kit-quiz").first
    quiz.wait_for()
    quiz.get_by_role("radio").first.check()
    quiz.get_by_role("button", name="Check", exact=True).click()
    feedback = quiz.locator(".kit-quiz-feedback").first
    feedback.wait_for()
    assert re.search(r"[✓✗]", feedback.inner_text()), feedback.inner_text()


def test_projection_makes_text_large(app_page):
    tab(app_page, "Reader")
    before = app_page.locator(".kit-app .kit-reader .kit-view [lang|='zh']").first.evaluate(
        "e => parseFloat(getComputedStyle(e).fontSize)")
    app_page.get_by_role("button", name=re.compile("Projection")).click()
    app_page.locator(".kit-app.kit-projection").wait_for()
    app_page.wait_for_function(
        "(b) => parseFloat(getComputedStyle(document.querySelector("
        "\".kit-app .kit-reader .kit-view [lang|='zh']\")).fontSize) > b", arg=before)
    app_page.get_by_role("button", name=re.compile("Projection")).click()


@pytest.mark.parametrize("name", ["Reader", "Glossary", "Timeline", "Concordance", "Exercises"])
def test_no_serious_accessibility_problem_in_the_app(app_page, name):
    tab(app_page, name)
    app_page.wait_for_timeout(300)
    problems = blocking_violations(app_page, ".kit-app")
    assert not problems, f"{name} tab:\n" + "\n".join(problems)
