"""Comms between cells and the front end, through jupyter_client: what widgets are built on.

A cell opens a comm and registers a handler with NotebookDisplay's CommRouter; the front end's
comm messages run that handler between cells, like a cell: its output is parented to the
comm_msg between busy and idle, what it changes persists, and a handler that traps shows its
error and leaves the session and the comm working. A cell that traps closes the comms it
opened (their Swift objects went with its process).
"""

from __future__ import annotations

import time

import kernel_helpers as kh

ECHO_CELL = r'''
import NotebookDisplay
var received: [Int] = []
CommRouter.send(.open(commID: "echo-1", targetName: "test.echo", data: ["value": 1], metadata: ["version": "1"], buffers: []))
CommRouter.handle(commID: "echo-1") { event in
    guard case .message(_, let data, let buffers) = event, let value = data["value"]?.intValue else { return }
    if value < 0 { fatalError("negative value \(value)") }
    received.append(value)
    print("handler got", value)
    CommRouter.send(.message(commID: "echo-1", data: ["echo": .int(value * 2)], buffers: buffers))
}
'''


def send_comm_msg(kc, comm_id: str, data: dict, buffers: list[bytes] | None = None) -> str:
    """Sends a comm_msg on the shell channel; its msg_id."""
    msg = kc.session.msg("comm_msg", {"comm_id": comm_id, "data": data})
    kc.session.send(kc.shell_channel.socket, msg, buffers=buffers or [])
    return msg["header"]["msg_id"]


def send_shell(kc, msg_type: str, content: dict) -> str:
    """Sends a shell message of any type; its msg_id."""
    msg = kc.session.msg(msg_type, content)
    kc.shell_channel.send(msg)
    return msg["header"]["msg_id"]


def comm_info(kc, target: str | None = None) -> dict:
    """The comms the kernel lists (for `target` only, if given)."""
    msg_id = send_shell(kc, "comm_info_request", {} if target is None else {"target_name": target})
    return kh.shell_reply(kc, msg_id)["content"]["comms"]


def test_a_cell_opens_a_comm_and_its_handler_answers_between_cells(fresh_kernel):
    _, kc = fresh_kernel
    ex = kh.run_ok(kc, ECHO_CELL)
    opens = [m for m in ex.iopub if m["msg_type"] == "comm_open"]
    assert len(opens) == 1, ex.describe()
    assert opens[0]["content"]["target_name"] == "test.echo"
    assert opens[0]["content"]["data"] == {"value": 1}
    assert opens[0]["metadata"] == {"version": "1"}
    assert comm_info(kc, "test.echo") == {"echo-1": {"target_name": "test.echo"}}

    msg_id = send_comm_msg(kc, "echo-1", {"value": 21}, buffers=[b"\x00\x01\xff"])
    messages = kh.collect_iopub(kc, msg_id)
    types = [m["msg_type"] for m in messages]
    assert types[0] == "status" and messages[0]["content"]["execution_state"] == "busy", types
    assert types[-1] == "status" and messages[-1]["content"]["execution_state"] == "idle", types
    echoes = [m for m in messages if m["msg_type"] == "comm_msg"]
    assert [m["content"]["data"] for m in echoes] == [{"echo": 42}]
    assert [bytes(b) for b in echoes[0]["buffers"]] == [b"\x00\x01\xff"]
    assert "handler got 21" in "".join(m["content"]["text"] for m in messages if m["msg_type"] == "stream")

    # What the handler changed is in the session for later cells.
    assert kh.value_of(kc, "received") == "[21]"


def test_a_handler_that_traps_shows_its_error_and_the_session_goes_on(fresh_kernel):
    _, kc = fresh_kernel
    kh.run_ok(kc, ECHO_CELL)
    send_comm_msg(kc, "echo-1", {"value": 5})
    time.sleep(0.1)
    msg_id = send_comm_msg(kc, "echo-1", {"value": -1})
    messages = kh.collect_iopub(kc, msg_id)
    errors = "".join(m["content"]["text"] for m in messages if m["msg_type"] == "stream" and m["content"]["name"] == "stderr")
    assert "negative value -1" in errors, [m["msg_type"] for m in messages]
    assert messages[-1]["content"]["execution_state"] == "idle"
    # The session is as before the trapping handler, and the handler still answers.
    msg_id = send_comm_msg(kc, "echo-1", {"value": 7})
    echoes = [m for m in kh.collect_iopub(kc, msg_id) if m["msg_type"] == "comm_msg"]
    assert [m["content"]["data"] for m in echoes] == [{"echo": 14}]
    assert kh.value_of(kc, "received") == "[5, 7]"


def test_a_crashed_cell_closes_the_comms_it_opened(fresh_kernel):
    _, kc = fresh_kernel
    ex = kh.execute(kc, ECHO_CELL.replace('"echo-1"', '"doomed"') + '\nfatalError("the cell fails after opening a comm")\n')
    assert ex.status == "error"
    types = [m["msg_type"] for m in ex.iopub]
    assert "comm_open" in types and "comm_close" in types, types
    assert types.index("comm_open") < types.index("comm_close")
    assert [m["content"]["comm_id"] for m in ex.iopub if m["msg_type"] == "comm_close"] == ["doomed"]
    assert comm_info(kc) == {}


def test_a_comm_the_front_end_opens_reaches_a_target_handler_or_is_closed(fresh_kernel):
    _, kc = fresh_kernel
    kh.run_ok(kc, r'''
import NotebookDisplay
var opened: [String] = []
CommRouter.handle(target: "test.target") { event in
    guard case .open(let id, _, _, _, _) = event else { return }
    opened.append(id)
    CommRouter.send(.message(commID: id, data: ["hello": "from Swift"], buffers: []))
}
''')
    msg_id = send_shell(kc, "comm_open", {"comm_id": "front-1", "target_name": "test.target", "data": {}})
    messages = kh.collect_iopub(kc, msg_id)
    assert [m["content"]["data"] for m in messages if m["msg_type"] == "comm_msg"] == [{"hello": "from Swift"}]
    assert comm_info(kc, "test.target") == {"front-1": {"target_name": "test.target"}}
    assert kh.value_of(kc, "opened") == '["front-1"]'

    msg_id = send_shell(kc, "comm_open", {"comm_id": "front-2", "target_name": "no.such.target", "data": {}})
    messages = kh.collect_iopub(kc, msg_id)
    assert [m["content"]["comm_id"] for m in messages if m["msg_type"] == "comm_close"] == ["front-2"]
