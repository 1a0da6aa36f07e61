import Datasets
import Foundation
import Plotting
import Tensors

/// Reading image files just enough to check what gnuplot wrote.
enum ImageBytes {
    static let pngSignature: [UInt8] = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]

    /// Whether `data` starts with the PNG signature.
    static func isPNG(_ data: Data) -> Bool { Array(data.prefix(8)) == pngSignature }

    /// The width and height in the PNG's IHDR chunk (the first chunk, after the signature).
    static func pngSize(_ data: Data) -> (width: Int, height: Int)? {
        let bytes = Array(data.prefix(24))
        guard bytes.count == 24, isPNG(data), Array(bytes[12..<16]) == Array("IHDR".utf8) else { return nil }
        func bigEndian(_ range: Range<Int>) -> Int { bytes[range].reduce(0) { $0 << 8 | Int($1) } }
        return (bigEndian(16..<20), bigEndian(20..<24))
    }
}

/// Small classifiers and data sets with known answers.
enum PlottingFixtures {
    /// Logits [x, -x]: class 0 right of the line x = 0, class 1 left of it; every point's
    /// l2 distance to the boundary is |x|.
    static func splitAtXZero(_ points: Tensor<Float>) -> Tensor<Float> {
        matmul(points, Tensor<Float>([[1, -1], [0, 0]]))
    }

    /// Logits [x, y, -x - y] for three classes.
    static func threeClasses(_ points: Tensor<Float>) -> Tensor<Float> {
        matmul(points, Tensor<Float>([[1, 0, -1], [0, 1, -1]]))
    }

    /// Points with labels of `splitAtXZero` (label 0 where x > 0).
    static func dataset(_ points: [(Float, Float)]) throws -> Dataset<Float> {
        try Dataset(
            inputs: Tensor(shape: [points.count, 2], scalars: points.flatMap { [$0.0, $0.1] }),
            labels: points.map { $0.0 > 0 ? 0 : 1 }, classCount: 2)
    }

    /// A fresh temporary directory for files a test writes.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("plotting-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
