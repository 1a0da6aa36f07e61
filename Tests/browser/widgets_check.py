#!/usr/bin/env python3
"""Widgets in the browser: Swift `interact` controls in JupyterLab 4 with the widgets extension,
in headless Chromium, redrawing a decision-boundary figure of a toy network.

The check (default), in order:

1. writes a notebook of the tour's own cells (`tour_cells`: its parameters with quick=true,
   its setup and its explorer, the cell tagged "explorer") and an `interact` whose closure
   redraws the explorer but traps (fatalError) at one slider value;
2. starts JupyterLab and Chromium as Tests/browser/browser_check.py does (its helpers), runs
   Run > Run All Cells and waits for both sliders and both figures, failing on an error output
   or a widget error ("Error displaying widget", "model not found");
3. focuses the explorer's first slider (gamma) and presses ArrowRight: the slider's readout
   and the figure's <img> src must change (the toy network retrained), and the new image load;
4. saves, reloads the page (driver.refresh()): the controls must come back (the
   jupyter.widget.control comm's request_states, answered with update_states) with the
   figure, and ArrowRight must again redraw it;
5. on the second slider, ArrowRight to the trapping value: the trap's message must show in the
   notebook (in the Output widget under the controls, which captures the change's outputs),
   and the next ArrowRight must redraw the figure.

With `--bench` (against the release build) it measures instead: for 20 slider moves each, the
time from the key press (the page's keydown) until the figure's <img> has a new src and has
loaded, (a) when only the drawing changes (the number of closest margins drawn) and (b) when
the closure retrains the toy network (a new seed, `--bench-steps` steps of the paper's
2-32-32-32-32-2 MLP), and (c) on the tour's explorer at its default parameters (a gamma move
retrains the hinge model: 1,000 full-batch steps on 60 points, then the exact margins and two
figures). Prints the median and the worst of each; asserts nothing.

    .venv/bin/python Tests/browser/widgets_check.py --executable .build/debug/swift-margin
    .venv/bin/python Tests/browser/widgets_check.py --executable .build/release/swift-margin --bench

Exit status 0 on success, 1 when the check fails, 2 when something it needs is missing.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import browser_check as bc  # noqa: E402  (its JupyterLab, Chromium and waiting helpers)

from browser_check import CheckFailed, MissingRequirement, wait_for  # noqa: E402

DEFAULT_SCREENSHOT = bc.REPO_ROOT / "notebooks" / "out" / "widgets-check.png"
NOTEBOOK_NAME = "widgets-check.ipynb"
MOVE_TIMEOUT = 300.0
WIDGET_ERRORS = ("Error displaying widget", "model not found", "Failed to load model", "Error creating widget")
STDERR_SELECTOR = '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]'
TRAP_MESSAGE = "the callback traps at 2"


def setup_cell(steps: int, sizes: list[int], resolution: int) -> str:
    return f"""let steps = {steps}            // training steps of the toy network
