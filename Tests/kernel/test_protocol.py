"""The messaging protocol: kernel_info, execute's message order and counts, is_complete,
complete, inspect, history, comm_info."""

import time

import kernel_helpers as kh
from kernel_helpers import execute, run_ok, request


def test_kernel_info_reply(kc):
    msg_id = kc.kernel_info()
    reply = kh.shell_reply(kc, msg_id, timeout=10)
    content = reply["content"]
    assert reply["msg_type"] == "kernel_info_reply"
    assert content["status"] == "ok"
    assert content["protocol_version"].startswith("5."), content["protocol_version"]
    info = content["language_info"]
    assert info["name"] == "swift"
    assert info["file_extension"] == ".swift"
    assert info["mimetype"] == "text/x-swift"
    assert content["implementation"]
    # busy then idle, both with the kernel_info request as parent.
    statuses = kh.collect_iopub(kc, msg_id, timeout=10)
    assert [m["content"]["execution_state"] for m in statuses] == ["busy", "idle"], statuses


def test_execute_message_order_and_reply(kc):
    ex = run_ok(kc, 'print("order")\n40 + 2')
    types = ex.types
    assert types[0] == "status" and ex.iopub[0]["content"]["execution_state"] == "busy", types
    assert types[1] == "execute_input", types
    assert types[-1] == "status" and ex.iopub[-1]["content"]["execution_state"] == "idle", types
    assert types[2:-1] == ["stream", "execute_result"], types
    count = ex.content["execution_count"]
    assert ex.iopub[1]["content"]["code"] == ex.code
    assert ex.iopub[1]["content"]["execution_count"] == count
    assert ex.results[0]["content"]["execution_count"] == count
    assert ex.result == "42"
    assert ex.stdout == "order\n"
    # Nothing of the request arrives after its idle.
    time.sleep(0.3)
    late = [m for m in kh.drain_iopub(kc) if m["parent_header"].get("msg_id") == ex.msg_id]
    assert late == []


def test_execution_count_increases_by_one(kc):
    counts = [run_ok(kc, code).content["execution_count"] for code in ("1", 'print("c")', "let c1 = 3")]
    assert counts[1] == counts[0] + 1 and counts[2] == counts[1] + 1, counts
    # A failing cell takes a count too; a silent one does not.
    failed = execute(kc, "let = 5")
    assert failed.status == "error"
    assert failed.content["execution_count"] == counts[2] + 1
    silent = execute(kc, "2", silent=True)
    assert silent.status == "ok"
    assert "execute_input" not in silent.types and silent.results == []
    after = run_ok(kc, "3")
    assert after.content["execution_count"] == counts[2] + 2


def test_is_complete(kc):
    assert request(kc, "is_complete", "let x = 1")["content"]["status"] == "complete"
    incomplete = request(kc, "is_complete", "func f() {")["content"]
    assert incomplete["status"] == "incomplete", incomplete
    assert "indent" in incomplete and incomplete["indent"].strip() == "" and len(incomplete["indent"]) > 0, incomplete
    assert request(kc, "is_complete", "let = 5")["content"]["status"] == "invalid"


def test_complete_session_name(kc):
    run_ok(kc, "let abcdef = 1")
    content = request(kc, "complete", "abc", 3)["content"]
    assert content["status"] == "ok"
    assert "abcdef" in content["matches"], content
    assert content["cursor_start"] == 0 and content["cursor_end"] == 3, content


def test_complete_project_type(kc):
    content = request(kc, "complete", "Tens", 4)["content"]
    assert "Tensor" in content["matches"], content
    assert (content["cursor_start"], content["cursor_end"]) == (0, 4)


def test_complete_and_inspect_the_experiments_api(kc):
    # Experiments (and the statistics it re-exports) is preloaded like the numerics: its
    # names complete and its doc comments show.
    content = request(kc, "complete", "ModelSp", 7)["content"]
    assert "ModelSpec" in content["matches"], content
    content = request(kc, "complete", "MeanInt", 7)["content"]
    assert "MeanInterval" in content["matches"], content
    inspected = request(kc, "inspect", "HyperparameterGrid", 18)["content"]
    assert inspected["found"] is True, inspected
    assert "validation" in inspected["data"]["text/plain"], inspected


