"""Editor help (issue 13): completion and inspection answered by sourcekit-lsp, for a document
made of the session's imports and earlier cells' modules and the cell being typed; with the
symbol-graph answer as the fallback when the tool cannot start, hangs or dies.

Each case of the first group failed when completion and inspection came only from the
project's symbol graphs."""

from __future__ import annotations

import os
import signal
import stat
import time

import pytest

import kernel_helpers as kh
from kernel_helpers import run_ok


def complete(kc, code: str, cursor: int | None = None, timeout: float = 30) -> dict:
    return kh.request(kc, "complete", code, cursor_pos=len(code) if cursor is None else cursor,
                      timeout=timeout)["content"]


def inspect(kc, code: str, cursor: int | None = None, timeout: float = 30) -> dict:
    return kh.request(kc, "inspect", code, cursor_pos=len(code) if cursor is None else cursor,
                      timeout=timeout)["content"]


def inspected_text(kc, code: str) -> str:
    reply = inspect(kc, code)
    assert reply["status"] == "ok" and reply["found"], reply
    return reply["data"]["text/plain"]


@pytest.fixture(scope="module")
def session(kc):
    """The module's kernel with a model, a shadowed name, an enum and Foundation declared."""
    run_ok(kc, "var g = SeededGenerator(seed: 1)\n"
               "var model = Sequential<Float>.multilayerPerceptron(sizes: [2, 4, 2], using: &g)")
    run_ok(kc, "var shade = 1")
    run_ok(kc, 'var shade = "now a string"')
    run_ok(kc, "enum Fruit { case apple, banana }")
    run_ok(kc, "import Foundation")
    return kc


# ---------------------------------------------------------------------------------------------
# Completion


def test_members_of_a_standard_library_type(kc):
    reply = complete(kc, "Double(2).squareR")
    assert reply["status"] == "ok"
    assert reply["matches"] == ["squareRoot"], reply
    assert (reply["cursor_start"], reply["cursor_end"]) == (10, 17)


def test_names_declared_in_the_code_being_typed(kc):
    reply = complete(kc, "let zebraQuagga = 3\nzebraQ")
    assert reply["matches"] == ["zebraQuagga"], reply
    assert (reply["cursor_start"], reply["cursor_end"]) == (20, 26)


def test_types_in_jupyter_types_experimental(kc):
    reply = complete(kc, "Double(2).squareR")
    types = reply["metadata"]["_jupyter_types_experimental"]
    assert [t["text"] for t in types] == reply["matches"]
    square_root = types[0]
    assert square_root["type"] == "method", square_root
    assert square_root["signature"] == "func squareRoot() -> Double", square_root
    assert (square_root["start"], square_root["end"]) == (10, 17)


def test_members_of_a_project_type_held_by_a_session_variable(session):
    matches = complete(session, "model.par")["matches"]
    assert "parameterCount" in matches and "parameters" in matches, matches
    assert "saveParameters" in complete(session, "model.save")["matches"]


def test_enum_cases_after_a_leading_dot(session):
    reply = complete(session, "let c = MarginConfiguration(gamma: 1, norm: .")
    assert set(reply["matches"]) == {"l1", "l2", "lInfinity", "lp"}, reply
    assert complete(session, "let f: Fruit = .ba")["matches"] == ["banana"]


def test_the_newest_definition_of_a_shadowed_name(session):
    matches = complete(session, "shade.upperc")["matches"]
    assert matches == ["uppercased"], matches


def test_members_of_a_foundation_type_after_import_foundation(session):
    matches = complete(session, '"  abc ".trimmingChar')["matches"]
    assert matches == ["trimmingCharacters"], matches


def test_completion_inside_a_cell_in_the_middle(kc):
    code = "let n = Double(2).squareR\nprint(n)"
    reply = complete(kc, code, cursor=code.index("\n"))
    assert reply["matches"] == ["squareRoot"], reply


# ---------------------------------------------------------------------------------------------
# Inspection


def test_inspect_print(kc):
    text = inspected_text(kc, "print")
    assert "func print(_ items: Any..." in text, text
    assert "separator" in text and "Writes the textual representations" in text, text


def test_inspect_shows_every_overload(kc):
    text = inspected_text(kc, "largeMarginLoss")
    assert text.count("func largeMarginLoss(") == 2, text
    assert "logits:" in text and "model: Sequential" in text, text


def test_inspect_a_member_of_a_standard_library_type(kc):
    text = inspected_text(kc, "Double(2).squareRoot")
    assert "func squareRoot()" in text and "square root" in text, text


def test_inspect_with_the_cursor_inside_the_name(session):
    code = "model.saveParameters(to: path)"
    reply = inspect(session, code, cursor=code.index("Parameters"))
    assert reply["found"], reply
    text = reply["data"]["text/plain"]
    assert "func saveParameters(to" in text and "Writes the parameters" in text, text


