import Testing

@testable import Experiments

@Suite("A crashed run's message")
struct CrashMessageTests {
    @Test("the runtime's message, without the stack trace after it")
    func runtimeMessage() {
        let text = "Tensors/ShapeError.swift:36: Fatal error: shape mismatch\nCurrent stack trace:\n3 libCell4.so 0x00007f0a12345678 <unavailable> + 4660\n"
        #expect(ForkedRuns.crashMessage(in: text) == "Tensors/ShapeError.swift:36: Fatal error: shape mismatch")
    }

    @Test("without a message, the last lines other than a stack trace; none: empty")
    func noMessage() {
        let trace = "Current stack trace:\n3 libCell4.so 0x00007f0a12345678 <unavailable> + 4660\n"
        #expect(ForkedRuns.crashMessage(in: "loss 0.5\n" + trace) == "loss 0.5")
        #expect(ForkedRuns.crashMessage(in: trace) == "")
    }
}
