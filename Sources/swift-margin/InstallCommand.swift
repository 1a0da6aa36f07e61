import ArgumentParser
import Foundation

/// `swift-margin install`: registers the kernelspec so every Jupyter on the machine finds
/// this kernel (`jupyter kernelspec list` shows it).
struct InstallCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "install",
        abstract: "Register the swift-margin kernelspec for Jupyter (for this user by default).")

    @Option(help: "The kernelspec's name (the folder name Jupyter lists).")
    var name = "swift-margin"
    @Option(help: "The name front ends show.")
    var displayName = "Swift (margins)"
    @Option(help: "Install under PREFIX/share/jupyter/kernels (e.g. a virtualenv) instead of the user's Jupyter folder.")
    var prefix: String?
    @Option(help: "Extra arguments for the kernel command (e.g. -v), repeatable.")
    var kernelArgument: [String] = []

    func run() throws {
        let executable = SessionSetup.executablePath
        guard let template = Self.findKernelspecTemplate(from: executable) else {
            throw ValidationError("cannot find kernelspec/kernel.json.in above \(executable); run the swift-margin built inside the project")
        }
        let destination = Self.kernelsDirectory(prefix: prefix).appendingPathComponent(name)
        let fileManager = FileManager.default
        try fileManager.createDirectory(at: destination, withIntermediateDirectories: true)
        var text = try String(contentsOf: template.appendingPathComponent("kernel.json.in"), encoding: .utf8)
        let extra = kernelArgument.map { ", " + Self.jsonString($0) }.joined()
        text = text.replacingOccurrences(of: "@EXECUTABLE@", with: Self.jsonString(executable))
            .replacingOccurrences(of: "@DISPLAY_NAME@", with: Self.jsonString(displayName))
            .replacingOccurrences(of: "@EXTRA_ARGUMENTS@", with: extra)
        try text.write(to: destination.appendingPathComponent("kernel.json"), atomically: true, encoding: .utf8)
        for logo in ["logo-32x32.png", "logo-64x64.png"] {
            let target = destination.appendingPathComponent(logo)
            try? fileManager.removeItem(at: target)
            try fileManager.copyItem(at: template.appendingPathComponent(logo), to: target)
        }
        print("Installed kernelspec \(name) in \(destination.path)")
    }

    /// The user's (or the prefix's) Jupyter kernels folder, honouring JUPYTER_DATA_DIR.
    static func kernelsDirectory(prefix: String?) -> URL {
        if let prefix {
            return URL(fileURLWithPath: prefix).appendingPathComponent("share/jupyter/kernels")
        }
        let environment = ProcessInfo.processInfo.environment
        if let data = environment["JUPYTER_DATA_DIR"], !data.isEmpty {
            return URL(fileURLWithPath: data).appendingPathComponent("kernels")
        }
        let dataHome = environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".local/share").path
        return URL(fileURLWithPath: dataHome).appendingPathComponent("jupyter/kernels")
    }

    /// The project's kernelspec folder: the nearest ancestor of the executable with kernelspec/kernel.json.in.
    static func findKernelspecTemplate(from executable: String) -> URL? {
        var folder = URL(fileURLWithPath: executable).deletingLastPathComponent()
        while folder.path != "/" {
            let candidate = folder.appendingPathComponent("kernelspec")
            if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("kernel.json.in").path) {
                return candidate
            }
            folder = folder.deletingLastPathComponent()
        }
        return nil
    }

    private static func jsonString(_ text: String) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return String(decoding: try! encoder.encode(text), as: UTF8.self)
    }
}
