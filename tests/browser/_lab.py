"""Helpers for the browser tests: a JupyterLab server over a copy of the project,
and the steps a student takes in it (open a notebook, Run All, look at the output).

Playwright is imported only inside functions, so this module imports (and
``pytest --doctest-modules`` collects it) on a machine without Playwright.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import quote

PROJECT_DIR = Path(__file__).resolve().parents[2]
ARTIFACTS_DIR = PROJECT_DIR / "test-artifacts"
DEFAULT_CHROMIUM = "/usr/bin/chromium"

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# What the copy of the project holds (kit itself is imported from the environment).
COPIED_FOLDERS = ("notebooks", "exercises", "seeds")

VISIBLE_PANEL = ".jp-NotebookPanel:not(.lm-mod-hidden)"
STDERR_OUTPUT = ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']"

NOTEBOOK_RUN_TIMEOUT_S = 120
WIDGET_GRACE_S = 10


# --------------------------------------------------------------------------- set-up checks

def chromium_path() -> str:
    """The Chromium to drive: ``$CHROMIUM_PATH`` or Debian's ``/usr/bin/chromium``."""
    return os.environ.get("CHROMIUM_PATH") or DEFAULT_CHROMIUM


def browser_problem() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    path = chromium_path()
    if not (os.path.isfile(path) and os.access(path, os.X_OK)):
        return (f"Chromium not found at {path} "
                "(apt-get install chromium, or set CHROMIUM_PATH)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return ("the Python package 'playwright' is not installed "
                "(pip install -e '.[test]'; no need for 'playwright install')")
    return None


def free_port() -> int:
    """A TCP port on 127.0.0.1 that is free right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def other_local_addresses() -> list[str]:
    """Addresses of this machine other than 127.0.0.1 that a server could be reached on.

    127.0.0.2 is always among them on Linux (the whole of 127/8 is local): a server
    bound to 0.0.0.0 answers there, one bound to 127.0.0.1 does not.
    """
    found = ["127.0.0.2"] if sys.platform.startswith("linux") else []
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.connect(("192.0.2.254", 9))  # no packet is sent for UDP connect
            found.append(s.getsockname()[0])
    except OSError:
        pass
    try:
        for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET):
            found.append(info[4][0])
    except OSError:
        pass
    return [a for a in dict.fromkeys(found) if a != "127.0.0.1"
            and not (a == "0.0.0.0")]


# --------------------------------------------------------------------------- the project copy

def copy_project(target: Path) -> Path:
    """Copy the parts of the project a student opens in Lab into ``target``."""
    target.mkdir(parents=True, exist_ok=True)
    ignore = shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__")
    for name in COPIED_FOLDERS:
        source = PROJECT_DIR / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=ignore)
    return target


def write_notebook(path: Path, cells: list[str]) -> Path:
    """Write a notebook of code cells (markdown when a cell starts with '# %% md')."""
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)",
                                 "language": "python"}
    nb.metadata["language_info"] = {"name": "python"}
    for source in cells:
        if source.startswith("# %% md\n"):
            nb.cells.append(nbformat.v4.new_markdown_cell(source.split("\n", 1)[1]))
        else:
            nb.cells.append(nbformat.v4.new_code_cell(source))
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, str(path))
    return path


def lab_environment(workdir: Path, project: Path | None = None) -> dict[str, str]:
    """Environment for a Lab server that does not read or write the user's settings.

    The environment's own ``share/jupyter/lab/settings/overrides.json`` (in sys.prefix)
    stays in effect: only the per-user folders are moved into ``workdir``.
    """
    env = dict(os.environ)
    for var in ("JUPYTER_PATH", "JUPYTER_CONFIG_PATH", "JUPYTERLAB_DIR", "JUPYTER_TOKEN"):
        env.pop(var, None)
    folders = {
        "JUPYTER_CONFIG_DIR": workdir / "jupyter-config",
        "JUPYTER_DATA_DIR": workdir / "jupyter-data",
        "JUPYTER_RUNTIME_DIR": workdir / "jupyter-runtime",
        "JUPYTERLAB_SETTINGS_DIR": workdir / "jupyter-config" / "lab" / "user-settings",
        "JUPYTERLAB_WORKSPACES_DIR": workdir / "jupyter-config" / "lab" / "workspaces",
        "IPYTHONDIR": workdir / "ipython",
        "MPLCONFIGDIR": workdir / "matplotlib",
        "KIT_PROGRESS_DIR": workdir / "progress",
    }
    for var, folder in folders.items():
        folder.mkdir(parents=True, exist_ok=True)
        env[var] = str(folder)
    if project is not None:
        env["KIT_SEEDS_DIR"] = str(project / "seeds")
    env["BROWSER"] = "true"          # should anything try to open a browser: do nothing
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    env["PYTHONUNBUFFERED"] = "1"
    return env


def warm_matplotlib(env: dict[str, str]) -> None:
    """Build matplotlib's font cache once, before any kernel: otherwise the first notebook
    prints "Matplotlib is building the font cache" to stderr."""
    subprocess.run([sys.executable, "-c", "import matplotlib.font_manager"],
                   env=env, check=False, capture_output=True, timeout=180)


# --------------------------------------------------------------------------- HTTP

def http_get(url: str, token: str | None = None, follow: bool = True,
             timeout: float = 5) -> tuple[int, dict[str, str], bytes]:
    """(status, headers, body) of a GET; HTTP errors are returned, not raised."""
    request = urllib.request.Request(url)
    if token:
        request.add_header("Authorization", f"token {token}")
    opener = urllib.request.build_opener() if follow else urllib.request.build_opener(_NoRedirect)
    try:
        with opener.open(request, timeout=timeout) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def wait_for_status(base_url: str, token: str, process: subprocess.Popen,
                    log: Path, timeout: float = 60) -> None:
    """Wait until ``/api/status`` answers, or fail with the server's log."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"JupyterLab exited with status {process.returncode} before it "
                               f"answered. Its log ({log}):\n{tail(log)}")
        try:
            status, _, _ = http_get(f"{base_url}/api/status?token={token}", timeout=2)
            if status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"JupyterLab did not answer on {base_url} within {timeout:.0f} s. "
                       f"Its log ({log}):\n{tail(log)}")


