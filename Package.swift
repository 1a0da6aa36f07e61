// swift-tools-version:6.0
//
// swift-margin: a Jupyter kernel for large-margin deep learning experiments.
// Dependency direction (an arrow means "imports"; no cycles):
//   MarginKit -> {Margins, Attacks} -> Models -> Tensors -> {COpenBLASLoader, CScatterRows, CFloatEnvironment}
//   MarginKit -> Datasets -> {Tensors, CZlib} (CZlib: zlib's inflate, for the gzipped IDX files)
//   MarginKit -> Plotting -> {Tensors, NotebookDisplay, ProcessSpawning} (gnuplot figures, rich display of tensors)
//   MarginKit -> Experiments -> {Margins, Attacks, Datasets, ProcessSpawning, CProcessControl} (models over seeds, tuned on
//                validation, summaries, paired comparisons, claims, results files)
//   MarginKit -> MarginFigures -> {Plotting, Margins, Attacks, Datasets, Experiments} (the figures and
//                tables of what the library computes: decision boundaries, margins, curves, progress)
//   JupyterWire -> Digests, DynamicJSON (the Jupyter wire protocol; knows nothing of Swift cells or sockets)
//   {JupyterWire, NotebookRunner, Sweeps} -> DynamicJSON (JSONValue: JSON of any shape; JupyterWire re-exports it)
//   Digests -> COpenSSLHashing (SHA-256 and HMAC-SHA256 from the system's OpenSSL)
//   JupyterKernel -> JupyterWire (the kernel's protocol logic, behind a language-neutral backend and
//                    a KernelTransport; no ZeroMQ)
//   KernelZeroMQ -> {JupyterKernel, JupyterWire, CZeroMQ} (the transport over ZeroMQ sockets; the heartbeat)
//   KernelTestSupport -> {JupyterKernel, JupyterWire} (a scripted backend and a test client, for the kernel's tests)
//   CellSyntax -> SwiftSyntax, SwiftParser (cells parsed, split and rewritten into library sources;
//                the toolchain's own libraries where it has them, see toolchainSyntaxFolder)
//   SwiftSession -> CellSyntax (compiles cells and runs them in an executor process)
//   {SwiftSession, Plotting, Experiments, CellRuntime, Sweeps} -> ProcessSpawning -> CProcessControl (the one place
//                that runs child processes: spawn, drain pipes with a deadline, wait, kill, PATH lookup)
//   NotebookDisplay -> DynamicJSON (MIME bundles, display() and comm events; knows nothing of Jupyter)
//   MarginKit -> Widgets -> {NotebookDisplay, DynamicJSON} (Jupyter widgets over CommRouter's comms: sliders, dropdowns,
//                buttons, images, outputs, boxes, interact; the control comm and the notebook's saved widget state)
//   CellRuntime -> ExecutorLink, NotebookDisplay, CCellTrapTrace, ProcessSpawning (linked into the executor; generated cells call it)
//   SwiftSession -> ExecutorLink -> NotebookDisplay (the pipe protocol between session and executor; displays travel as DisplayBundle)
//   NotebookRunner -> SwiftSession (headless notebook runs: nbformat in, outputs out)
//   Sweeps -> ProcessSpawning, Digests, NotebookDisplay (a notebook over a grid of parameters: runs, records, results tables;
//             knows nothing of margins or Jupyter)
//   swift-margin -> JupyterKernel, KernelZeroMQ, SwiftSession, NotebookRunner, CellRuntime, MarginKit, Sweeps (the glue)
import Foundation
import PackageDescription

/// The toolchain's own swift-syntax: Swift toolchains ship SwiftSyntax and SwiftParser as shared
/// libraries with their module interfaces in usr/lib/swift/host (the compiler's macro support
/// uses them). Using them saves building swift-syntax from source, most of a first build. The
/// folder is the one beside the `swiftc` on PATH; without it (or with
/// SWIFT_MARGIN_SWIFT_SYNTAX=package) swift-syntax is built from its package, as before.
let toolchainSyntaxFolder: String? = {
    let environment = ProcessInfo.processInfo.environment
    if environment["SWIFT_MARGIN_SWIFT_SYNTAX"] == "package" { return nil }
    for folder in (environment["PATH"] ?? "").split(separator: ":") {
        let compiler = URL(fileURLWithPath: String(folder)).appendingPathComponent("swiftc")
        guard FileManager.default.isExecutableFile(atPath: compiler.path) else { continue }
        let host = compiler.resolvingSymlinksInPath().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("lib/swift/host")
        let found = ["SwiftSyntax", "SwiftParser"].allSatisfy {
            FileManager.default.fileExists(atPath: host.appendingPathComponent("\($0).swiftmodule").path)
                && FileManager.default.fileExists(atPath: host.appendingPathComponent("lib\($0).so").path)
        }
        return found ? host.path : nil
    }
    return nil
}()

