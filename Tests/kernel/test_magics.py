"""The session magics: %who, %time, %timeit, %optimize, %include, %reset, %help, unknown ones."""

import re

from kernel_helpers import execute, run_ok, value_of


def test_who_lists_names_with_types(kc):
    run_ok(kc, "var x = 1\nfunc whoFunction() -> String { \"w\" }")
    ex = run_ok(kc, "%who")
    lines = ex.stdout.splitlines()
    x_lines = [line for line in lines if re.match(r"^x\s", line)]
    assert x_lines, ex.stdout
    assert "Int" in x_lines[0], ex.stdout
    assert any(line.startswith("whoFunction") for line in lines), ex.stdout


def test_time_reports_compile_and_run(kc):
    ex = run_ok(kc, "%time 1 + 1")
    assert ex.result == "2", ex.describe()
    timing = [line for line in ex.stdout.splitlines() if "compile:" in line and "run:" in line]
    assert timing, ex.stdout


def test_cell_time_magic(kc):
    ex = run_ok(kc, '%%time\nprint("timed")\n40 + 2')
    assert "timed\n" in ex.stdout
    assert "compile:" in ex.stdout and "run:" in ex.stdout
    assert ex.result == "42"


def test_timeit_prints_per_loop(kc):
    ex = run_ok(kc, "%timeit let z = 3 * 3", timeout=120)
    assert "per loop" in ex.stdout, ex.describe()


def test_optimize_on_and_off(kc):
    on = run_ok(kc, "%optimize on")
    assert "-O" in on.stdout
    assert value_of(kc, "(1...10).reduce(0, +)") == "55"
    run_ok(kc, "%optimize off")
    assert value_of(kc, "(1...10).reduce(1, *)") == "3628800"
    bad = execute(kc, "%optimize sideways")
    assert bad.status == "error" and bad.ename == "MagicError"


def test_include_file(kc, tmp_path):
    source = tmp_path / "included.swift"
    source.write_text("func includedTwice(_ v: Int) -> Int { 2 * v }\nlet includedConstant = 5\n")
    run_ok(kc, f"%include {source}")
    assert value_of(kc, "includedTwice(includedConstant)") == "10"


def test_include_missing_file(kc, tmp_path):
    ex = execute(kc, f"%include {tmp_path / 'missing.swift'}")
    assert ex.status == "error" and ex.ename == "MagicError", ex.describe()


def test_help_lists_magics(kc):
    ex = run_ok(kc, "%help")
    for name in ("%time", "%timeit", "%who", "%reset", "%optimize", "%include"):
        assert name in ex.stdout


def test_unknown_magic(kc):
    ex = execute(kc, "%nonsense")
    assert ex.status == "error", ex.describe()
    assert ex.ename == "MagicError"
    assert "nonsense" in ex.evalue
    for name in ("%time", "%who", "%reset"):
        assert name in ex.evalue, ex.evalue
    assert len(ex.errors) == 1


def test_reset_forgets_every_name(kc):
    run_ok(kc, "var beforeReset = 3")
    assert value_of(kc, "beforeReset") == "3"
    run_ok(kc, "%reset")
    assert execute(kc, "beforeReset").ename == "CompileError"
    assert execute(kc, "x").ename == "CompileError"
    # The session works after a reset, and names can be declared again.
    run_ok(kc, "var x = \"new\"")
    assert value_of(kc, "x") == '"new"'
    assert value_of(kc, "Tensor<Float>([1, 2, 3]).sum().scalar") == "6.0"


def test_question_mark_shows_the_inspection(kc):
    """`name?` and `name??` as in IPython: a session name, a library function, a member."""
    run_ok(kc, "/// How many apples there are.\nlet appleCount = 3")
    ex = run_ok(kc, "appleCount?")
    assert "appleCount" in ex.stdout and "How many apples" in ex.stdout, ex.describe()
    ex = run_ok(kc, "largeMarginLoss??")
    assert "func largeMarginLoss" in ex.stdout, ex.describe()
    ex = execute(kc, "noSuchNameAnywhere?")
    assert ex.status == "error" and "noSuchNameAnywhere" in ex.evalue, ex.describe()
    assert "NAME?" in run_ok(kc, "%help").stdout


def test_exit_and_quit_ask_the_front_end_to_end(kc):
    for word in ("exit", "quit", "exit()", " quit() "):
        ex = execute(kc, word)
        assert ex.status == "ok", ex.describe()
        assert ex.content["payload"] == [{"source": "ask_exit", "keepkernel": False}], ex.describe()
    # The kernel goes on for front ends that ignore the payload (notebooks).
    assert value_of(kc, "1 + 1") == "2"


def test_a_line_magic_works_on_any_line(kc):
    ex = run_ok(kc, "let magicOnLineTwo = 1\n%who")
    assert re.search(r"^magicOnLineTwo\s+let magicOnLineTwo: Int$", ex.stdout, re.M), ex.stdout
    # Swift after the magic runs too, and its errors keep the cell's line numbers.
    ex = run_ok(kc, "let before = 2\n%who\nlet after = before + 1\nafter")
    assert ex.result == "3", ex.describe()
    assert "before" in ex.stdout
    bad = execute(kc, "let fine = 1\n%who\nlet broken: Int = \"text\"")
    assert bad.ename == "CompileError", bad.describe()
    count = bad.content["execution_count"]
    assert any(line.startswith(f"Cell In[{count}]:3:") for line in bad.content["traceback"]), bad.content["traceback"]


def test_time_on_a_later_line_times_the_rest(kc):
    ex = run_ok(kc, "let timedBase = 40\n%time timedBase + 2")
    assert ex.result == "42", ex.describe()
    assert "compile:" in ex.stdout and "run:" in ex.stdout, ex.stdout


def test_a_cell_magic_below_the_first_line_is_named(kc):
    ex = execute(kc, "let a = 1\n%%time\na")
    assert ex.ename == "MagicError", ex.describe()
    assert "%%time" in ex.evalue and "first line" in ex.evalue, ex.evalue
