#!/usr/bin/env python3
"""Browser check: the tour notebook run in JupyterLab, in headless Chromium, with the
swift-margin kernel, ending in a screenshot that shows the decision-boundary figure.

What it does, in order:

1. installs the kernelspec of the given `swift-margin` executable into a temporary prefix
   (`swift-margin install --prefix`) and gives Jupyter temporary data, config, runtime,
   settings and workspace folders, so nothing of the user's Jupyter setup is read or changed;
2. copies notebooks/01-tour.ipynb into a temporary root folder (with small parameters for
   `--quick`, the ones the kernel tests use, because the debug build's numerics are slow);
3. starts JupyterLab from this Python's environment on a free loopback port with a random
   token;
4. opens the notebook in headless Chromium (Debian's `chromium`, driven through Debian's
   `chromium-driver` by Selenium) with a fixed viewport, picks the swift-margin kernel if
   JupyterLab asks, and runs every cell with the menu's Run > Run All Cells;
5. waits (up to `--timeout` seconds) until every code cell has run, the kernel is idle and
   the figure's <img> has loaded (naturalWidth > 0), failing at once on an error output;
6. scrolls the figure into view, saves a screenshot (default notebooks/out/browser-check.png)
   and checks that no part of the figure is cut off or covered;
7. types in a new cell as a user would: Shift+Tab inside `decisionBoundaryFigure(` must show
   the tooltip with its signature, and Tab after `Toy2D.` the completer with the data sets
   before protocol names such as `hash`, and the documentation panel with a signature;
8. shuts JupyterLab and its kernel down and removes the temporary folder, also on failure.

Run it with the project's venv (`make browser-check` does, against the release build):

    .venv/bin/python Tests/browser/browser_check.py --executable .build/release/swift-margin
    .venv/bin/python Tests/browser/browser_check.py --executable .build/debug/swift-margin --quick

Needs the Debian packages chromium and chromium-driver, and selenium and jupyterlab from
requirements-dev.txt. Exit status 0 on success, 1 when the check fails, 2 when something it
needs is missing.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[2]
TOUR_NOTEBOOK = REPO_ROOT / "notebooks" / "01-tour.ipynb"
DEFAULT_SCREENSHOT = REPO_ROOT / "notebooks" / "out" / "browser-check.png"
DEFAULT_EXECUTABLE = REPO_ROOT / ".build" / "release" / "swift-margin"

KERNEL_NAME = "swift-margin"
KERNEL_DISPLAY_NAME = "Swift (margins)"
# The code cell that draws the two-panel figure is the one whose source contains this.
FIGURE_CELL_MARKER = "decisionBoundaryFigure("
# The small run Tests/kernel/test_tour.py makes with the debug build.
QUICK_PARAMETERS = {"quick": "true"}

# The Run menu's "Run All Cells" (JupyterLab 4's main-menu command for the current notebook).
RUN_ALL_COMMAND = "runmenu:run-all"

CHROMIUM_NAMES = ("chromium", "chromium-browser")
CHROMEDRIVER_NAMES = ("chromedriver",)
DEBIAN_PACKAGES_HINT = "install the Debian packages chromium and chromium-driver (sudo apt-get install chromium chromium-driver)"

SERVER_START_TIMEOUT = 90.0
NOTEBOOK_OPEN_TIMEOUT = 90.0
KERNEL_READY_TIMEOUT = 120.0
SERVER_STOP_TIMEOUT = 20.0
POLL_INTERVAL = 0.5

# Output elements JupyterLab renders for error outputs (tracebacks); standard error streams
# share the MIME type, and the tour writes none, so any such element fails the check.
ERROR_OUTPUT_SELECTOR = '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]'

# One look at the open notebook: cells, prompts, errors, kernel, the figure's <img>.
NOTEBOOK_STATE_SCRIPT = """
const figureIndex = arguments[0];
const errorSelector = arguments[1];
const panel = document.querySelector('.jp-NotebookPanel');
if (!panel) { return null; }
const cells = Array.from(panel.querySelectorAll('.jp-Notebook .jp-Cell'));
const prompts = cells.filter(cell => cell.classList.contains('jp-CodeCell'))
    .map(cell => { const p = cell.querySelector('.jp-InputArea-prompt'); return p ? p.textContent.trim() : ''; });