let sizes = {sizes}   // its layer widths
let resolution = {resolution}        // the figure's grid: resolution x resolution points
let (trainingSet, testSet) = try Toy2D.twoMoons(noise: 0.1).sparseTrainDenseTest(trainCount: 100, seed: 0)
/// The toy network trained from seed `seed` with cross-entropy.
func trainedModel(seed: UInt64) -> Sequential<Float> {{
    var g = SeededGenerator(seed: seed)
    var model = Sequential<Float>.multilayerPerceptron(sizes: sizes, using: &g)
    var optimizer = RMSProp<Float>(learningRate: 0.01)
    train(&model, optimizer: &optimizer, inputs: trainingSet.inputs, labels: trainingSet.labels,
          options: TrainingOptions(steps: steps, batchSize: 100))
    return model
}}
/// The model's regions and boundary, with circles around its `closest` closest training points.
func boundary(_ model: Sequential<Float>, closest: Int, title: String) -> Figure {{
    decisionBoundaryFigure(panels: [DecisionBoundaryPanel(title, model: model, training: trainingSet, test: testSet,
                                                          margins: .closest(count: closest, norm: .l2))],
                           resolution: resolution, panelWidth: 360)
}}
let model = trainedModel(seed: 1)
print("trained \\(steps) steps of \\(sizes)")
"""


# Only the drawing changes: how many of the closest training margins are circled.
DRAW_CELL = """interact(IntRange("closest", 1...30, default: 5)) { closest in
    boundary(model, closest: closest, title: "the \\(closest) closest margins")
}
"""

# A callback that traps at one value, drawing the tour's explorer otherwise.
TOUR_TRAP_CELL = f"""interact(IntRange("trap", 0...5, default: 0)) {{ n in
    if n == 2 {{ fatalError("{TRAP_MESSAGE}") }}
    return explorer.view(MarginExplorer.Settings(gamma: 0.1 * Double(n + 1)))
}}
"""


def tour_cells(quick: bool = True) -> list[str]:
    """The tour's parameters cell (with quick=true unless `quick` is false), its setup cell (the one that makes
    `seedList`) and its explorer cell (tagged "explorer"), as the tour has them."""
    tour = json.loads((bc.REPO_ROOT / "notebooks" / "01-tour.ipynb").read_text())
    code = [cell for cell in tour["cells"] if cell["cell_type"] == "code"]
    sources = {"parameters": None, "setup": None, "explorer": None}
    for cell in code:
        source = "".join(cell["source"])
        tags = cell["metadata"].get("tags", [])
        if "parameters" in tags:
            sources["parameters"] = source.replace("let quick = false", f"let quick = {'true' if quick else 'false'}")
        elif "let seedList" in source:
            sources["setup"] = source
        elif "explorer" in tags:
            sources["explorer"] = source
    missing = [name for name, source in sources.items() if source is None]
    if missing or f"let quick = {'true' if quick else 'false'}" not in sources["parameters"]:
        raise CheckFailed(f"the tour has no {', '.join(missing) or 'quick parameter'} cell to check")
    return [sources["parameters"], sources["setup"], sources["explorer"]]


# The network retrains on every move: a new seed.
RETRAIN_CELL = """interact(IntRange("seed", 1...100, default: 1)) { seed in
    boundary(trainedModel(seed: UInt64(seed)), closest: 5, title: "seed \\(seed), \\(steps) steps")
}
"""


def write_notebook(path: Path, cells: list[str]) -> None:
    notebook = {
        "cells": [{"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [], "source": source}
                  for source in cells],
        "metadata": {"kernelspec": {"name": bc.KERNEL_NAME, "display_name": bc.KERNEL_DISPLAY_NAME, "language": "swift"},
                     "language_info": {"name": "swift"}},
        "nbformat": 4, "nbformat_minor": 5,
    }
    for index, cell in enumerate(notebook["cells"]):
        cell["id"] = f"cell-{index}"
    path.write_text(json.dumps(notebook, indent=1) + "\n")


# One look at the notebook: prompts, kernel, error outputs, widget errors, and per cell its
# slider (readout) and figure (<img> src, loaded).
STATE_SCRIPT = """
const [stderrSelector, widgetErrors] = arguments;
const panel = document.querySelector('.jp-NotebookPanel');
if (!panel) { return null; }
const cells = Array.from(panel.querySelectorAll('.jp-Notebook .jp-Cell'));
const indicator = panel.querySelector('.jp-Notebook-ExecutionIndicator');
const kernelName = panel.querySelector('[data-jp-item-name="kernelName"]');
const text = panel.innerText;
return {
  prompts: cells.map(cell => { const p = cell.querySelector('.jp-InputArea-prompt'); return p ? p.textContent.trim() : ''; }),
  kernelStatus: indicator ? indicator.getAttribute('data-status') : null,
  kernelName: kernelName ? kernelName.textContent.trim() : null,
  widgetErrors: widgetErrors.filter(message => text.includes(message)),
  dirty: !!document.querySelector('.lm-TabBar-tab.jp-mod-current.jp-mod-dirty'),
  cells: cells.map(cell => {
    const handle = cell.querySelector('.jupyter-widgets .noUi-handle');
    const readout = cell.querySelector('.jupyter-widgets .widget-readout');
    const image = cell.querySelector('.jp-OutputArea-output img');
    return {
      slider: !!handle,
      readout: readout ? readout.textContent.trim() : null,
      src: image ? image.src : null,
      loaded: !!(image && image.complete && image.naturalWidth > 0),
      errors: Array.from(cell.querySelectorAll(stderrSelector)).map(e => e.textContent.slice(0, 2000)),
    };
  }),
};
"""

# Before a move: focuses the slider handle of cell `index` and watches the cell for an <img>
# whose src is none of the cell's current ones (a view may hold several figures); window.__move.start is the keydown's time,
# window.__move.end the time that image had loaded.
ARM_MOVE_SCRIPT = """
const [index] = arguments;
const cell = document.querySelectorAll('.jp-NotebookPanel .jp-Notebook .jp-Cell')[index];
const oldSources = new Set(Array.from(cell.querySelectorAll('.jp-OutputArea-output img')).map(image => image.src));
const move = {start: null, end: null};
window.__move = move;
document.addEventListener('keydown', () => { if (move.start === null) { move.start = performance.now(); } },
                          {capture: true, once: true});