def test_inspect_inside_a_calls_parentheses_finds_the_callee(kc):
    # Where JupyterLab users press Shift+Tab: right after the parenthesis, and after an argument.
    text = inspected_text(kc, "decisionBoundaryFigure(")
    assert "func decisionBoundaryFigure(panels:" in text and "Classifiers of 2-D points" in text, text
    text = inspected_text(kc, 'let panel = DecisionBoundaryPanel("x", ')
    assert text.startswith("struct DecisionBoundaryPanel"), text
    # A type being called: its initializers follow, every one.
    assert "init(title: String" in text and "init<Model>(_ name: String, model: Model" in text, text
    text = inspected_text(kc, "let root = Double(2).squareRoot(")
    assert "func squareRoot()" in text, text


def test_inspect_inside_a_call_in_the_fallback(kernelspec_prefix):
    km, kc = kh.start_kernel(extra_env={"SWIFT_MARGIN_SOURCEKIT_LSP": "off"})
    try:
        text = inspected_text(kc, 'DecisionBoundaryPanel("x", ')
        assert "struct DecisionBoundaryPanel" in text and "init(title: String" in text, text
        assert "func decisionBoundaryFigure(" in inspected_text(kc, "decisionBoundaryFigure(panels: [], ")
    finally:
        kh.stop_kernel(km, kc)


def test_completion_lists_the_users_names_before_protocol_noise(kc):
    reply = complete(kc, "Toy2D.")
    matches = reply["matches"]
    assert {"twoMoons", "circles", "xor"} <= set(matches), reply
    assert "hash" not in matches or matches.index("hash") > max(matches.index(name) for name in ("twoMoons", "circles", "xor")), matches
    types = reply["metadata"]["_jupyter_types_experimental"]
    moons = next(entry for entry in types if entry["text"] == "twoMoons")
    assert moons["signature"] == "case twoMoons(noise: Double)", moons


# ---------------------------------------------------------------------------------------------
# The tool missing, hanging or dying


def test_completion_falls_back_when_the_tool_cannot_start(kernelspec_prefix):
    km, kc = kh.start_kernel(extra_env={"SWIFT_MARGIN_SOURCEKIT_LSP": "/bin/false"})
    try:
        started = time.monotonic()
        reply = complete(kc, "fatalErr")
        assert reply["status"] == "ok"
        assert reply["matches"] == ["fatalError"], reply
        assert complete(kc, "Tens")["matches"], "the symbol-graph completion answers"
        assert inspect(kc, "Tensor")["found"]
        # Every preloaded library module is in the index, the experiments and their statistics too.
        assert "ModelSpec" in complete(kc, "ModelSp")["matches"]
        assert "MeanInterval" in complete(kc, "MeanInt")["matches"]
        assert inspect(kc, "HyperparameterGrid")["found"]
        assert time.monotonic() - started < 20
        assert run_ok(kc, "1 + 1").result == "2"
    finally:
        kh.stop_kernel(km, kc)


def test_completion_falls_back_when_the_tool_hangs(kernelspec_prefix, tmp_path):
    hanging = tmp_path / "hanging-sourcekit-lsp"
    hanging.write_text("#!/bin/sh\nexec sleep 600\n")
    hanging.chmod(hanging.stat().st_mode | stat.S_IXUSR)
    km, kc = kh.start_kernel(extra_env={"SWIFT_MARGIN_SOURCEKIT_LSP": str(hanging)})
    try:
        started = time.monotonic()
        assert complete(kc, "fatalErr")["matches"] == ["fatalError"]
        assert time.monotonic() - started < 15, "the first request waits at most the start timeout"
        started = time.monotonic()
        assert complete(kc, "fatalErr")["matches"] == ["fatalError"]
        assert time.monotonic() - started < 2, "a tool that hung while starting is not waited for again at once"
        pid = kh.kernel_pid(km)
        sleepers = [p for p in kh.process_tree(pid) if p != pid and _command(p).startswith("sleep")]
        assert not sleepers, "the hung tool was stopped"
    finally:
        kh.stop_kernel(km, kc)


def test_a_tool_that_died_is_started_again(fresh_kernel):
    km, kc = fresh_kernel
    assert complete(kc, "Double(2).squareR")["matches"] == ["squareRoot"]
    pid = kh.kernel_pid(km)
    tools = [p for p in kh.process_tree(pid) if "sourcekit-lsp" in _command(p)]
    assert tools, "sourcekit-lsp runs under the kernel"
    for tool in tools:
        os.kill(tool, signal.SIGKILL)
    time.sleep(0.2)
    assert complete(kc, "Double(2).squareR")["matches"] == ["squareRoot"]
    assert run_ok(kc, "2 + 2").result == "4"


def _command(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            return f.read().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""