const errors = Array.from(panel.querySelectorAll(errorSelector)).map(e => e.textContent.slice(0, 3000));
const indicator = panel.querySelector('.jp-Notebook-ExecutionIndicator');
const kernelName = panel.querySelector('[data-jp-item-name="kernelName"]');
const figureCell = cells[figureIndex];
const image = figureCell ? figureCell.querySelector('.jp-OutputArea-output img') : null;
return {
  cellCount: cells.length,
  prompts: prompts,
  errors: errors,
  kernelStatus: indicator ? indicator.getAttribute('data-status') : null,
  kernelName: kernelName ? kernelName.textContent.trim() : null,
  figureLoaded: !!(image && image.complete && image.naturalWidth > 0),
  figureSize: image ? [image.naturalWidth, image.naturalHeight] : null,
};
"""

# Scrolls the figure to the middle of the window; returns its box and the points of a 5x5
# grid over it (inset by 2 pixels) where something else is on top: the window's edge, a
# clipping ancestor or an overlay.
SCROLL_FIGURE_SCRIPT = """
const cells = document.querySelectorAll('.jp-NotebookPanel .jp-Notebook .jp-Cell');
const image = cells[arguments[0]].querySelector('.jp-OutputArea-output img');
image.scrollIntoView({block: 'center', inline: 'nearest'});
const box = image.getBoundingClientRect();
const hidden = [];
for (let i = 0; i < 5; i++) {
  for (let j = 0; j < 5; j++) {
    const x = box.left + 2 + (box.width - 4) * i / 4;
    const y = box.top + 2 + (box.height - 4) * j / 4;
    if (document.elementFromPoint(x, y) !== image) { hidden.push([Math.round(x), Math.round(y)]); }
  }
}
return {figure: {top: box.top, left: box.left, bottom: box.bottom, right: box.right}, hidden: hidden};
"""

# Resolves after two animation frames, so a scroll has been painted before the screenshot.
NEXT_PAINT_SCRIPT = """
const done = arguments[arguments.length - 1];
requestAnimationFrame(() => requestAnimationFrame(() => done(true)));
"""


class CheckFailed(Exception):
    """The check ran and found something wrong (exit status 1)."""


class MissingRequirement(Exception):
    """Something the check needs is not installed (exit status 2)."""


class Timer:
    """Prints each step with the seconds since the check began."""

    def __init__(self) -> None:
        self.start = time.monotonic()

    def elapsed(self) -> float:
        return time.monotonic() - self.start

    def say(self, message: str) -> None:
        print(f"[browser-check {self.elapsed():6.1f} s] {message}", flush=True)


# ---------------------------------------------------------------------------------------------
# What the check needs


def find_program(explicit: str | None, names: tuple[str, ...], role: str) -> str:
    """The path of `explicit` or of the first of `names` on PATH; MissingRequirement if none."""
    if explicit:
        path = shutil.which(explicit)
        if path is None:
            raise MissingRequirement(f"{role} {explicit!r} was not found or is not executable; {DEBIAN_PACKAGES_HINT}")
        return path
    for name in names:
        path = shutil.which(name)
        if path is not None:
            return path
    raise MissingRequirement(f"{role} not found (looked for {', '.join(names)} on PATH); {DEBIAN_PACKAGES_HINT}")


def import_selenium():
    """The selenium.webdriver module, or MissingRequirement naming what to install."""
    try:
        from selenium import webdriver
    except ImportError as error:
        raise MissingRequirement(
            f"selenium is not importable from {sys.executable} ({error}); run this script with the "
            "project's venv (.venv/bin/python, made by `make venv` from requirements-dev.txt)"
        ) from error
    return webdriver


def check_jupyterlab_installed() -> None:
    """MissingRequirement unless this Python can run `python -m jupyterlab`."""
    if importlib.util.find_spec("jupyterlab") is None:
        raise MissingRequirement(
            f"jupyterlab is not installed for {sys.executable}; run this script with the "
            "project's venv (.venv/bin/python, made by `make venv` from requirements-dev.txt)"
        )


# ---------------------------------------------------------------------------------------------
# The notebook and the kernelspec


def parse_parameters(assignments: list[str]) -> dict[str, str]:
    """NAME=VALUE strings (VALUE a Swift literal) as a dict."""
    parameters = {}
    for assignment in assignments:
        name, separator, value = assignment.partition("=")
        if not separator or not name.strip() or not value.strip():
            raise SystemExit(f"error: a parameter is NAME=VALUE, got {assignment!r}")
        parameters[name.strip()] = value.strip()
    return parameters


def with_parameters(source: str, parameters: dict[str, str]) -> str:
    """The parameters cell's source with each `let/var NAME = ...` given the new value; the
    declared type and the trailing comment stay."""
    for name, value in parameters.items():
        pattern = re.compile(
            rf"^(?P<head>\s*(?:let|var)\s+{re.escape(name)}\s*(?::[^=\n]+)?=\s*)(?P<value>.*?)(?P<tail>\s*(?://.*)?)$",
            re.MULTILINE,
        )
        # A shorter value is padded, so the comments after the values stay in one column.
        source, count = pattern.subn(lambda m: f"{m['head']}{value.ljust(len(m['value']))}{m['tail']}", source, count=1)
        if count == 0:
            raise SystemExit(f"error: the tour's parameters cell declares no {name!r}")
    return source


def prepare_notebook(destination: Path, parameters: dict[str, str]) -> tuple[int, int]:
    """Writes the tour without outputs (and with `parameters` applied) to `destination`.
    Returns (the figure cell's index among all cells, the number of cells)."""
    notebook = json.loads(TOUR_NOTEBOOK.read_text())
    figure_index = None
    parameters_cell_found = False
    for index, cell in enumerate(notebook["cells"]):
        if cell["cell_type"] != "code":
            continue
        cell["outputs"] = []
        cell["execution_count"] = None
        source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        if "parameters" in cell.get("metadata", {}).get("tags", []):
            parameters_cell_found = True
            source = with_parameters(source, parameters)
        cell["source"] = source
        if FIGURE_CELL_MARKER in source:
            figure_index = index
    if parameters and not parameters_cell_found:
        raise SystemExit(f"error: {TOUR_NOTEBOOK} has no cell tagged 'parameters'")
    if figure_index is None:
        raise CheckFailed(f"{TOUR_NOTEBOOK} has no code cell containing {FIGURE_CELL_MARKER!r}")
    destination.write_text(json.dumps(notebook, indent=1, ensure_ascii=False) + "\n")
    return figure_index, len(notebook["cells"])


def install_kernelspec(executable: Path, prefix: Path) -> Path:
    """`swift-margin install --prefix PREFIX`; returns PREFIX/share/jupyter (for JUPYTER_PATH)."""
    completed = subprocess.run(
        [str(executable), "install", "--prefix", str(prefix), "--name", KERNEL_NAME],
        capture_output=True, text=True, timeout=60,
    )
    if completed.returncode != 0:
        raise CheckFailed(f"{executable} install failed ({completed.returncode}):\n{completed.stdout}{completed.stderr}")
    return prefix / "share" / "jupyter"


def jupyter_environment(workspace: Path, jupyter_path: Path) -> dict[str, str]:
    """This process's environment with Jupyter's folders in `workspace` and the kernelspec
    first on JUPYTER_PATH. JupyterLab's settings turn off news and update checks (no toast
    over the screenshot, no requests to the internet)."""
    settings = workspace / "lab-settings"
    notification_settings = settings / "@jupyterlab" / "apputils-extension" / "notification.jupyterlab-settings"
    notification_settings.parent.mkdir(parents=True)
    notification_settings.write_text(json.dumps({"fetchNews": "false", "checkForUpdates": False}))
    environment = dict(os.environ)
    existing = environment.get("JUPYTER_PATH")
    environment.update({
        "JUPYTER_PATH": str(jupyter_path) + (os.pathsep + existing if existing else ""),
        "JUPYTER_DATA_DIR": str(workspace / "data"),
        "JUPYTER_CONFIG_DIR": str(workspace / "config"),
        "JUPYTER_RUNTIME_DIR": str(workspace / "runtime"),
        "JUPYTERLAB_SETTINGS_DIR": str(settings),
        "JUPYTERLAB_WORKSPACES_DIR": str(workspace / "lab-workspaces"),
    })
    return environment


# ---------------------------------------------------------------------------------------------
# JupyterLab


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def log_tail(path: Path, lines: int = 40) -> str:
    try:
        text = path.read_text(errors="replace").splitlines()
    except OSError:
        return "(no log)"
    return "\n".join(text[-lines:]) or "(empty log)"


class JupyterLabServer:
    """JupyterLab started from this Python's environment, headless, on loopback."""

    def __init__(self, root: Path, environment: dict[str, str], log_path: Path) -> None:
        self.port = free_port()
        self.token = secrets.token_hex(24)
        self.root = root
        self.log_path = log_path
        self.base_url = f"http://127.0.0.1:{self.port}"
        command = [
            sys.executable, "-m", "jupyterlab",
            "--no-browser",
            "--ServerApp.ip=127.0.0.1",
            f"--ServerApp.port={self.port}",
            "--ServerApp.port_retries=0",
            f"--IdentityProvider.token={self.token}",
            f"--ServerApp.root_dir={root}",
            "--ServerApp.terminals_enabled=False",
        ]
        if os.geteuid() == 0:  # containers and CI often run as root
            command.append("--allow-root")
        self.log_file = open(log_path, "w")
        self.process = subprocess.Popen(
            command, env=environment, cwd=root, stdin=subprocess.DEVNULL,
            stdout=self.log_file, stderr=subprocess.STDOUT, start_new_session=True,
        )

    def url(self, path: str) -> str:
        return f"{self.base_url}{path}?token={self.token}"

    def _request(self, method: str, path: str, timeout: float = 5.0) -> int:
        request = urllib.request.Request(
            self.base_url + path, method=method, headers={"Authorization": f"token {self.token}"},
            data=b"" if method == "POST" else None,
        )
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status

    def wait_until_ready(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise CheckFailed(f"JupyterLab exited with status {self.process.returncode} while starting")
            try:
                if self._request("GET", "/api/status") == 200:
                    return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(POLL_INTERVAL)
        raise CheckFailed(f"JupyterLab did not answer on port {self.port} within {timeout:.0f} s")

    def stop(self) -> None:
        """Asks the server to shut down (it stops its kernels), then terminates and finally
        kills its process group if it is still there."""
        if self.process.poll() is None:
            try:
                self._request("POST", "/api/shutdown")
            except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
                pass
            try:
                self.process.wait(timeout=SERVER_STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                self._signal_group(signal.SIGTERM)
                try:
                    self.process.wait(timeout=5)
                except subprocess.TimeoutExpired:
                    self._signal_group(signal.SIGKILL)
                    self.process.wait(timeout=5)
        # Kernels or executors left behind in the server's process group go too.
        self._signal_group(signal.SIGKILL)
        self.log_file.close()

    def _signal_group(self, signal_number: int) -> None:
        try:
            os.killpg(self.process.pid, signal_number)
        except (ProcessLookupError, PermissionError):
            pass


# ---------------------------------------------------------------------------------------------
# Chromium


def start_chromium(webdriver, chromium: str, chromedriver: str, profile: Path, log_path: Path, window: tuple[int, int]):
    """Headless Chromium through chromedriver, with a viewport of `window` pixels at scale 1."""
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for argument in (
        "--headless=new",
        f"--window-size={window[0]},{window[1]}",
        "--force-device-scale-factor=1",
        "--hide-scrollbars",
        # Root in containers and CI has no usable sandbox; the page is our own localhost server.
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--no-first-run",
        "--disable-extensions",
        "--lang=en-US",
        f"--user-data-dir={profile}",
    ):
        options.add_argument(argument)
    service = Service(executable_path=chromedriver, log_output=str(log_path))
    try:
        driver = webdriver.Chrome(service=service, options=options)
    except WebDriverException as error:
        raise CheckFailed(
            f"Chromium did not start ({chromium} through {chromedriver}): {error.msg}\n"
            f"chromedriver's log ({log_path}):\n{log_tail(log_path)}"
        ) from error
    # The viewport itself gets the size: --window-size counts the (invisible) window frame.
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": window[0], "height": window[1], "deviceScaleFactor": 1, "mobile": False})
    driver.set_page_load_timeout(60)
    driver.set_script_timeout(30)
    return driver


def wait_for(description: str, timeout: float, probe, on_timeout=lambda: ""):
    """Calls probe() until it returns something truthy; CheckFailed after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        result = probe()
        if result:
            return result
        if time.monotonic() > deadline:
            details = on_timeout()
            raise CheckFailed(f"timed out after {timeout:.0f} s waiting for {description}" + (f": {details}" if details else ""))
        time.sleep(POLL_INTERVAL)


def accept_kernel_dialog_if_shown(driver) -> bool:
    """If JupyterLab asks for a kernel, picks swift-margin and accepts. True when it did."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    dialogs = driver.find_elements(By.CSS_SELECTOR, ".jp-Dialog")
    if not dialogs:
        return False
    selects = dialogs[0].find_elements(By.CSS_SELECTOR, "select")
    if not selects:
        return False
    chooser = Select(selects[0])
    matching = [option for option in chooser.options if option.text.strip() == KERNEL_DISPLAY_NAME]
    if not matching:
        offered = ", ".join(option.text.strip() for option in chooser.options)
        raise CheckFailed(f"JupyterLab's kernel dialog does not offer {KERNEL_DISPLAY_NAME!r} (it offers: {offered})")
    chooser.select_by_visible_text(matching[0].text)
    dialogs[0].find_element(By.CSS_SELECTOR, ".jp-Dialog-button.jp-mod-accept").click()
    return True


def click_run_all_cells(driver) -> None:
    """Run > Run All Cells from JupyterLab's menu bar."""
    from selenium.webdriver.common.by import By

    run_menu = [item for item in driver.find_elements(By.CSS_SELECTOR, ".lm-MenuBar-item") if item.text.strip() == "Run"]
    if not run_menu:
        raise CheckFailed("JupyterLab's menu bar has no 'Run' menu")
    run_menu[0].click()
    item = wait_for(
        "the menu item Run All Cells", 10,
        lambda: [e for e in driver.find_elements(By.CSS_SELECTOR, f'.lm-Menu-item[data-command="{RUN_ALL_COMMAND}"]') if e.is_displayed()],
    )[0]
    item.click()


def notebook_state(driver, figure_index: int) -> dict[str, Any] | None:
    return driver.execute_script(NOTEBOOK_STATE_SCRIPT, figure_index, ERROR_OUTPUT_SELECTOR)


def describe_state(state: dict[str, Any] | None) -> str:
    if state is None:
        return "no notebook panel on the page"
    return (f"prompts {' '.join(state['prompts'])}, kernel {state['kernelName']!r} {state['kernelStatus']}, "
            f"figure loaded: {state['figureLoaded']}")


def rounded(box: dict[str, float]) -> str:
    return "left {left:.0f} top {top:.0f} right {right:.0f} bottom {bottom:.0f}".format(**box)


def execution_counts(prompts: list[str]) -> list[int | None]:
    """The numbers in prompts like "[3]:"; None for "[ ]:" (not run) and "[*]:" (running)."""
    return [int(match[1]) if (match := re.fullmatch(r"\[(\d+)\]:", prompt)) else None for prompt in prompts]


def all_cells_ran(prompts: list[str]) -> bool:
    """Every code cell has a number and the numbers increase: the cells ran in order, one
    execution each (cells the kernel aborted after a failure repeat the failing cell's number)."""
    counts = execution_counts(prompts)
    return bool(counts) and None not in counts and all(a < b for a, b in zip(counts, counts[1:]))


# The editor check: what a user types into a new cell, and what must then appear.
TOOLTIP_CALL = "decisionBoundaryFigure("
TOOLTIP_EXPECTED = "func decisionBoundaryFigure("
COMPLETION_PREFIX = "Toy2D."
EDITOR_HELP_TIMEOUT = 60.0


def visible_texts(driver, selector: str) -> list[str]:
    from selenium.webdriver.common.by import By

    return [element.text for element in driver.find_elements(By.CSS_SELECTOR, selector) if element.is_displayed()]


def check_editor_help(driver, timer: Timer) -> None:
    """In a new cell below the last: Shift+Tab inside a call shows the callee's signature in
    JupyterLab's tooltip; Tab after `Toy2D.` lists the data sets before `hash`, with the
    highlighted match's signature in the completer's documentation panel."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    cells = driver.find_elements(By.CSS_SELECTOR, ".jp-NotebookPanel .jp-Notebook .jp-Cell")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", cells[-1])
    cells[-1].find_element(By.CSS_SELECTOR, ".jp-InputPrompt").click()
    ActionChains(driver).send_keys(Keys.ESCAPE).send_keys("b").perform()
    new_cell = wait_for(
        "a new cell below the last", 10,
        lambda: len(found := driver.find_elements(By.CSS_SELECTOR, ".jp-NotebookPanel .jp-Notebook .jp-Cell")) > len(cells)
        and found[-1],
    )
    editor = new_cell.find_element(By.CSS_SELECTOR, ".cm-content")
    editor.click()
    editor.send_keys(TOOLTIP_CALL)
    ActionChains(driver).key_down(Keys.SHIFT).send_keys(Keys.TAB).key_up(Keys.SHIFT).perform()
    tooltip = wait_for(
        f"the tooltip after Shift+Tab inside {TOOLTIP_CALL!r}", EDITOR_HELP_TIMEOUT,
        lambda: [text for text in visible_texts(driver, ".jp-Tooltip") if TOOLTIP_EXPECTED in text],
        lambda: f"tooltips shown: {visible_texts(driver, '.jp-Tooltip')}",
    )[0]
    timer.say(f"Shift+Tab inside a call shows the tooltip: {tooltip.splitlines()[0][:100]}")

    ActionChains(driver).send_keys(Keys.ESCAPE).perform()  # closes the tooltip, keeps edit mode
    editor.click()
    ActionChains(driver).key_down(Keys.CONTROL).send_keys("a").key_up(Keys.CONTROL).send_keys(Keys.BACKSPACE).perform()
    editor.send_keys(COMPLETION_PREFIX)
    ActionChains(driver).send_keys(Keys.TAB).perform()

    def completer_items():
        return [element.get_attribute("data-value") for element in
                driver.find_elements(By.CSS_SELECTOR, ".jp-Completer .jp-Completer-item") if element.is_displayed()]

    items = wait_for(f"the completer after Tab behind {COMPLETION_PREFIX!r}", EDITOR_HELP_TIMEOUT, completer_items,
                     lambda: f"the cell holds {editor.text!r}")
    if "twoMoons" not in items:
        raise CheckFailed(f"the completer after {COMPLETION_PREFIX!r} does not offer twoMoons: {items}")
    if "hash" in items and items.index("hash") < items.index("twoMoons"):
        raise CheckFailed(f"the completer lists hash before the data sets: {items}")
    documentation = wait_for(
        "a signature in the completer's documentation panel", EDITOR_HELP_TIMEOUT,
        lambda: [text for text in visible_texts(driver, ".jp-Completer-docpanel") if "case " in text or "func " in text],
        lambda: f"the panel shows {visible_texts(driver, '.jp-Completer-docpanel')}",
    )[0]
    timer.say(f"Tab after {COMPLETION_PREFIX!r}: {', '.join(items[:6])}, ...; the documentation panel: "
              f"{documentation.splitlines()[0][:80]}")
    ActionChains(driver).send_keys(Keys.ESCAPE).perform()


# ---------------------------------------------------------------------------------------------
# The check


def run_check(arguments: argparse.Namespace, timer: Timer) -> Path:
    """Everything after the argument parsing; returns the screenshot's path."""
    webdriver = import_selenium()
    from selenium.common.exceptions import WebDriverException

    check_jupyterlab_installed()
    chromium = find_program(arguments.chromium, CHROMIUM_NAMES, "Chromium")
    chromedriver = find_program(arguments.chromedriver, CHROMEDRIVER_NAMES, "chromedriver")
    executable = arguments.executable.absolute()
    if not executable.is_file():
        raise MissingRequirement(f"the kernel executable {executable} does not exist: build it (swift build -c release, or `make build-release`)")

    parameters = dict(QUICK_PARAMETERS) if arguments.quick else {}
    parameters.update(parse_parameters(arguments.parameter))
    screenshot = arguments.screenshot.resolve()
    failure_screenshot = screenshot.with_name(screenshot.stem + "-failure.png")
    for earlier in (screenshot, failure_screenshot):  # a failed run leaves no stale success
        earlier.unlink(missing_ok=True)

    workspace = Path(tempfile.mkdtemp(prefix="swift-margin-browser-check-"))
    server = None
    driver = None
    try:
        jupyter_path = install_kernelspec(executable, workspace / "kernelspec-prefix")
        environment = jupyter_environment(workspace, jupyter_path)
        root = workspace / "notebooks"
        root.mkdir()
        notebook_path = root / TOUR_NOTEBOOK.name
        figure_index, cell_count = prepare_notebook(notebook_path, parameters)
        shown = ", ".join(f"{name}={value}" for name, value in parameters.items()) or "the notebook's own"
        timer.say(f"kernel {executable}; tour parameters: {shown}")

        server = JupyterLabServer(root, environment, workspace / "jupyterlab.log")
        server.wait_until_ready(SERVER_START_TIMEOUT)
        timer.say(f"JupyterLab is up on port {server.port}")

        width, height = arguments.window_size
        driver = start_chromium(webdriver, chromium, chromedriver, workspace / "chromium-profile",
                                workspace / "chromedriver.log", (width, height))
        driver.get(server.url(f"/lab/tree/{notebook_path.name}"))
        wait_for(
            f"the notebook's {cell_count} cells to appear", NOTEBOOK_OPEN_TIMEOUT,
            lambda: (state := notebook_state(driver, figure_index)) and state["cellCount"] == cell_count,
            lambda: describe_state(notebook_state(driver, figure_index)),
        )
        timer.say(f"the notebook is open in Chromium ({width}x{height})")

        def kernel_ready():
            accept_kernel_dialog_if_shown(driver)
            state = notebook_state(driver, figure_index)
            return state and state["kernelName"] == KERNEL_DISPLAY_NAME and state["kernelStatus"] == "idle"

        wait_for(f"the kernel {KERNEL_DISPLAY_NAME!r} to be idle", KERNEL_READY_TIMEOUT, kernel_ready,
                 lambda: describe_state(notebook_state(driver, figure_index)))
        timer.say(f"kernel {KERNEL_DISPLAY_NAME!r} is idle; Run > Run All Cells")
        click_run_all_cells(driver)

        progress = {"ran": -1}

        def finished():
            state = notebook_state(driver, figure_index)
            if state is None:
                return False
            if state["errors"]:
                raise CheckFailed("the notebook shows an error output:\n" + "\n---\n".join(state["errors"]))
            ran = sum(1 for count in execution_counts(state["prompts"]) if count is not None)
            if ran != progress["ran"]:
                progress["ran"] = ran
                timer.say(f"cells run: {ran}/{len(state['prompts'])}")
            return all_cells_ran(state["prompts"]) and state["kernelStatus"] == "idle" and state["figureLoaded"] and state

        state = wait_for(
            "every cell to run and the figure to load", arguments.timeout, finished,
            lambda: describe_state(notebook_state(driver, figure_index)),
        )
        timer.say(f"every cell ran; the figure's image is {state['figureSize'][0]}x{state['figureSize'][1]}")

        placement = driver.execute_script(SCROLL_FIGURE_SCRIPT, figure_index)
        driver.execute_async_script(NEXT_PAINT_SCRIPT)
        screenshot.parent.mkdir(parents=True, exist_ok=True)
        if not driver.save_screenshot(str(screenshot)):
            raise CheckFailed(f"Chromium could not write the screenshot {screenshot}")
        if placement["hidden"]:
            raise CheckFailed(
                f"the figure (at {rounded(placement['figure'])}) is not wholly visible in the {width}x{height} window: "
                f"hidden at the points {placement['hidden']}; "
                f"screenshot anyway: {screenshot}; try a larger --window-size"
            )
        check_editor_help(driver, timer)
        return screenshot
    except (CheckFailed, WebDriverException) as error:
        if driver is not None:
            try:
                failure_screenshot.parent.mkdir(parents=True, exist_ok=True)
                driver.save_screenshot(str(failure_screenshot))
                print(f"browser-check: the page at the failure: {failure_screenshot}", file=sys.stderr)
            except Exception:
                pass
        if server is not None:
            print(f"browser-check: JupyterLab's log (last lines):\n{log_tail(server.log_path)}", file=sys.stderr)
        if isinstance(error, WebDriverException):
            raise CheckFailed(f"the browser failed: {error.msg or error!r}") from error
        raise
    finally:
        if driver is not None:
            try:
                driver.quit()
            except Exception:
                pass
        if server is not None:
            server.stop()
        if arguments.keep_temporary:
            print(f"browser-check: temporary files kept in {workspace}", file=sys.stderr)
        else:
            shutil.rmtree(workspace, ignore_errors=True)


def window_size(text: str) -> tuple[int, int]:
    match = re.fullmatch(r"(\d+)x(\d+)", text)
    if not match:
        raise argparse.ArgumentTypeError(f"a window size is WIDTHxHEIGHT, got {text!r}")
    return int(match[1]), int(match[2])


def parse_arguments(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Run the tour notebook in JupyterLab in headless Chromium with the swift-margin "
                    "kernel and screenshot its figure.",
    )
    parser.add_argument("--executable", type=Path,
                        default=Path(os.environ.get("SWIFT_MARGIN_EXECUTABLE", DEFAULT_EXECUTABLE)),
                        help="the swift-margin executable the kernel runs "
                             "(default: $SWIFT_MARGIN_EXECUTABLE, else .build/release/swift-margin)")
    parser.add_argument("--quick", action="store_true",
                        help="small tour parameters (" + ", ".join(f"{k}={v}" for k, v in QUICK_PARAMETERS.items())
                             + "), for the debug build")
    parser.add_argument("-p", "--parameter", action="append", default=[], metavar="NAME=VALUE",
                        help="set a parameter of the tour (a Swift literal), repeatable; after --quick's")
    parser.add_argument("--screenshot", type=Path, default=DEFAULT_SCREENSHOT,
                        help="where to write the PNG (default: notebooks/out/browser-check.png)")
    parser.add_argument("--timeout", type=float, default=900.0,
                        help="seconds to wait for every cell to run and the figure to load (default: 900)")
    parser.add_argument("--window-size", type=window_size, default=(1440, 960), metavar="WIDTHxHEIGHT",
                        help="Chromium's viewport (default: 1440x960)")
    parser.add_argument("--chromium", help="the Chromium executable (default: chromium on PATH)")
    parser.add_argument("--chromedriver", help="the chromedriver executable (default: chromedriver on PATH)")
    parser.add_argument("--keep-temporary", action="store_true",
                        help="keep the temporary folder (notebook, logs, Chromium profile) and print its path")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    arguments = parse_arguments(argv)
    # A terminating signal unwinds through the cleanup like Ctrl-C does.
    signal.signal(signal.SIGTERM, lambda number, frame: sys.exit(128 + number))
    timer = Timer()
    try:
        screenshot = run_check(arguments, timer)
    except MissingRequirement as error:
        print(f"browser-check: missing requirement: {error}", file=sys.stderr)
        return 2
    except CheckFailed as error:
        print(f"browser-check: FAILED after {timer.elapsed():.1f} s: {error}", file=sys.stderr)
        return 1
    timer.say(f"passed; screenshot: {screenshot}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