def tail(path: Path, lines: int = 40) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def stop_process_group(process: subprocess.Popen, timeout: float = 15,
                       whole_group: bool = False) -> None:
    """Stop a process started with ``start_new_session=True``: SIGTERM (to the process, or to
    its whole group), then SIGKILL to the group for anything still there."""
    if process.poll() is None:
        try:
            if whole_group:
                os.killpg(process.pid, signal.SIGTERM)
            else:
                os.kill(process.pid, signal.SIGTERM)
        except (ProcessLookupError, PermissionError):
            pass
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            pass
    try:  # kernels and anything else left in the group
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    try:
        process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        pass


# --------------------------------------------------------------------------- the server

class LabServer:
    """A JupyterLab server on 127.0.0.1, a free port and a random token, over ``root``."""

    def __init__(self, root: Path, workdir: Path):
        self.root = root
        self.workdir = workdir
        self.port = free_port()
        self.token = secrets.token_hex(16)
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.env = lab_environment(workdir, project=root)
        self.progress_dir = Path(self.env["KIT_PROGRESS_DIR"])
        self.log = workdir / "jupyterlab.log"
        self.process: subprocess.Popen | None = None
        self._shutdowns: list[threading.Thread] = []

    def start(self) -> "LabServer":
        command = [sys.executable, "-m", "jupyter", "lab", "--no-browser",
                   "--ip", "127.0.0.1", "--port", str(self.port),
                   f"--ServerApp.token={self.token}",
                   f"--ServerApp.root_dir={self.root}",
                   "--ServerApp.port_retries=0"]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            command.append("--allow-root")
        with open(self.log, "wb") as log:
            self.process = subprocess.Popen(command, cwd=self.root, env=self.env,
                                            stdout=log, stderr=subprocess.STDOUT,
                                            stdin=subprocess.DEVNULL, start_new_session=True)
        wait_for_status(self.base_url, self.token, self.process, self.log)
        return self

    def _shutdown_quietly(self) -> None:
        try:
            self.shutdown_kernels()
        except OSError:
            pass

    def stop(self) -> None:
        for thread in self._shutdowns:
            thread.join(timeout=15)
        if self.process is not None:
            stop_process_group(self.process)

    def url(self, path: str) -> str:
        sep = "&" if "?" in path else "?"
        return f"{self.base_url}{path}{sep}token={self.token}"

    def api(self, path: str, method: str = "GET"):
        request = urllib.request.Request(f"{self.base_url}{path}", method=method)
        request.add_header("Authorization", f"token {self.token}")
        with urllib.request.urlopen(request, timeout=15) as response:
            body = response.read()
        return json.loads(body) if body else None

    def shutdown_kernels(self, wait: bool = True) -> None:
        """End every session and kernel (what closing a notebook and shutting it down does).

        With ``wait=False`` this happens in a background thread; :meth:`stop` waits for it."""
        if not wait:
            thread = threading.Thread(target=self._shutdown_quietly, daemon=True)
            thread.start()
            self._shutdowns.append(thread)
            return
        for session in self.api("/api/sessions"):
            try:
                self.api(f"/api/sessions/{session['id']}", method="DELETE")
            except urllib.error.HTTPError:
                pass
        for kernel in self.api("/api/kernels"):
            try:
                self.api(f"/api/kernels/{kernel['id']}", method="DELETE")
            except urllib.error.HTTPError:
                pass


