"""`jupyter console --kernel swift-margin` in a pseudo-terminal, as a user types at it:
a cell's result shows, and `exit` (or `quit`, `exit()`, `quit()`) ends the console as in
IPython (the kernel's execute_reply carries the payload {"source": "ask_exit"})."""

from __future__ import annotations

import os
import re
import sys
import time
from pathlib import Path

import pexpect
import pytest

VENV_BIN = Path(sys.executable).parent
# A cold first cell compiles in seconds; a loaded 2-core machine is slower.
CELL_TIMEOUT = float(os.environ.get("SWIFT_MARGIN_TEST_TIMEOUT", "60"))
# How long the console may take to end after `exit` is sent.
EXIT_SECONDS = 10
ANSI_ESCAPE = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[=>]")
COLOR = r"(?:\x1b\[[0-9;]*m)*"


def prompt(word: str, number: int) -> str:
    """A pattern for the console's coloured `In [n]` or `Out[n]` prompt."""
    return COLOR.join([re.escape(word + "["), str(number), re.escape("]")])


def start_console(tmp_path: Path) -> pexpect.spawn:
    """`jupyter console --kernel swift-margin` (the kernelspec conftest installs) in a pty,
    its full prompt_toolkit interface, waiting at its first prompt."""
    env = dict(os.environ, TERM="xterm", JUPYTER_RUNTIME_DIR=str(tmp_path / "runtime"),
               PYTHONUNBUFFERED="1")
    env.pop("JUPYTER_CONSOLE_TEST", None)
    console = pexpect.spawn(
        str(VENV_BIN / "jupyter"), ["console", "--kernel", "swift-margin", "--ZMQTerminalInteractiveShell.confirm_exit=False"],
        env=env, cwd=str(tmp_path), encoding="utf-8", codec_errors="replace", dimensions=(40, 120),
        timeout=CELL_TIMEOUT,
    )
    console.expect(prompt("In ", 1), timeout=CELL_TIMEOUT)
    return console


def type_line(console: pexpect.spawn, text: str) -> None:
    """Types `text` and presses Enter (slowly enough for the prompt to take each key)."""
    console.send(text)
    time.sleep(0.3)
    console.send("\r")


@pytest.mark.parametrize("command", ["exit", "quit()"])
def test_console_runs_a_cell_and_exit_ends_it(tmp_path, kernelspec_prefix, command):
    console = start_console(tmp_path)
    try:
        type_line(console, "1 + 2")
        console.expect(prompt("Out", 1), timeout=CELL_TIMEOUT)
        console.expect(prompt("In ", 2), timeout=CELL_TIMEOUT)
        result = ANSI_ESCAPE.sub("", console.before)
        assert re.search(r"^\s*:?\s*3\s*$", result, re.MULTILINE), f"no result 3 after Out[1]: {result!r}"

        sent = time.monotonic()
        type_line(console, command)
        try:
            console.expect(pexpect.EOF, timeout=EXIT_SECONDS)
        except pexpect.TIMEOUT:
            seen = ANSI_ESCAPE.sub("", console.before or "")
            pytest.fail(f"`{command}` did not end jupyter console within {EXIT_SECONDS} s; it showed:\n{seen[-2000:]}")
        console.close()
        assert console.exitstatus == 0, f"jupyter console exited with {console.exitstatus} (signal {console.signalstatus})"
        assert time.monotonic() - sent < EXIT_SECONDS
    finally:
        if console.isalive():
            console.terminate(force=True)
