import Foundation
import SwiftSession

/// Where this executable lives and what a session built from it needs: the compiler, the
/// module folder of the build that produced this executable, and the executor command.
enum SessionSetup {
    /// This executable's real path (symbolic links resolved).
    static var executablePath: String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.path
    }

    /// The modules every cell imports.
    static let preloadedImports = ["import CellRuntime", "import NotebookDisplay", "import MarginKit"]

    /// The session configuration for cells that import this build's modules.
    static func configuration() throws -> SessionConfiguration {
        guard let compiler = SessionConfiguration.findCompiler() else {
            throw SessionSetupFailure("no Swift compiler found: put swiftc on PATH or set SWIFTC to its path")
        }
        let buildProducts = URL(fileURLWithPath: executablePath).deletingLastPathComponent()
        guard FileManager.default.fileExists(atPath: buildProducts.appendingPathComponent("Modules/MarginKit.swiftmodule").path) else {
            throw SessionSetupFailure("the project's modules are not next to \(executablePath) (expected \(buildProducts.path)/Modules): run this executable from its SwiftPM build folder")
        }
        return SessionConfiguration(
            compilerPath: compiler,
            moduleSearchArguments: SessionConfiguration.moduleSearchArguments(buildProducts: buildProducts),
            preloadedImports: preloadedImports,
            executorCommand: [executablePath, "executor", "--command-fd", "3", "--event-fd", "4"],
            indexedModules: [
                "CellRuntime", "NotebookDisplay", "Tensors", "Models", "Datasets", "Margins", "Attacks", "Plotting", "Experiments", "MarginFigures",
                "SeedStatistics", "Widgets",
            ])
    }
}

/// The kernel could not be set up; the message says why and what to do.
struct SessionSetupFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