const done = () => { if (move.end === null) { move.end = performance.now(); observer.disconnect(); } };
const look = () => {
  cell.querySelectorAll('.jp-OutputArea-output img').forEach(image => {
    // The same <img> may get a new src on a later move: watched per move and per src.
    if (oldSources.has(image.src) || (image.__watchedBy === move && image.__watchedSrc === image.src)) { return; }
    image.__watchedBy = move;
    image.__watchedSrc = image.src;
    if (image.complete && image.naturalWidth > 0) { done(); } else { image.addEventListener('load', done, {once: true}); }
  });
};
const observer = new MutationObserver(look);
observer.observe(cell, {subtree: true, childList: true, attributes: true, attributeFilter: ['src']});
const handle = cell.querySelector('.jupyter-widgets .noUi-handle');
handle.scrollIntoView({block: 'center'});
handle.focus();
return document.activeElement === handle;
"""


class WidgetsTimer(bc.Timer):
    def say(self, message: str) -> None:
        print(f"[widgets-check {self.elapsed():6.1f} s] {message}", flush=True)


def state(driver) -> dict[str, Any] | None:
    return driver.execute_script(STATE_SCRIPT, STDERR_SELECTOR, list(WIDGET_ERRORS))


def describe(current: dict[str, Any] | None) -> str:
    if current is None:
        return "no notebook panel on the page"
    cells = "; ".join(f"cell {i}: slider {c['slider']}, readout {c['readout']!r}, figure loaded {c['loaded']}"
                      for i, c in enumerate(current["cells"]))
    return f"prompts {' '.join(current['prompts'])}, kernel {current['kernelStatus']}; {cells}"


def fail_on_widget_errors(current: dict[str, Any]) -> None:
    if current["widgetErrors"]:
        raise CheckFailed(f"the notebook shows a widget error: {current['widgetErrors']}")


def wait_for_controls(driver, cell_indices: list[int], timeout: float, timer: WidgetsTimer, what: str) -> dict[str, Any]:
    """Until every code cell has run, the kernel is idle and the cells in `cell_indices` show
    a slider and a loaded figure; CheckFailed at once on an error output or a widget error."""
    progress = {"ran": -1}

    def ready():
        current = state(driver)
        if current is None:
            return False
        fail_on_widget_errors(current)
        errors = [e for cell in current["cells"] for e in cell["errors"]]
        if errors:
            raise CheckFailed("the notebook shows an error output:\n" + "\n---\n".join(errors))
        ran = sum(1 for count in bc.execution_counts(current["prompts"]) if count is not None)
        if ran != progress["ran"]:
            progress["ran"] = ran
            timer.say(f"cells run: {ran}/{len(current['prompts'])}")
        cells = current["cells"]
        return (bc.all_cells_ran(current["prompts"]) and current["kernelStatus"] == "idle"
                and all(cells[i]["slider"] and cells[i]["loaded"] and cells[i]["readout"] for i in cell_indices)
                and current)

    return wait_for(what, timeout, ready, lambda: describe(state(driver)))


def press_arrow_right(driver) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    ActionChains(driver).send_keys(Keys.ARROW_RIGHT).perform()


def move_slider(driver, index: int, timeout: float = MOVE_TIMEOUT) -> tuple[float, dict[str, Any]]:
    """ArrowRight on the slider of cell `index`; waits for the figure to change and load.
    Returns the seconds from the keydown to the new image loaded, and the notebook's state."""
    if not driver.execute_script(ARM_MOVE_SCRIPT, index):
        raise CheckFailed(f"the slider handle of cell {index} does not take the focus")
    press_arrow_right(driver)

    def moved():
        move = driver.execute_script("return window.__move")
        current = state(driver)
        if current:
            fail_on_widget_errors(current)
        return move["start"] is not None and move["end"] is not None and (move, current)

    move, current = wait_for(f"the figure of cell {index} to change after ArrowRight", timeout, moved,
                             lambda: describe(state(driver)))
    return (move["end"] - move["start"]) / 1000, current


