import ArgumentParser

/// The `swift-margin` command: the project's one executable.
@main
struct SwiftMargin: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "swift-margin",
        abstract: "Large-margin deep learning experiments in Swift.",
        subcommands: [
            KernelCommand.self, InstallCommand.self, RunCommand.self, SweepCommand.self, ToyExperiment.self, ExecutorCommand.self,
        ])
}
