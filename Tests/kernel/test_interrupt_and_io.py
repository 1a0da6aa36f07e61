"""Interrupts, the heartbeat during a long cell, and standard input."""

import threading
import time

import pytest

import kernel_helpers as kh
from kernel_helpers import execute, run_ok, value_of


@pytest.fixture(scope="module")
def session(kernel, kc):
    km, _ = kernel
    run_ok(kc, "var x = 11")
    return km, kc


def interrupt_after(delay, action):
    def during(_msg_id):
        timer = threading.Timer(delay, action)
        timer.daemon = True
        timer.start()
    return during


def test_interrupt_busy_loop_with_kernel_manager(session):
    km, kc = session
    start = time.monotonic()
    ex = execute(kc, "x = 99\nwhile true {}", timeout=30, during=interrupt_after(1.0, km.interrupt_kernel))
    elapsed = time.monotonic() - start
    assert ex.status == "error", ex.describe()
    assert ex.ename == "Interrupted", ex.describe()
    assert elapsed < 11.0, f"the reply took {elapsed:.1f} s"
    assert len(ex.errors) == 1
    assert value_of(kc, "x") == "11"


def test_interrupt_printing_loop_with_control_message(session):
    km, kc = session
    replies = []

    def send_interrupt():
        msg = kc.session.msg("interrupt_request", {})
        kc.control_channel.send(msg)
        replies.append(kh.control_reply(kc, msg["header"]["msg_id"], timeout=10))

    code = "import Foundation\nvar n = 0\nwhile true {\n    n += 1\n    print(n)\n    Thread.sleep(forTimeInterval: 0.01)\n}"
    ex = execute(kc, code, timeout=30, during=interrupt_after(1.0, send_interrupt))
    assert ex.status == "error" and ex.ename == "Interrupted", ex.describe()
    assert ex.stdout.startswith("1\n2\n"), ex.stdout[:100]
    assert len(replies) == 1
    assert replies[0]["msg_type"] == "interrupt_reply"
    assert replies[0]["content"]["status"] == "ok"
    # `n` was declared by the interrupted cell: it is not in the session.
    assert execute(kc, "n").ename == "CompileError"
    assert value_of(kc, "x") == "11"
    assert value_of(kc, "x + 1") == "12"


def test_interrupt_when_idle_is_harmless(session):
    _, kc = session
    msg = kc.session.msg("interrupt_request", {})
    kc.control_channel.send(msg)
    reply = kh.control_reply(kc, msg["header"]["msg_id"], timeout=10)
    assert reply["content"]["status"] == "ok"
    assert value_of(kc, "x") == "11"


def test_heartbeat_answers_during_a_long_cell(session):
    _, kc = session
    port = kc.hb_port
    ip = kc.ip
    pings = []

    def ping_repeatedly(_msg_id):
        def run():
            time.sleep(1.0)
            for _ in range(4):
                pings.append(kh.heartbeat_ping(port, ip=ip, timeout=1.0))
                time.sleep(0.5)
        thread = threading.Thread(target=run, daemon=True)
        thread.start()
        pinger.append(thread)

    pinger = []
    ex = execute(kc, "import Foundation\nThread.sleep(forTimeInterval: 6)", timeout=60, during=ping_repeatedly)
    pinger[0].join(timeout=10)
    assert ex.status == "ok", ex.describe()
    assert len(pings) == 4
    assert all(p is not None and p < 1.0 for p in pings), pings


def test_read_line_with_stdin(session):
    _, kc = session
    code = 'let name = readLine()\nprint("hello \\(name ?? "nobody")")'
    ex = execute(kc, code, allow_stdin=True, stdin_answers=["Ada"], timeout=60)
    assert ex.status == "ok", ex.describe()
    assert len(ex.stdin_requests) == 1
    request = ex.stdin_requests[0]
    assert request["parent_header"]["msg_id"] == ex.msg_id
    assert request["content"]["password"] is False
    assert ex.stdout == "hello Ada\n"


def test_read_line_without_stdin(session):
    _, kc = session
    code = 'let name2 = readLine()\nprint("hello \\(name2 ?? "nobody")")'
    ex = execute(kc, code, allow_stdin=False)
    assert ex.status == "ok", ex.describe()
    assert ex.stdout == "hello nobody\n"


def test_input_sends_its_prompt(session):
    _, kc = session
    code = 'let who = input("Name: ")\nprint("got \\(who ?? "-")")'
    ex = execute(kc, code, allow_stdin=True, stdin_answers=["Grace"], timeout=60)
    assert ex.status == "ok", ex.describe()
    assert [r["content"]["prompt"] for r in ex.stdin_requests] == ["Name: "]
    assert ex.stdout == "got Grace\n"
    assert value_of(kc, "who!") == '"Grace"'


def test_interrupt_while_waiting_for_input(session):
    km, kc = session
    code = 'let never = readLine()\nprint("after")'
    msg_id = kc.execute(code, allow_stdin=True)
    request = kc.get_stdin_msg(timeout=30)
    assert request["msg_type"] == "input_request"
    km.interrupt_kernel()
    reply = kh.shell_reply(kc, msg_id, timeout=15)
    kh.collect_iopub(kc, msg_id, timeout=10)
    # Either the input wait ends with nil (the cell then finishes) or the cell is interrupted.
    assert reply["content"]["status"] in ("ok", "error"), reply["content"]
    if reply["content"]["status"] == "error":
        assert reply["content"]["ename"] == "Interrupted", reply["content"]
    assert value_of(kc, "x") == "11"
