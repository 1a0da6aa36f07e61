"""An interrupt stops the cell and the cells queued behind it; nothing the kernel started
outlives it; no other user can read the session's cells."""

import os
import signal
import stat
import tempfile
import threading
import time
from pathlib import Path

import kernel_helpers as kh
from kernel_helpers import execute, run_ok, value_of


def interrupt_after(km, delay):
    def during(_msg_id):
        timer = threading.Timer(delay, km.interrupt_kernel)
        timer.daemon = True
        timer.start()
    return during


def test_a_cell_that_stops_cooperatively_answers_interrupted_and_keeps_its_work(kernel, kc):
    km, _ = kernel
    code = ("var stepsDone = 0\n"
            "while !TrainingStop.isRequested { stepsDone += 1 }\n"
            "print(\"stopped\")")
    ex = execute(kc, code, timeout=30, during=interrupt_after(km, 1.0))
    assert ex.status == "error" and ex.ename == "Interrupted", ex.describe()
    assert ex.stdout == "stopped\n", ex.describe()
    # What the cell built stays in the session.
    assert int(value_of(kc, "stepsDone")) > 0


def test_run_all_stops_at_the_interrupted_cell(kernel, kc):
    """Like a front end's Run All: three requests queued with stop_on_error; the interrupt of
    the first (which stops cooperatively) aborts the other two."""
    km, _ = kernel
    first = kc.execute("var queuedA = 0\nwhile !TrainingStop.isRequested { queuedA += 1 }", stop_on_error=True)
    second = kc.execute('print("second ran")', stop_on_error=True)
    third = kc.execute('print("third ran")', stop_on_error=True)
    time.sleep(1.5)
    km.interrupt_kernel()
    assert kh.shell_reply(kc, first, timeout=30)["content"]["ename"] == "Interrupted"
    for queued in (second, third):
        assert kh.shell_reply(kc, queued, timeout=30)["content"]["status"] == "aborted"
    time.sleep(0.5)
    assert run_ok(kc, "queuedA > 0").result == "true"


def test_an_interrupted_readline_ends_the_cell_with_an_error(kernel, kc):
    km, _ = kernel
    msg_id = kc.execute('let answer = readLine()\nprint("after the input")', allow_stdin=True)
    assert kc.get_stdin_msg(timeout=30)["msg_type"] == "input_request"
    km.interrupt_kernel()
    reply = kh.shell_reply(kc, msg_id, timeout=15)
    kh.collect_iopub(kc, msg_id, timeout=10)
    assert reply["content"]["status"] == "error" and reply["content"]["ename"] == "Interrupted", reply["content"]


def test_an_interrupt_during_a_compile_stops_the_compiler(kernel, kc):
    km, _ = kernel
    pid = kh.kernel_pid(km)
    # A cell the type checker takes long over: a long chain of mixed literals.
    slow = "let slowToCheck = " + " + ".join(["1", "2.0", "[3][0]", "Double(4)"] * 40)
    msg_id = kc.execute(slow)
    deadline = time.monotonic() + 20
    while not compilers_under(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert compilers_under(pid), "the compiler never started"
    time.sleep(0.5)
    km.interrupt_kernel()
    reply = kh.shell_reply(kc, msg_id, timeout=30)
    assert reply["content"]["status"] == "error", reply["content"]
    deadline = time.monotonic() + 2
    while compilers_under(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not compilers_under(pid), "swift-frontend still runs 2 s after the interrupt"


def compilers_under(pid: int) -> list[int]:
    found = []
    for process in kh.process_tree(pid):
        try:
            name = Path(f"/proc/{process}/comm").read_text().strip()
            state = Path(f"/proc/{process}/stat").read_text().split(")")[-1].split()[0]
        except OSError:
            continue
        if name in ("swift-frontend", "swiftc", "swift-driver") and state != "Z":
            found.append(process)
    return found


def test_the_session_folder_is_private(kernel, kc):
    km, _ = kernel
    run_ok(kc, "1")
    pid = kh.kernel_pid(km)
    # The executor's standard output is a file in the session folder.
    outputs = [os.readlink(f"/proc/{p}/fd/1") for p in kh.process_tree(pid) if p != pid and kh.is_running(p)]
    folders = {os.path.dirname(o) for o in outputs if "swift-margin-session" in o}
    assert folders, outputs
    for folder in folders:
        assert stat.S_IMODE(os.stat(folder).st_mode) == 0o700, f"{folder}: {oct(os.stat(folder).st_mode)}"


def test_a_killed_kernel_takes_its_running_cell_with_it(kernelspec_prefix):
    km, kc = kh.start_kernel()
    try:
        pid = kh.kernel_pid(km)
        kc.execute("import Foundation\nwhile true { Thread.sleep(forTimeInterval: 0.01) }")
        time.sleep(2.0)
        descendants = [p for p in kh.process_tree(pid) if p != pid]
        assert descendants, "no executor under the kernel"
        os.kill(pid, signal.SIGKILL)
        deadline = time.monotonic() + 5
        while any(kh.is_running(p) for p in descendants) and time.monotonic() < deadline:
            time.sleep(0.1)
        survivors = [p for p in descendants if kh.is_running(p)]
        assert not survivors, f"still running 5 s after the kernel was killed: {survivors}"
    finally:
        kc.stop_channels()


def test_an_interrupted_print_flood_answers_within_3_s_and_sends_a_few_mb(kernel, kc):
    km, _ = kernel
    code = 'while true { print("spam spam spam spam spam spam spam spam spam spam spam spam") }'
    ex = execute(kc, code, timeout=60, during=interrupt_after(km, 3.0))
    answered_after = ex.replied_at - ex.sent_at - 3.0
    assert ex.status == "error" and ex.ename == "Interrupted", ex.describe()
    assert answered_after < 3.0, f"the reply came {answered_after:.1f} s after the interrupt"
    received = sum(len(m["content"].get("text", "")) for m in ex.outputs if m["msg_type"] == "stream")
    assert received <= 5 * 1024 * 1024, f"{received} bytes reached the front end"
    assert "output limit" in ex.stderr and "more output was not shown" in ex.stderr, ex.stderr[-500:]
    assert value_of(kc, "1 + 1") == "2"


def test_the_output_limit_can_be_changed(kc):
    assert "at most 1.0 KB" in run_ok(kc, "%output_limit 0.0009765625").stdout
    ex = run_ok(kc, 'for _ in 0..<100 { print(String(repeating: "x", count: 99)) }')
    assert len(ex.stdout) == 1024, len(ex.stdout)
    assert "8.8 KB more output was not shown" in ex.stderr, ex.stderr
    # Asked for, the whole output goes to a file as well.
    kept = Path(tempfile.mkdtemp(prefix="kept-output-")) / "cells.txt"
    run_ok(kc, f"%keep_output {kept}")
    ex = run_ok(kc, 'for _ in 0..<100 { print(String(repeating: "y", count: 99)) }')
    assert len(ex.stdout) == 1024 and "%keep_output" in ex.stderr, ex.describe()
    assert kept.read_text() == ("y" * 99 + "\n") * 100
    run_ok(kc, "%keep_output off")
    run_ok(kc, "%output_limit off")
    ex = run_ok(kc, 'for _ in 0..<100 { print(String(repeating: "x", count: 99)) }')
    assert len(ex.stdout) == 10_000 and ex.stderr == "", ex.describe()
