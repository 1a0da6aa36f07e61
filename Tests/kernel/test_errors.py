"""Failing cells: compile and syntax errors, traps, exit, thrown errors. After each one the
session is exactly as it was before the cell."""

import pytest

from kernel_helpers import execute, run_ok, value_of


@pytest.fixture(scope="module")
def session(kc):
    """A session with a known variable `x` (= 7) and a function, set before every failure."""
    run_ok(kc, "var x = 7\nfunc triple(_ v: Int) -> Int { 3 * v }\nvar one = 1")
    return kc


def assert_session_unchanged(kc):
    assert value_of(kc, "x") == "7"
    assert value_of(kc, "triple(x) + one") == "22"


def assert_error(ex, ename):
    assert ex.status == "error", ex.describe()
    assert ex.content["ename"] == ename, ex.describe()
    errors = ex.errors
    assert len(errors) == 1, ex.describe()
    assert errors[0]["content"]["ename"] == ename
    assert errors[0]["content"]["evalue"] == ex.content["evalue"]
    assert isinstance(ex.content["traceback"], list) and all(isinstance(t, str) for t in ex.content["traceback"])
    assert ex.results == [], ex.describe()


def test_compile_error_points_at_the_cell_line(session):
    kc = session
    ex = execute(kc, 'let a = 1\nlet b: Int = "x"')
    assert_error(ex, "CompileError")
    count = ex.content["execution_count"]
    assert "String" in ex.evalue and "Int" in ex.evalue, ex.evalue
    traceback = ex.content["traceback"]
    prefix = f"Cell In[{count}]:2:14: error:"
    index = next((i for i, line in enumerate(traceback) if line.startswith(prefix)), None)
    assert index is not None, f"no line starting {prefix!r} in {traceback}"
    assert ex.evalue in traceback[index]
    assert traceback[index + 1] == 'let b: Int = "x"', traceback
    assert traceback[index + 2] == " " * 13 + "^", traceback
    assert_session_unchanged(kc)
    # `a` was not declared by the failed cell.
    assert execute(kc, "a").ename == "CompileError"


def test_compile_error_in_a_later_line_of_a_declaration(session):
    ex = execute(session, "func broken() -> Int {\n    return undefinedName\n}")
    assert_error(ex, "CompileError")
    count = ex.content["execution_count"]
    assert any(line.startswith(f"Cell In[{count}]:2:12: error:") for line in ex.content["traceback"]), ex.content["traceback"]
    assert "undefinedName" in ex.evalue


def test_syntax_error(session):
    ex = execute(session, "let = 5")
    assert_error(ex, "SyntaxError")
    count = ex.content["execution_count"]
    assert any(line.startswith(f"Cell In[{count}]:1:") for line in ex.content["traceback"]), ex.content["traceback"]
    assert_session_unchanged(session)


def test_trap_index_out_of_range(session):
    ex = execute(session, "let arr = [1, 2]\narr[5]")
    assert_error(ex, "Trap")
    assert "Index out of range" in ex.evalue, ex.evalue
    assert_session_unchanged(session)


def test_a_trap_in_the_library_names_the_cell_line_once(session):
    # The shape check traps inside Tensors; the error names the cell's line that called it,
    # and the runtime's message is not also printed on standard error.
    ex = execute(session, "let left = Tensor<Float>(zeros: [2, 3])\nlet right = Tensor<Float>(zeros: [4, 5])\n"
                          "let product = matmul(left, right)")
    assert_error(ex, "Trap")
    count = ex.content["execution_count"]
    assert f"(Cell In[{count}], line 3)" in ex.evalue, ex.evalue
    assert any(line.startswith(f"  at Cell In[{count}]:3:") for line in ex.content["traceback"]), ex.content["traceback"]
    assert "Fatal error" not in ex.stderr and "Precondition failed" not in ex.stderr, ex.stderr
    # No path of a file the user never wrote.
    assert not any(".swift:" in line for line in ex.content["traceback"]), ex.content["traceback"]
    assert "shape mismatch: [2, 3] vs [4, 5]" in ex.content["traceback"][0], ex.content["traceback"]
    assert_session_unchanged(session)