def test_complete_member(kc):
    run_ok(kc, "struct Pt { var alpha = 1; func beta() {} }\nvar pt = Pt()")
    content = request(kc, "complete", "pt.al", 5)["content"]
    assert "alpha" in content["matches"], content
    assert "beta" not in content["matches"], content
    assert content["cursor_start"] == 3 and content["cursor_end"] == 5, content
    everything = request(kc, "complete", "pt.", 3)["content"]
    assert {"alpha", "beta"} <= set(everything["matches"]), everything


def test_complete_counts_unicode_code_points(kc):
    run_ok(kc, "let abcdef2 = 2")
    code = "let ü = 1; abc"
    content = request(kc, "complete", code, len(code))["content"]
    assert "abcdef" in content["matches"], content
    assert content["cursor_end"] == len(code), content
    assert content["cursor_start"] == len(code) - 3, content
    emoji = "let 🐱 = 1; abc"
    content = request(kc, "complete", emoji, len(emoji))["content"]
    assert (content["cursor_start"], content["cursor_end"]) == (len(emoji) - 3, len(emoji)), content


def test_inspect_session_variable(kc):
    run_ok(kc, "/// The answer.\nvar answer = 42")
    content = request(kc, "inspect", "answer", 6)["content"]
    assert content["status"] == "ok"
    assert content["found"] is True, content
    text = content["data"]["text/plain"]
    assert "var answer: Int" in text, text
    assert "The answer." in text, text


def test_inspect_unknown_name(kc):
    content = request(kc, "inspect", "noSuchNameAnywhere", 18)["content"]
    assert content["status"] == "ok"
    assert content["found"] is False


def test_history_tail(kc):
    codes = ['print("h1")', '"h2"', "let h3 = 3"]
    lines = [run_ok(kc, code).content["execution_count"] for code in codes]
    content = request(kc, "history", hist_access_type="tail", n=3, output=False, raw=True)["content"]
    assert content["status"] == "ok"
    history = content["history"]
    assert len(history) == 3, history
    assert [entry[2] for entry in history] == codes
    assert [entry[1] for entry in history] == lines
    assert all(len(entry) == 3 and isinstance(entry[0], int) for entry in history)


def test_comm_info(kc):
    msg_id = kc.comm_info()
    reply = kh.shell_reply(kc, msg_id, timeout=10)
    assert reply["msg_type"] == "comm_info_reply"
    assert reply["content"]["status"] == "ok"
    assert reply["content"]["comms"] == {}


def test_stop_on_error_aborts_queued_executions(kc):
    failing = kc.execute("let = 5", stop_on_error=True, allow_stdin=False)
    queued = kc.execute('print("must not run")\n1', allow_stdin=False)
    failed_reply = kh.shell_reply(kc, failing)
    assert failed_reply["content"]["status"] == "error"
    queued_reply = kh.shell_reply(kc, queued)
    assert queued_reply["content"]["status"] == "aborted", queued_reply["content"]
    queued_iopub = kh.collect_iopub(kc, queued)
    assert not [m for m in queued_iopub if m["msg_type"] in ("stream", "execute_result", "execute_input")], queued_iopub
    # (The pause keeps this check clear of the late-abort race that the next test is about.)
    time.sleep(0.5)
    assert run_ok(kc, "2").result == "2"


def test_stop_on_error_does_not_abort_a_request_sent_after_idle(kc):
    """A request sent after the failed cell's reply and idle status was not queued when the
    error happened: it must run. (Repeated, since a late abort check is a race.)"""
    outcomes = []
    for code in ["let = 1"] * 12 + ['let q: Int = "s"', 'fatalError("x")'] * 2:
        failed = execute(kc, code, stop_on_error=True)
        follow = execute(kc, "7")
        outcomes.append((code, failed.status, follow.status))
    aborted = [o for o in outcomes if "aborted" in o[1:]]
    assert not aborted, (
        f"{len(aborted)} of {len(outcomes)} rounds (failing cell, then '7' after its idle) had a request "
        f"answered 'aborted': {aborted}")
