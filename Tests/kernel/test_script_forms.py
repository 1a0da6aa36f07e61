"""Top-level forms a Swift script allows beyond declarations and plain statements: `await`
(statements, initializers, the result, `for await`, `async let`), `guard` bindings, and a
variable whose initializer reads the previous cell's definition of its own name."""

from kernel_helpers import execute, run_ok, value_of

ASYNC_HELPERS = """
func doubledLater(_ x: Int) async -> Int {
    try? await Task.sleep(for: .milliseconds(2))
    return 2 * x
}
struct Refused: Error {}
func accepted(_ x: Int) async throws -> Int {
    if x < 0 { throw Refused() }
    return x
}
"""


def test_top_level_await_in_initializers_statements_and_result(kc):
    run_ok(kc, ASYNC_HELPERS)
    ex = run_ok(kc, "let awaited = await doubledLater(21)\nprint(await doubledLater(awaited))\nawaited")
    assert ex.stdout == "84\n", ex.describe()
    assert ex.result == "42"
    # A later cell runs in a runner forked from the one that ran the tasks: tasks still run.
    assert value_of(kc, "try await accepted(awaited + 1)") == "43"
    ex = run_ok(kc, """
let summed = await withTaskGroup(of: Int.self) { group in
    for i in 1...4 { group.addTask { await doubledLater(i) } }
    var total = 0
    for await value in group { total += value }
    return total
}
async let pending = doubledLater(summed)
let combined = await pending + 1
combined""")
    assert ex.result == "41", ex.describe()


def test_awaited_error_is_the_cells_error_and_earlier_state_stays(kc):
    run_ok(kc, ASYNC_HELPERS)
    run_ok(kc, "var before = 1")
    ex = execute(kc, "before = 2\nlet refused = try await accepted(-1)\nbefore = 3")
    assert ex.status == "error" and ex.ename == "Refused", ex.describe()
    assert value_of(kc, "before") == "2"


def test_for_await_and_unstructured_tasks_print_within_the_cell(kc):
    ex = run_ok(kc, """
let stream = AsyncStream<Int> { continuation in
    for i in 1...3 { continuation.yield(i) }
    continuation.finish()
}
for await i in stream { print("got", i) }
Task { print("from a task") }
print("end of cell")""")
    assert ex.stdout == "got 1\ngot 2\ngot 3\nend of cell\nfrom a task\n", ex.describe()


def test_guard_bindings_are_visible_to_later_cells_and_functions(kc):
    run_ok(kc, 'var configured: Int? = 4\nlet label: String? = "rate"')
    ex = run_ok(kc, """
guard let size = configured, var name = label, size > 2 else { fatalError("not configured") }
name += "!"
func describeSize() -> String { "\\(name) \\(size)" }
describeSize()""")
    assert ex.result == '"rate! 4"', ex.describe()
    assert value_of(kc, "size * 10") == "40"
    run_ok(kc, 'name = "changed"')
    assert value_of(kc, "describeSize()") == '"changed 4"'


def test_guard_that_fails_leaves_the_session_as_it_was(kc):
    run_ok(kc, "var unwrapped = 1\nlet nothing: Int? = nil")
    ex = execute(kc, 'unwrapped = 2\nguard let missing = nothing else { fatalError("no value") }')
    assert ex.status == "error" and "no value" in ex.evalue, ex.describe()
    assert value_of(kc, "unwrapped") == "1"


def test_shadowing_reads_the_previous_definition(kc):
    run_ok(kc, "let step = 1")
    run_ok(kc, "let step = step + 10")
    assert value_of(kc, "step") == "11"
    run_ok(kc, 'let maybeName: String? = "x"')
    run_ok(kc, "guard let maybeName else { fatalError() }")
    assert value_of(kc, "maybeName + \"y\"") == '"xy"'