def test_a_trap_in_optimised_code_names_the_calling_line_once(session):
    # Optimised code (the release build's library, a cell after %optimize on) traps without the
    # runtime's stack trace; the kernel's trap handler still finds the cell lines, and the
    # message is shown once, in the error, not also on standard error.
    run_ok(session, "%optimize on")
    try:
        definition = run_ok(session, 'func checkedSmall(_ n: Int) -> Int {\n    if n > 1 { fatalError("too big: \\(n)") }\n    return n\n}')
    finally:
        run_ok(session, "%optimize off")
    ex = execute(session, "let small = 1\ncheckedSmall(small + 4)")
    assert_error(ex, "Trap")
    count = ex.content["execution_count"]
    number = definition.content["execution_count"]
    assert "too big: 5" in ex.evalue, ex.evalue
    calls = [line for line in ex.content["traceback"] if line.startswith("  at ")]
    assert any(line.startswith(f"  at Cell In[{count}]:2:") for line in calls), ex.content["traceback"]
    assert any(line.startswith(f"  at Cell In[{number}]:2:") for line in calls), ex.content["traceback"]
    assert "too big" not in ex.stderr and "Fatal error" not in ex.stderr, ex.stderr
    assert_session_unchanged(session)


def test_a_trap_in_an_earlier_cells_function_names_both_lines(session):
    first = run_ok(session, "func third(_ values: [Int]) -> Int {\n    values[2]\n}")
    definition = first.content["execution_count"]
    ex = execute(session, "let short = [1]\nthird(short)")
    assert_error(ex, "Trap")
    count = ex.content["execution_count"]
    assert f"(Cell In[{definition}], line 2)" in ex.evalue, ex.evalue
    calls = [line for line in ex.content["traceback"] if line.startswith("  at ")]
    assert calls[0].startswith(f"  at Cell In[{definition}]:2:"), calls
    assert any(line.startswith(f"  at Cell In[{count}]:2:") for line in calls), calls
    assert_session_unchanged(session)


def test_trap_fatal_error_discards_the_cell_changes(session):
    ex = execute(session, 'x = 99\nfatalError("boom")')
    assert_error(ex, "Trap")
    assert "boom" in ex.evalue, ex.evalue
    assert_session_unchanged(session)


def test_trap_force_unwrap_nil(session):
    ex = execute(session, "let o: Int? = nil\no!")
    assert_error(ex, "Trap")
    assert "nil" in ex.evalue, ex.evalue
    assert_session_unchanged(session)


def test_trap_integer_overflow(session):
    ex = execute(session, "x = 99\nInt.max + one")
    assert_error(ex, "Trap")
    assert_session_unchanged(session)


def test_trap_stack_overflow(session):
    ex = execute(session, "func r(_ n: Int) -> Int { r(n + 1) + 1 }\nr(0)", timeout=90)
    assert_error(ex, "Trap")
    assert_session_unchanged(session)


def test_abort(session):
    ex = execute(session, "import Foundation\nx = 99\nabort()")
    assert_error(ex, "Trap")
    assert_session_unchanged(session)


def test_exit(session):
    ex = execute(session, "import Foundation\nx = 99\nexit(3)")
    assert_error(ex, "Exit")
    assert "3" in ex.evalue, ex.evalue
    assert_session_unchanged(session)


def test_uncaught_thrown_error(session):
    ex = execute(session, "struct E: Error {}\nthrow E()")
    assert ex.status == "error", ex.describe()
    assert "E" in ex.content["ename"], ex.describe()
    assert len(ex.errors) == 1
    assert_session_unchanged(session)


def test_session_survives_many_failures_in_a_row(session):
    for code in ('fatalError("a")', "let = 1", 'let q: Int = "q"', "exit(1)"):
        assert execute(session, "import Foundation\n" + code).status == "error"
    assert_session_unchanged(session)
    # Declarations after the failures still work and see the old state.
    run_ok(session, "let afterFailures = x * 2")
    assert value_of(session, "afterFailures") == "14"
