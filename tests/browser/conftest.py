"""Fixtures for the browser tests: one JupyterLab server over a copy of the project and
one headless Chromium for the whole session.

They run when Chromium (``$CHROMIUM_PATH``, default /usr/bin/chromium) and the Python
package ``playwright`` are present, and are skipped with one line otherwise. With
``KIT_REQUIRE_BROWSER=1`` (set by .ci/run) a missing browser fails them instead.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _lab  # noqa: E402

os.environ.setdefault("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")

PROBLEM = _lab.browser_problem()
REQUIRED = os.environ.get("KIT_REQUIRE_BROWSER", "") not in ("", "0")
SKIP_REASON = f"browser tests skipped: {PROBLEM}"


@pytest.fixture(scope="session", autouse=True)
def _browser_available():
    """Skip (or, with KIT_REQUIRE_BROWSER=1, fail) every browser test when they cannot run.

    Session-scoped and autouse, so it runs before the server and the browser start."""
    if PROBLEM is None:
        return
    if REQUIRED:
        pytest.fail(f"browser tests required (KIT_REQUIRE_BROWSER=1) but {PROBLEM}",
                    pytrace=False)
    pytest.skip(SKIP_REASON)


def pytest_terminal_summary(terminalreporter):
    """One line saying why, even without -rs."""
    skipped = [r for r in terminalreporter.stats.get("skipped", [])
               if SKIP_REASON in str(getattr(r, "longrepr", ""))]
    if skipped:
        terminalreporter.write_line(f"{len(skipped)} {SKIP_REASON}", yellow=True)


@pytest.fixture(scope="session")
def lab_workdir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("browser")


@pytest.fixture(scope="session")
def lab_server(lab_workdir):
    """JupyterLab on 127.0.0.1, a free port and a random token, over a copy of the project."""
    project = _lab.copy_project(lab_workdir / "project")
    server = _lab.LabServer(project, lab_workdir)
    _lab.warm_matplotlib(server.env)
    try:
        server.start()
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def chromium():
    """Debian's Chromium, headless, driven by Playwright (never downloads a browser)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=_lab.chromium_path(),
                                             headless=True, args=_lab.CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture(scope="session")
def browser_context(chromium):
    context = chromium.new_context(viewport={"width": 1280, "height": 900},
                                   device_scale_factor=1, locale="en-US")
    context.set_default_timeout(30_000)
    yield context
    context.close()


@pytest.fixture
def lab_page(browser_context, lab_server):
    """A new tab on the session's Lab; its kernels are shut down and the tab closed after."""
    page = browser_context.new_page()
    lab = _lab.LabPage(page, lab_server)
    try:
        yield lab
    finally:
        page.close()
        lab_server.shutdown_kernels(wait=False)   # the next test need not wait for it


@pytest.fixture(scope="session")
def timings():
    """Run All durations per notebook, written to test-artifacts/browser-timings.txt."""
    found: dict[str, float] = {}
    yield found
    if found:
        _lab.ARTIFACTS_DIR.mkdir(exist_ok=True)
        lines = [f"{seconds:6.1f} s  {name}" for name, seconds in sorted(found.items())]
        (_lab.ARTIFACTS_DIR / "browser-timings.txt").write_text("\n".join(lines) + "\n")
