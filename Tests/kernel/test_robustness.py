"""Messages the kernel must refuse or survive: bad signatures, garbage frames, invalid JSON,
unknown message types."""

import hashlib
import hmac
import json
import time
import uuid

import pytest
import zmq
from jupyter_client.session import Session

import kernel_helpers as kh
from kernel_helpers import run_ok, value_of


@pytest.fixture
def shell_socket(kc):
    """A raw DEALER socket on the kernel's shell port (and one on control)."""
    context = zmq.Context.instance()
    sockets = {}
    for name, port in (("shell", kc.shell_port), ("control", kc.control_port)):
        s = context.socket(zmq.DEALER)
        s.linger = 0
        s.identity = f"raw-{name}-{uuid.uuid4().hex[:8]}".encode()
        s.connect(f"{kc.transport}://{kc.ip}:{port}")
        sockets[name] = s
    time.sleep(0.2)  # let the connections settle
    yield sockets
    for s in sockets.values():
        s.close(linger=0)


def kernel_still_answers(kc):
    msg_id = kc.kernel_info()
    reply = kh.shell_reply(kc, msg_id, timeout=10)
    assert reply["content"]["status"] == "ok"
    kh.collect_iopub(kc, msg_id, timeout=10)


def receive_any(socket, seconds):
    if socket.poll(int(seconds * 1000)):
        return socket.recv_multipart()
    return None


def test_bad_signature_is_not_run(kc, shell_socket):
    run_ok(kc, "var guarded = 1")
    kh.drain_iopub(kc)
    wrong = Session(key=b"not-the-key", signature_scheme=kc.session.signature_scheme,
                    session=kc.session.session, username=kc.session.username)
    msg = wrong.msg("execute_request", {
        "code": 'print("pwned")\nguarded = 666', "silent": False, "store_history": True,
        "user_expressions": {}, "allow_stdin": False, "stop_on_error": True,
    })
    wrong.send(shell_socket["shell"], msg)
    # No reply on the raw socket, and nothing on iopub names it or prints "pwned".
    assert receive_any(shell_socket["shell"], 3.0) is None
    seen = kh.drain_iopub(kc, quiet=0.2)
    assert not [m for m in seen if m["parent_header"].get("msg_id") == msg["header"]["msg_id"]], seen
    assert not any("pwned" in json.dumps(m["content"]) for m in seen), seen
    assert value_of(kc, "guarded") == "1"


def test_unsigned_message_is_not_run(kc, shell_socket):
    unsigned = Session(key=b"", session=kc.session.session, username=kc.session.username)
    msg = unsigned.msg("execute_request", {
        "code": 'print("pwned")', "silent": False, "store_history": True,
        "user_expressions": {}, "allow_stdin": False, "stop_on_error": True,
    })
    unsigned.send(shell_socket["shell"], msg)
    assert receive_any(shell_socket["shell"], 2.0) is None
    seen = kh.drain_iopub(kc, quiet=0.2)
    assert not any("pwned" in json.dumps(m["content"]) for m in seen), seen
    kernel_still_answers(kc)


def sign(kc, frames):
    mac = hmac.new(kc.session.key, digestmod=hashlib.sha256)
    for frame in frames:
        mac.update(frame)
    return mac.hexdigest().encode()


@pytest.mark.parametrize("channel", ["shell", "control"])
def test_garbage_frames_do_not_stop_the_kernel(kc, shell_socket, channel):
    s = shell_socket[channel]
    header = json.dumps({"msg_id": uuid.uuid4().hex, "msg_type": "kernel_info_request", "username": "u",
                         "session": uuid.uuid4().hex, "date": "2024-01-01T00:00:00Z", "version": "5.3"}).encode()
    bad_json = [b"{not json", b"{}", b"{}", b"{}"]
    not_objects = [b"[1, 2]", b"null", b"3", b"\"s\""]
    garbage = [
        [b"garbage"],
        [b""],
        [b"<IDS|MSG>"],
        [b"<IDS|MSG>", b"deadbeef"],
        [b"<IDS|MSG>", b"sig", b"x", b"y"],
        [b"<IDS|MSG>", sign(kc, bad_json)] + bad_json,
        [b"<IDS|MSG>", sign(kc, not_objects)] + not_objects,
        [b"<IDS|MSG>", sign(kc, [header])] + [header],  # too few frames
        [b"\xff\xfe\x00", b"<IDS|MSG>", b"\xff" * 64, b"\x00\x01", b"\x02", b"\x03", b"\x04"],
        [b"<IDS|MSG>", b"0" * 64] + [b"A" * 100000] * 4,
    ]
    for frames in garbage:
        s.send_multipart(frames)
    assert receive_any(s, 1.0) is None
    kernel_still_answers(kc)
    assert value_of(kc, "1 + 1") == "2"


def test_unknown_message_type_is_ignored(kc, shell_socket):
    for channel in ("shell", "control"):
        msg = kc.session.msg("no_such_request", {"anything": 1})
        kc.session.send(shell_socket[channel], msg)
    time.sleep(0.5)
    kernel_still_answers(kc)
    assert value_of(kc, "2 + 2") == "4"


def test_execute_request_without_code_is_survived(kc, shell_socket):
    msg = kc.session.msg("execute_request", {"silent": False})
    kc.session.send(shell_socket["shell"], msg)
    time.sleep(0.5)
    kernel_still_answers(kc)


def test_reply_goes_to_the_sender(kc, shell_socket):
    msg = kc.session.msg("kernel_info_request", {})
    kc.session.send(shell_socket["shell"], msg)
    frames = receive_any(shell_socket["shell"], 10.0)
    assert frames is not None
    idents, parts = kc.session.feed_identities(frames)
    reply = kc.session.deserialize(parts)
    assert reply["msg_type"] == "kernel_info_reply"
    assert reply["parent_header"]["msg_id"] == msg["header"]["msg_id"]
