"""Running cells: output, results, persistent state, redefinition, preloaded modules,
streaming, large output, display."""

from kernel_helpers import run_ok, value_of


def test_print_streams_stdout(kc):
    ex = run_ok(kc, 'print("hi")')
    streams = [m for m in ex.outputs if m["msg_type"] == "stream"]
    assert ex.stdout == "hi\n", ex.describe()
    assert all(m["content"]["name"] == "stdout" for m in streams)
    assert ex.results == []


def test_integer_result(kc):
    ex = run_ok(kc, "1 + 2")
    assert ex.result == "3"
    assert ex.stdout == ""
    assert ex.results[0]["content"]["execution_count"] == ex.content["execution_count"]


def test_string_result_is_quoted(kc):
    assert value_of(kc, '"abc"') == '"abc"'


def test_void_trailing_expression_has_no_result(kc):
    ex = run_ok(kc, "print(1)")
    assert ex.results == [] and ex.stdout == "1\n"
    run_ok(kc, "var counter = 0")
    ex = run_ok(kc, "counter += 1")
    assert ex.results == [], ex.describe()
    assert value_of(kc, "counter") == "1"


def test_a_long_array_or_tensor_shows_a_few_lines(kc):
    # As NumPy and PyTorch print large arrays: type or dtype and shape, then the ends.
    ex = run_ok(kc, "Array(0..<10_000)")
    assert ex.result == "Array<Int> of 10000 elements\n[0, 1, 2, ..., 9997, 9998, 9999]", ex.describe()
    ex = run_ok(kc, "(0..<10_000).map { Float($0) }")
    assert ex.result.splitlines()[0] == "Array<Float> of 10000 elements", ex.describe()
    ex = run_ok(kc, "Tensor<Float>(shape: [10_000], scalars: (0..<10_000).map { Float($0) })")
    lines = ex.result.splitlines()
    assert lines[0] == "Tensor<Float32> shape [10000]", ex.describe()
    assert len(lines) <= 3 and len(ex.result) < 200, ex.describe()
    assert "..." in lines[1] and "9999." in lines[1], ex.describe()


def test_print_of_a_training_history_is_a_summary(kc):
    ex = run_ok(kc, "var h = TrainingHistory()\n"
                    "h.losses = (0..<10_000).map { 1 / Double($0 + 1) }\n"
                    "print(h)")
    assert ex.stdout == "TrainingHistory: 10000 steps, final loss 0.0001\n", ex.describe()


def test_state_persists(kc):
    run_ok(kc, "var x = 20")
    assert value_of(kc, "x + 22") == "42"
    run_ok(kc, "x = 5")
    assert value_of(kc, "x") == "5"


def test_redefine_variable_with_another_type(kc):
    run_ok(kc, "var y = 1")
    run_ok(kc, 'var y = "s"')
    assert value_of(kc, "y") == '"s"'


def test_redefine_function(kc):
    run_ok(kc, "func f() -> Int { 1 }")
    assert value_of(kc, "f()") == "1"
    run_ok(kc, "func f() -> Int { 2 }")
    assert value_of(kc, "f()") == "2"


def test_redefine_struct(kc):
    run_ok(kc, "struct P { var a = 1 }")
    run_ok(kc, "struct P { var b = 2 }")
    assert value_of(kc, "P().b") == "2"


def test_rerun_same_declaring_cell(kc):
    code = "var rerun = 7\nfunc rerunTwice() -> Int { rerun * 2 }"
    run_ok(kc, code)
    run_ok(kc, code)
    assert value_of(kc, "rerunTwice()") == "14"


def test_mixed_declarations_and_statements(kc):
    code = ('print("start")\nlet k = 3\nfunc g(_ v: Int) -> Int { v * k }\n'
            "struct Box { var v: Int }\nprint(g(2))\nBox(v: g(1)).v")
    ex = run_ok(kc, code)
    assert ex.stdout == "start\n6\n", ex.describe()
    assert ex.result == "3"
    # The declarations are in the session afterwards.
    assert value_of(kc, "Box(v: g(5)).v") == "15"


def test_preloaded_project_modules(kc):
    assert value_of(kc, "Tensor<Float>([1, 2, 3]).sum().scalar") == "6.0"


def test_import_foundation(kc):
    ex = run_ok(kc, 'import Foundation\nString(format: "%.2f", 3.14159)')
    assert ex.result == '"3.14"'


def test_streaming_output_arrives_before_the_cell_ends(kc):
    code = 'import Foundation\nprint("first")\nThread.sleep(forTimeInterval: 3)\nprint("second")'
    ex = run_ok(kc, code, timeout=60)
    streams = [(t, m) for t, m in zip(ex.iopub_times, ex.iopub) if m["msg_type"] == "stream"]
    first = [t for t, m in streams if "first" in m["content"]["text"]]
    assert first, ex.describe()
    assert ex.replied_at - first[0] >= 2.0, f"'first' came only {ex.replied_at - first[0]:.2f} s before the reply"
    assert ex.stdout == "first\nsecond\n"


def test_twenty_thousand_lines(kc):
    ex = run_ok(kc, "for i in 0..<20000 { print(i) }", timeout=120)
    expected = "\n".join(map(str, range(20000))) + "\n"
    assert ex.stdout == expected, f"got {len(ex.stdout)} characters, expected {len(expected)}"