/// What a target that imports swift-syntax, or a module built on it, needs to find its modules.
let syntaxModuleSettings: [SwiftSetting] = toolchainSyntaxFolder.map { [.unsafeFlags(["-I", $0])] } ?? []
/// CellSyntax's dependencies on swift-syntax: the toolchain's libraries, or the package's products.
let syntaxDependencies: [Target.Dependency] = toolchainSyntaxFolder == nil
    ? [.product(name: "SwiftSyntax", package: "swift-syntax"), .product(name: "SwiftParser", package: "swift-syntax")]
    : []
let syntaxLinkerSettings: [LinkerSetting] = toolchainSyntaxFolder.map { folder in
    [.unsafeFlags(["-L", folder, "-Xlinker", "-rpath", "-Xlinker", folder]),
     .linkedLibrary("SwiftSyntax"), .linkedLibrary("SwiftParser")]
} ?? []

let package = Package(
    name: "swift-margin",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "MarginKit", targets: ["MarginKit"]),
        .executable(name: "swift-margin", targets: ["swift-margin"]),
        .executable(name: "margin-bench", targets: ["margin-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-numerics", from: "1.1.1"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ] + (toolchainSyntaxFolder == nil ? [.package(url: "https://github.com/swiftlang/swift-syntax", from: "603.0.1")] : []),
    targets: [
        // C: finds the CPU's features, chooses OpenBLAS's kernels, and loads OpenBLAS with dlopen.
        .target(name: "COpenBLASLoader", linkerSettings: [.linkedLibrary("dl")]),
        // C: the sparse row accumulation of the seeds' pass back through a max-pooled convolution,
        // compiled for AVX-512, AVX2 and the baseline and chosen at load time (Swift cannot).
        .target(name: "CScatterRows"),
        // C: the threads' flush-to-zero of subnormal floats (MXCSR / FPCR), which Swift cannot set.
        .target(name: "CFloatEnvironment"),
        .target(
            name: "Tensors",
            dependencies: [
                "COpenBLASLoader", "CScatterRows", "CFloatEnvironment", .product(name: "RealModule", package: "swift-numerics"),
            ],
            exclude: ["README.md"]),
        .target(name: "Models", dependencies: ["Tensors"], exclude: ["README.md"]),
        // C: the zlib headers and link flag (Debian's zlib1g-dev), for Datasets' gzipped IDX files. The module
        // map sits in include/, where a notebook cell's compiler finds it (Datasets' clients load CZlib).
        .systemLibrary(name: "CZlib", path: "Sources/CZlib/include", providers: [.apt(["zlib1g-dev"])]),
        .target(name: "Datasets", dependencies: ["Tensors", "CZlib"], exclude: ["README.md"]),
        .target(name: "Margins", dependencies: ["Tensors", "Models"]),
        .target(name: "Attacks", dependencies: ["Tensors", "Models"], exclude: ["README.md"]),
        .target(name: "Plotting", dependencies: ["Tensors", "NotebookDisplay", "ProcessSpawning"], exclude: ["README.md"]),
        .target(name: "SeedStatistics", exclude: ["README.md"]),
        .target(
            name: "Experiments",
            dependencies: [
                "Tensors", "Models", "Datasets", "Margins", "Attacks", "NotebookDisplay", "CProcessControl", "ProcessSpawning", "SeedStatistics",
            ],
            exclude: ["README.md"]),
        // The figures of what the library computes: decision boundaries with margins, training
        // and robustness curves, tables of histories and robustness, the margin distribution.
        .target(
            name: "MarginFigures",
            dependencies: ["Plotting", "Tensors", "Models", "Datasets", "Margins", "Attacks", "Experiments", "NotebookDisplay"],
            exclude: ["README.md"]),
        .target(name: "MarginKit", dependencies: ["Tensors", "Models", "Datasets", "Margins", "Attacks", "Plotting", "Experiments", "MarginFigures", "Widgets"]),
        // The executable is linked with --export-dynamic: cell libraries, loaded with dlopen,
        // resolve the project's modules (MarginKit, CellRuntime) against it.
        .executableTarget(
            name: "swift-margin",
            dependencies: [
                "MarginKit", "Widgets", "JupyterKernel", "KernelZeroMQ", "SwiftSession", "NotebookRunner", "CellRuntime", "NotebookDisplay", "Sweeps",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: syntaxModuleSettings,
            linkerSettings: [.unsafeFlags(["-Xlinker", "--export-dynamic"])]),
        .executableTarget(
            name: "margin-bench",
            dependencies: ["MarginKit", "COpenBLASLoader"],
            path: "Benchmarks/margin-bench"),
        // C: the ZeroMQ headers and link flag (Debian's libzmq3-dev).
        .systemLibrary(name: "CZeroMQ", providers: [.apt(["libzmq3-dev"])]),
        // C: SHA-256 and HMAC-SHA256 through the system's OpenSSL 3 (Debian's libssl-dev).
        .target(name: "COpenSSLHashing", linkerSettings: [.linkedLibrary("crypto")]),
        .target(name: "Digests", dependencies: ["COpenSSLHashing"]),
        .target(name: "DynamicJSON", exclude: ["README.md"]),
        .target(
            name: "JupyterWire", dependencies: ["Digests", "DynamicJSON"],
            exclude: ["README.md"]),
        .target(name: "JupyterKernel", dependencies: ["JupyterWire"], exclude: ["README.md"]),
        .target(name: "KernelZeroMQ", dependencies: ["CZeroMQ", "JupyterWire", "JupyterKernel"], exclude: ["README.md"]),
        // A scripted backend, a client and a running kernel for JupyterKernelTests and KernelZeroMQTests.
        .target(name: "KernelTestSupport", dependencies: ["JupyterKernel", "JupyterWire"]),
        .target(
            name: "CellSyntax", dependencies: syntaxDependencies, exclude: ["README.md"],
            swiftSettings: syntaxModuleSettings, linkerSettings: syntaxLinkerSettings),
        .target(name: "ExecutorLink", dependencies: ["NotebookDisplay"], exclude: ["README.md"]),
        .target(name: "NotebookDisplay", dependencies: ["DynamicJSON"], exclude: ["README.md"]),
        .target(name: "Widgets", dependencies: ["NotebookDisplay", "DynamicJSON"], exclude: ["README.md"]),
        .target(
            name: "CellRuntime", dependencies: ["ExecutorLink", "NotebookDisplay", "CCellTrapTrace", "ProcessSpawning"],
            exclude: ["README.md"]),
        // C: a trap's stack frames in cell libraries, written by a signal handler (backtrace, dladdr).
        .target(name: "CCellTrapTrace", linkerSettings: [.linkedLibrary("dl")]),
        // C: prctl and pipe2, which Swift's Glibc module does not offer.
        .target(name: "CProcessControl"),
        // Child processes: posix_spawn with descriptor maps and signal options, pipes drained with a deadline,
        // waiting and killing, PATH lookup.
        .target(name: "ProcessSpawning", dependencies: ["CProcessControl"], exclude: ["README.md"]),
        .target(
            name: "SwiftSession", dependencies: ["CellSyntax", "ExecutorLink", "NotebookDisplay", "DynamicJSON", "CProcessControl", "ProcessSpawning"],
            exclude: ["README.md"], swiftSettings: syntaxModuleSettings),
        .target(name: "NotebookRunner", dependencies: ["SwiftSession", "CellSyntax", "NotebookDisplay", "DynamicJSON"], swiftSettings: syntaxModuleSettings),
        .target(
            name: "Sweeps", dependencies: ["ProcessSpawning", "SeedStatistics", "Digests", "NotebookDisplay", "DynamicJSON"],
            exclude: ["README.md"]),
        .target(name: "MarginTestSupport", dependencies: ["Tensors"]),
        .testTarget(name: "TensorsTests", dependencies: ["Tensors", "MarginTestSupport"]),
        .testTarget(name: "ModelsTests", dependencies: ["Models", "Datasets", "MarginTestSupport"]),
        .testTarget(name: "DatasetsTests", dependencies: ["Datasets", "MarginTestSupport"]),
        .testTarget(name: "MarginsTests", dependencies: ["Margins", "MarginTestSupport"]),
        .testTarget(name: "AttacksTests", dependencies: ["Attacks", "Datasets", "MarginTestSupport"]),
        .testTarget(name: "DynamicJSONTests", dependencies: ["DynamicJSON"]),
        .testTarget(name: "JupyterWireTests", dependencies: ["JupyterWire"]),
        .testTarget(name: "JupyterKernelTests", dependencies: ["JupyterKernel", "JupyterWire", "KernelTestSupport"]),
        .testTarget(
            name: "KernelZeroMQTests", dependencies: ["KernelZeroMQ", "JupyterKernel", "JupyterWire", "KernelTestSupport"]),
        .testTarget(name: "CellSyntaxTests", dependencies: ["CellSyntax"], swiftSettings: syntaxModuleSettings),
        .testTarget(name: "SwiftSessionTests", dependencies: ["SwiftSession"], swiftSettings: syntaxModuleSettings),
        .testTarget(
            name: "NotebookRunnerTests", dependencies: ["NotebookRunner", "SwiftSession", "NotebookDisplay", "DynamicJSON"],
            swiftSettings: syntaxModuleSettings),
        .testTarget(name: "ProcessSpawningTests", dependencies: ["ProcessSpawning"]),
        .testTarget(name: "SeedStatisticsTests", dependencies: ["SeedStatistics"]),
        .testTarget(name: "ExperimentsTests", dependencies: ["Experiments", "Datasets", "Models", "Margins", "Attacks", "Tensors", "MarginTestSupport"]),
        .testTarget(name: "SweepsTests", dependencies: ["Sweeps"]),
        .testTarget(name: "NotebookDisplayTests", dependencies: ["NotebookDisplay"]),
        .testTarget(name: "WidgetsTests", dependencies: ["Widgets", "NotebookDisplay", "DynamicJSON"]),
        .testTarget(name: "DigestsTests", dependencies: ["Digests"]),
        .testTarget(name: "PlottingTests", dependencies: ["Plotting", "MarginFigures", "Datasets", "Models", "MarginTestSupport"]),
    ],
    swiftLanguageModes: [.v5]
)
