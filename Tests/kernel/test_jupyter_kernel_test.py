"""The standard conformance suite, jupyter_kernel_test, with every sample this kernel supports.
(There is no pager: code_page_something is left out.)"""

import jupyter_kernel_test

import kernel_helpers as kh


class SwiftKernelTests(jupyter_kernel_test.KernelTests):
    kernel_name = kh.KERNEL_NAME
    language_name = "swift"
    file_extension = ".swift"

    @classmethod
    def setUpClass(cls):
        kh.install_kernelspec()
        super().setUpClass()

    code_hello_world = 'print("hello, world")'

    code_stderr = 'import Foundation\nFileHandle.standardError.write("error\\n".data(using: .utf8)!)'

    # Answered by sourcekit-lsp: members of standard-library types and names declared in
    # the code being completed, beside the project's names.
    completion_samples = [
        {"text": "fatalErr", "matches": ["fatalError"]},
        {"text": "Double(2).squareR", "matches": ["squareRoot"]},
        {"text": "let zebraQuagga = 3\nzebraQ", "matches": ["zebraQuagga"]},
        {"text": "[1, 2, 3].revers", "matches": ["reverse", "reversed"]},
        {"text": "Tens"},
        {"text": "pri"},
    ]

    complete_code_samples = ["let x = 1", "print(1)", "func f() -> Int { 1 }", "struct S {}\nS()"]
    incomplete_code_samples = ["func f() {", "let a = [1,", "struct S {\n    var a = 1", 'print("a",']
    invalid_code_samples = ["let = 5", "}"]

    code_generate_error = 'let broken: Int = "not an int"'

    code_execute_result = [
        {"code": "6 * 7", "result": "42"},
        {"code": '"abc"', "result": '"abc"'},
        {"code": "Tensor<Float>([1, 2, 3]).sum().scalar", "result": "6.0"},
        {"code": "[1, 2, 3].map { $0 * 2 }", "result": "[2, 4, 6]"},
    ]

    code_display_data = [
        {"code": "display(42)", "mime": "text/plain"},
        {"code": 'display(DisplayBundle(plainText: "x", ["text/html": "<b>x</b>"]))', "mime": "text/html"},
    ]

    # Matches "6 * 7" only (history search is a glob over the whole input).
    code_history_pattern = "6 ? 7"
    supported_history_operations = ("tail", "range", "search")

    code_inspect_sample = "print"

    code_clear_output = "clearOutput()"