def test_display_value(kc):
    ex = run_ok(kc, "display(42)")
    displays = [m for m in ex.outputs if m["msg_type"] == "display_data"]
    assert len(displays) == 1, ex.describe()
    assert displays[0]["content"]["data"]["text/plain"] == "42"


def test_display_update_with_id(kc):
    code = ('display(DisplayBundle(plainText: "x", ["text/html": "<b>x</b>"]), id: "d1")\n'
            'updateDisplay(DisplayBundle(plainText: "y"), id: "d1")')
    ex = run_ok(kc, code)
    kinds = [m["msg_type"] for m in ex.outputs]
    assert kinds == ["display_data", "update_display_data"], ex.describe()
    shown, updated = ex.outputs
    assert shown["content"]["data"] == {"text/plain": "x", "text/html": "<b>x</b>"}
    assert shown["content"]["transient"]["display_id"] == "d1"
    assert updated["content"]["data"]["text/plain"] == "y"
    assert updated["content"]["transient"]["display_id"] == "d1"


def test_clear_output(kc):
    ex = run_ok(kc, 'print("gone")\nclearOutput()')
    kinds = [m["msg_type"] for m in ex.outputs]
    assert kinds == ["stream", "clear_output"], ex.describe()
    assert ex.outputs[1]["content"]["wait"] is False


def test_display_is_ordered_with_prints(kc):
    ex = run_ok(kc, 'print("a")\ndisplay(1)\nprint("b")')
    summary = [(m["msg_type"], m["content"].get("text") or m["content"].get("data", {}).get("text/plain"))
               for m in ex.outputs]
    assert summary == [("stream", "a\n"), ("display_data", "1"), ("stream", "b\n")], summary


def test_displays_interleaved_with_prints_in_a_loop(kc):
    ex = run_ok(kc, 'for i in 0..<20 {\n    print("p\\(i)")\n    display(i)\n}\nprint("end")')
    sequence = []
    for m in ex.outputs:
        if m["msg_type"] == "stream":
            sequence += [("print", line) for line in m["content"]["text"].splitlines()]
        else:
            sequence.append((m["msg_type"], m["content"]["data"]["text/plain"]))
    expected = [item for i in range(20) for item in (("print", f"p{i}"), ("display_data", str(i)))]
    expected.append(("print", "end"))
    assert sequence == expected, sequence


def test_stderr_stream(kc):
    ex = run_ok(kc, 'import Foundation\nFileHandle.standardError.write("to stderr\\n".data(using: .utf8)!)')
    assert ex.stderr == "to stderr\n", ex.describe()
    assert ex.stdout == ""


def test_unicode_output(kc):
    ex = run_ok(kc, 'print("héllo 🐱 " + String(repeating: "é", count: 5000))')
    assert ex.stdout == "héllo 🐱 " + "é" * 5000 + "\n"


def test_convolution_split_across_cores_in_a_cell(kc):
    """A batch large enough for the convolution to split its samples across threads runs in
    the forked cell runner, equals its samples convolved one by one, and leaves the session
    and BLAS's thread count as they were for the next cell."""
    run_ok(kc, "var g = SeededGenerator(seed: 3)\n"
               "let x = Tensor<Float>(randomUniform: [32, 8, 16, 16], using: &g)\n"
               "let w = Tensor<Float>(randomUniform: [16, 8, 5, 5], using: &g)\n"
               "let y = conv2D(x, filter: w, padding: .same)")
    ex = run_ok(kc, "import Foundation\nvar worst: Float = 0\n"
                    "for n in 0..<32 {\n"
                    "    let one = conv2D(x[n..<(n + 1)], filter: w, padding: .same)\n"
                    "    worst = max(worst, (one - y[n..<(n + 1)]).scalars.map(abs).max()!)\n"
                    "}\n"
                    "print(worst < 1e-4, y.shape, BLAS.configuration.threadCount == ProcessInfo.processInfo.activeProcessorCount)")
    assert ex.stdout == "true [32, 16, 16, 16] true\n", ex.describe()


def test_training_on_thousands_of_images_in_a_cell(kc):
    """Steps large enough for the optimizer's updates and the tensor cache to be shared by
    the threads a split starts, in the forked cell runner (after the session has used locks
    on the thread that forks): once, such a cell trapped with "Call to unlock Mutex on a
    thread which hasn't acquired the lock"."""
    run_ok(kc, "var g = SeededGenerator(seed: 1)\n"
               "let net = try ImageNetworkChoice.named(\"mlp\", hiddenUnits: 128).network(classCount: 10)(&g)\n"
               "let x = Tensor<Float>(randomUniform: [5000, 784], using: &g)\n"
               "let labels = (0..<5000).map { $0 % 10 }")
    ex = run_ok(kc, "var trained = net\n"
                    "var optimizer = RMSProp<Float>(learningRate: 0.001)\n"
                    "let history = train(&trained, optimizer: &optimizer, inputs: x, labels: labels,\n"
                    "                    options: TrainingOptions(steps: 20, batchSize: 128, seed: 1, reportEvery: 0))\n"
                    "print(history.steps, accuracy(of: trained, on: LabeledBatch(inputs: x, labels: labels)) >= 0)")
    assert ex.stdout == "20 true\n", ex.describe()
