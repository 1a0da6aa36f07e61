import ArgumentParser
import CellRuntime
import Models
import Widgets

/// `swift-margin executor`: the process that holds a session's state and runs its cells
/// (the kernel starts it; people do not).
struct ExecutorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "executor",
        abstract: "Serve a Swift session's cells over two pipes (started by the kernel).",
        shouldDisplay: false)

    @Option(help: "The descriptor commands arrive on.")
    var commandFd: Int32 = 3
    @Option(help: "The descriptor events are written to.")
    var eventFd: Int32 = 4

    func run() throws {
        // The widgets' control comm, which a front end opens (a page reload) before any widget exists.
        Widgets.register()
        ExecutorLoop.run(
            commandDescriptor: commandFd, eventDescriptor: eventFd,
            beforeEachCell: { TrainingStop.clear() },
            onInterrupt: { TrainingStop.requestFromInterrupt() })
    }
}