def wait_until_idle(driver, timeout: float = 120.0) -> None:
    wait_for("the kernel to be idle", timeout, lambda: (s := state(driver)) and s["kernelStatus"] == "idle",
             lambda: describe(state(driver)))


def save_notebook(driver) -> None:
    """Ctrl+S in command mode; waits until the tab is no longer marked dirty."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    prompt = driver.find_elements(By.CSS_SELECTOR, ".jp-NotebookPanel .jp-Notebook .jp-Cell .jp-InputPrompt")[0]
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", prompt)
    prompt.click()
    ActionChains(driver).send_keys(Keys.ESCAPE).key_down(Keys.CONTROL).send_keys("s").key_up(Keys.CONTROL).perform()
    wait_for("the notebook to be saved", 30, lambda: (s := state(driver)) and not s["dirty"])


def open_notebook(driver, server, path: Path, cell_count: int, timer: WidgetsTimer) -> None:
    driver.get(server.url(f"/lab/tree/{path.name}"))
    wait_for(f"the notebook's {cell_count} cells to appear", bc.NOTEBOOK_OPEN_TIMEOUT,
             lambda: (s := state(driver)) and len(s["prompts"]) == cell_count, lambda: describe(state(driver)))

    def kernel_ready():
        bc.accept_kernel_dialog_if_shown(driver)
        current = state(driver)
        return current and current["kernelName"] == bc.KERNEL_DISPLAY_NAME and current["kernelStatus"] == "idle"

    wait_for(f"the kernel {bc.KERNEL_DISPLAY_NAME!r} to be idle", bc.KERNEL_READY_TIMEOUT, kernel_ready,
             lambda: describe(state(driver)))


def run_widgets_check(driver, server, notebook: Path, arguments, timer: WidgetsTimer) -> None:
    draw, trap = 2, 3  # the tour's explorer, the trapping interact
    open_notebook(driver, server, notebook, 4, timer)
    timer.say("the notebook is open and its kernel idle; Run > Run All Cells")
    bc.click_run_all_cells(driver)
    before = wait_for_controls(driver, [draw, trap], arguments.timeout, timer, "both sliders and both figures")
    timer.say(f"the controls render; readouts {before['cells'][draw]['readout']!r} and {before['cells'][trap]['readout']!r}")

    seconds, after = move_slider(driver, draw)
    if after["cells"][draw]["readout"] == before["cells"][draw]["readout"]:
        wait_for("the slider's readout to change", 30,
                 lambda: state(driver)["cells"][draw]["readout"] != before["cells"][draw]["readout"])
    readout = state(driver)["cells"][draw]["readout"]
    timer.say(f"the explorer's gamma: readout {before['cells'][draw]['readout']} -> {readout}, retrained and redrawn in {seconds:.2f} s")
    wait_until_idle(driver)

    save_notebook(driver)
    driver.refresh()
    open_notebook(driver, server, notebook, 4, timer)
    reloaded = wait_for_controls(driver, [draw, trap], 120, timer, "the controls and figures after the reload")
    if reloaded["cells"][draw]["readout"] != readout:
        raise CheckFailed(f"after the reload the slider reads {reloaded['cells'][draw]['readout']!r}, not {readout!r}")
    timer.say(f"after a reload the controls are back (readout {readout})")
    seconds, _ = move_slider(driver, draw)
    wait_for("the slider's readout to change after the reload", 30,
             lambda: state(driver)["cells"][draw]["readout"] != readout)
    timer.say(f"after the reload ArrowRight redraws the figure ({seconds:.2f} s), readout {state(driver)['cells'][draw]['readout']}")
    wait_until_idle(driver)

    seconds, _ = move_slider(driver, trap)  # 0 -> 1
    wait_until_idle(driver)
    timer.say(f"the trapping interact redraws at 1 ({seconds:.2f} s); ArrowRight to its trap at 2")
    if not driver.execute_script(ARM_MOVE_SCRIPT, trap):
        raise CheckFailed("the trapping slider does not take the focus")
    press_arrow_right(driver)
    shown = wait_for(
        "the trap's error in the notebook", MOVE_TIMEOUT,
        lambda: [e for e in state(driver)["cells"][trap]["errors"] if TRAP_MESSAGE in e],
        lambda: f"the cell's error outputs: {state(driver)['cells'][trap]['errors']}; {describe(state(driver))}",
    )
    timer.say(f"the trap shows in the notebook: {shown[0].strip().splitlines()[0][:120]}")
    wait_until_idle(driver)
    placement = driver.execute_script(
        "const cell = document.querySelectorAll('.jp-NotebookPanel .jp-Notebook .jp-Cell')[arguments[0]];"
        "const error = Array.from(cell.querySelectorAll(arguments[1])).find(e => e.textContent.includes(arguments[2]));"
        "error.scrollIntoView({block: 'center'}); const box = error.getBoundingClientRect();"
        "return box.width > 0 && box.height > 0 && document.elementFromPoint(box.left + 2, box.top + box.height / 2) !== null"
        " && error.contains(document.elementFromPoint(box.left + 2, box.top + box.height / 2));",
        trap, STDERR_SELECTOR, TRAP_MESSAGE)
    if not placement:
        raise CheckFailed("the trap's error is in the page but not visible")
    screenshot = arguments.screenshot.resolve()
    screenshot.parent.mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(screenshot))
    seconds, _ = move_slider(driver, trap)  # 2 -> 3
    timer.say(f"after the trap ArrowRight redraws the figure ({seconds:.2f} s); screenshot of the error: {screenshot}")
    wait_until_idle(driver)


def run_benchmark(driver, server, notebook: Path, arguments, timer: WidgetsTimer) -> dict[str, list[float]]:
    draw, retrain, explorer = 1, 2, 5
    open_notebook(driver, server, notebook, 6, timer)
    bc.click_run_all_cells(driver)
    wait_for_controls(driver, [draw, retrain, explorer], arguments.timeout, timer, "the sliders and their figures")
    results = {}
    for name, index in (("drawing only", draw), ("retraining", retrain), ("the tour's explorer (gamma)", explorer)):
        move_slider(driver, index)  # a warm-up move, not counted
        wait_until_idle(driver)
        times = []
        for _ in range(arguments.moves):
            seconds, _ = move_slider(driver, index)
            times.append(seconds)
            wait_until_idle(driver)
            time.sleep(0.3)
        results[name] = times
        timer.say(f"{name}: median {statistics.median(times):.3f} s, worst {max(times):.3f} s over {len(times)} moves "
                  f"({', '.join(f'{t:.2f}' for t in times)})")
    return results


def run(arguments: argparse.Namespace, timer: WidgetsTimer) -> None:
    webdriver = bc.import_selenium()
    from selenium.common.exceptions import WebDriverException

    bc.check_jupyterlab_installed()
    chromium = bc.find_program(arguments.chromium, bc.CHROMIUM_NAMES, "Chromium")
    chromedriver = bc.find_program(arguments.chromedriver, bc.CHROMEDRIVER_NAMES, "chromedriver")
    executable = arguments.executable.absolute()
    if not executable.is_file():
        raise MissingRequirement(f"the kernel executable {executable} does not exist: build it (swift build)")
    workspace = Path(tempfile.mkdtemp(prefix="swift-margin-widgets-check-"))
    server = None
    driver = None
    try:
        jupyter_path = bc.install_kernelspec(executable, workspace / "kernelspec-prefix")
        environment = bc.jupyter_environment(workspace, jupyter_path)
        root = workspace / "notebooks"
        root.mkdir()
        notebook = root / NOTEBOOK_NAME
        if arguments.bench:
            cells = ([setup_cell(arguments.bench_steps, [2, 32, 32, 32, 32, 2], arguments.resolution), DRAW_CELL, RETRAIN_CELL]
                     + tour_cells(quick=False))
        else:
            cells = tour_cells() + [TOUR_TRAP_CELL]
        write_notebook(notebook, cells)
        timer.say(f"kernel {executable}; {'benchmark' if arguments.bench else 'check'} notebook {notebook}")
        server = bc.JupyterLabServer(root, environment, workspace / "jupyterlab.log")
        server.wait_until_ready(bc.SERVER_START_TIMEOUT)
        driver = bc.start_chromium(webdriver, chromium, chromedriver, workspace / "chromium-profile",
                                   workspace / "chromedriver.log", arguments.window_size)
        timer.say(f"JupyterLab is up on port {server.port}; Chromium started")
        if arguments.bench:
            run_benchmark(driver, server, notebook, arguments, timer)
        else:
            run_widgets_check(driver, server, notebook, arguments, timer)
    except (CheckFailed, WebDriverException) as error:
        if driver is not None:
            failure = arguments.screenshot.resolve().with_name("widgets-check-failure.png")
            try:
                failure.parent.mkdir(parents=True, exist_ok=True)
                driver.save_screenshot(str(failure))
                print(f"widgets-check: the page at the failure: {failure}", file=sys.stderr)
            except Exception:
                pass
        if server is not None:
            print(f"widgets-check: JupyterLab's log (last lines):\n{bc.log_tail(server.log_path)}", file=sys.stderr)
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
            print(f"widgets-check: temporary files kept in {workspace}", file=sys.stderr)
        else:
            shutil.rmtree(workspace, ignore_errors=True)


def parse_arguments(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Swift interact widgets in JupyterLab in headless Chromium: "
                                                 "the check (default) or the slider-to-figure benchmark (--bench).")
    parser.add_argument("--executable", type=Path,
                        default=Path(os.environ.get("SWIFT_MARGIN_EXECUTABLE", bc.DEFAULT_EXECUTABLE)),
                        help="the swift-margin executable (default: $SWIFT_MARGIN_EXECUTABLE, else .build/release/swift-margin)")
    parser.add_argument("--bench", action="store_true", help="measure slider moves instead of checking (release build)")
    parser.add_argument("--moves", type=int, default=20, help="moves measured per case with --bench (default: 20)")
    parser.add_argument("--bench-steps", type=int, default=1000,
                        help="training steps of the 2-32-32-32-32-2 MLP per retraining move with --bench (default: 1000)")
    parser.add_argument("--resolution", type=int, default=100, help="the figure's grid (default: 100)")
    parser.add_argument("--screenshot", type=Path, default=DEFAULT_SCREENSHOT,
                        help="where the check writes the screenshot of the trap's error (default: notebooks/out/widgets-check.png)")
    parser.add_argument("--timeout", type=float, default=600.0, help="seconds for every cell to run (default: 600)")
    parser.add_argument("--window-size", type=bc.window_size, default=(1440, 960), metavar="WIDTHxHEIGHT")
    parser.add_argument("--chromium", help="the Chromium executable (default: chromium on PATH)")
    parser.add_argument("--chromedriver", help="the chromedriver executable (default: chromedriver on PATH)")
    parser.add_argument("--keep-temporary", action="store_true", help="keep the temporary folder and print its path")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    arguments = parse_arguments(argv)
    signal.signal(signal.SIGTERM, lambda number, frame: sys.exit(128 + number))
    timer = WidgetsTimer()
    try:
        run(arguments, timer)
    except MissingRequirement as error:
        print(f"widgets-check: missing requirement: {error}", file=sys.stderr)
        return 2
    except CheckFailed as error:
        print(f"widgets-check: FAILED after {timer.elapsed():.1f} s: {error}", file=sys.stderr)
        return 1
    timer.say("passed" if not arguments.bench else "done")
    return 0


if __name__ == "__main__":
    sys.exit(main())
