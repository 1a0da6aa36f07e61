// swift-tools-version:6.0
//
// swift-margin: a Jupyter kernel for large-margin deep learning experiments.
// Dependency direction (an arrow means "imports"; no cycles):
//   MarginKit -> Margins -> Models -> Tensors -> COpenBLASLoader
//   MarginKit -> Datasets -> Tensors
//   JupyterWire -> CZeroMQ, Crypto (the Jupyter wire protocol; knows nothing of Swift cells)
import PackageDescription

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
    ],
    targets: [
        // C: finds the CPU's features, chooses OpenBLAS's kernels, and loads OpenBLAS with dlopen.
        .target(name: "COpenBLASLoader", linkerSettings: [.linkedLibrary("dl")]),
        .target(
            name: "Tensors",
            dependencies: ["COpenBLASLoader", .product(name: "RealModule", package: "swift-numerics")]),
        .target(name: "Models", dependencies: ["Tensors"]),
        .target(name: "Datasets", dependencies: ["Tensors"]),
        .target(name: "Margins", dependencies: ["Tensors", "Models"]),
        .target(name: "MarginKit", dependencies: ["Tensors", "Models", "Datasets", "Margins"]),
        .executableTarget(
            name: "swift-margin",
            dependencies: ["MarginKit", .product(name: "ArgumentParser", package: "swift-argument-parser")]),
        .executableTarget(
            name: "margin-bench",
            dependencies: ["MarginKit", "COpenBLASLoader"],
            path: "Benchmarks/margin-bench"),
        .target(name: "MarginTestSupport", dependencies: ["Tensors"]),
        .testTarget(name: "TensorsTests", dependencies: ["Tensors", "MarginTestSupport"]),
        .testTarget(name: "ModelsTests", dependencies: ["Models", "Datasets", "MarginTestSupport"]),
        .testTarget(name: "DatasetsTests", dependencies: ["Datasets", "MarginTestSupport"]),
        .testTarget(name: "MarginsTests", dependencies: ["Margins", "MarginTestSupport"]),
    ],
    swiftLanguageModes: [.v5]
)