# --------------------------------------------------------------------------- in the browser

def _status_is_idle(text: str) -> bool:
    return re.search(r"\|\s*Idle", text or "") is not None


class NotebookFailure(AssertionError):
    pass


class LabPage:
    """A browser tab on the Lab server, with the steps a student takes."""

    def __init__(self, page, server: LabServer):
        self.page = page
        self.server = server
        self.console_errors: list[str] = []
        page.on("console", lambda m: m.type == "error" and self.console_errors.append(m.text))
        page.on("pageerror", lambda e: self.console_errors.append(str(e)))

    # -- opening -----------------------------------------------------------------------
    def open_notebook(self, path: str, timeout_s: float = 60) -> None:
        """Open ``path`` (relative to the server root) and wait for its kernel to be idle."""
        self.notebook = NotebookFile(self.server.root / path)
        self.page.goto(self.server.url(f"/lab/tree/{quote(path)}?reset"))
        name = path.rsplit("/", 1)[-1]
        self.page.locator(".lm-DockPanel-tabBar .lm-TabBar-tabLabel",
                          has_text=name).first.wait_for(timeout=timeout_s * 1000)
        self.page.locator(f"{VISIBLE_PANEL} .jp-Notebook").wait_for(timeout=timeout_s * 1000)
        self.collapse_left_sidebar()       # more room for the notebook, as in class
        self.wait_kernel_idle(timeout_s)

    def wait_kernel_idle(self, timeout_s: float = 60) -> None:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            dialog = self.page.locator(".jp-Dialog")
            if dialog.count():
                raise NotebookFailure("JupyterLab shows a dialog instead of starting the kernel: "
                                      + " ".join(dialog.first.inner_text().split()))
            if _status_is_idle(self.page.locator("#jp-main-statusbar").inner_text()):
                return
            self.page.wait_for_timeout(100)
        raise NotebookFailure("the kernel did not become idle within "
                              f"{timeout_s:.0f} s; status bar: "
                              + self.page.locator("#jp-main-statusbar").inner_text())

    # -- running -----------------------------------------------------------------------
    def run_notebook(self, path: str) -> float:
        """Open ``path``, Run All and give its widgets time to draw; returns Run All's seconds.

        What went wrong, if anything, is then in :meth:`problems`."""
        self.open_notebook(path)
        seconds = self.run_all()
        self.wait_widgets_settled()
        return seconds

    def run_all(self, timeout_s: float = NOTEBOOK_RUN_TIMEOUT_S) -> float:
        """Run ▸ Run All Cells, wait until every cell has finished. Returns seconds taken.

        Finished means: no ``[*]`` prompt, the kernel idle for 300 ms, and every code cell
        of the file numbered, unless a cell shows an error (Run All stops there).
        """
        started = time.monotonic()
        expect = {"sel": VISIBLE_PANEL, "code": sorted(self.notebook.code_cells)}
        self.page.evaluate(_JS_WATCH_RUN, VISIBLE_PANEL)
        self.page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(r"^Run$")).click()
        self.page.locator(".lm-Menu-itemLabel", has_text=re.compile(r"^Run All Cells$")).click()
        try:
            self.page.wait_for_function(_JS_RUN_FINISHED, arg=expect,
                                        timeout=timeout_s * 1000, polling=100)
        except Exception as error:  # Playwright's TimeoutError
            raise NotebookFailure(f"Run All did not finish within {timeout_s:.0f} s "
                                  f"(cells still running: {self.running_cells()})") from error
        return time.monotonic() - started

    def running_cells(self) -> list[int]:
        return self.page.evaluate(_JS_RUNNING_CELLS, VISIBLE_PANEL)

    def cells(self) -> list[dict]:
        """For each cell in the open notebook: kind, prompt, error texts, widget state."""
        return self.page.evaluate(_JS_CELLS, VISIBLE_PANEL)

    def wait_widgets_settled(self, grace_s: float = WIDGET_GRACE_S) -> None:
        """Give "Loading widget..." placeholders up to ``grace_s`` to turn into widgets."""
        try:
            self.page.wait_for_function(_JS_NO_LOADING_WIDGET, arg=VISIBLE_PANEL,
                                        timeout=grace_s * 1000, polling=100)
        except Exception:
            pass  # what is still loading is reported by problems()

    # -- looking -----------------------------------------------------------------------
    def collapse_left_sidebar(self) -> None:
        tab = self.page.locator(".jp-SideBar.jp-mod-left .lm-TabBar-tab.lm-mod-current")
        if tab.count():
            tab.first.click()

    def screenshot(self, name: str, max_height: int = 16000) -> list[Path]:
        """Save the whole notebook as test-artifacts/<name>.png (more parts if very long).

        The notebook scrolls inside its own panel, so the viewport is made as tall as the
        notebook's content, then put back.
        """
        ARTIFACTS_DIR.mkdir(exist_ok=True)
        for old in [ARTIFACTS_DIR / f"{name}.png", *ARTIFACTS_DIR.glob(f"{name}-[0-9]*.png")]:
            old.unlink(missing_ok=True)
        page = self.page
        self.collapse_left_sidebar()
        original = page.viewport_size
        # Cells out of view are laid out lazily (content-visibility), with estimated heights:
        # grow the window until the measured height stops changing.
        needed, height = 0, original["height"]
        for _ in range(4):
            measured = page.evaluate(_JS_NEEDED_HEIGHT, VISIBLE_PANEL)
            if abs(measured - needed) < 20:
                break
            needed = measured
            height = max(original["height"], min(needed, max_height))
            page.set_viewport_size({"width": original["width"], "height": height})
            page.wait_for_timeout(250)
        saved = []
        try:
            parts = max(1, -(-needed // max_height))
            for part in range(parts):
                page.evaluate(_JS_SCROLL_TO, [VISIBLE_PANEL, part * (max_height - 200)])
                page.wait_for_timeout(150)
                suffix = "" if parts == 1 else f"-{part + 1}"
                path = ARTIFACTS_DIR / f"{name}{suffix}.png"
                page.screenshot(path=str(path), full_page=True)
                saved.append(path)
            page.evaluate(_JS_SCROLL_TO, [VISIBLE_PANEL, 0])
        finally:
            page.set_viewport_size(original)
        return saved

    def element_screenshot(self, locator, name: str, max_height: int = 12000) -> Path:
        """Save one element (a view) whole as test-artifacts/<name>.png.

        The notebook scrolls inside its panel, so a tall element is cut off at the window's
        edge: the viewport is made tall enough for it first, then put back.
        """
        ARTIFACTS_DIR.mkdir(exist_ok=True)
        page = self.page
        original = page.viewport_size
        box = locator.bounding_box() or {"height": 0}
        height = max(original["height"], min(int(box["height"]) + 400, max_height))
        page.set_viewport_size({"width": original["width"], "height": height})
        try:
            page.wait_for_timeout(200)
            locator.scroll_into_view_if_needed()
            path = ARTIFACTS_DIR / f"{name}.png"
            locator.screenshot(path=str(path))
        finally:
            page.set_viewport_size(original)
        return path

    def problems(self) -> list[str]:
        """What a student would see as wrong: errors, stderr, broken or unrendered widgets,
        cells that did not run. Cells meant to raise (tag ``raises-exception`` or a first
        line ``# NBVAL_RAISES_EXCEPTION``) may show their error."""
        allowed_error_cells = self.notebook.raising_cells
        found = []
        cells = self.cells()
        if len(cells) != self.notebook.cell_count:
            found.append(f"JupyterLab shows {len(cells)} cells, the file has "
                         f"{self.notebook.cell_count}")
        stopped_at = None
        for cell in cells:
            n = cell["index"]
            where = f"cell {n + 1}"
            if cell["errors"] and n not in allowed_error_cells:
                text = "\n".join(cell["errors"])
                found.append(f"{where} shows an error or stderr output:\n{_indent(text)}")
                stopped_at = stopped_at if stopped_at is not None else n
            if n in self.notebook.code_cells and not re.fullmatch(r"\[\d+\]:", cell["prompt"]):
                after = f" (Run All stopped after cell {stopped_at + 1})" if stopped_at is not None else ""
                found.append(f"{where} did not run: its prompt is {cell['prompt']!r}{after}")
            for text in cell["widgetErrors"]:
                found.append(f"{where}: a widget failed to display: {_short(text)}")
            if cell["widgetsLoading"]:
                found.append(f"{where}: {cell['widgetsLoading']} widget(s) still show "
                             f"'Loading widget...' after {WIDGET_GRACE_S} s")
        return found


def _indent(text: str, limit: int = 1500) -> str:
    text = text if len(text) <= limit else text[:limit] + " …"
    return "\n".join("    " + line for line in text.splitlines())


def _short(text: str, limit: int = 300) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit] + " …"


class NotebookFile:
    """What the notebook file says: which cells hold code, which are meant to raise."""

    def __init__(self, path: Path):
        import nbformat

        nb = nbformat.read(str(path), as_version=4)
        self.path = path
        self.cell_count = len(nb.cells)
        self.code_cells: set[int] = set()
        self.raising_cells: set[int] = set()
        for index, cell in enumerate(nb.cells):
            if cell.cell_type != "code" or not cell.source.strip():
                continue
            self.code_cells.add(index)
            tags = cell.get("metadata", {}).get("tags", [])
            first = cell.source.lstrip().splitlines()[0]
            if "raises-exception" in tags or "NBVAL_RAISES_EXCEPTION" in first:
                self.raising_cells.add(index)


# --------------------------------------------------------------------------- page scripts

_JS_PROMPTS = """
const cellsOf = (sel) => {
  const panel = document.querySelector(sel);
  return panel ? Array.from(panel.querySelectorAll('.jp-Notebook .jp-Cell')) : [];
};
const promptOf = (cell) => {
  const p = cell.querySelector('.jp-InputArea-prompt');
  return p ? p.textContent.replace(/\\s+/g, '') : '';
};
const statusIdle = () => /\\|\\s*Idle/.test(
  (document.querySelector('#jp-main-statusbar') || {}).textContent || '');
"""

_JS_WATCH_RUN = """(sel) => {
  // Stored outputs already carry numbered prompts: only a run seen starting ([*]) counts.
  window.__kitQuietSince = null;
  window.__kitSawRun = false;
  if (window.__kitObserver) window.__kitObserver.disconnect();
  const nb = document.querySelector(sel + ' .jp-Notebook');
  const look = () => {
    if (Array.from(nb.querySelectorAll('.jp-InputArea-prompt'))
        .some(p => p.textContent.replace(/\\s+/g, '') === '[*]:')) window.__kitSawRun = true;
  };
  window.__kitObserver = new MutationObserver(look);
  window.__kitObserver.observe(nb, {subtree: true, childList: true, characterData: true});
}"""

_JS_RUN_FINISHED = "({sel, code}) => {" + _JS_PROMPTS + """
  const panel = document.querySelector(sel);
  if (!panel || (code.length && !window.__kitSawRun)) return false;
  const cells = cellsOf(sel);
  const prompts = cells.map(promptOf);
  const ind = panel.querySelector('.jp-Notebook-ExecutionIndicator');
  const quiet = !prompts.includes('[*]:') && statusIdle()
    && !(ind && ind.getAttribute('data-status') !== 'idle');
  const allRan = code.every(i => /^\\[\\d+\\]:$/.test(prompts[i] || ''));
  const stopped = cells.some(c => c.querySelector(
    ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']"));
  const now = Date.now();
  if (!(quiet && (allRan || stopped))) { window.__kitQuietSince = null; return false; }
  window.__kitQuietSince = window.__kitQuietSince || now;
  return now - window.__kitQuietSince >= 300;
}"""

_JS_RUNNING_CELLS = "(sel) => {" + _JS_PROMPTS + """
  return cellsOf(sel).map((c, i) => [i + 1, promptOf(c)])
    .filter(([i, p]) => p === '[*]:').map(([i]) => i);
}"""

_JS_NO_LOADING_WIDGET = """(sel) => {
  const panel = document.querySelector(sel);
  return !!panel && !/Loading widget/.test(panel.querySelector('.jp-Notebook').textContent);
}"""

_JS_CELLS = "(sel) => {" + _JS_PROMPTS + """
  return cellsOf(sel).map((cell, index) => {
    const kind = cell.classList.contains('jp-CodeCell') ? 'code'
      : cell.classList.contains('jp-MarkdownCell') ? 'markdown' : 'raw';
    const errors = Array.from(cell.querySelectorAll(
      ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']"))
      .map(e => e.textContent.trim());
    // ipywidgets' renderer has no data-mime-type: find it by what it draws
    const outputs = Array.from(cell.querySelectorAll('.jp-OutputArea-output'));
    const widgetErrors = outputs.filter(o => /^\\s*Error displaying widget/.test(o.textContent))
      .map(o => o.textContent);
    const widgetsLoading = outputs.filter(o => /^\\s*Loading widget/.test(o.textContent)).length;
    const widgets = cell.querySelectorAll(
      '.jp-OutputArea-output > .jupyter-widgets:not(.jp-OutputArea-output)').length;
    return {index, kind, prompt: kind === 'code' ? promptOf(cell) : '',
            errors, widgetErrors, widgetsLoading, widgets};
  });
}"""

_JS_NEEDED_HEIGHT = """(sel) => {
  // Window height that shows the whole notebook: its content down to the last cell,
  // plus the menus, toolbars and status bar around the scrolling panel.
  const panel = document.querySelector(sel);
  if (!panel) return document.body.scrollHeight;
  const scroller = panel.querySelector('.jp-WindowedPanel-outer') || panel.querySelector('.jp-Notebook');
  const cells = panel.querySelectorAll('.jp-Notebook .jp-Cell');
  const chrome = window.innerHeight - scroller.clientHeight;
  if (!cells.length) return Math.ceil(scroller.scrollHeight + chrome);
  const bottom = cells[cells.length - 1].getBoundingClientRect().bottom
    - scroller.getBoundingClientRect().top + scroller.scrollTop;
  return Math.ceil(bottom + chrome + 40);
}"""

_JS_SCROLL_TO = """([sel, y]) => {
  const panel = document.querySelector(sel);
  const scroller = panel && (panel.querySelector('.jp-WindowedPanel-outer') || panel.querySelector('.jp-Notebook'));
  if (scroller) scroller.scrollTop = y;
}"""


# --------------------------------------------------------------------------- Chinese text

CJK_FONT_NAMES = re.compile(r"CJK|Source Han|WenQuanYi|Droid Sans Fallback|AR PL|"
                            r"Noto Sans SC|Noto Serif SC|YaHei|SimHei|SimSun|PingFang|"
                            r"Hiragino|Heiti|Songti|STHeiti|Kaiti", re.IGNORECASE)
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")


def platform_fonts(page, selector: str) -> list[dict]:
    """The fonts Chromium really used to draw the text directly inside the first element
    matching ``selector`` (DevTools' CSS.getPlatformFontsForNode): name and glyph count."""
    cdp = page.context.new_cdp_session(page)
    try:
        root = cdp.send("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
        cdp.send("CSS.enable")
        node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
        if not node:
            raise NotebookFailure(f"nothing on the page matches {selector!r}")
        return cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    finally:
        cdp.detach()


_JS_TOFU = """(el) => {
  // Draw each Chinese character in the element's own font and compare it with characters
  // no font has (a private-use and a noncharacter code point): equal pixels mean tofu.
  const style = getComputedStyle(el);
  const canvas = document.createElement('canvas');
  canvas.width = 48; canvas.height = 48;
  const ctx = canvas.getContext('2d', {willReadFrequently: true});
  const draw = (ch) => {
    ctx.clearRect(0, 0, 48, 48);
    ctx.font = '32px ' + style.fontFamily;
    ctx.fillStyle = '#000';
    ctx.fillText(ch, 4, 38);
    return Array.from(ctx.getImageData(0, 0, 48, 48).data).join(',');
  };
  const blank = (() => { ctx.clearRect(0, 0, 48, 48);
    return Array.from(ctx.getImageData(0, 0, 48, 48).data).join(','); })();
  const boxes = [draw('\\uE000'), draw('\\uFFFE'), draw('\\u{10FFFD}'), blank];
  const chars = Array.from(el.textContent).filter(c => /[\\u3400-\\u4dbf\\u4e00-\\u9fff]/.test(c));
  const seen = new Set(), shapes = new Set(), bad = [];
  for (const ch of chars) {
    if (seen.has(ch) || seen.size >= 12) continue;
    seen.add(ch);
    const img = draw(ch);
    shapes.add(img);
    if (boxes.includes(img)) bad.push(ch);
  }
  return {checked: Array.from(seen).join(''), tofu: bad.join(''), distinct: shapes.size,
          fontFamily: style.fontFamily};
}"""


def tofu_check(locator) -> dict:
    """Draw the element's Chinese characters in its font: which come out as empty boxes."""
    return locator.evaluate(_JS_TOFU)


_JS_OVERFLOW = """(root) => {
  // Visible text that sticks out past the view's right edge (cut off or needs side-scrolling).
  const right = root.getBoundingClientRect().right;
  const out = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  for (let n = walker.nextNode(); n && out.length < 5; n = walker.nextNode()) {
    if (!n.textContent.trim()) continue;
    range.selectNodeContents(n);
    const r = range.getBoundingClientRect();
    if (r.width > 0 && r.right > right + 4) {
      out.push(n.textContent.trim().slice(0, 80) + ` (ends ${Math.round(r.right - right)} px past the edge)`);
    }
  }
  return out;
}"""


def text_past_right_edge(locator) -> list[str]:
    """Texts inside the element that run past its right edge (cut off for the reader)."""
    return locator.evaluate(_JS_OVERFLOW)


_JS_MARK_CHINESE = """(sel) => {
  // Mark the first element whose own text holds three or more Chinese characters.
  const panel = document.querySelector(sel);
  if (!panel) return false;
  const walker = document.createTreeWalker(panel, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const han = n.textContent.match(/[\\u4e00-\\u9fff]/g);
    if (han && han.length >= 3 && n.parentElement.closest('.jp-OutputArea, .jp-MarkdownOutput')) {
      n.parentElement.setAttribute('data-kit-probe', 'zh');
      return true;
    }
  }
  return false;
}"""


def chinese_on_page(lab_page) -> dict | None:
    """Draw the first Chinese text of the open notebook's output or prose: tofu check result,
    or None when the notebook shows no Chinese."""
    if not lab_page.page.evaluate(_JS_MARK_CHINESE, VISIBLE_PANEL):
        return None
    return tofu_check(lab_page.page.locator(f"{VISIBLE_PANEL} [data-kit-probe='zh']").first)
