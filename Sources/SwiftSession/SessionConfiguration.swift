import Foundation
import ProcessSpawning

/// Everything the session needs to know about the machine: the compiler, where the modules
/// cells import live, how to start the executor, and what every cell imports.
public struct SessionConfiguration: Sendable {
    /// The Swift compiler driver (`swiftc`).
    public var compilerPath: String
    /// Compiler arguments that make the preloaded modules importable (`-I`, module maps).
    public var moduleSearchArguments: [String]
    /// Import lines put at the top of every cell, e.g. "import MarginKit".
    public var preloadedImports: [String]
    /// The command that starts an executor process, which must serve the executor protocol
    /// with its commands on descriptor 3 and its events on descriptor 4.
    public var executorCommand: [String]
    /// Extra environment for the executor.
    public var executorEnvironment: [String: String]
    /// How long a cell may go on after a first interrupt before it is stopped by force.
    public var interruptGracePeriod: Duration
    /// The most bytes of standard output and error a cell sends to the front end (nil: no
    /// limit); beyond it, output is dropped and counted, as a front end's rate limit would.
    public var outputLimit: Int64?
    /// Modules whose public API completion and inspection offer (the preloaded modules and
    /// those they re-export with `@_exported`).
    public var indexedModules: [String]
    /// Where the session keeps its cells' sources and libraries (a fresh folder per session
    /// is made inside it).
    public var scratchDirectory: URL

    /// A configuration with every field given.
    public init(
        compilerPath: String, moduleSearchArguments: [String], preloadedImports: [String],
        executorCommand: [String], executorEnvironment: [String: String] = [:],
        indexedModules: [String] = [],
        interruptGracePeriod: Duration = .seconds(2),
        outputLimit: Int64? = 4 << 20,
        scratchDirectory: URL = FileManager.default.temporaryDirectory
    ) {
        self.compilerPath = compilerPath
        self.moduleSearchArguments = moduleSearchArguments
        self.preloadedImports = preloadedImports
        self.executorCommand = executorCommand
        self.executorEnvironment = executorEnvironment
        self.indexedModules = indexedModules
        self.interruptGracePeriod = interruptGracePeriod
        self.outputLimit = outputLimit
        self.scratchDirectory = scratchDirectory
    }

    /// The compiler named by `SWIFTC`, else the first `swiftc` on `PATH`, else the one in
    /// /opt/swift/usr/bin or /usr/bin.
    public static func findCompiler() -> String? {
        let environment = ProcessInfo.processInfo.environment
        if let explicit = environment["SWIFTC"], FileManager.default.isExecutableFile(atPath: explicit) {
            return explicit
        }
        return findExecutable(named: "swiftc", fallbackFolders: ["/opt/swift/usr/bin", "/usr/bin"])
    }

    /// The arguments that let a cell import the modules of a SwiftPM build folder such as
    /// `.build/release`: its `Modules` folder, and the module maps of the C modules the
    /// Swift modules depend on (generated ones in `*.build/`, and `include` folders of the
    /// package's and its dependencies' C targets).
    public static func moduleSearchArguments(buildProducts: URL) -> [String] {
        let fileManager = FileManager.default
        var arguments = ["-I", buildProducts.appendingPathComponent("Modules").path]
        let products = (try? fileManager.contentsOfDirectory(atPath: buildProducts.path)) ?? []
        for entry in products.sorted() where entry.hasSuffix(".build") {
            let map = buildProducts.appendingPathComponent(entry).appendingPathComponent("module.modulemap")
            if fileManager.fileExists(atPath: map.path) {
                arguments += ["-Xcc", "-fmodule-map-file=\(map.path)"]
            }
        }
        // The scratch folder (.build) is the nearest ancestor holding `checkouts`; the package
        // root is its parent: C targets keep their module maps in Sources/*/include.
        var scratch = buildProducts.resolvingSymlinksInPath()
        for _ in 0..<3 where !fileManager.fileExists(atPath: scratch.appendingPathComponent("checkouts").path) {
            scratch = scratch.deletingLastPathComponent()
        }
        let checkouts = scratch.appendingPathComponent("checkouts")
        let sourceRoots = [scratch.deletingLastPathComponent().appendingPathComponent("Sources")]
            + ((try? fileManager.contentsOfDirectory(atPath: checkouts.path)) ?? [])
                .sorted().map { checkouts.appendingPathComponent($0).appendingPathComponent("Sources") }
        for root in sourceRoots {
            for target in ((try? fileManager.contentsOfDirectory(atPath: root.path)) ?? []).sorted() {
                let include = root.appendingPathComponent(target).appendingPathComponent("include")
                if fileManager.fileExists(atPath: include.appendingPathComponent("module.modulemap").path) {
                    arguments += ["-Xcc", "-I\(include.path)"]
                }
            }
        }
        return arguments
    }
}
